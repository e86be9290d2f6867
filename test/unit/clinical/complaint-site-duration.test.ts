import { describe, expect, it } from 'vitest';
import { durationIn, extractFacts } from '../../../core/clinical/extract.js';
import { parseTranscript } from '../../../core/clinical/index.js';
import { draftOf, sectionOf } from './draft-helpers.js';

const symptomsOf = (lines: string[]) => extractFacts(parseTranscript(lines.join('\n'))).symptoms;

/** The symptom names read from a patient's line said after a greeting. */
const namesAfterGreeting = (said: string) =>
  symptomsOf([
    '[doctor] hi, how are you doing?',
    said,
    "[doctor] okay, i'm sorry to hear that.",
    '[patient] yeah.',
  ]).map((s) => s.name);

describe('"back" that is a motion, not the body part', () => {
  it('"it went back, and it has been hurting" is no back pain', () => {
    const lines = [
      '[doctor] so tell me what happened to your finger.',
      "[patient] i jammed my index finger and i felt like it went back, and it's been hurting since about march.",
      "[doctor] okay, let's take a look.",
    ];
    expect(symptomsOf(lines).map((s) => s.name)).not.toContain('back pain');
    expect(draftOf(lines).note).not.toMatch(/back pain/i);
  });

  it('"the pain is back again", "came back for a follow up" are no back pain', () => {
    for (const said of [
      '[patient] not great. the antibiotics helped at first, but the pain is back again.',
      '[patient] you know, i came back for a follow up because it keeps hurting.',
    ])
      expect(namesAfterGreeting(said)).not.toContain('back pain');
  });

  it('the back as a body part is still read', () => {
    for (const said of [
      '[patient] my back has been hurting for a week.',
      '[patient] i have pain in my lower back.',
      '[patient] i have neck and back pain.',
    ])
      expect(namesAfterGreeting(said)).toContain('back pain');
  });
});

describe('a time after an event is no duration', () => {
  it('reads a duration, not the time from an event to the onset', () => {
    expect(durationIn('probably about 6 hours after we got home, i felt very dizzy')).toBeNull();
    expect(durationIn('about 2 weeks after the pain started, i had numbness')).toBeNull();
    expect(durationIn("i've been dizzy for about 6 hours")).toBe('about 6 hours');
    expect(durationIn('i was sore for 2 days after the surgery')).toBe('2 days');
  });

  it('the HPI does not write the onset time as how long the symptom lasted', () => {
    const d = draftOf([
      '[doctor] so what happened on saturday?',
      '[patient] we went to a party, and probably about 6 hours after we got home, i felt very dizzy.',
      '[doctor] okay.',
    ]);
    expect(d.note).not.toMatch(/dizziness for (?:about )?6 hours/i);
  });
});

describe('chief complaint of a visit for a behaviour goal', () => {
  it('a visit to quit smoking, with gout as history, is headed by smoking cessation', () => {
    const d = draftOf([
      '[doctor] how are you doing?',
      "[patient] i'm good, i'm here because i'm just ready to quit smoking, but it's been hard.",
      "[doctor] i'm glad you're taking this step, especially since you have a history of gout.",
      '[patient] yeah, the gout has been fine on the allopurinol.',
      '[doctor] okay. your lungs are clear.',
      "[doctor] so for your gout, we'll continue the allopurinol 300 mg daily.",
      "[doctor] and for your smoking, i'd like to start a nicotine patch, 21 mg daily.",
      '[patient] okay.',
    ]);
    expect(sectionOf(d, /CHIEF COMPLAINT/)).toEqual(['Smoking cessation.']);
  });

  it('a current complaint still outranks the goal', () => {
    const d = draftOf([
      '[doctor] what brings you in?',
      "[patient] i'm ready to quit smoking, but i've also had this cough for two weeks.",
      '[doctor] okay, your lungs have some wheezes.',
      "[doctor] for the cough, i'm going to order a chest x-ray.",
    ]);
    expect(sectionOf(d, /CHIEF COMPLAINT/)).not.toEqual(['Smoking cessation.']);
  });
});
