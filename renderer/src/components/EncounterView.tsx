import { useAppStore, type EncounterTab } from '../store/app';
import { useEncounters } from '../store/encounters';
import { useHints } from '../store/hints';
import { DraftPanel } from './DraftPanel';
import { StatusChip } from './EncounterList';
import { HintsPanel } from './HintsPanel';
import { saveConsent } from '../lib/persist';
import { TranscriptPanel } from './TranscriptPanel';

const TABS: { id: EncounterTab; label: string }[] = [
  { id: 'transcript', label: 'Transcript' },
  { id: 'note', label: 'Note' },
  { id: 'hints', label: 'Hints' },
];

export function EncounterView() {
  const { activeId, items, close, confirmConsent } = useEncounters();
  const { tab, setTab, expanded, go } = useAppStore();
  const hintSet = useHints((s) => (activeId ? s.byId[activeId] : undefined));
  const enc = items.find((e) => e.id === activeId);
  if (!enc) {
    return (
      <p role="alert">
        This encounter is no longer open.{' '}
        <button type="button" className="link" onClick={() => go('encounters')}>
          Back to today’s encounters
        </button>
      </p>
    );
  }
  const openHints = (hintSet?.items ?? []).filter((h) => !hintSet?.decisions[h.id]).length;

  const panes: Record<EncounterTab, React.ReactNode> = {
    transcript: <TranscriptPanel encounterId={enc.id} />,
    note: <DraftPanel encounterId={enc.id} />,
    hints: <HintsPanel encounterId={enc.id} />,
  };

  return (
    <div className="stack">
      <div className="row spread encounter-head">
        <button
          type="button"
          className="link"
          onClick={() => {
            close();
            go('encounters');
          }}
        >
          ← Encounters
        </button>
        <StatusChip status={enc.status} encounterId={enc.id} />
      </div>
      <div className="row spread wrap">
        <h2 className="encounter-title">
          {enc.label}
          {enc.mrn && <span className="muted small"> · MRN {enc.mrn}</span>}
        </h2>
        {enc.consent ? (
          <span className="chip chip-ok" title={enc.consentAt ? `Confirmed ${enc.consentAt}` : undefined}>
            Consent to record confirmed
          </span>
        ) : (
          <button
            type="button"
            className="small-button"
            onClick={() => {
              confirmConsent(enc.id);
              void saveConsent(enc.id);
            }}
          >
            Confirm consent to record
          </button>
        )}
      </div>
      {enc.loadError && (
        <p role="alert" className="error small">
          {enc.loadError}
        </p>
      )}
      {enc.saveError && (
        <p role="alert" className="error small">
          {enc.saveError}
        </p>
      )}
      {expanded ? (
        <div className="columns">
          <div className="column">{panes.transcript}</div>
          <div className="column wide">{panes.note}</div>
          <div className="column">{panes.hints}</div>
        </div>
      ) : (
        <>
          <div role="tablist" aria-label="Encounter views" className="tabs">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`pane-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={(e) => {
                  const i = TABS.findIndex((x) => x.id === tab);
                  const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (!d) return;
                  const next = TABS[(i + d + TABS.length) % TABS.length]!;
                  setTab(next.id);
                  document.getElementById(`tab-${next.id}`)?.focus();
                }}
              >
                {t.label}
                {t.id === 'hints' && openHints > 0 && <span className="count"> {openHints}</span>}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`pane-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
            {panes[tab]}
          </div>
        </>
      )}
    </div>
  );
}
