import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';
import { readMention } from '../../../core/clinical/assertion.js';
import type { draftNote } from '../../../core/clinical/index.js';

const all = (d: ReturnType<typeof draftNote>) => d.sections.flatMap((s) => s.sentences.map((x) => x.text));

/** A short follow-up visit around `middle`: history, an exam, and a plan. */
const visit = (middle: string[], plan: string[] = []) => [
  '[doctor] hi, how are you doing today?',
  "[patient] i'm okay, i've been having some chest pain.",
  '[doctor] okay, how long has that been going on?',
  '[patient] about a week.',
  ...middle,
  "[doctor] alright, let's do a quick physical exam. your lungs are clear.",
  '[patient] okay.',
  '[doctor] so for your first problem, your chest pain, i want to order an ekg.',
  '[patient] okay.',
  ...plan,
];

describe('facts a train review found missing (visits with several problems)', () => {
  it('a blood pressure read back from the ER, "N over M" after blood pressure talk, is history with its place', () => {
    const d = draftOf(
      visit([
        '[doctor] and did they say anything about your blood pressure in the emergency room?',
        '[patient] they were a little concerned about it.',
        '[doctor] okay. and i see here that it was about 180 over 95 when you went into the emergency room.',
        '[patient] yeah.',
      ]),
    );
    expect(sectionOf(d, /history of present/i).join(' ')).toContain('Blood pressure was 180/95 in the emergency room.');
    // Not today's vital sign.
    expect(all(d).join(' ')).not.toContain('Blood pressure: 180/95');
  });

  it('a home reading "the other day" is not written as the vital sign of this visit', () => {
    const d = draftOf(
      visit([
        '[doctor] do you check your blood pressure at home?',
        '[patient] yes, and the other day it was even as high as 170 over 90.',
      ]),
    );
    expect(all(d).join(' ')).not.toContain('Blood pressure: 170/90');
  });

  it('an oxygen level said "here is like 92 right now" is the oxygen saturation', () => {
    const d = draftOf(
      visit([
        '[doctor] how has your oxygen level been at home? your oxygen level here is like 92 right now in the office.',
        '[patient] i can breathe fine.',
      ]),
    );
    expect(all(d)).toContain('• Oxygen saturation: 92%.');
  });

  it('a weight change with its amount is history, though its clause opens with "because"', () => {
    const d = draftOf(
      visit([
        '[doctor] have you noticed any weight gain?',
        "[patient] i don't know what's going on with the scale. because you know suddenly i gained about 10 pounds.",
      ]),
    );
    expect(sectionOf(d, /history of present/i)).toContain('The patient reports a 10-pound weight gain.');
  });

  it('what the emergency room notified the doctor of is history, per the ER', () => {
    const d = draftOf(
      visit([
        '[doctor] so, i was notified by the emergency room that you, um, had a really high blood sugar.',
        "[patient] yeah, i wasn't watching what i ate.",
      ]),
    );
    expect(sectionOf(d, /history of present/i)).toContain(
      'Per the emergency room, they had a really high blood sugar.',
    );
  });

  it('a lab given its value in a short sentence is a result ("your alt was about 128")', () => {
    const d = draftOf(
      visit([
        '[patient] i wanted to show you my liver enzymes.',
        '[doctor] okay, let me see them. yeah, your alt was about 128.',
        '[patient] okay.',
      ]),
    );
    expect(all(d)).toContain('ALT: 128.');
  });

  it('a problem its frame opens before a question heads its block ("for your last issue, your epilepsy, …?")', () => {
    const d = draftOf(
      visit(
        [],
        [
          '[doctor] and so for your last issue, your- your epilepsy, you know, i think you saw your neurologist about 3 months ago, you must be due to see her again?',
          '[patient] i am.',
          "[doctor] and we'll just continue you on the keppra.",
          '[patient] sure.',
        ],
      ),
    );
    // The frame states the problem; only what follows it is asked.
    const said =
      'and so for your last issue, your epilepsy, i think you saw your neurologist 3 months ago, you must be due to see her again?';
    const at0 = said.indexOf('epilepsy');
    const s = { turn: 0, pos: 0, speaker: 'doctor' as const, text: said, lower: said };
    expect(readMention(s, at0, at0 + 'epilepsy'.length).question).toBeNull();
    const ap = sectionOf(d, /assessment/i);
    const at = ap.indexOf('Epilepsy.');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(ap.slice(at).join(' ')).toMatch(/continue keppra/i);
  });
});
