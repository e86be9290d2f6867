import { describe, expect, it } from 'vitest';
import { examOf } from './draft-helpers.js';
import { examSystem } from '../../../core/clinical/extract.js';

const visit = (...exam: string[]) => [
  '[doctor] so what brings you in today?',
  '[patient] i have had some heartburn and my ankles are swollen.',
  '[doctor] okay, let me examine you.',
  ...exam,
  '[doctor] for your first problem, your reflux, i am going to start protonix 40 mg a day.',
];

describe('exam: each finding under the system a note files it', () => {
  it('files a breast finding under Breast, even of the breast skin', () => {
    expect(examSystem('there is skin thickening at the medial aspect of the right breast')).toBe('Breast');
  });

  it('files pulses and capillary refill under Cardiovascular and sensation under Neurological on a limb', () => {
    expect(examSystem('on neurovascular exam of the right foot brisk capillary refill')).toBe('Cardiovascular');
    expect(examSystem('strong dorsalis pedis pulse of the right foot')).toBe('Cardiovascular');
    expect(examSystem('sensation in the left foot is intact to light touch')).toBe('Neurological');
    expect(examSystem('lower extremities patella and achilles reflex are symmetrical')).toBe('Neurological');
  });

  it('files strength under Musculoskeletal, motor findings under Neurological', () => {
    expect(examSystem('he has 4/5 strength on the right')).toBe('Musculoskeletal');
    expect(examSystem('no focal motor weakness is noted')).toBe('Neurological');
  });

  it('files a carotid bruit under Neck and nodes beyond the neck under Lymphatic', () => {
    expect(examSystem('there are no carotid bruits')).toBe('Neck');
    expect(examSystem('no axillary, cervical, or supraclavicular lymphadenopathy')).toBe('Lymphatic');
    expect(examSystem('there is no cervical lymphadenopathy')).toBe('Neck');
  });

  it('cuts a bullet where another system starts without a pause ("… bilaterally i do not see any rash")', () => {
    const exam = examOf(
      visit(
        "[doctor] on examination of the lungs they sound clear to auscultation bilaterally i don't see any rash no lesion no bruising.",
      ),
    );
    expect(exam.find((l) => l.startsWith('• Respiratory:'))).not.toMatch(/rash|lesion/);
    expect(exam.find((l) => l.startsWith('• Integumentary:'))).toMatch(/rash/);
  });
});

describe('exam: the finding without the doctor talking', () => {
  it('drops the explanation of a finding’s cause', () => {
    const exam = examOf(
      visit(
        '[doctor] on your lower extremities, some trace pitting edema in your ankles, which is probably from the salt intake.',
      ),
    );
    const edema = exam.find((l) => /edema/.test(l));
    expect(edema).toBeDefined();
    expect(edema).not.toMatch(/salt|probably/);
  });

  it('says a murmur known before as previously noted', () => {
    const exam = examOf(
      visit('[doctor] on heart exam, there is a 2/6 systolic ejection murmur that we talked about in the past.'),
    );
    expect(exam.find((l) => l.startsWith('• Cardiovascular:'))).toMatch(/murmur, previously noted\.$/);
  });

  it('leaves out how the doctor found it and the history said with it', () => {
    const exam = examOf(
      visit(
        '[doctor] on knee exam, a positive patellar grind test when you stood up i could feel that as we went through there you did say you had that knee pain with squatting.',
      ),
    );
    const knee = exam.find((l) => /grind/.test(l));
    expect(knee).toMatch(/positive patellar grind test\.$/i);
    expect(knee).not.toMatch(/\bI\b|squatting/);
  });

  it('keeps a measure the doctor took without the first person', () => {
    const exam = examOf(
      visit("[doctor] on exam of your right great toe, i've got about 10 degrees of plantar flexion."),
    );
    const toe = exam.find((l) => /plantar flexion/.test(l));
    expect(toe).toBeDefined();
    expect(toe).not.toMatch(/\bI\b/);
  });
});
