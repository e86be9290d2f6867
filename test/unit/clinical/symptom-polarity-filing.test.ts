import { describe, expect, it } from 'vitest';
import { draftOf, examOf, hpiLinesOf, sectionOf } from './draft-helpers.js';

const ros = (lines: string[]) => sectionOf(draftOf(lines), /REVIEW OF SYSTEMS/i).join('\n');

describe('symptoms: improvement is not a denial, a habit is not a complaint', () => {
  const reflux = [
    '[doctor] hi keith, how are you?',
    "[patient] not too good. my blood sugar isn't under control.",
    '[doctor] have you been feeling sick recently? have you had any fever or chills?',
    '[patient] uh, i have not.',
    "[doctor] okay. i know that you've had this reflux in the past. how are you doing with that? are you still having a lot of reflux symptoms or do you feel like it's better since we've put you on the protonix?",
    "[patient] i think it's a bit better. uh, i don't get up at night anymore with reflux and that's always a good thing.",
    '[doctor] and i know you have this history of congestive heart failure. have you noticed any recent weight gain?',
    '[patient] um, not really.',
    "[doctor] all right, well let's go ahead and do a quick physical exam. your lungs are clear.",
  ];

  it('does not deny a symptom the patient says is better and no longer wakes them', () => {
    expect(ros(reflux)).not.toMatch(/heartburn/);
    expect(hpiLinesOf(reflux).join(' ')).not.toMatch(/denies heartburn/i);
  });

  it('does not copy a fragment answer the question-and-answer line already says', () => {
    const v = [
      ...reflux.slice(0, 4),
      '[doctor] body aches, joint pain?',
      '[patient] uh, a bit of joint pain.',
      ...reflux.slice(4),
    ];
    const hpi = hpiLinesOf(v).join(' ');
    expect(hpi).toMatch(/joint pain/);
    expect(hpi.match(/joint pain/g)!.length).toBe(1);
  });

  it('does not list as a complaint the itch a known condition is treated for when it comes', () => {
    const v = [
      "[doctor] yeah, well, i don't have stairs, but i would avoid that at all costs.",
      '[patient] okay.',
      '[doctor] okay. um, it looks like you had a history of atopic eczema in your past?',
      '[patient] yes. yes, i have eczema.',
      '[doctor] okay. and you take uh- uh, fluocinonide for that?',
      "[patient] yes, when it gets really itchy, i'll- i'll use that and it usually takes care of it.",
      '[doctor] okay, let me examine you. does it hurt when i push on your leg like that?',
    ];
    expect(ros(v)).not.toMatch(/itching/i);
  });

  it('files a bruise the patient has under skin, not as a blood disorder', () => {
    const v = [
      '[doctor] what brings you in today?',
      '[patient] i fell off my bike yesterday and hurt my hip.',
      '[doctor] what about bruising?',
      '[patient] um, a little bit on the side there.',
    ];
    expect(ros(v)).toMatch(/Skin: Endorses bruising/);
    expect(ros(v)).not.toMatch(/Hematologic/);
  });
});

describe('exam: skin findings on a limb, and counselling during the exam', () => {
  const visit = (...exam: string[]) => [
    '[doctor] what brings you in today?',
    '[patient] my knee has been hurting.',
    "[doctor] okay, let's do a quick physical exam.",
    ...exam,
    '[doctor] for your knee, i am going to start amoxicillin 500 mg three times a day.',
  ];

  it('files an insect bite with fluctuance on the knee under Integumentary, edema of the leg apart', () => {
    const exam = examOf(
      visit(
        '[doctor] your lungs are clear. your right knee shows that you have some erythema and- and an insect bite with associated fluctuants. and, um, you have some lower extremity edema on the right hand side.',
      ),
    );
    expect(exam.find((l) => /insect bite/.test(l))).toMatch(
      /^• Integumentary: Right knee .*erythema and an insect bite/,
    );
    expect(exam.find((l) => /edema/.test(l))).not.toMatch(/insect bite/);
  });

  it('does not write counselling said during the exam as a finding', () => {
    const exam = examOf(
      visit(
        '[doctor] your heart is regular. so we often like to keep people with heart problems on magnesium and get their levels up to around the 2-ish range. yours is a little bit less than 2 and we want that 2-ish range because it can help stabilize the heart muscle.',
      ),
    );
    expect(exam.join('\n')).toMatch(/regular/);
    expect(exam.join('\n')).not.toMatch(/magnesium|2-ish|stabilize/);
  });
});
