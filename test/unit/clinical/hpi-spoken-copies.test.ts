import { describe, expect, it } from 'vitest';
import { hpiLinesOf } from './draft-helpers.js';
import { cleanSpoken } from '../../../core/clinical/rewrite.js';
import { withoutSpokenFrames } from '../../../core/clinical/hpi.js';

const hpiOf = (lines: string[]) => hpiLinesOf(lines).join(' ');

describe('HPI sentences copied as spoken', () => {
  it('writes the condition the question asked about for a patient\'s "it" that has no referent', () => {
    const hpi = hpiOf([
      '[doctor] hi mr. smith, how are you doing today?',
      "[patient] i'm doing okay.",
      '[doctor] and then, in terms of your gout, how are you doing with that? i know you had an episode of gout of your right big toe about two months ago.',
      "[patient] i'm doing, doing well. the medication helped it, you know, go down and go away.",
      '[doctor] okay. and how about your reflux? are you still having a lot of reflux symptoms since we put you on the protonix?',
      "[patient] i think it's a bit better. i don't get up at night anymore with reflux.",
      '[doctor] okay. let me examine you. your lungs are clear.',
    ]);
    expect(hpi).toContain('The medication helped the gout go down and go away.');
    expect(hpi).toContain('The reflux is a bit better.');
    expect(hpi).not.toMatch(/think it is a bit better/);
  });

  it('leaves "it" alone where the sentence before it in the turn names what it is', () => {
    const knee = hpiOf([
      '[doctor] how is your gout doing?',
      "[patient] my knee has been bothering me. it's a bit better since the ice.",
    ]);
    expect(knee).not.toMatch(/the gout is a bit better/i);
  });

  it('takes an exclamation out with the "like" before it', () => {
    expect(cleanSpoken('um i did that for like , gosh , i think it was two weeks back in january .')).toBe(
      'i did that for i think it was 2 weeks back in january .',
    );
    expect(cleanSpoken('it was, gosh, two weeks.')).toBe('it was 2 weeks.');
  });

  it('keeps the last version of a restarted clause', () => {
    expect(withoutSpokenFrames('He reports that he has always he always had skinny ankles.')).toBe(
      'He reports that he always had skinny ankles.',
    );
    expect(withoutSpokenFrames('They do not know if that they do not know if that is a stress.')).toBe(
      'They do not know if that is a stress.',
    );
  });

  it("does not copy again a denial the question's own line states, keeping the story after it", () => {
    const hpi = hpiOf([
      '[doctor] hi mr. smith, how are you doing today?',
      "[patient] i'm okay. i feel tired since the heart attack.",
      '[doctor] okay well now tell me have you had any chest pain or any shortness of breath',
      "[patient] no not really no chest pain or shortness of breath i've been doing some short walks right around the house so like around the block",
      '[doctor] okay good how about are your legs swelling up',
      "[patient] nope i've always i always had skinny ankles",
      '[doctor] okay. let me examine you. your lungs are clear.',
    ]);
    expect(hpi).toMatch(/denies chest pain or shortness of breath/);
    expect(hpi).not.toMatch(/No not really/i);
    expect(hpi).toMatch(/been doing some short walks right around the house/);
    expect(hpi).toMatch(/They always had skinny ankles\./);
  });
});
