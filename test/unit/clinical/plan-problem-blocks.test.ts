import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The A&P of a visit given as tagged lines, one line per note line. */
const plan = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN')).split('\n');
};
const headings = (ap: string[]) => ap.slice(1).filter((l) => l && !l.startsWith('•'));

describe('A&P problem headings and grouping', () => {
  it('a disease named for its vaccine is not a problem heading', () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] just my yearly physical, and my knee has been hurting.',
      '[doctor] okay, on exam your knee has mild swelling.',
      '[doctor] so for your knee pain, i want you to take ibuprofen 600 milligrams three times a day.',
      "[doctor] now you are due for your mmr and i recommend you get the shingles vaccine as well. you have completed your covid-19, so that's good.",
    ]);
    expect(headings(ap).join(' ')).not.toMatch(/covid|influenza|flu/i);
  });

  it('a known chronic problem the plan weighs is not "possible"', () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] i had some chest pain last week and went to the er.',
      '[doctor] and in terms of your high blood pressure, are you taking your lisinopril?',
      '[patient] yes, i take lisinopril 10 milligrams a day for my high blood pressure.',
      '[doctor] okay, let me examine you. your heart is regular.',
      '[doctor] so my impression is that you have this episode of chest pain. um, that could be related to severe hypertension or it could be related to some heart disease.',
      "[doctor] i'm going to order a cardiac catheterization.",
      "[doctor] for the high blood pressure, we're going to add carvedilol 25 milligrams twice a day and continue your lisinopril 10 milligrams a day.",
    ]);
    const hs = headings(ap);
    expect(hs).toContain('Chest pain.');
    expect(hs.join(' ')).not.toMatch(/possible hypertension/i);
    // The cath ordered after the impression is under the chest pain, not an orphan bullet above every heading.
    expect(ap[1]).not.toMatch(/^•/);
  });

  it('a symptom explained by a diagnosis already headed does not open a second heading', () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] my back has been hurting on the right side.',
      '[doctor] okay, your abdomen is tender in the right lower quadrant.',
      "[doctor] so let's talk about my assessment and plan. we drew a creatinine because i was concerned about the kidney stones.",
      "[doctor] so for your first problem, your back pain, i think you're having a recurrence of your kidney stones.",
      '[doctor] i want to order a ct scan of your abdomen and pelvis.',
      '[doctor] for your migraines, continue the imitrex.',
    ]);
    const hs = headings(ap);
    expect(hs.some((h) => /kidney stones/i.test(h))).toBe(true);
    expect(hs.join(' ')).not.toMatch(/back pain/i);
  });

  it('a problem named as what a test is for stays in the block opened in that turn', () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] just a follow-up for my heart.',
      '[doctor] alright for your second problem of your coronary artery disease i wan na go ahead and order an echocardiogram just to follow up on that heart murmur that you had and i wan na go ahead and continue you on the lipitor forty milligrams a day and i wan na go ahead and order a lipid panel',
      "[doctor] okay and then for your third problem of your diabetes let's go ahead and continue you on the metformin a thousand milligrams twice a day",
    ]);
    const cad = ap.indexOf('Coronary artery disease.');
    const dm = ap.indexOf('Diabetes.');
    expect(cad).toBeGreaterThan(0);
    expect(ap.slice(1).filter((l) => l === 'Heart murmur.')).toEqual([]);
    const block = ap.slice(cad, dm > cad ? dm : undefined).join(' ');
    expect(block).toMatch(/Lipitor/);
    expect(block).toMatch(/lipid panel/);
  });

  it('a general return precaution and the follow-up close the plan, not the last problem', () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] my reflux and my migraines.',
      "[doctor] for your migraines, let's continue you on the imitrex.",
      '[doctor] and for your reflux, continue the protonix 40 milligrams a day.',
      "[doctor] i'll see you again in 3 weeks. if your symptoms worsen, just give me a call.",
    ]).filter(Boolean);
    const last = ap.slice(ap.lastIndexOf('GERD.'));
    expect(last.some((l) => /^• Patient Education and Counseling:.*call/i.test(l))).toBe(false);
    expect(ap[ap.length - 1]).toMatch(/call/i);
    expect(ap[ap.length - 1]).not.toMatch(/^•/);
  });
});
