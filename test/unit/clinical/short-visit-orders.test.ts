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

describe('a procedure raised as an option', () => {
  it('is a plan item to discuss it', () => {
    const d = draftOf([
      '[doctor] how is the hip',
      '[patient] worse i can barely walk a block',
      '[doctor] the x-ray shows bone on bone arthritis so i think we need to discuss a hip replacement and i will refer you to orthopedic surgery',
    ]);
    expect(sectionOf(d, /ASSESSMENT/).join(' ')).toMatch(/Discuss hip replacement\./);
  });
  it('is not when it is only a condition for later', () => {
    const d = draftOf([
      '[doctor] how is the hip',
      '[patient] a little better with the therapy',
      '[doctor] good keep going with therapy and if it stops helping we can talk about surgery',
    ]);
    expect(d.note).not.toMatch(/Discuss surgery/);
  });
});

describe('sleep trouble said as lying awake', () => {
  const d = draftOf([
    '[doctor] how are you sleeping',
    '[patient] badly i lay awake thinking about money for hours most nights',
    '[doctor] okay i think this is stress related insomnia we will start with sleep hygiene and see you in a month',
  ]);
  it('is insomnia, without a duration made of the words around "for hours"', () => {
    expect(sectionOf(d, /REVIEW OF SYSTEMS/).join(' ')).toMatch(/Endorses insomnia/);
    expect(d.note).not.toMatch(/insomnia for money/);
  });
});

describe('denials asked as "vision changes" and "neck stiffness"', () => {
  const d = draftOf([
    '[patient] i have had a bad headache since yesterday',
    '[doctor] any visual changes or a stiff neck',
    '[patient] no',
    '[doctor] okay your exam is normal this is likely a migraine',
  ]);
  it('keep what was asked, not a narrower symptom or one without its site', () => {
    const ros = sectionOf(d, /REVIEW OF SYSTEMS/).join(' ');
    expect(ros).toMatch(/Denies vision changes/);
    expect(ros).toMatch(/Denies neck stiffness/);
    expect(ros).not.toMatch(/blurred vision/);
  });
});
