/**
 * HPI lines that were copied as speech: the scene and day of an injury before its story, a companion's "her" written
 * as the companion, a greeting's "doing okay except for…", a value compared with a number whose subject is in the
 * question, a clause cut from its subject, a qualifier that joins the symptom it qualifies, and a restarted clause.
 */
import { describe, expect, it } from 'vitest';
import {
  comparedValue,
  storySetting,
  withCompanion,
  withoutDoingOkay,
  withoutSpokenFrames,
  withPatientSubject,
} from '../../../core/clinical/hpi.js';
import { hpiLinesOf } from './draft-helpers.js';

describe('the scene of an injury and its companion', () => {
  it('keeps the sentence that gives the day before an injury story, without "yeah I did"', () => {
    expect(storySetting('yeah i did my husband and i were at the beach on saturday', 'and i tripped on a rock')).toBe(
      'i was at the beach with my husband on saturday',
    );
    // Not before a sentence that tells no injury, nor without a day.
    expect(storySetting('my husband and i were at the beach on saturday', 'and it was lovely')).toBeNull();
    expect(storySetting('yeah i did my husband and i were at the beach', 'and i tripped on a rock')).toBeNull();
  });

  it('writes "him" or "her" for the companion just named', () => {
    expect(withCompanion('and i was chatting with him and tripped on a rock', 'i was out with my husband')).toBe(
      'and i was chatting with my husband and tripped on a rock',
    );
    // A possessive "her" is not the companion; a "him" is not a wife.
    expect(withCompanion('i was walking with her dog and tripped', 'i was out with my wife')).toBeNull();
    expect(withCompanion('i was talking to him and tripped', 'i was out with my wife')).toBeNull();
  });

  it('drafts the day and the companion into the HPI', () => {
    const hpi = hpiLinesOf([
      '[doctor] hi there',
      '[patient] hi doctor',
      '[doctor] i see in the chart that you hurt your right knee can you tell me about it',
      '[patient] yeah i did my husband and i were at the beach on saturday and i was chatting with him and tripped on a rock and twisted it',
      '[doctor] okay and have you tried anything for it',
      '[patient] i have taken some ibuprofen',
    ]).join(' ');
    expect(hpi).toMatch(/at the beach with (?:her|his|their) husband on saturday/i);
    expect(hpi).toMatch(/chatting with (?:her|his|their) husband and tripped on a rock/i);
    expect(hpi).not.toMatch(/\bdid (?:her|his|their) husband\b|chatting with him\b/i);
  });
});

describe('greetings, bare numbers and fragments', () => {
  it('leaves out "doing okay except for" the complaint, keeps what follows a "but", keeps a mood', () => {
    expect(withoutDoingOkay('She is doing okay except for her wrist.', 'female')).toBeNull();
    expect(withoutDoingOkay('They are doing alright other than this hip pain they have.', null)).toBeNull();
    expect(withoutDoingOkay('He is doing well but his left thumb is swollen.', 'male')).toBe(
      'He reports that his left thumb is swollen.',
    );
    expect(withoutDoingOkay('They are doing pretty good anxious.', null)).toBe('They are feeling anxious.');
    expect(withoutDoingOkay('She is doing better since the surgery.', 'female')).toBe(
      'She is doing better since the surgery.',
    );
  });

  it('drafts no "doing okay except for" line', () => {
    const hpi = hpiLinesOf([
      '[doctor] hi how are you doing today',
      "[patient] i'm doing okay except for my wrist",
      '[doctor] what happened to your wrist',
      '[patient] i fell on it while i was skating two days ago and it really hurts',
      '[doctor] have you taken anything for the pain',
      '[patient] i took some ibuprofen and it helped a little',
      '[doctor] okay let me examine your wrist',
    ]).join(' ');
    expect(hpi).not.toMatch(/doing okay/i);
    expect(hpi).toMatch(/fell on it while/i);
  });

  it('writes a value compared with a number with what the question asked', () => {
    expect(comparedValue('It was lower than 7.', 'do you know what your last a1c was was it below seven', 'male')).toBe(
      'His last A1c was lower than 7.',
    );
    expect(comparedValue('It was higher than 9.', 'was it a big one', 'male')).toBeNull();
    expect(comparedValue('It was a lot better.', 'how was it', 'male')).toBeUndefined();
  });

  it('gives a clause cut from its subject the patient as subject', () => {
    expect(withPatientSubject('Usually get like the migraines behind the eyes.', 'female')).toBe(
      'She usually gets migraines behind the eyes.',
    );
    expect(withPatientSubject('Always have headaches.', null)).toBe('They always have headaches.');
    expect(withPatientSubject('It always hurts.', null)).toBe('It always hurts.');
  });

  it('keeps the last version of a clause restarted after "and"', () => {
    expect(withoutSpokenFrames('They are and they are still having a hard time controlling it.')).toBe(
      'They are still having a hard time controlling it.',
    );
    expect(withoutSpokenFrames('They are and this morning they started seeing some blood.')).toBe(
      'This morning they started seeing some blood.',
    );
  });

  it('joins "occasionally yeah occasionally especially when…" to the symptom it qualifies', () => {
    const hpi = hpiLinesOf([
      '[doctor] hi what brings you in today',
      '[patient] i have a sore on my right foot that will not heal',
      '[doctor] how long has it been there',
      '[patient] about three weeks',
      '[doctor] do you get numbness and tingling in your feet',
      "[patient] occasionally yeah occasionally especially when it's like colder outside",
      '[doctor] okay let me take a look at your foot',
    ]);
    expect(hpi.join(' ')).toMatch(/numbness and tingling, occasionally, especially when it is colder outside/i);
    expect(hpi.some((l) => /^Occasionally/.test(l))).toBe(false);
  });
});
