import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

describe('a short visit whose last turn is exam, diagnosis and order at once', () => {
  const d = draftOf([
    '[doctor] what brings you in',
    '[patient] these pressure headaches around my temples every afternoon for a month',
    '[doctor] any vomiting or vision problems',
    '[patient] no',
    "[doctor] okay your exam is normal today i think these are tension type headaches so let's try naproxen 220 milligrams twice a day as needed and i want you to take breaks from the screen",
  ]);
  it('heads the A&P with the diagnosis said as "these are"', () => {
    expect(sectionOf(d, /ASSESSMENT/)[0]).toBe('Tension type headaches.');
  });
  it('writes the order said before the plan cue as a plan item, not a current medication', () => {
    expect(sectionOf(d, /ASSESSMENT/).join(' ')).toMatch(/Start naproxen 220 mg twice a day as needed\./);
    expect(sectionOf(d, /CURRENT MEDICATIONS/).join(' ')).not.toMatch(/naproxen/i);
  });
  it('keeps a hedged "maybe we will try" out of the plan phase', () => {
    const h = draftOf([
      '[doctor] what brings you in',
      '[patient] my nose is always stuffy',
      '[doctor] okay your exam shows swollen turbinates maybe we will try some flonase 2 sprays daily and i want you to rinse with saline',
    ]);
    expect(h.note).toMatch(/flonase/i);
  });
});

describe('an injection planned with other treatment', () => {
  it('is a plan item', () => {
    const d = draftOf([
      '[doctor] so your shoulder still hurts',
      '[patient] yes when i reach overhead',
      '[doctor] okay you have pain with the empty can test so this is rotator cuff tendinitis we will start with home exercises and a cortisone shot today',
    ]);
    expect(sectionOf(d, /ASSESSMENT/).join(' ')).toMatch(/Plan cortisone injection\./);
  });
  it('is not taken from a question about a past one', () => {
    const d = draftOf([
      '[doctor] so your shoulder still hurts',
      '[patient] yes when i reach overhead',
      '[doctor] did the cortisone shot help last time',
      '[patient] for a few weeks',
      '[doctor] okay this is rotator cuff tendinitis we will start with physical therapy',
    ]);
    expect(sectionOf(d, /ASSESSMENT/).join(' ')).not.toMatch(/injection/);
  });
});
