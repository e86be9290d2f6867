import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const ap = (lines: string[]) => sectionOf(draftOf(lines), /assessment/i);

const visit = (assessment: string) => [
  '[doctor] what happened to your knee?',
  '[patient] i came down wrong on my right knee at volleyball on sunday and it swelled up fast.',
  '[doctor] any numbness in your foot?',
  '[patient] no.',
  '[doctor] on exam the right knee has a large effusion and a positive lachman test.',
  `[doctor] ${assessment} we'll get an mri of the right knee and i'll see you after that.`,
];

describe('a ruled-out diagnosis never heads a problem', () => {
  it('"it\'s not a fracture" is no heading', () => {
    const lines = ap([
      '[doctor] what happened to your knee?',
      '[patient] i came down wrong on my right knee at volleyball on sunday and it swelled up fast.',
      '[doctor] on exam the right knee has a large effusion.',
      '[doctor] the x-ray we took today shows no broken bones.',
      "[doctor] okay, it's not a fracture, it's a bone bruise. we'll get an mri of the right knee and i'll see you after.",
    ]);
    expect(lines.some((l) => /^not /i.test(l))).toBe(false);
  });

  it('"this is not shingles" is no heading', () => {
    const lines = ap([
      '[doctor] tell me about the rash.',
      '[patient] it is on my left forearm, itchy, since tuesday after i pulled weeds.',
      '[doctor] on your left forearm there are streaks of blisters.',
      '[doctor] this looks like contact dermatitis. this is not shingles. use triamcinolone cream twice a day for ten days.',
    ]);
    expect(lines.some((l) => /^not shingles/i.test(l))).toBe(false);
    expect(lines[0]).toMatch(/contact dermatitis/i);
  });
});

describe("the doctor's claim of an injury to a structure heads the problem", () => {
  it('"I\'m worried you tore your ACL" → possible tear of the named ligament, with its side', () => {
    const lines = ap(visit("so i'm worried you tore your acl."));
    expect(lines[0]).toBe('Possible right anterior cruciate ligament tear.');
  });

  it('an unhedged claim is the diagnosis', () => {
    const lines = ap(visit('so the scan from the other hospital shows you tore your medial meniscus.'));
    expect(lines[0]).toBe('Right medial meniscus tear.');
  });

  it('a negated or conditional claim heads nothing', () => {
    for (const said of ["i don't think you tore your acl.", 'if you tore your acl it would be looser than this.'])
      expect(ap(visit(said)).join(' ')).not.toMatch(/ligament tear/i);
  });
});
