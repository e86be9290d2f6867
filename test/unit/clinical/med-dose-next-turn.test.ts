import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const meds = (lines: string[]) => sectionOf(draftOf(lines), /CURRENT MEDICATIONS/i).join(' ');

describe('current medications: the dose and schedule said about a drug in the turns that follow it', () => {
  it('takes the strength the patient says in the next sentence, with a spelled unit ("ten M G")', () => {
    const out = meds([
      'Doctor: Are you taking Citalopram for depression?',
      'Patient: Yes, I take it once a day.',
      'Patient: It is ten M G tablet.',
    ]);
    expect(out).toMatch(/Citalopram 10 mg once a day/);
  });

  it("takes the dose and schedule the doctor asks about when the patient confirms them ('is that 20 M G once a day?' 'it is.')", () => {
    const out = meds([
      'Doctor: Do you take anything for acid reflux?',
      'Patient: Yeah, I take Aciphex.',
      'Doctor: Is that twenty M G once a day?',
      'Patient: It is. I also take one baby Aspirin in the mornings.',
    ]);
    expect(out).toMatch(/Rabeprazole 20 mg once a day/);
    expect(out).not.toMatch(/Aspirin 20/);
  });

  it('takes the strength answered to a question about the drug', () => {
    const out = meds([
      'Doctor: What is the strength of your Omeprazole?',
      'Patient: It is forty M G and I take it just once a day.',
    ]);
    expect(out).toMatch(/Omeprazole 40 mg once a day/);
  });

  it('does not take a dose the patient denies, nor one said after another drug is named', () => {
    const denied = meds([
      'Doctor: Are you on lisinopril?',
      'Patient: Yes.',
      'Doctor: Is that twenty M G once a day?',
      'Patient: No, I am not sure what dose.',
    ]);
    expect(denied).toMatch(/Lisinopril/);
    expect(denied).not.toMatch(/20 mg|once a day/);
    const other = meds([
      'Doctor: Are you on lisinopril?',
      'Patient: Yes. And I take metformin.',
      'Patient: It is five hundred M G twice a day.',
    ]);
    expect(other).not.toMatch(/Lisinopril 500/);
  });

  it('reads a spelled unit before the drug ("five hundred M G of amoxicillin")', () => {
    const out = meds([
      'Doctor: Have you been taking your Amoxicillin and using your Tazorac?',
      'Patient: Yeah, I have taken five hundred M G of amoxicillin twice a day, and I use the cream as well.',
    ]);
    expect(out).toMatch(/Amoxicillin 500 mg twice a day/);
    expect(out).not.toMatch(/Amoxicillin cream/);
  });

  it("takes the dose of a prescription the doctor reads back and the patient confirms ('… correct?' 'yeah, that's it')", () => {
    const out = meds([
      "Doctor: Have you been taking your Plaquenil for lupus, ma'am?",
      'Patient: Yeah, I am.',
      'Doctor: Your prescription is two hundred M G twice a day, correct?',
      "Patient: Yeah, that's it.",
    ]);
    expect(out).toMatch(/Hydroxychloroquine 200 mg twice a day/);
  });

  it('does not read a schedule from a sentence that says the drug is not taken on it', () => {
    const out = meds([
      'Doctor: How much Lexapro are you taking now?',
      'Patient: I am taking ten M G.',
      'Doctor: When did you last take it?',
      "Patient: About a week ago. I don't take it every day.",
    ]);
    expect(out).toMatch(/Escitalopram 10 mg/);
    expect(out).not.toMatch(/daily|every day/);
  });

  it('reads a strength under one said from its decimal point ("a point six M G"), never as six', () => {
    const out = meds(['Doctor: It looks like she started a point six m g colchicine, which she took daily.']);
    expect(out).toMatch(/Colchicine 0\.6 mg daily/);
  });

  it('writes the route said with the drug, not the one of the drug before it', () => {
    const out = meds([
      'Doctor: We gave him epinephrine one M G subcutaneously along with fifty M G of Benadryl intramuscularly.',
    ]);
    expect(out).not.toMatch(/Diphenhydramine[^.]*subcutaneously/);
  });
});

describe('a schedule said as morning and evening', () => {
  it('reads "one in the morning and one in the evening" as twice a day, not "in the morning"', () => {
    const out = meds([
      '[doctor] are you taking any supplements such as iron?',
      '[patient] i already started taking my iron pills.',
      '[doctor] all right. and what are you taking?',
      "[patient] i'm taking 25 milligram tablets, twice daily.",
      "[doctor] okay, and that's the ferrous sulfate?",
      "[patient] yeah, that's it. i take one in the morning and one in the evening.",
    ]);
    expect(out).toMatch(/25 mg twice a day/);
    expect(out).not.toMatch(/in the morning/);
  });

  it('takes a strength of two or more digits answered as a bare fragment ("yes, 20 milligrams every night")', () => {
    expect(
      meds(['[doctor] and you still take the atorvastatin?', '[patient] yes, forty milligrams every night.']),
    ).toMatch(/Atorvastatin 40 mg every night/);
    expect(meds(['[doctor] what dose of amlodipine are you on?', '[patient] ten milligrams once a day.'])).toMatch(
      /Amlodipine 10 mg once a day/,
    );
  });
});
