// @vitest-environment jsdom
/**
 * Issue 17, the path from opening Bedside to a draft: first run offers setting up the store first (working without
 * one says nothing is kept); a visit starts in one step (patient — typed or the EHR's open patient — and consent on
 * one screen, Start recording needs the consent); focus moves on after each step; changing the template applies it;
 * the default template from Settings drafts a new visit's note.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ehrStatus, fakeApi, settingsInfo } from './fake-api';
import { draft, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { LockScreen } = await import('../../../renderer/src/components/LockScreen');
const { EncounterList } = await import('../../../renderer/src/components/EncounterList');
const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { DefaultTemplateSetting } = await import('../../../renderer/src/components/DefaultTemplateSetting');
const { SettingsIndex, SETTINGS_SECTIONS } = await import('../../../renderer/src/components/SettingsIndex');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useHints } = await import('../../../renderer/src/store/hints');
const { useRecorder, setCaptureBackend } = await import('../../../renderer/src/store/recorder');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { focusSoon } = await import('../../../renderer/src/lib/focus');
const { RecordingPanel } = await import('../../../renderer/src/components/RecordingPanel');

const storeStatus = (over: Record<string, unknown>) => ({
  unlocked: false,
  databaseId: null,
  schemaVersion: null,
  encounters: null,
  interruptedRecordings: null,
  exists: true,
  keychain: false,
  ...over,
});

const handle = { pause: vi.fn(async () => {}), resume: vi.fn(async () => {}), stop: vi.fn(async () => {}) };
const backend = { listDevices: vi.fn(async () => []), open: vi.fn(async () => handle) };

beforeEach(() => {
  setCaptureBackend(backend);
  useAppStore.setState({
    status: 'ready',
    screen: 'encounters',
    locked: false,
    lockReason: 'auto',
    unlockError: null,
    storeUnlocked: false,
    storeExists: null,
    settings: null,
    expanded: false,
    tab: 'transcript',
  });
  useEncounters.setState({ items: [], query: '', activeId: null });
  useRecorder.setState({ status: 'idle', encounterId: null, sessionId: null, error: null });
  useHints.setState({ byId: {}, contexts: {} });
  fakeApi['transcribe.live.start'].mockClear();
  fakeApi['note.draft'].mockReset();
  fakeApi['ehr.status'].mockImplementation(async () => ehrStatus(false));
});
afterEach(() => {
  cleanup();
  fakeApi['store.status'].mockImplementation(async () => ({}));
});

describe('first run', () => {
  it('opens at setting up the store; working without one is the other, clearly labelled choice', async () => {
    fakeApi['app.info'].mockResolvedValue({ version: '0.0.0' });
    fakeApi['store.status'].mockResolvedValue(storeStatus({ exists: false }));
    await useAppStore.getState().load();
    expect(useAppStore.getState()).toMatchObject({ locked: true, lockReason: 'first-run', storeExists: false });

    render(<LockScreen />);
    await screen.findByRole('heading', { name: 'Set up the encrypted store' });
    // The main path has the keyboard: the passphrase field.
    expect(document.activeElement).toBe(screen.getByLabelText('Passphrase'));
    expect(screen.getByRole('button', { name: 'Create the store' }).className).toContain('primary');
    const other = screen.getByRole('region', { name: 'Or work without a store' });
    expect(other.textContent).toMatch(/Nothing will be kept\./);
    const without = within(other).getByRole('button', { name: 'Continue without saving' });
    expect(without.className).not.toContain('primary');
    expect(document.getElementById(without.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /gone when Bedside closes/,
    );
    expect(screen.queryByRole('button', { name: 'Not now' })).toBeNull();
    fireEvent.click(without);
    expect(useAppStore.getState().locked).toBe(false);
  });

  it('a locked store still opens at its unlock screen, and "Set up the store" from the list offers Not now only', async () => {
    fakeApi['store.status'].mockResolvedValue(storeStatus({ exists: true }));
    await useAppStore.getState().load();
    expect(useAppStore.getState()).toMatchObject({ locked: true, lockReason: 'auto' });

    useAppStore.setState({ locked: true, lockReason: 'open', storeExists: false });
    fakeApi['store.status'].mockResolvedValue(storeStatus({ exists: false }));
    render(<LockScreen />);
    await screen.findByRole('heading', { name: 'Set up the encrypted store' });
    expect(screen.queryByRole('button', { name: 'Continue without saving' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Not now' })).toBeTruthy();
  });

  it('a window working without a store that the desktop shell locked is not a dead end', async () => {
    useAppStore.setState({ storeExists: false });
    fakeApi['store.status'].mockResolvedValue(storeStatus({ exists: false }));
    useAppStore.getState().lock(); // the shell's lock command (idle, screen lock, tray)
    render(<LockScreen />);
    await screen.findByRole('heading', { name: 'Set up the encrypted store' });
    fireEvent.click(screen.getByRole('button', { name: 'Continue without saving' }));
    expect(useAppStore.getState().locked).toBe(false);

    // A store's own lock needs its passphrase: no way around it.
    cleanup();
    useAppStore.setState({ storeExists: true });
    fakeApi['store.status'].mockResolvedValue(storeStatus({ exists: true }));
    useAppStore.getState().lock();
    render(<LockScreen />);
    await screen.findByRole('heading', { name: 'Bedside is locked' });
    expect(screen.queryByRole('button', { name: 'Continue without saving' })).toBeNull();
    useAppStore.getState().cancelUnlock();
    expect(useAppStore.getState().locked).toBe(true);
  });
});

describe('starting a visit in one step', () => {
  it('New encounter puts the keyboard in the form; Cancel (or Escape) gives it back to New encounter', async () => {
    render(<EncounterList />);
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Patient label (optional)'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New encounter' })));
    // Escape cancels too.
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    fireEvent.keyDown(screen.getByLabelText('Patient label (optional)'), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'New encounter' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New encounter' })));
  });

  it('Start recording needs the consent box: refused in words with focus on it, then records at once', async () => {
    render(<EncounterList />);
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    fireEvent.change(screen.getByLabelText('Patient label (optional)'), { target: { value: 'Bed 7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    const consent = screen.getByLabelText('The patient agreed to this visit being recorded');
    expect(screen.getByRole('alert').textContent).toBe(
      'Recording needs the patient’s consent: tick the box above first.',
    );
    expect(consent.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(consent);
    expect(useEncounters.getState().items).toHaveLength(0);

    fireEvent.click(consent);
    expect(screen.queryByRole('alert')).toBeNull();
    // Enter in the form (its submit button) starts recording.
    fireEvent.submit(screen.getByRole('form', { name: 'New encounter' }));
    const [e] = useEncounters.getState().items;
    expect(e).toMatchObject({ label: 'Bed 7', consent: true });
    expect(useAppStore.getState()).toMatchObject({ screen: 'encounter', tab: 'transcript' });
    await waitFor(() => expect(useRecorder.getState()).toMatchObject({ status: 'recording', encounterId: e!.id }));
    expect(fakeApi['transcribe.live.start']).toHaveBeenCalledTimes(1);
  });

  it('Start encounter (to paste or import) opens the visit without recording; consent stays as ticked', () => {
    render(<EncounterList />);
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
    expect(useEncounters.getState().items[0]).toMatchObject({ consent: false });
    expect(useRecorder.getState().status).toBe('idle');
    expect(fakeApi['transcribe.live.start']).not.toHaveBeenCalled();
  });

  it('launched from the EHR: the open patient fills the label and their context goes to the visit’s hints', async () => {
    useAppStore.setState({ storeUnlocked: true });
    const context = { allergies: [{ substance: 'penicillin' }], medications: [], conditions: [] };
    fakeApi['ehr.status'].mockImplementation(async () => ({ ...ehrStatus(true), patient: 'p1' }));
    fakeApi['ehr.context'].mockResolvedValueOnce({
      patient: { id: 'p1', name: 'Ana Lopez', birthDate: '1960-04-02', gender: 'female' },
      context,
      observations: [],
      counts: {},
      fetchedAt: '2026-01-01T00:00:00Z',
    });
    render(<EncounterList />);
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    const label = screen.getByLabelText('Patient label (optional)') as HTMLInputElement;
    await waitFor(() => expect(label.value).toBe('Ana Lopez'));
    expect(screen.getByTestId('ehr-patient').textContent).toMatch(/Ana Lopez, born 1960-04-02/);
    expect(fakeApi['ehr.context']).toHaveBeenLastCalledWith({});
    fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
    const [e] = useEncounters.getState().items;
    expect(e!.label).toBe('Ana Lopez');
    expect(useHints.getState().contexts[e!.id]).toEqual(context);
  });
});

describe('focus moves on', () => {
  it('waits for the target to appear, and never takes focus back from something focused meanwhile', async () => {
    const later = document.createElement('button');
    later.dataset.focus = 'note-heading';
    const p = focusSoon('note-heading', 1000);
    setTimeout(() => document.body.append(later), 30);
    expect(await p).toBe(later);
    expect(document.activeElement).toBe(later);

    const other = document.createElement('input');
    document.body.append(other);
    const q = focusSoon('paste-transcript', 1000);
    other.focus();
    const target = document.createElement('textarea');
    target.dataset.focus = 'paste-transcript';
    document.body.append(target);
    expect(await q).toBeNull();
    expect(document.activeElement).toBe(other);
    expect(await focusSoon('stop-recording', 50)).toBeNull(); // never appeared
    for (const el of [later, other, target]) el.remove();
  });
});

describe('focus after Start recording', () => {
  it('moves from Start recording to Stop and draft once the recording runs', async () => {
    const e = useEncounters.getState().create({ label: 'Bed 9', mrn: '', consent: true });
    render(<RecordingPanel encounterId={e.id} />);
    const start = screen.getByRole('button', { name: 'Start recording' });
    start.focus();
    fireEvent.click(start);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop and draft' })));
  });
});

describe('templates', () => {
  const ID = 'enc-t';
  const soapDraft = { ...draft, template: 'soap' };
  beforeEach(() => {
    useVisit.setState({
      byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft, templateId: 'outpatient' } },
    });
  });

  it('choosing another template drafts with it at once when nothing was edited', async () => {
    fakeApi['note.draft'].mockResolvedValue(soapDraft);
    render(<DraftPanel encounterId={ID} />);
    const picker = screen.getByLabelText('Template') as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBe(2));
    fireEvent.change(picker, { target: { value: 'soap' } });
    await waitFor(() =>
      expect(fakeApi['note.draft']).toHaveBeenCalledWith({
        transcript: 'x',
        template: 'soap',
        operationId: expect.any(String),
      }),
    );
    await waitFor(() => expect(useVisit.getState().byId[ID]!.draft!.template).toBe('soap'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('with hand edits it asks first (keyboard on “Keep my edits”); Cancel puts the picker back', async () => {
    useVisit.getState().editSection(ID, 'hpi', 'My own words.');
    render(<DraftPanel encounterId={ID} />);
    const picker = screen.getByLabelText('Template') as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBe(2));
    fireEvent.change(picker, { target: { value: 'soap' } });
    const dialog = screen.getByRole('alertdialog');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep my edits' }));
    expect(fakeApi['note.draft']).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(picker.value).toBe('outpatient');
    expect(useVisit.getState().byId[ID]!.edits).toEqual({ hpi: 'My own words.' });

    fakeApi['note.draft'].mockResolvedValue(soapDraft);
    fireEvent.change(picker, { target: { value: 'soap' } });
    fireEvent.click(screen.getByRole('button', { name: 'Keep my edits' }));
    await waitFor(() =>
      expect(fakeApi['note.draft']).toHaveBeenCalledWith({
        transcript: 'x',
        template: 'soap',
        operationId: expect.any(String),
      }),
    );
  });

  it('a new visit’s first draft uses the default template from Settings (only while the store is open)', async () => {
    fakeApi['transcript.parse'].mockResolvedValue({ turns });
    fakeApi['note.draft'].mockResolvedValue(soapDraft);
    useAppStore.setState({ storeUnlocked: true, settings: settingsInfo({ defaultTemplate: 'soap' }) });
    useVisit.setState({ byId: { v1: { ...emptyWorkspace(), transcript: 'x' } } });
    expect(await useVisit.getState().submitTranscript('v1')).toBe(true);
    expect(fakeApi['note.draft']).toHaveBeenLastCalledWith({
      transcript: 'x',
      template: 'soap',
      operationId: expect.any(String),
    });
    expect(useVisit.getState().byId.v1!.templateId).toBe('soap');

    useAppStore.setState({ storeUnlocked: false });
    useVisit.setState({ byId: { v2: { ...emptyWorkspace(), transcript: 'x' } } });
    await useVisit.getState().submitTranscript('v2');
    expect(fakeApi['note.draft']).toHaveBeenLastCalledWith({ transcript: 'x', operationId: expect.any(String) });
  });

  it('Settings saves the default template and says which one new drafts use', async () => {
    useAppStore.setState({ storeUnlocked: true, settings: settingsInfo() });
    useVisit.setState({ templates: [], templatesUnlocked: null });
    fakeApi['settings.set'].mockResolvedValueOnce(settingsInfo({ defaultTemplate: 'soap' }));
    render(<DefaultTemplateSetting />);
    const select = (await screen.findByLabelText('New drafts use')) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(2));
    expect(select.value).toBe('outpatient'); // none saved: Bedside's default
    fireEvent.change(select, { target: { value: 'soap' } });
    expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ defaultTemplate: 'soap' });
    expect((await screen.findByRole('status')).textContent).toBe('Saved: new drafts use SOAP note.');
    expect(useAppStore.getState().settings?.defaultTemplate).toBe('soap');
    expect(select.value).toBe('soap');
  });
});

describe('Settings index', () => {
  it('links every section; following one puts the keyboard on that section’s heading', () => {
    render(
      <>
        <SettingsIndex />
        {SETTINGS_SECTIONS.map(([id, label]) => (
          <section key={id} aria-labelledby={id}>
            <h3 id={id}>{label}</h3>
          </section>
        ))}
      </>,
    );
    const nav = screen.getByRole('navigation', { name: 'Settings sections' });
    expect(within(nav).getAllByRole('link')).toHaveLength(SETTINGS_SECTIONS.length);
    act(() => {
      fireEvent.click(within(nav).getByRole('link', { name: 'Window' }));
    });
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Window' }));
  });
});
