/**
 * An exam the doctor announces in other words ("let's complete your exam", "I'd like to start my examination"), with
 * the patient's own story told while being examined: the exam is exam, findings said by their content ("feels
 * denser", "a few lumps") are findings, and what the patient tells of their history stays in the history.
 */
import { describe, expect, it } from 'vitest';
import { phases } from '../../../core/clinical/discourse.js';
import { parseTranscript } from '../../../core/clinical/index.js';
import { draftOf, sectionOf } from './draft-helpers.js';

const history = [
  '[doctor] hello, what brings you in today?',
  '[patient] i have been having some pain in my chest wall for a month.',
  '[doctor] okay. any fever?',
  '[patient] no fever.',
  '[doctor] any trouble breathing?',
  '[patient] no.',
];

const hpi = (lines: string[]) => sectionOf(draftOf(lines), /HISTORY OF PRESENT ILLNESS/).join(' ');
const exam = (lines: string[]) => sectionOf(draftOf(lines), /PHYSICAL EXAM/).join(' ');

describe('exam announced in other words, interleaved with talk', () => {
  const v1 = [
    ...history,
    "[doctor] alright, let's complete your exam now.",
    '[patient] sure.',
    '[doctor] okay, on the left breast it does feel a little bit denser than last time.',
    '[patient] okay.',
    '[doctor] you can sit up now.',
    '[patient] my sister was diagnosed with breast cancer when she was fifty, so that is why i worry.',
    '[doctor] i understand. we will keep an eye on it.',
  ];
  it('reads a finding stated by its content as an exam finding', () => {
    expect(exam(v1)).toMatch(/left breast feels slightly denser/i);
    expect(exam(v1)).not.toMatch(/Not discussed/);
  });
  it('keeps a worry the patient tells during the exam in the history', () => {
    const d = draftOf(v1);
    const all = d.sections.map((s) => s.sentences.map((x) => x.text).join(' ')).join(' ');
    expect(all).toMatch(/sister/i);
  });

  it('"let\'s complete your exam" and "start my examination" open the exam phase', () => {
    for (const cue of ["alright, let's complete your exam now.", "okay, i'd like to start my examination."]) {
      const lines = [...history, `[doctor] ${cue}`, '[patient] okay.', '[doctor] it looks good.', '[patient] good.'];
      expect(phases(parseTranscript(lines.join('\n')))[history.length]).toBe('exam');
    }
  });

  it('"I would like to start my examination" opens the exam', () => {
    const v2 = [
      ...history,
      "[doctor] okay, i'd like to start my examination.",
      '[patient] go ahead.',
      '[doctor] there is tenderness to palpation over the left lower ribs.',
      '[patient] that is the spot.',
      '[doctor] your lungs are clear.',
      "[doctor] i think it's costochondritis, let's try ibuprofen 600 mg three times a day.",
    ];
    expect(exam(v2)).toMatch(/tenderness to palpation/i);
    expect(exam(v2)).toMatch(/lungs are clear/i);
  });

  it('a patient story in the middle of the exam reaches the HPI', () => {
    const v3 = [
      ...history,
      "[doctor] let's go ahead and do your exam.",
      '[patient] okay.',
      '[doctor] i hear a faint wheeze on the right side.',
      '[patient] i also started getting a cough about two weeks ago when the weather changed.',
      '[doctor] okay. heart has a regular rate and rhythm.',
      "[doctor] i'm going to order a chest x-ray.",
    ];
    expect(hpi(v3)).toMatch(/cough/i);
    expect(exam(v3)).toMatch(/wheeze/i);
  });

  it('an answer to the exam maneuver that says more than asked stays history', () => {
    const v4 = [
      ...history,
      "[doctor] alright, i'm going to start my exam now.",
      '[patient] okay.',
      '[doctor] does it hurt when i press here?',
      '[patient] no, but it makes a sharp pain shoot into my back though.',
      '[doctor] okay. the chest wall is tender along the sternum.',
      "[doctor] i'm going to order an x-ray of your ribs.",
    ];
    expect(hpi(v4)).toMatch(/shoot|sharp/i);
  });

  it('the patient only pointing at the maneuver is not copied into the HPI', () => {
    const v5 = [
      ...history,
      "[doctor] let's complete your exam.",
      '[patient] alright.',
      '[doctor] okay, there is some swelling over the right wrist.',
      '[patient] yes, it hurts right there where your thumb is.',
      "[doctor] we'll get an x-ray of the wrist.",
    ];
    expect(hpi(v5)).not.toMatch(/thumb/i);
    expect(exam(v5)).toMatch(/swelling/i);
  });
});
