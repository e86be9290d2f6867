/** False alarms found by reviewing ACI-BENCH output (paraphrased here, not copied), kept fixed. */
import { describe, expect, it } from 'vitest';
import { hintsFor, ofKind, visit } from './helpers.js';

describe('reviewed false alarms stay fixed', () => {
  it('an allergy list is read as allergies, not as current drugs', () => {
    const t = visit("D: you're not taking anything right now, and you're allergic to percocet, vicodin and keflex.");
    expect(ofKind(hintsFor(t), 'allergy-conflict')).toEqual([]);
    const h = ofKind(hintsFor(t + "\n[doctor] i'll prescribe oxycodone 5 mg for the fracture."), 'allergy-conflict');
    expect(h.map((x) => x.drugs)).toEqual([['oxycodone']]);
  });

  it('a rescue drug named with allergy words is not an allergen', () => {
    const t = visit(
      'D: what medications do you take?',
      'P: just an epipen.',
      'D: epipen for anaphylaxis when you need it.',
    );
    expect(ofKind(hintsFor(t), 'allergy-conflict')).toEqual([]);
  });

  it('seasonal "allergies" with a drug in the same sentence is not a drug allergy', () => {
    const t = visit(
      'D: you might be having a little bit of allergies, maybe we can try some singulair.',
      "D: we'll start singulair.",
    );
    expect(ofKind(hintsFor(t), 'allergy-conflict')).toEqual([]);
  });

  it('negation carries over a list', () => {
    const t = visit("D: you've not had any weight loss, headaches, bone pain, or blood in the stools.");
    expect(ofKind(hintsFor(t), 'red-flag')).toEqual([]);
  });

  it('an unpunctuated doctor question answered no is not a finding', () => {
    const t = visit(
      'D: now tell me have you had any chest pain or any shortness of breath',
      "P: no not really no chest pain i've been doing some short walks around the block",
    );
    const h = hintsFor(t);
    expect(ofKind(h, 'red-flag')).toEqual([]);
    expect(ofKind(h, 'missing-documentation')).toEqual([]);
  });

  it('a different medication replaces the old one of its class', () => {
    const t = visit(
      'D: we have you on prozac 20 mg a day.',
      "D: we'll start you on a different medication, zoloft, 25 mg once a day.",
    );
    expect(ofKind(hintsFor(t), 'duplicate-therapy')).toEqual([]);
  });

  it('an order for a lab does not make an existing drug "started"', () => {
    const t = visit(
      'P: no allergies.',
      "D: let's order a hemoglobin a1c to make sure we don't need any adjustments to your metformin.",
      'D: i see you take five hundred milligrams of metformin twice a day.',
    );
    expect(ofKind(hintsFor(t), 'missing-documentation')).toEqual([]);
  });

  it('something tried once in the past is not a current drug', () => {
    const t = visit('P: i took some ibuprofen but it did not help.', "D: i'll start lisinopril 10 mg daily.");
    expect(ofKind(hintsFor(t), 'drug-interaction')).toEqual([]);
  });
});

describe('dated starts', () => {
  it('a drug started last month is current; one used years ago is not', () => {
    const started = visit('P: i was started on eliquis last month by cardiology.', 'D: take naproxen 500 twice a day.');
    expect(ofKind(hintsFor(started), 'drug-interaction')).toHaveLength(1);
    const old = visit('P: i used to take warfarin years ago.', 'D: take naproxen.');
    expect(ofKind(hintsFor(old), 'drug-interaction')).toEqual([]);
  });
});
