import { describe, expect, it } from 'vitest';
import { examOf } from './draft-helpers.js';

const visit = (...exam: string[]) => [
  '[doctor] so what brings you in today?',
  '[patient] i have had some pain in my side for a few days.',
  '[doctor] any fever?',
  '[patient] no.',
  ...exam,
  '[doctor] for your first problem, your kidney stone, i am going to prescribe oxycodone 5 mg every 6 hours.',
];

describe('exam: the findings said, and only findings', () => {
  it('writes "everything sounds good" after listening to the heart and lungs as both findings', () => {
    const exam = examOf(
      visit(
        "[doctor] well let's take a look. uhm, i'm gonna listen to your heart and lungs.",
        '[patient] okay.',
        '[doctor] just take a few breaths.',
        '[patient] okay.',
        '[doctor] all right, everything sounds good, no concerns there.',
        '[patient] great.',
      ),
    ).join('\n');
    expect(exam).not.toMatch(/Not discussed/);
    expect(exam).toMatch(/Cardiovascular: Heart sounds normal/);
    expect(exam).toMatch(/Respiratory: Lungs sound normal/);
  });

  it('reads the finding that opens the plan turn after the exam as the exam, without the advice', () => {
    const exam = examOf([
      '[doctor] how have you been feeling?',
      '[patient] pretty good, my breathing is better.',
      '[doctor] any chest pain?',
      '[patient] no.',
      '[doctor] any swelling in your legs?',
      '[patient] no, not really.',
      "[doctor] all right let's take a quick listen.",
      '[doctor] and take a couple of deep breaths for me.',
      "[doctor] your lungs sound pretty good to me so keep doing what you're doing. um, like i said, i think you're doing good overall but let's just talk about a few things.",
      '[patient] all righty.',
      '[doctor] so i might recommend putting you on a magnesium supplement.',
    ]).join('\n');
    expect(exam).toMatch(/Respiratory: Lungs sound normal\./);
    expect(exam).not.toMatch(/keep doing|to me|Not discussed/);
  });

  it('cuts an instruction to the patient from the finding it interrupts', () => {
    const exam = examOf(
      visit(
        '[doctor] on nasal examination there is edema and erythema of the nasal turbinates bilaterally with associated clear discharge open up your mouth and say.',
        '[doctor] on throat examination there is bilateral erythema of the tonsils.',
      ),
    ).join('\n');
    expect(exam).toMatch(/with associated clear discharge\./);
    expect(exam).not.toMatch(/mouth|say/);
    expect(exam).toMatch(/bilateral erythema of the tonsils/);
  });

  it("leaves the doctor's reading of the findings out of the exam, and files CVA tenderness (ASR 'cva tinnitus') as genitourinary", () => {
    const exam = examOf(
      visit(
        "[doctor] alright so on your examination of your abdomen there is tenderness to palpation of the abdomen there isn't any rebound or guarding though and only there is also cva tinnitus on the right on your on your flank as well and so it seems to me you know that you do have that kidney stone looks like you do have some inflammation around your kidney that's what that that's that tenderness around your cva is is telling me.",
      ),
    ).join('\n');
    expect(exam).toMatch(/Genitourinary: CVA tenderness on the right flank\./);
    expect(exam).toMatch(/Gastrointestinal: .*tenderness to palpation of the abdomen, no rebound or guarding\./);
    expect(exam).not.toMatch(/tinnitus|seems to me|telling me|kidney stone/);
  });

  it('files edema of the extremities under Cardiovascular, apart from a catheter site said in the same breath', () => {
    const exam = examOf(
      visit(
        "[doctor] let me examine you. your lungs are clear. so good good and your extremities i don't see any swelling or edema on your right radial artery the cath site there is clean and it's dry and intact.",
        '[doctor] and, um, you have some lower extremity edema on the right hand side.',
      ),
    );
    expect(exam.join('\n')).toMatch(/Cardiovascular: Extremities: no swelling or edema\./);
    expect(exam.join('\n')).toMatch(/Integumentary: Right radial artery cath site is clean, dry and intact\./);
    expect(exam.join('\n')).not.toMatch(/Musculoskeletal/);
    expect(exam.join('\n')).toMatch(/lower extremity edema on the right/);
  });

  it('does not write again a finding that another finding of the system states in full', () => {
    const exam = examOf([
      '[doctor] what brings you in?',
      '[patient] my right knee hurts.',
      "[doctor] let's take a look. right knee looks like it has some swelling. if i bend the knee back does that hurt?",
      '[patient] yes.',
      '[doctor] okay so little bit of limited range of motion as well as pain on both flexion and extension on the knee.',
      '[doctor] and there is tenderness to palpation of the big toe. tenderness to palpation between the big toe and the second toe.',
      '[doctor] for your knee, i want you to take ibuprofen 600 mg three times a day.',
    ]).join('\n');
    expect(exam).toMatch(/pain on both flexion and extension/);
    expect(exam).not.toMatch(/Pain with flexion of the knee/);
    // A finding somewhere else is not the same finding.
    expect(exam).toMatch(/palpation of the big toe\./);
    expect(exam).toMatch(/between the big toe and the second toe/);
  });
});
