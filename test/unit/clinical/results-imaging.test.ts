import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { draftOf, sectionOf } from './draft-helpers.js';

describe('an imaging finding said with its extent and site', () => {
  it('keeps "a small patch of pneumonia in the right lower lobe" as a result', () => {
    const d = draftOf([
      '[doctor] what brings you in?',
      '[patient] a cough for two weeks.',
      '[doctor] let me listen. crackles at the right base.',
      '[doctor] we did a chest x-ray this morning, and the chest x-ray shows a small patch of pneumonia in the right lower lobe.',
      '[doctor] so, my assessment is community acquired pneumonia. i will prescribe doxycycline 100 milligrams twice a day.',
    ]);
    expect(sectionOf(d, /RESULTS/)).toEqual(['Chest X-ray: pneumonia in the right lower lobe.']);
  });
});

describe('patient instructions for a recheck', () => {
  it('asks for another test, not "Recheck a blood test"', () => {
    const d = draftNote(
      parseTranscript(
        [
          '[doctor] how is the diabetes?',
          '[patient] good, i take the metformin every day.',
          "[doctor] great. we'll recheck your a1c in three months.",
        ].join('\n'),
      ),
      { template: 'patient-instructions' },
    );
    expect(d.note).not.toMatch(/Recheck a/);
  });
});
