import type { HintInfo, NoteDraft, Turn } from '../../../renderer/src/lib/types';
import type { EncounterSummary } from '../../../renderer/src/store/encounters';

export const turns: Turn[] = [
  { index: 0, speaker: 'doctor', text: 'What brings you in today?' },
  { index: 1, speaker: 'patient', text: 'I have had a cough for a week.' },
  { index: 2, speaker: 'doctor', text: 'Any fever?' },
  { index: 3, speaker: 'patient', text: 'No fever, but I feel tired.' },
];

export const draft: NoteDraft = {
  template: 'outpatient',
  note: '',
  sections: [
    {
      id: 'cc',
      title: 'CHIEF COMPLAINT',
      sentences: [{ text: 'Cough for one week.', evidence: [1], supported: true }],
    },
    {
      id: 'hpi',
      title: 'HISTORY OF PRESENT ILLNESS',
      sentences: [
        { text: 'The patient denies fever.', evidence: [2, 3], supported: true },
        { text: 'Fatigue is reported.', evidence: [3], supported: true },
        { text: 'Chest X-ray was normal.', evidence: [], supported: false },
      ],
    },
  ],
};

export const hints: HintInfo[] = [
  {
    id: 'red-flag-000000000001',
    kind: 'red-flag',
    severity: 'critical',
    title: 'Possible red flag',
    basis: 'Something found in turn 2.',
    source: 'A guideline',
    evidence: [1],
  },
  {
    id: 'diagnosis-code-000000000002',
    kind: 'diagnosis-code',
    severity: 'info',
    title: 'R05 Cough',
    basis: '"cough" in turn 2 supports R05.',
    source: 'ICD-10-CM',
    evidence: [1],
  },
];

/** One encounter for the list store (label 'A', no MRN, consented, started now); `over` changes any field. */
export const encounter = (id: string, over: Partial<EncounterSummary> = {}): EncounterSummary => ({
  id,
  label: 'A',
  mrn: '',
  consent: true,
  consentAt: null,
  startedAt: new Date().toISOString(),
  status: 'new',
  ...over,
});
