import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const note = (lines: string[]) => draftOf(lines);
const meds = (lines: string[]) => sectionOf(note(lines), /CURRENT MEDICATIONS/i);

/** A short visit: the history lines given, an exam, then the plan lines given. */
const visit = (history: string[], plan: string[] = []) => [
  '[doctor] what brings you in today?',
  '[patient] my ankle has been hurting since i twisted it last week.',
  ...history,
  "[doctor] alright, let's do a quick physical exam. there is tenderness of the lateral ankle.",
  '[patient] okay.',
  ...plan,
  '[doctor] we will see you back in two weeks.',
];

describe('drugs the doctor offers that the patient does not take up', () => {
  it('does not list the other drug of an either/or the patient did not name', () => {
    const out = meds(
      visit([
        '[doctor] have you done anything to help the pain',
        '[patient] i have taken some ibuprofen and i keep it elevated',
        "[doctor] okay and when you do take that ibuprofen or tylenol what's your pain level then",
        '[patient] maybe a seven',
      ]),
    );
    expect(out).toContain('• Ibuprofen.');
    expect(out.join(' ')).not.toMatch(/acetaminophen|tylenol/i);
  });

  it('does not list a drug asked about and answered with other drugs', () => {
    const out = meds(
      visit([
        '[doctor] and did she give you some prednisone?',
        '[patient] well, she gave me a numbing medicine and gabapentin.',
      ]),
    );
    expect(out.join(' ')).toMatch(/gabapentin/i);
    expect(out.join(' ')).not.toMatch(/prednisone/i);
  });

  it('keeps a drug asked about that the reply takes up without naming it', () => {
    const out = meds(
      visit([
        '[doctor] are you taking the lisinopril i think we have you on twenty milligrams a day',
        '[patient] yep i take it every morning with my multivitamin',
      ]),
    );
    expect(out.join(' ')).toMatch(/lisinopril/i);
  });
});

describe('surgical history names the operation said', () => {
  it('writes a discectomy as a discectomy, not a laminectomy', () => {
    const d = note(
      visit([
        '[doctor] any surgeries in the past?',
        '[patient] yes, i had a discectomy in my lower back five years ago.',
      ]),
    );
    const surg = sectionOf(d, /SURGICAL HISTORY/i).join(' ');
    expect(surg).toMatch(/discectomy/i);
    expect(surg).not.toMatch(/laminectomy/i);
  });
});

describe('a denied drug class the patient takes', () => {
  it('does not write a denial of blood thinners when the patient takes eliquis', () => {
    const d = note(
      visit(
        [
          '[doctor] do you take any blood thinners?',
          "[patient] no, i don't.",
          '[doctor] okay.',
          '[patient] i am taking eliquis, though.',
        ],
        ['[doctor] plan, i will order an x-ray of the ankle. he denies any blood thinners.', '[patient] okay.'],
      ),
    );
    expect(sectionOf(d, /CURRENT MEDICATIONS/i).join(' ')).toMatch(/apixaban/i);
    expect(d.note).not.toMatch(/denies any blood thinners/i);
  });

  it('keeps the denial when no drug of the class is taken', () => {
    const d = note(
      visit(
        ['[doctor] do you take any blood thinners?', "[patient] no, i don't."],
        ['[doctor] plan, i will order an x-ray of the ankle. he denies any blood thinners.', '[patient] okay.'],
      ),
    );
    expect(d.note).toMatch(/denies any blood thinners/i);
  });
});

describe('a symptom of the story that led to an admission', () => {
  it('is not endorsed in the review of systems once the patient is better', () => {
    const d = note([
      '[doctor] i was notified you were in the hospital for some heart failure what happened',
      "[patient] well i'm doing better now but i just started having problems that my ankles were swelling and i couldn't breathe at night so they took me into the er",
      '[doctor] have you had any chest pain',
      '[patient] no chest pain',
      "[doctor] alright, let's do a quick physical exam. your lower extremities show just trace edema.",
      '[patient] okay.',
      '[doctor] continue the bumex two milligrams once daily and we will see you in three months.',
    ]);
    expect(sectionOf(d, /REVIEW OF SYSTEMS/i).join(' ')).not.toMatch(/endorses[^.]*swelling/i);
  });
});
