import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The draft of a visit given as tagged lines. */
const draftOf = (lines: string[]) => draftNote(parseTranscript(lines.join('\n')));
/** The chief complaint line(s) of the draft. */
const ccOf = (lines: string[]) =>
  draftOf(lines)
    .sections.find((s) => s.title === 'CHIEF COMPLAINT')
    ?.sentences.map((s) => s.text) ?? [];
const sectionOf = (lines: string[], title: RegExp) =>
  draftOf(lines)
    .sections.find((s) => title.test(s.title))
    ?.sentences.map((s) => s.text) ?? [];

describe('chief complaint: the reason for the visit, not a secondary symptom', () => {
  it('the problem the plan treats first, raised before a later symptom, is the complaint', () => {
    const cc = ccOf([
      '[doctor] hi, what brings you in today?',
      "[patient] well, my pcp said i have hepatitis c and i'm really surprised, i feel fine.",
      '[doctor] okay. how have you been feeling otherwise?',
      "[patient] i'm a bit anxious about it, honestly.",
      '[doctor] that makes sense. any nausea or vomiting?',
      '[patient] no.',
      "[doctor] alright, let's do a quick exam. your abdomen is soft and nontender.",
      '[patient] okay.',
      "[doctor] so for your hepatitis c, i'm going to order a viral load and refer you to hepatology.",
      '[patient] okay.',
    ]);
    expect(cc).toEqual(['Hepatitis C.']);
  });

  it('a reason said with a filler between "presents today" and "for" is still the reason', () => {
    const cc = ccOf([
      '[doctor] he is a 61-year-old male who presents today, uh, for a routine follow-up of his chronic medical conditions.',
      '[doctor] good morning, how are you doing?',
      "[patient] i'm doing fine, but i'm having more fatigue lately.",
      '[doctor] okay. any chest pain?',
      '[patient] no.',
    ]);
    expect(cc).toEqual(['Routine follow-up of his chronic medical conditions.']);
  });

  it('"for evaluation of" early in the history names the reason, and it ends where the next clause begins', () => {
    const cc = ccOf([
      '[doctor] hey, good to see you. so i see here in my notes for evaluation of kidney stones your pcp said you had some kidney stones, can you tell me what happened?',
      '[patient] yeah, about a week ago i had this sudden pain in my right back and i got nauseated.',
      '[doctor] okay. does the pain radiate?',
      '[patient] down toward my groin.',
    ]);
    expect(cc).toEqual(['Evaluation of kidney stones.']);
  });

  it('"here to establish care for a history of" names the complaint, without a "presents for history of" HPI', () => {
    const lines = [
      '[doctor] this is a new patient visit. she is here to establish care for a history of dcis.',
      '[doctor] hello, nice to meet you.',
      '[patient] hi. my back has been aching a bit lately too.',
      '[doctor] okay, we will get to that.',
    ];
    expect(ccOf(lines)).toEqual(['History of DCIS.']);
    expect(sectionOf(lines, /HISTORY OF PRESENT ILLNESS/).join(' ')).not.toMatch(/presents for history/i);
  });

  it('a weak urinary stream is no weakness', () => {
    const ros = sectionOf(
      [
        '[doctor] hi, what brings you in?',
        "[patient] i'm just not peeing right lately.",
        '[doctor] okay. is your urination stream weak?',
        '[patient] yeah, i would say so.',
      ],
      /REVIEW OF SYSTEMS/,
    ).join(' ');
    expect(ros).not.toMatch(/Endorses weakness/);
    expect(ros).toMatch(/weak urinary stream/);
  });
});

describe('the reason without its pointing word', () => {
  it('"for evaluation of that right elbow pain" is "Evaluation of right elbow pain."', () => {
    const d = draftNote(
      parseTranscript(
        [
          "[doctor] so you're here today for evaluation of that right elbow pain. how long has it been going on?",
          '[patient] about a week.',
          '[doctor] on exam there is tenderness of the medial epicondyle.',
        ].join('\n'),
      ),
    );
    expect(d.sections.find((s) => s.id === 'cc')?.sentences[0]?.text).toBe('Evaluation of right elbow pain.');
  });
});
