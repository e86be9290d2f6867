import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The A&P of a visit given as tagged lines, one line per note line. */
const plan = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN')).split('\n');
};
const exam = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('PHYSICAL EXAMINATION'), note.indexOf('ASSESSMENT AND PLAN'));
};
const opening = ['[doctor] hi, what brings you in today?'];

describe('A&P lines under the right label, in a note register', () => {
  it('a run-on plan sentence is labelled clause by clause: its test order goes under Additional Testing', () => {
    const ap = plan([
      ...opening,
      '[patient] i got bit by a tick and now i have a rash on my leg.',
      '[doctor] okay, let me examine you. your leg has a red circular rash.',
      '[doctor] so for your first problem, your lyme disease, i think this rash is consistent with early lyme disease because of the tick bite and it has been spreading over the last week and i am also going to send a lyme titer as well as a western blot today.',
      '[doctor] i want you to start doxycycline 100 milligrams twice a day for 21 days.',
    ]);
    expect(ap).toContain('• Additional Testing: Will also send a lyme titer as well as a western blot today.');
    expect(ap.find((l) => l.startsWith('• Medical Reasoning:'))).not.toMatch(/titer|western blot/);
  });

  it("a follow-up said in words is a follow-up line, not reasoning; a half whose 'and if …' never came is trimmed", () => {
    const ap = plan([
      ...opening,
      '[patient] i have a lot of pain in my back and i think it is a kidney stone.',
      '[doctor] okay, let me examine you. you have some tenderness over your left flank.',
      '[doctor] so for your kidney stones, i want you to push fluids.',
      "[doctor] i'll see how you do over the next week.",
      "[doctor] we'll keep you off running for two weeks and if you're improving.",
    ]);
    expect(ap).toContain('Will see how they do over the next week.');
    expect(ap.join('\n')).not.toMatch(/Medical Reasoning: Will see how/);
    expect(ap.join('\n')).toMatch(/Will keep them off running for 2 weeks\.(?!\S)/);
    expect(ap.join('\n')).not.toMatch(/and if they are improving/);
  });

  it('first-person plan remnants become plan statements: "I don\'t think we need to…", "I would recommend…", "what I recommend … excuse me …"', () => {
    const hf = plan([
      ...opening,
      '[patient] my heart failure has been fine.',
      '[doctor] okay, let me examine you. your lungs are clear.',
      "[doctor] so for your heart failure, you're stable on lisinopril 20 milligrams a day. i don't think we need to adjust any of your medications.",
    ]);
    expect(hf).toContain('• Medical Reasoning: No need to adjust any of their medications.');
    const arm = plan([
      ...opening,
      '[patient] i fell and hurt my right arm.',
      '[doctor] okay, let me examine you. your right upper arm is tender.',
      '[doctor] so your x-ray shows a proximal humerus fracture.',
      '[doctor] i would recommend that you keep your arm elevated.',
    ]);
    // Said as an instruction, the elevation is the counselling item itself.
    expect(arm.join('\n')).toMatch(
      /• Patient Education and Counseling: (?:Recommend they keep their|Keep the) arm elevated\./,
    );
    const melanoma = plan([
      ...opening,
      '[patient] i have a spot on my back.',
      '[doctor] okay, the biopsy showed melanoma.',
      '[doctor] so for your melanoma, what i recommend for you is what we call a wide local incision, excuse me, excision.',
    ]);
    expect(melanoma).toContain('• Medical Treatment: Recommend a wide local excision.');
  });

  it('an order copied from speech goes under its item label; one that only restates a structured item goes', () => {
    const ap = plan([
      ...opening,
      '[patient] i fell and hurt my right arm.',
      '[doctor] okay, let me examine you. your right upper arm is tender.',
      '[doctor] so your x-ray shows a proximal humerus fracture.',
      "[doctor] i'm going to put you in a sling.",
      "[doctor] we'll put you in a sling and a long arm cast.",
      "[doctor] and we'll put you in a sling.",
    ]);
    expect(ap).toContain('• Medical Treatment: Place in sling. Will put them in a sling and a long arm cast.');
    expect(ap.join('\n')).not.toMatch(/Medical Reasoning/);
    expect(ap.join('\n').match(/sling/g)).toHaveLength(2);
  });

  it('an exam finding called out in the plan goes to the exam, not the A&P', () => {
    const lines = [
      ...opening,
      '[patient] my heart failure has been fine.',
      '[doctor] okay, let me examine you. your lungs are clear.',
      '[doctor] so for your heart failure, continue lisinopril 20 milligrams a day.',
      '[doctor] your abdomen also feels a little tender.',
    ];
    expect(exam(lines)).toContain('• Gastrointestinal: Their abdomen also feels a little tender.');
    expect(plan(lines).join('\n')).not.toMatch(/abdomen/);
  });

  it("'follow up with you in two weeks' is the follow-up item", () => {
    const ap = plan([
      ...opening,
      '[patient] my heart failure has been fine.',
      '[doctor] okay, let me examine you. your lungs are clear.',
      '[doctor] so for your heart failure, continue lisinopril 20 milligrams a day.',
      '[doctor] i want to follow up with you in two weeks.',
    ]);
    expect(ap).toContain('Follow up in 2 weeks.');
  });
});
