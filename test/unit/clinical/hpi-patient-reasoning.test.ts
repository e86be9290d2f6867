import { describe, expect, it } from 'vitest';
import { withReasoningAsNote } from '../../../core/clinical/hpi.js';
import { hpiLinesOf } from './draft-helpers.js';

const anchored = (lower: string) => /\b(?:pain|swelling|cough|dizz\w*|nause\w*|metformin|stroke)\b/.test(lower);

describe("the patient's reasoning in the history, as a note writes it", () => {
  it("writes the patient's explanation as an attribution, the frame cut", () => {
    expect(
      withReasoningAsNote(
        "She reports that she was dizzy a few days back but that's just because she was standing in the sun all day.",
        anchored,
      ),
    ).toBe('She was dizzy a few days ago, which she attributes to standing in the sun all day.');
    expect(
      withReasoningAsNote(
        'He reports that he has some hip pain because he thinks he is limping on that side.',
        anchored,
      ),
    ).toBe('He has some hip pain, which he attributes to limping on that side.');
    // A whole line of explanation: what follows it stays, after a semicolon.
    expect(
      withReasoningAsNote(
        "The patient states that they think it's because they have been skipping their metformin, they forget it at night.",
        anchored,
      ),
    ).toBe('The patient attributes this to skipping their metformin; they forget it at night.');
  });

  it("keeps someone else's explanation as it was said", () => {
    const said = 'He reports that he has some hip pain because she thinks he is limping on that side.';
    expect(withReasoningAsNote(said, anchored)).toBe(said);
  });

  it("writes a belief under a report frame as the patient's belief, not a feeling", () => {
    expect(withReasoningAsNote('She states that she thinks she had a small stroke last year.', anchored)).toBe(
      'She believes she had a small stroke last year.',
    );
    expect(withReasoningAsNote('The patient reports that they think it was in March.', anchored)).toBe(
      'The patient believes it was in March.',
    );
    const feeling = 'He states that he thinks he feels a bit better.';
    expect(withReasoningAsNote(feeling, anchored)).toBe(feeling);
    // A time alone is no statement to believe.
    const time = 'The patient states that they think 2 weeks ago.';
    expect(withReasoningAsNote(time, anchored)).toBe(time);
  });

  it('cuts an aside on what the patient cannot tell, and the line when nothing clinical is left', () => {
    expect(withReasoningAsNote("She reports that she has had a dry cough, so she can't say.", anchored)).toBe(
      'She reports that she has had a dry cough.',
    );
    expect(withReasoningAsNote('He reports that he sleeps on his back so he cannot say.', anchored)).toBeNull();
    expect(
      withReasoningAsNote('She states that she does not know if it has to do with the new shoes.', anchored),
    ).toBeNull();
    // Something said after the doubt stays.
    const more = 'She states that she does not know if it is the shoes but it started the same week.';
    expect(withReasoningAsNote(more, anchored)).toBe(more);
  });

  it('cuts the frame over what was noticed or mentioned, and says "ago" for "back"', () => {
    expect(withReasoningAsNote('He reports that he has noticed some swelling in his feet.', anchored)).toBe(
      'He has noticed some swelling in his feet.',
    );
    expect(withReasoningAsNote('The patient states that they noticed their urine was dark.', anchored)).toBe(
      'The patient noticed their urine was dark.',
    );
    expect(
      withReasoningAsNote(
        'She states that she also forgot to mention that after the fall, her wrist became swollen.',
        anchored,
      ),
    ).toBe('After the fall, her wrist became swollen.');
    expect(withReasoningAsNote('He reports that he stopped the pills 3 weeks back.', anchored)).toBe(
      'He reports that he stopped the pills 3 weeks ago.',
    );
    // "back" that is not a time ago stays.
    const span = 'She took it for 2 weeks back in June.';
    expect(withReasoningAsNote(span, anchored)).toBe(span);
  });

  it('drafts a rambling explanation of nausea as an attribution', () => {
    const hpi = hpiLinesOf([
      '[doctor] any nausea or vomiting lately?',
      "[patient] um, i was nauseous a couple of days back but that's just because i was riding in the back of my brother's truck. i can't stand that.",
      '[doctor] okay, any belly pain?',
      '[patient] no.',
    ]).join(' ');
    expect(hpi).toContain(
      "nauseous a couple of days ago, which they attribute to riding in the back of their brother's truck.",
    );
    expect(hpi).not.toMatch(/that is (?:just )?because/);
  });
});
