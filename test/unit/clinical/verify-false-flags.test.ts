import { describe, expect, it } from 'vitest';
import { parseTranscript, verifyNote } from '../../../core/clinical/index.js';

/** The kinds of problem the verifier finds in one note sentence checked against a visit given as tagged lines. */
const kinds = (lines: string[], sentence: string) =>
  verifyNote(parseTranscript(lines.join('\n')), sentence)[0]!.problems.map((p) => p.kind);

describe('verifier: sentences a physician would sign are not flagged', () => {
  it('reads a vital sign under its label, with its unit, as said ("respiratory rate is fourteen")', () => {
    const visit = [
      '[doctor] your blood pressure is 120 over 70 and your respiratory rate is fourteen.',
      '[patient] okay.',
    ];
    expect(kinds(visit, '• Respiratory rate: 14 breaths/min.')).toEqual([]);
    expect(kinds(visit, '• Respiratory rate: 19 breaths/min.')).toContain('number');
  });

  it('judges each problem of a joined heading by what was said about it, not about the other', () => {
    const visit = [
      '[doctor] do you have any depression when your back pain flares?',
      '[patient] no.',
      '[patient] my depression has been stable on the effexor.',
      '[patient] and my back pain is chronic.',
    ];
    expect(kinds(visit, 'Depression and back pain.')).not.toContain('polarity');
  });

  it('does not read an instruction opening with "do" as a question answered no', () => {
    const visit = [
      '[patient] my back pain is chronic.',
      '[doctor] so do yoga for your back pain.',
      '[patient] no problem, i will.',
    ];
    expect(kinds(visit, 'Yoga for back pain.')).not.toContain('polarity');
  });

  it('accepts the label the plan writes for advice said in other words', () => {
    const visit = ['[doctor] you are gonna have to take it a little bit easy for now.', '[patient] okay.'];
    expect(kinds(visit, 'Activity modification.')).toEqual([]);
    expect(kinds(['[doctor] see you in two weeks.', '[patient] okay.'], 'Activity modification.')).toContain(
      'no-evidence',
    );
  });

  it('accepts a surgery the visit named in other words', () => {
    const visit = ['[doctor] any surgeries?', '[patient] i did have my tubes tied after my last baby.'];
    expect(kinds(visit, 'Tubal ligation.')).toEqual([]);
  });

  it('reads a "no" that answers the question before as the answer, not as denying the clause after it', () => {
    const weight = [
      '[doctor] have you lost any weight?',
      "[patient] no i wish, unfortunately i've gained some weight.",
    ];
    expect(kinds(weight, 'The patient has gained some weight.')).not.toContain('polarity');
    const knee = [
      '[doctor] when i move your kneecap does that hurt?',
      '[patient] no it kinda makes a shooting pain down to my ankle though.',
    ];
    expect(kinds(knee, 'Shooting pain down to the ankle.')).not.toContain('polarity');
    // A "no" that denies in its own clause still denies.
    expect(kinds(['[doctor] any fever?', "[patient] no i haven't had a fever."], 'Reports fever.')).toContain(
      'polarity',
    );
  });

  it('stems plurals and a final "e" alike ("ankles" ~ "ankle", "legs" ~ "leg")', () => {
    expect(kinds(['[patient] my ankles were swelling at night.'], 'Endorses ankle swelling.')).toEqual([]);
    const legs = ['[patient] my back pain is bad.', '[doctor] have you had any pain in your legs?', '[patient] no.'];
    expect(kinds(legs, 'Denies leg pain.')).not.toContain('polarity');
  });

  it('reads "nothing" as a negation ("nothing tingling down my legs")', () => {
    const visit = [
      '[doctor] any tingling down your legs?',
      '[patient] a little bit of numbing, but nothing tingling down my legs.',
    ];
    expect(kinds(visit, 'Denies tingling.')).not.toContain('polarity');
  });

  it('ends a negation where a new clause with its own subject begins', () => {
    const elbow = ["[patient] i'm not like normal people i lift heavy weights and my elbow is extremely sore."];
    expect(kinds(elbow, 'Elbow is extremely sore.')).not.toContain('polarity');
  });

  it('accepts a dose said as the drug amount without a unit ("2.5 of norvasc")', () => {
    const visit = ["[doctor] you're on 2.5 of norvasc for your blood pressure.", '[patient] yes.'];
    expect(kinds(visit, 'Continue norvasc 2.5 mg.')).not.toContain('dose');
    expect(kinds(visit, 'Continue norvasc 5 mg.')).toContain('number');
  });

  it('does not ask for the scale of a score to be said ("rated 4/10")', () => {
    const visit = ["[doctor] what's your pain level with the ibuprofen?", '[patient] 4.'];
    expect(kinds(visit, 'Pain rated 4/10 with ibuprofen.')).not.toContain('number');
    expect(kinds(visit, 'Pain rated 7/10 with ibuprofen.')).toContain('number');
  });

  it('does not read what a treatment is for as the patient\'s symptom, nor a condition in an "if" clause as denied', () => {
    const visit = ['[doctor] any pain or swelling today?', '[patient] no.', "[doctor] we'll start ibuprofen."];
    expect(kinds(visit, 'Start ibuprofen to help reduce pain and swelling.')).not.toContain('polarity');
    const back = ['[patient] my back pain is chronic.', "[patient] i don't know if it's got to do with the back pain."];
    expect(kinds(back, 'She does not know if it is related to the back pain.')).not.toContain('polarity');
  });

  it('does not read a drug\'s indication as the patient reporting the symptom ("Tylenol for any pain")', () => {
    const visit = ['[doctor] any pain anywhere today?', '[patient] no.', '[doctor] only take tylenol for any pain.'];
    expect(kinds(visit, 'Start Tylenol for any pain.')).not.toContain('polarity');
    expect(kinds(visit, 'She reports pain for any reason.')).toContain('polarity');
  });

  it('counts "nothing helped" as saying "without relief"', () => {
    const visit = ['[patient] a little tylenol. i iced them for a bit. nothing really seemed to help, though.'];
    expect(kinds(visit, 'He has tried tylenol and ice, without relief.')).toEqual([]);
  });
});
