/** Helpers the clinical tests share: a draft, its sections and the plan items of a visit given as tagged lines. */
import { sentencesOf } from '../../../core/clinical/discourse.js';
import { extractionContext } from '../../../core/clinical/extract.js';
import { characterisation } from '../../../core/clinical/hpi.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { planFacts } from '../../../core/clinical/plan.js';

/** The draft of a visit given as tagged lines ('[doctor] …', '[patient] …'). */
export const draftOf = (lines: string[]) => draftNote(parseTranscript(lines.join('\n')));

/** The physical exam of the draft of a visit given as tagged lines, as the note renders it. */
export const examOf = (lines: string[]): string[] => {
  const note = draftOf(lines).note;
  const m = /PHYSICAL EXAMINATION\n([\s\S]*?)(?:\n\n|$)/.exec(note);
  return m ? m[1]!.split('\n') : [];
};

/** The characterisation of a visit given as tagged lines (every sentence read as history). */
export const characterOf = (lines: string[], sex: 'female' | 'male' | null = 'female') => {
  const ex = extractionContext(parseTranscript(lines.join('\n')));
  return characterisation(ex.sentences, (s) => ex.answered.get(s.turn)?.questions ?? [], sex).map((l) => l.text);
};

/** The HPI lines of the draft of a visit given as tagged lines. */
export const hpiLinesOf = (lines: string[]): string[] =>
  draftOf(lines)
    .sections.find((s) => s.id === 'hpi')!
    .sentences.map((s) => s.text);

/** The sentences of the draft's section whose title matches. */
export const sectionOf = (d: ReturnType<typeof draftNote>, title: RegExp): string[] =>
  d.sections.find((s) => title.test(s.title))?.sentences.map((s) => s.text) ?? [];

/** The plan items of a visit given as tagged lines, every sentence read as plan, as the note states them. */
export const itemsOf = (lines: string[]) =>
  planFacts(
    sentencesOf(parseTranscript(lines.join('\n'))),
    () => true,
    () => null,
  ).map((i) => i.text);

/** A short visit whose plan turn is `plan`, after a history and an exam. */
export const visitWithPlan = (plan: string[]) => [
  '[doctor] what brings you in today?',
  '[patient] my knee has been hurting for a few weeks.',
  '[doctor] any swelling?',
  '[patient] no.',
  "[doctor] alright, let's do a quick physical exam. there is tenderness of the medial knee.",
  '[patient] okay.',
  ...plan,
];
