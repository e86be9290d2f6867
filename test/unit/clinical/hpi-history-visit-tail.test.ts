import { describe, expect, it } from 'vitest';
import { toThirdPerson } from '../../../core/clinical/rewrite.js';
import { draftOf, hpiLinesOf } from './draft-helpers.js';

describe('a visit that is all history keeps its last turns as history', () => {
  it("writes the patient's last answer when no plan was said", () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in today?',
      '[patient] i have been having this back pain for a long time.',
    ]);
    expect(hpi.join(' ')).toMatch(/back pain/);
  });

  it("keeps the doctor's closing history questions and their answers as pertinent negatives", () => {
    const note = draftOf([
      '[doctor] how are you, mary?',
      '[patient] i am okay, i have got this ulcer on my right hip again.',
      '[doctor] how long have you had it?',
      '[patient] several weeks.',
      '[doctor] is it like the one you got last time?',
      '[patient] pretty much.',
      '[doctor] yeah, good thing you came. did you experience any chills or fever?',
      '[patient] no.',
    ]).note;
    expect(note).toMatch(/denies chills or fever/i);
  });

  it('still opens the plan at a finding the doctor states before a question', () => {
    const note = draftOf([
      '[doctor] what brings you in?',
      '[patient] i have been having leg pain for months.',
      '[doctor] when is it worst?',
      '[patient] at night.',
      '[doctor] looks like you have some patchy sensory loss in the l4 to s1 region. are you going to the bathroom regularly?',
      '[patient] yeah, no problems there.',
    ]).note;
    expect(note).toMatch(/sensory loss/i);
  });

  it('does not read a denied radiating pain as a denial of the pain at the site', () => {
    const note = draftOf([
      '[doctor] how are your knees?',
      '[patient] the right knee hurts when i move around.',
      '[doctor] any radiating pain through the knees here?',
      '[patient] no.',
      '[doctor] okay.',
    ]).note;
    expect(note).not.toMatch(/denies knee pain/i);
  });
});

describe('the age and sex of the HPI opening', () => {
  it("reads the age from the patient's answer to the doctor's question", () => {
    const hpi = hpiLinesOf([
      '[doctor] how old are you?',
      '[patient] i am forty five.',
      '[doctor] what brings you in today?',
      "[patient] i've had really bad stomach pain on my right side since last week.",
      '[doctor] okay.',
    ]);
    expect(hpi[0]).toMatch(/^The patient is a 45-year-old\b/);
  });

  it('reads a bare number answering the age question, and not a number said elsewhere', () => {
    expect(
      hpiLinesOf([
        '[doctor] how old are you now?',
        '[patient] twenty nine.',
        '[doctor] any pain?',
        '[patient] my knee.',
      ])[0],
    ).toMatch(/29-year-old/);
    expect(
      hpiLinesOf([
        '[doctor] any chest pain?',
        '[patient] no.',
        '[doctor] do you know how old you are?',
        '[patient] i am sixty nine.',
      ])[0],
    ).toMatch(/69-year-old/);
    expect(
      hpiLinesOf(['[doctor] how many pills do you take?', '[patient] two.', '[doctor] okay.'])
        .join(' ')
        .match(/year-old/),
    ).toBeNull();
  });

  it('reads the sex with a race between the age and it, and from sir or ma’am said to the patient', () => {
    expect(
      hpiLinesOf([
        "[doctor] so, you're a twenty nine year old white male, correct?",
        '[patient] yes.',
        '[doctor] what brings you in?',
        '[patient] my right hand is swollen.',
        '[doctor] okay.',
      ])[0],
    ).toMatch(/29-year-old male/);
    expect(
      hpiLinesOf([
        '[doctor] good morning, sir. how old are you?',
        "[patient] i'm forty seven years old.",
        '[doctor] what brings you in?',
        '[patient] i have this mass on my left foot.',
        '[doctor] okay.',
      ])[0],
    ).toMatch(/47-year-old male/);
  });

  it('does not take sir or ma’am for the patient when a relative speaks too', () => {
    const hpi = hpiLinesOf([
      "[doctor] good afternoon, sir, and who's the patient today?",
      "[patient_guest] it's my daughter.",
      "[patient] i'm eighteen. i hurt my right knee playing tennis.",
      '[doctor] okay.',
    ]);
    expect(hpi.join(' ')).not.toMatch(/\bmale\b/);
  });
});

describe('the doctor addressed in a copied sentence', () => {
  it('drops a greeting and a vocative "doctor" from the patient’s words', () => {
    const hpi = hpiLinesOf([
      '[doctor] good afternoon, champ.',
      '[patient] good afternoon, doctor, i have a lot of lower back pain.',
      '[doctor] anything else?',
      "[patient] well, i'd like to have my erections last longer, doctor.",
      '[doctor] okay.',
    ]).join(' ');
    expect(hpi).not.toMatch(/doctor/i);
    expect(hpi).toMatch(/lower back pain/);
    expect(hpi).toMatch(/erections last longer\./);
  });
});

describe('third person of a known sex', () => {
  it('leaves a verb whose past is its present, and an adverb after "I", as said', () => {
    expect(toThirdPerson('I hurt my right ankle when I first fell.', 'patient', 'female')).toBe(
      'she hurt her right ankle when she first fell.',
    );
    expect(toThirdPerson('I underwent surgery and I taken it daily.', 'patient', 'male')).toBe(
      'he underwent surgery and he taken it daily.',
    );
  });
});
