import { describe, expect, it } from 'vitest';
import { examOf } from './draft-helpers.js';

const visit = (complaint: string, exam: string, plan: string) => [
  '[doctor] what brings you in today?',
  `[patient] ${complaint}`,
  `[doctor] ${exam}`,
  '[patient] okay.',
  `[doctor] ${plan}`,
];

describe('exam: findings described rather than named', () => {
  it('reads a wound measured as it is seen ("there is a 3 centimeter laceration")', () => {
    const exam = examOf(
      visit(
        'i sliced my thumb on a broken glass last night.',
        'let me see it. there is a 3 centimeter laceration across the base of the thumb with clean edges.',
        'we will close the cut with a few stitches today.',
      ),
    );
    expect(exam).toContain(
      '• Integumentary: There is a 3 cm laceration across the base of the thumb with clean edges.',
    );
  });

  it('does not read a lesion measured in the past as a finding', () => {
    const exam = examOf(
      visit(
        'i am here about the spot on my arm.',
        'your dermatologist removed a 6 mm lesion from that arm last spring.',
        'we will check the scar again in six months.',
      ),
    );
    expect(exam.join(' ')).not.toMatch(/6 mm/);
  });

  it('reads a small effusion named on a joint as a finding', () => {
    const exam = examOf(
      visit(
        'my right knee swells after i run.',
        'alright, on your right knee there is a small effusion and tenderness along the lateral joint line.',
        'i think this is a lateral meniscus tear, so i will order an mri.',
      ),
    );
    expect(exam.join(' ')).toMatch(/small effusion and tenderness along the lateral joint line/);
  });

  it('files distended neck veins under the neck', () => {
    const exam = examOf(
      visit(
        'my feet are puffy and i cannot lie flat at night.',
        'let me examine you. your neck veins are distended and your lungs have crackles at both bases.',
        'for your heart failure i will increase your lasix to 40 mg twice a day.',
      ),
    );
    expect(exam).toContain('• Neck: Neck veins are distended.');
  });
});
