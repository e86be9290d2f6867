/**
 * HPI answers that stand only with their question: a place or an "okay" said without what was asked is no line; a
 * "not if …" answer and a how-often answer to "do you take …?" are written as statements; a pointed "up here" goes;
 * the story behind a past condition read from the chart stays in the past history; a sentence that only restates the
 * presenting complaint in the patient's words is not copied after the opening.
 */
import { describe, expect, it } from 'vitest';
import { answerFragment, storyInNoteRegister } from '../../../core/clinical/hpi.js';
import { readsAsNote } from '../../../core/clinical/register.js';
import { hpiLinesOf } from './draft-helpers.js';

const clinical = (x: string) => /\b(?:swelling|pain|advil|motrin|nonsteroidals)\b/.test(x);

describe('answer fragments', () => {
  it('reads a place or an "okay" without its subject as a fragment in the history', () => {
    expect(readsAsNote('A little bit on the back end, that side.', 'history')).toBe(false);
    expect(readsAsNote('Most of the times they are okay.', 'history')).toBe(false);
    expect(readsAsNote('She has bruising on the back of her thigh.', 'history')).toBe(true);
    expect(readsAsNote('On the right side, there is tenderness.', 'exam')).toBe(true);
  });

  it('writes a "not if" answer as the clause under its condition', () => {
    expect(
      answerFragment(
        'Not if they are on their feet for a long time they will notice a little bit of swelling but otherwise no.',
        'do you have any swelling in your lower extremities',
        null,
        clinical,
      ),
    ).toBe('They will notice a little bit of swelling if they are on their feet for a long time.');
  });

  it('writes how often with the drug the question asked about', () => {
    expect(
      answerFragment(
        'Once in a while for their like any knee pain or back pain that they have but again not like everyday.',
        'do you take any nonsteroidals like advil or motrin or aleve',
        null,
        clinical,
      ),
    ).toBe('They take nonsteroidals like advil or motrin or aleve once in a while for knee pain or back pain.');
    // Not without a question about taking something.
    expect(
      answerFragment('Once in a while for their knee pain.', 'how often do you get it', null, clinical),
    ).toBeNull();
  });

  it('drops a pointed "up here"', () => {
    expect(storyInNoteRegister('Sometime their belly hurts up here.', null)).toBe('Sometimes their belly hurts.');
  });

  it('drafts none of them as bare fragments', () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in today?',
      '[patient] i have had swelling in my legs for two weeks',
      '[doctor] okay and do you feel like you are emptying your bladder fully?',
      '[patient] most of the times i am okay',
      '[doctor] okay do you take any nonsteroidals like advil or motrin?',
      '[patient] yeah just once in a while for my like any knee pain or back pain that i have but again not like everyday',
      '[doctor] okay let me examine you',
    ]).join(' ');
    expect(hpi).not.toMatch(/Most of the times/);
    expect(hpi).toMatch(/take nonsteroidals like Advil or Motrin once in a while for knee pain or back pain\./i);
  });
});

describe('past history and the restated complaint', () => {
  const visit = [
    '[doctor] you are here for your leg today?',
    '[patient] yes i hurt the top part of my right leg',
    '[doctor] hey dragon she is a 43-year-old patient here for right leg pain',
    '[doctor] how did it happen?',
    '[patient] i was bowling and i hit the ball right into my leg',
    '[doctor] okay it looks like you have a previous surgical history of a colectomy? what happened there?',
    '[patient] i went into diverticulitis and they ended up having to remove a little bit of my colon',
    '[doctor] okay let me examine you',
  ];

  it('keeps the story behind a past surgery out of the HPI', () => {
    const hpi = hpiLinesOf(visit).join(' ');
    expect(hpi).toMatch(/bowling/);
    expect(hpi).not.toMatch(/diverticulitis/);
  });

  it("does not copy the complaint again in the patient's words", () => {
    expect(hpiLinesOf(visit).join(' ')).not.toMatch(/hurts? (?:the )?top part/);
  });
});
