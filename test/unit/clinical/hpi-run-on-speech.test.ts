import { describe, expect, it } from 'vitest';
import {
  answerWithQuestion,
  contrastDependent,
  deniesTrauma,
  withoutSpokenFrames,
} from '../../../core/clinical/hpi.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The HPI text of a draft of a visit given as tagged lines. */
const hpiOf = (lines: string[]) =>
  draftNote(parseTranscript(lines.join('\n')))
    .sections.find((s) => s.id === 'hpi')!
    .sentences.map((s) => s.text)
    .join(' ');

describe('run-on speech in copied history sentences', () => {
  it("cuts a doctor's question run into the patient's answer, and reported-speech frames", () => {
    expect(
      withoutSpokenFrames(
        'It really hurts how long has this been going on they would say off and on for about 2 weeks.',
      ),
    ).toBe('It really hurts, off and on for about 2 weeks.');
    expect(withoutSpokenFrames('Without ibuprofen they would say their pain is a 3.')).toBe(
      'Without ibuprofen their pain is a 3.',
    );
    expect(withoutSpokenFrames('It started about they would say probably about 3 days ago.')).toBe(
      'It started probably about 3 days ago.',
    );
    // Someone's words of which only the subject is left say nothing alone.
    expect(withoutSpokenFrames('She said something about their kidneys.')).toBeNull();
    // A sentence without any of these is returned as it is.
    expect(withoutSpokenFrames('They say it hurts when they walk.')).toBe('They say it hurts when they walk.');
  });

  it('keeps the last version of a restarted clause', () => {
    expect(withoutSpokenFrames("They don't they can't think of anything that helps.")).toBe(
      "They can't think of anything that helps.",
    );
    expect(withoutSpokenFrames('It hurts not every time it hurts when they swallow most foods.')).toBe(
      'It hurts when they swallow most foods.',
    );
    expect(withoutSpokenFrames('They are yes yeah they do the baby aspirin every day.')).toBe(
      'They do the baby aspirin every day.',
    );
    // Two clauses joined by a conjunction are not a restart.
    expect(withoutSpokenFrames('It hurts and it swells when they walk.')).toBe(
      'It hurts and it swells when they walk.',
    );
  });

  it('reads a long denial of injury as one, not a forgotten mechanism', () => {
    expect(
      deniesTrauma("They don't remember an injury if it was something that they injured they would have ignored it."),
    ).toBe(true);
    expect(deniesTrauma("They can't think of anytime if they fell or they have been trying to think.")).toBe(true);
    expect(deniesTrauma("They don't remember how they fell down the stairs that night.")).toBe(false);
    expect(
      deniesTrauma("They don't remember an injury at all, but when it got red and warm they were really concerned."),
    ).toBe(false);
  });

  it('writes "denies trauma" for the patient searching their memory for an injury', () => {
    const lines = [
      '[doctor] good morning julie how are you doing this morning',
      "[patient] i've been better my primary care doctor wanted me to see you because of this knee pain that i've been having for about six months now",
      '[doctor] okay and do you remember what caused the pain initially',
      "[patient] honestly i do n't i ca n't think of anytime if i fell or like i i've really been trying to think and i ca n't really think of any specific event",
      "[doctor] okay now it says here that it's in both knees is that correct",
      '[patient] yes both my knees',
      '[doctor] okay what kind of activities makes the pain feel worse',
      '[patient] standing up from sitting for a while or going up and down the stairs',
      '[doctor] okay let me examine your knees',
    ];
    const hpi = hpiOf(lines);
    expect(hpi).toMatch(/No known trauma or injury\./);
    // The verifier reads "trauma or injury" as said by "if i fell".
    const denial = draftNote(parseTranscript(lines.join('\n')))
      .sections.find((s) => s.id === 'hpi')!
      .sentences.find((s) => s.text === 'No known trauma or injury.');
    expect(denial?.supported).toBe(true);
    expect(hpi).not.toMatch(/can't think of anytime/i);
  });

  it('writes an elliptical answer with what the question asked about', () => {
    const clinical = (x: string) => /\bblood\b/.test(x);
    expect(
      answerWithQuestion(
        'She did about 3 years ago and she did a colonoscopy for that.',
        'so, have you noticed any blood in your stools?',
        'female',
        clinical,
      ),
    ).toBe('She reports blood in her stools about 3 years ago and she did a colonoscopy for that.');
    // The question names nothing clinical: the answer is left out.
    expect(answerWithQuestion('She did last week.', 'did you go to the game?', 'female', clinical)).toBe('');
    expect(answerWithQuestion('She did a colonoscopy last year.', 'anything else?', 'female', clinical)).toBeNull();
  });

  it('does not copy an answer that lost the subject of its question', () => {
    const hpi = hpiOf([
      '[doctor] stephanie is a 49-year-old female who presents today for an abnormal lab finding. so, have you noticed any blood in your stools?',
      "[patient] uh, no, i have n't. i did about three years ago, um, and i did a colonoscopy for that, but nothing since then.",
      '[doctor] okay.',
    ]);
    expect(hpi).not.toMatch(/\bshe did about 3 years ago/i);
    expect(hpi).toMatch(/blood in her stools about 3 years ago/i);
  });

  it('does not keep alone a clause whose polarity holds only against the next one', () => {
    expect(
      contrastDependent(
        "okay, and i haven't gotten tired.",
        "and now, i've been getting tired.",
        'doing things i did in the past',
      ),
    ).toBe(true);
    expect(contrastDependent("i haven't gotten tired.", 'i also have a cough.', 'in the past')).toBe(false);
    const hpi = hpiOf([
      '[doctor] jane is a 49-year-old female here for fatigue. how have you been feeling?',
      "[patient] over the past couple of months, i've been really tired and dizzy. lately, i've been worn out walking a mile or going to work, doing things that i've done in the past every day that have been relatively okay, and i have n't gotten tired. and now, i've been getting tired.",
      '[doctor] okay.',
    ]);
    expect(hpi).not.toMatch(/\bhasn't gotten tired\b/i);
    expect(hpi).toMatch(/\bbeen getting tired\b/i);
  });
});
