/**
 * One doctor turn that holds the exam, a result, the assessment and the plan in one breath (urgent care, paediatrics,
 * primary care): each sentence lands in its own section, the diagnosis keeps the qualifiers said with it, and plan
 * items are found wherever the doctor states them as decided. Transcripts are written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, itemsOf, sectionOf } from './draft-helpers.js';

const plan = (lines: string[]) => sectionOf(draftOf(lines), /assessment|plan/i);
const exam = (lines: string[]) => sectionOf(draftOf(lines), /physical exam/i);
const results = (lines: string[]) => sectionOf(draftOf(lines), /results/i);

describe('a doctor turn that holds exam, assessment and plan', () => {
  const ear = [
    '[doctor] what brings him in?',
    '[patient] he has had a fever and keeps tugging at his left ear since last night.',
    '[doctor] any rash?',
    '[patient] no.',
    '[doctor] alright. on exam his left eardrum is red and bulging. so he has a left ear infection, acute otitis media. we will start amoxicillin 400 mg twice a day for ten days and see him back in two weeks.',
    '[patient] okay.',
  ];

  it('files an eardrum finding said in the plan turn under the exam', () => {
    expect(exam(ear).join(' ')).toMatch(/Ears.*: Left eardrum is red and bulging\./);
  });

  it('keeps the acuity and the side said with the diagnosis in its heading', () => {
    expect(plan(ear)).toContain('Acute otitis media, left ear.');
  });

  it('keeps the joint a diagnosis was sited on', () => {
    const knee = [
      '[doctor] tell me about the knee.',
      '[patient] my left knee aches when i climb stairs, for a year now.',
      '[doctor] any swelling?',
      '[patient] sometimes.',
      '[doctor] on exam your left knee has crepitus and a small effusion. so you have osteoarthritis of the left knee. we will refer you to physical therapy.',
      '[patient] fine.',
    ];
    expect(plan(knee)).toContain('Osteoarthritis of the left knee.');
  });

  it('writes no side where the sentence names both sides', () => {
    const both = [
      '[doctor] how are your ears?',
      '[patient] both of them hurt.',
      '[doctor] on exam both eardrums are red. so she has a right ear infection and a left ear infection, acute otitis media. we will start amoxicillin 400 mg twice a day.',
      '[patient] okay.',
    ];
    const p = plan(both).join(' ');
    expect(p).toMatch(/otitis media/i);
    expect(p).not.toMatch(/(?:right|left) ear\./);
  });

  it('reads what follows the diagnosis drawn after the exam in a short visit as the plan', () => {
    const strep = [
      '[doctor] what is wrong?',
      '[patient] sore throat and fever.',
      '[doctor] on exam her tonsils are red and swollen. so this is strep throat. you should drink plenty of fluids. we will start amoxicillin 500 mg twice a day.',
      '[patient] okay.',
    ];
    expect(exam(strep).join(' ')).not.toMatch(/strep throat/i);
    const p = plan(strep);
    expect(p).toContain('Strep throat.');
    // Said after the diagnosis, the advice is the plan's, though the short visit reads the turn as the exam.
    expect(p.join(' ')).toMatch(/Drink plenty of fluids\./);
  });

  it('files a finding said after a reading in the turn that opens the plan under the exam', () => {
    const bp = [
      '[doctor] how are your home readings?',
      '[patient] around 150 over 90 most days.',
      '[doctor] any chest pain?',
      '[patient] no.',
      '[doctor] your blood pressure today is 150/92. your heart sounds regular with no murmur. so your hypertension is not controlled. we will increase amlodipine to 10 mg daily.',
      '[patient] okay.',
    ];
    expect(exam(bp).join(' ')).toMatch(/Cardiovascular: Heart sounds regular with no murmur\./);
    expect(plan(bp).join(' ')).not.toMatch(/heart sounds|blood pressure today/i);
  });

  it('does not read the exam or the diagnosis said after a lab value as results', () => {
    const a1c = [
      '[doctor] how are your sugars?',
      '[patient] they run about 200 in the morning.',
      '[doctor] any numbness in your feet?',
      '[patient] a little.',
      '[doctor] your a1c today is 9.2. on exam you have reduced sensation to monofilament in both feet. so your diabetes is uncontrolled. we will increase metformin to 1000 mg twice a day.',
      '[patient] okay.',
    ];
    const r = results(a1c).join(' ');
    expect(r).toMatch(/A1c: 9\.2/);
    expect(r).not.toMatch(/monofilament|uncontrolled/);
    expect(exam(a1c).join(' ')).toMatch(/monofilament/);
  });
});

describe('plan items said as decided in a mixed turn', () => {
  it('keeps a condition that closes the sentence off the items listed before it', () => {
    const ankle = [
      '[doctor] what happened?',
      '[patient] i twisted my right ankle stepping off a curb yesterday.',
      '[doctor] can you walk on it?',
      '[patient] yes, with a limp.',
      "[doctor] on exam there is swelling over the outside of the right ankle. so this is a right ankle sprain. we'll put you in an ankle brace, use ice and naproxen 500 mg twice a day, and follow up in one week if it's not better.",
      '[patient] okay.',
    ];
    const p = plan(ankle).join(' ');
    expect(p).toMatch(/Start naproxen 500 mg twice a day\./);
    expect(p).not.toMatch(/naproxen[^.]*if it is not better/);
    expect(p).toMatch(/Follow up in 1 week if it is not better\./);
  });

  it('keeps a closing condition on tests listed together', () => {
    expect(itemsOf(['[doctor] we will get an x-ray and an mri if you still have pain.']).join(' ')).not.toMatch(
      /Order x-ray\.$/,
    );
  });

  it('writes a recheck of a vital sign at a set time', () => {
    expect(itemsOf(["[doctor] we'll recheck your blood pressure in one month."])).toContain(
      'Recheck blood pressure in 1 month.',
    );
    expect(itemsOf(["[doctor] if it stays high we'll recheck your blood pressure in one month."])).not.toContain(
      'Recheck blood pressure in 1 month.',
    );
  });

  it('writes a test ordered for the time since it was last done as a recheck', () => {
    expect(
      itemsOf([
        "[doctor] since it's been about a year since your labs were done, we should check your thyroid panel today.",
      ]).join(' '),
    ).toMatch(/^Recheck thyroid panel/);
  });

  it('writes stopping a skin product and a return to school as counselling', () => {
    expect(itemsOf(['[doctor] you should stop using that new detergent.'])).toContain('Stop using the new detergent.');
    expect(itemsOf(['[doctor] she can go back to school after 24 hours on the antibiotic.'])).toContain(
      'Can go back to school after 24 hours on the antibiotic.',
    );
    expect(itemsOf(["[doctor] you can't go back to work until the fever is gone."]).join(' ')).not.toMatch(/work/);
  });

  it('writes a due specialist visit the patient confirms, not one the patient denies', () => {
    const visit = (answer: string) => [
      '[doctor] how is the heart?',
      '[patient] no palpitations lately.',
      '[doctor] good. on exam your heart is regular. so for your first problem, your atrial fibrillation, we will continue the apixaban 5 mg twice a day.',
      '[patient] okay.',
      '[doctor] and you saw your cardiologist in the spring, you must be due to see him again soon?',
      `[patient] ${answer}`,
      '[doctor] okay.',
    ];
    expect(plan(visit('i am, next month.')).join(' ')).toMatch(/Due to see cardiologist\./);
    expect(plan(visit('no, i just saw him last week.')).join(' ')).not.toMatch(/Due to see/);
  });
});
