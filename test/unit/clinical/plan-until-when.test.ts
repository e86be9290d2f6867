import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

describe('how long an instruction runs, said with "we"', () => {
  it('"until we know more" and "until we see the MRI" are written as a note says them', () => {
    const ap = sectionOf(
      draftOf([
        '[doctor] what happened to your ankle?',
        '[patient] i rolled it stepping off a curb yesterday.',
        '[doctor] no running until we know more. keep weight off it until we see the x-ray results.',
      ]),
      /assessment/i,
    ).join(' ');
    expect(ap).toMatch(/No running until further evaluation\./);
    expect(ap).toMatch(/until review of the x-ray results/i);
    expect(ap).not.toMatch(/until more\b/);
  });
});
