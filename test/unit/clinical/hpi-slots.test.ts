import { describe, expect, it } from 'vitest';
import { characterOf, hpiLinesOf } from './draft-helpers.js';
import { coveredBy } from '../../../core/clinical/hpi.js';

const hpiOf = (lines: string[]) => hpiLinesOf(lines).join(' ');

describe('HPI slots a clinician writes from the history', () => {
  it("reads what makes it better and worse from the doctor's read-back the patient confirms", () => {
    expect(
      characterOf([
        '[doctor] so heat and stretching makes it feel better and sitting and and driving makes it hurt more is that correct',
        "[patient] yeah that's right",
      ]),
    ).toEqual(['The pain is worse with sitting and driving, and better with heat and stretching.']);
  });

  it('writes no relief the patient said does not come ("it doesn\'t get better with ice")', () => {
    const lines = characterOf([
      '[doctor] what brings you in today',
      "[patient] my right knee hurts and it's been swollen for a week. it doesn't get better with ice",
    ]);
    expect(lines.join(' ')).not.toMatch(/better with ice/);
  });

  it('takes no read-back the patient corrects, and no question as a cause', () => {
    expect(
      characterOf([
        '[doctor] so rest makes it better and walking makes it worse is that right',
        "[patient] no it's not really like that",
        '[doctor] what makes it better',
        '[patient] i am not sure',
      ]),
    ).toEqual([]);
  });

  it('reads the time of day it is worse', () => {
    expect(
      characterOf([
        '[doctor] is it worse in the morning or the evening',
        '[patient] it actually is worse towards the end of the day',
      ]),
    ).toEqual(['The pain is worse at the end of the day.']);
    expect(
      characterOf(['[doctor] when is the headache bad', "[patient] it's definitely worse in the evening"], 'male'),
    ).toEqual(['The pain is worse in the evening.']);
  });

  it('reads who referred the patient, with the name the patient gives', () => {
    expect(
      characterOf([
        '[doctor] did you see anybody for this before',
        '[patient] yeah doctor reyes is my primary care provider. and he referred me to you',
      ]),
    ).toEqual(['She was referred by her primary care provider, Dr. Reyes.']);
    expect(characterOf(['[patient] i saw my pediatrician this morning. so they sent me over here'], null)).toEqual([
      'The patient was referred by their pediatrician.',
    ]);
    expect(characterOf(['[doctor] so i see your pcp sent you over for this rash'], 'male')).toEqual([
      'He was referred by his primary care provider.',
    ]);
  });

  it('takes a drug said with a home measure as tried ("i do ice and ibuprofen")', () => {
    expect(characterOf(['[patient] so i do ice and ibuprofen'])).toEqual(['She has tried ibuprofen and ice.']);
  });

  it('does not copy a patient sentence whose content the slots state', () => {
    expect(
      coveredBy('They doctor reyes is their primary care provider.', [
        { text: 'The patient was referred by their primary care provider, Dr. Reyes.' },
      ]),
    ).toBe(true);
    expect(coveredBy('It used to be that when they run it ache.', [{ text: 'The pain is worse with running.' }])).toBe(
      true,
    );
    const hpi = hpiOf([
      '[doctor] what brings you in today',
      '[patient] my right knee has been hurting for about two months',
      '[doctor] what have you done for it so far what makes it better what makes it worse',
      '[patient] well it used to be that when i run it ache and then i put ice on it so i do ice and ibuprofen',
      '[doctor] okay and did you see anybody for this before coming in',
      '[patient] yeah i doctor reyes is my primary care provider and he referred me to you',
      '[doctor] okay so ice and rest makes it feel better running and activity makes it hurt a little bit more is that correct',
      "[patient] yeah that's right",
      '[doctor] okay any family history of arthritis',
      "[patient] no i don't think so",
      "[doctor] okay let's go ahead and do a quick examination of your knee",
      '[doctor] there is no swelling of the right knee',
    ]);
    expect(hpi).toContain('worse with running and activity, and better with ice and rest.');
    expect(hpi).toContain('referred by their primary care provider, Dr. Reyes.');
    expect(hpi).toContain('tried ibuprofen and ice');
    expect(hpi).not.toMatch(/doctor reyes is|it ache/i);
  });
});
