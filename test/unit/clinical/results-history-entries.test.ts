import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const visit = (extra: string[]) => [
  '[doctor] what brings you in today?',
  '[patient] i have been feeling anxious for a few months.',
  ...extra,
  '[doctor] alright, for your anxiety i will start buspirone 5 mg twice a day and see you back in 4 weeks.',
];

describe('history lists hold only what is asserted for the patient', () => {
  it('a condition named as other people’s or as a workplace is not past medical history', () => {
    const d = draftOf(
      visit([
        '[doctor] how is work going?',
        '[patient] at work i was delivering the results to patients with covid. and then we opened the covid clinic. so it took a toll on me.',
      ]),
    );
    expect(sectionOf(d, /past medical/i).join(' ')).not.toMatch(/covid/i);
  });

  it('a lumpectomy is written as a lumpectomy, not a mastectomy', () => {
    const d = draftOf(
      visit(['[doctor] any surgeries in the past?', '[patient] i had a lumpectomy on my right breast last year.']),
    );
    const surgical = sectionOf(d, /surgical/i).join(' ');
    expect(surgical).toMatch(/lumpectomy/i);
    expect(surgical).not.toMatch(/mastectomy/i);
  });
});

describe('results hold only this patient’s reviewed results', () => {
  it('a result only assumed, a remark about other people and a history review are not results', () => {
    const d = draftOf(
      visit([
        '[doctor] okay. i know it sounds superstitious, but with all the stress that people have been under, i have actually seen an increase in abnormal labs in people who have been fine for a while.',
        '[doctor] and for family history, it looks like there is high blood pressure and diabetes.',
        '[doctor] assuming that the ultrasound is normal, the treatment is to cut out the area where the lesion was.',
      ]),
    );
    const results = sectionOf(d, /results/i).join(' ');
    expect(results).not.toMatch(/people|family history|assuming/i);
  });

  it('a negative varus and valgus stress test is an exam finding, not a result', () => {
    const d = draftOf([
      '[doctor] what brings you in today?',
      '[patient] i twisted my right knee playing soccer.',
      "[doctor] alright, let's do a quick physical exam. there is tenderness of the medial knee. there is a negative varus and valgus stress test.",
      '[patient] okay.',
      '[doctor] i think you have a medial collateral ligament strain. i will give you a knee brace.',
    ]);
    expect(sectionOf(d, /results/i).join(' ')).not.toMatch(/stress test/i);
    expect(sectionOf(d, /physical exam/i).join(' ')).toMatch(/varus/i);
  });

  it('a pap said to be negative is a result, and "we don’t need to repeat it" is not an order', () => {
    const d = draftOf(
      visit([
        '[doctor] all right. so your pap was in 2019. i do not think that we need to repeat that because it was negative.',
        '[patient] okay.',
      ]),
    );
    expect(sectionOf(d, /results/i).join(' ')).toMatch(/pap: negative/i);
  });
});
