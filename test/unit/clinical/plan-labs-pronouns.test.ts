import { describe, expect, it } from 'vitest';
import { draftOf, itemsOf, sectionOf } from './draft-helpers.js';

describe('plan items said twice or about the patient', () => {
  it('reads "some thyroid labs" and the voice command\'s "thyroid panel" as one order', () => {
    const items = itemsOf([
      '[doctor] for your hypothyroidism, i want to continue the synthroid, and i want to order some thyroid labs, okay?',
      '[patient] okay.',
      '[doctor] hey, dragon, order a thyroid panel.',
    ]);
    expect(items.filter((t) => /thyroid/i.test(t) && /^Order/.test(t))).toHaveLength(1);
  });

  it('keeps a different test ordered after generic labs', () => {
    const items = itemsOf([
      '[doctor] i want to order some thyroid labs.',
      '[doctor] hey, dragon, order a lipid panel.',
    ]);
    expect(items.filter((t) => /^Order/.test(t))).toHaveLength(2);
  });

  it('writes a condition on the plan with the patient\'s pronoun, not "their"', () => {
    const d = draftOf([
      '[doctor] hi andrew, he is a 62-year-old male here for knee pain.',
      '[patient] my knees have been killing me since i moved boxes on saturday.',
      "[doctor] on exam, there's tenderness over both knees.",
      "[doctor] i want you to take it easy, and if your symptoms continue, we'll talk about a referral to physical therapy.",
    ]);
    const plan = sectionOf(d, /assessment|plan/i).join(' ');
    expect(plan).toMatch(/physical therapy if his symptoms continue/);
    expect(plan).not.toMatch(/\btheir symptoms\b/);
  });
});
