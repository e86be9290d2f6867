import { describe, expect, it } from 'vitest';
import { examOf } from './draft-helpers.js';

const visit = (...exam: string[]) => [
  '[doctor] so what brings you in today?',
  '[patient] i hurt my ankle and my legs are swollen.',
  '[doctor] okay, let me examine you.',
  ...exam,
  '[doctor] for your ankle, i am going to start ibuprofen.',
];

describe('exam: dictated findings as findings', () => {
  it('keeps a reflex grade with every site it was dictated at, in pieces the transcript cut apart', () => {
    const exam = examOf(
      visit(
        '[doctor] neurologic. one plus bilateral biceps. triceps brachioradialis. reflexes bilateral all negative.',
      ),
    );
    expect(exam).toContain('• Neurological: Reflexes 1+ bilaterally at biceps, triceps and brachioradialis.');
    expect(exam.join(' ')).not.toMatch(/all negative/);
  });

  it('cuts a dictated run of neurological findings where the next part or function starts', () => {
    const exam = examOf(
      visit(
        '[doctor] the patient is awake alert and oriented times 3 speech is clear and fluent gait is steady heel toe walking is normal. sensation is intact reflexes are 2+ and symmetric at the biceps triceps knees and ankles.',
      ),
    );
    const line = exam.find((l) => /Neurological/.test(l))!;
    expect(line).toContain(
      'Awake, alert and oriented x3. Speech clear and fluent. Gait steady. Heel-toe walking normal.',
    );
    expect(line).toContain('Sensation intact. Reflexes 2+ and symmetric at the biceps, triceps, knees and ankles.');
  });

  it('keeps the corrected value of a self-correction and drops the lay restatement', () => {
    const exam = examOf(
      visit(
        '[doctor] she has 1+ pitting edema or actually almost 1.5+ pitting edema in her both of her ankles.',
        '[doctor] this 1+ nonpitting edema of his lower extremities which is slight swelling in his ankles no calf tenderness negative homans sign.',
      ),
    );
    const text = exam.join(' ');
    expect(text).toContain('Almost 1.5+ pitting edema in both ankles.');
    expect(text).not.toMatch(/or actually|which is slight swelling/);
    expect(text).toMatch(/1\+ nonpitting edema of (?:his )?lower extremities\./);
    expect(text).toContain('No calf tenderness, negative homans sign.');
  });

  it('drops the part named before its own finding ("Ankles, no ankle edema is noted.")', () => {
    const exam = examOf(visit('[doctor] ankles, no ankle edema is noted.'));
    expect(exam.join(' ')).toContain('No ankle edema.');
  });

  it('names the side the doctor announced for the part examined, and the exam term once', () => {
    const exam = examOf(
      visit(
        '[doctor] on a focused exam of your left ankle now i do appreciate that there is ecchymosis or bruising over the lateral malleolus.',
        '[doctor] the soft tissue is swollen here no laxity in the joint.',
      ),
    );
    const text = exam.join(' ');
    expect(text).toMatch(/Left ankle: ecchymosis over the lateral malleolus/);
    expect(text).not.toMatch(/or bruising| here\b/);
    expect(text.match(/Left ankle/g)).toHaveLength(1);
  });
});
