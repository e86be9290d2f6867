import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

describe('a joint said to give way', () => {
  it('"it feels like it\'s going to give way" is instability', () => {
    const d = draftOf([
      '[doctor] what happened to the knee?',
      '[patient] i landed badly on my right knee playing netball last week.',
      '[doctor] can you put weight on it?',
      "[patient] yes, but sometimes it feels like it's going to give way on the stairs.",
    ]);
    expect(sectionOf(d, /review of systems/i).join(' ')).toMatch(/instability/i);
  });
});
