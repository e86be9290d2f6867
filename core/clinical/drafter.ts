/** The note drafter (first version: a minimal outpatient note; grows in later commits). */
import { extractFacts } from './extract.js';
import type { Draft, DraftOptions, DraftSection, Transcript } from './types.js';

export function renderNote(sections: DraftSection[]): string {
  return sections
    .filter((s) => s.sentences.length > 0)
    .map((s) => `${s.title}\n\n${s.sentences.map((x) => x.text).join('\n')}`)
    .join('\n\n');
}

export function draftNote(transcript: Transcript, options: DraftOptions = {}): Draft {
  const template = options.template ?? 'outpatient';
  const facts = options.facts ?? extractFacts(transcript);
  const hpi: DraftSection = { id: 'hpi', title: 'HISTORY OF PRESENT ILLNESS', sentences: [] };
  if (facts.patient.age !== null && facts.patient.sex)
    hpi.sentences.push({
      text: `The patient is a ${facts.patient.age}-year-old ${facts.patient.sex}.`,
      evidence: facts.patient.evidence,
      supported: true,
    });
  const sections = [hpi];
  return { template, sections, note: renderNote(sections) };
}
