/** How the verifier's problems with a sentence read to a clinician (the Note tab and the streamed draft). */

type Problems = { problems?: Array<{ kind: string; detail: string }> };

/** How each verifier problem kind reads to a clinician. */
export const PROBLEM_LABEL: Record<string, string> = {
  'no-evidence': 'Not said in the visit',
  number: 'Number',
  drug: 'Drug',
  dose: 'Dose',
  side: 'Side',
  polarity: 'Denied vs reported',
  experiencer: 'Whose condition',
  time: 'Past vs current',
  'transcript-artefact': 'Transcript artefact',
  withdrawn: 'Taken back',
};

/** The tooltip and spoken reason of an unsupported sentence: its problems, or that no turn backs it. */
export function unsupportedTitle(x: Problems): string {
  if (!x.problems?.length) return 'No transcript turn supports this sentence: check it.';
  const text = x.problems.map((p) => `${PROBLEM_LABEL[p.kind] ?? p.kind} — ${p.detail.replace(/[.\s]+$/, '')}`);
  return `Check it: ${text.join('; ')}.`;
}

/** The short visible marker after an unsupported sentence: its problem kinds, e.g. "Check: Dose, Side". */
export function problemLabels(x: Problems): string {
  const kinds = [...new Set((x.problems ?? []).map((p) => PROBLEM_LABEL[p.kind] ?? p.kind))];
  return `Check: ${kinds.length ? kinds.join(', ') : 'not backed by the visit'}`;
}
