import { describe, expect, it } from 'vitest';
import { examOf } from './draft-helpers.js';

const visit = (exam: string) => [
  '[doctor] what brings you in today?',
  '[patient] my shoulder aches when i lift my arm over my head.',
  '[doctor] which shoulder is it?',
  '[patient] the right one.',
  `[doctor] ${exam}`,
  '[patient] yes, that is sore.',
  '[doctor] i think this is impingement of the right shoulder, so we will start physical therapy.',
];

describe('sides: a side taken back at once is the corrected side', () => {
  it('writes the finding with the corrected side ("your left, sorry, your right shoulder")', () => {
    const exam = examOf(
      visit(
        'okay. on exam of your left, sorry, your right shoulder there is tenderness over the acromioclavicular joint.',
      ),
    ).join(' ');
    expect(exam).toMatch(/Right shoulder: tenderness over the acromioclavicular joint/);
    expect(exam).not.toMatch(/\bleft\b|sorry/i);
  });

  it('honours a correction after a dash ("the left — i mean the right")', () => {
    const exam = examOf(
      visit('on exam of the left — i mean the right shoulder there is pain with abduction past 90 degrees.'),
    ).join(' ');
    expect(exam).toMatch(/[Rr]ight shoulder/);
    expect(exam).not.toMatch(/\bleft\b/i);
  });
});
