import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const family = (exchange: string[]) =>
  sectionOf(
    draftOf([
      '[doctor] what brings you in today?',
      '[patient] my stomach burns after meals, for about six weeks.',
      ...exchange,
      '[doctor] alright. this is reflux. start famotidine 20 mg twice a day.',
    ]),
    /family/i,
  ).join(' ');

describe("an answer that gives the relative's condition to another relative", () => {
  it('"your father had colon cancer, right?" "no, that was my grandfather" → the grandfather\'s', () => {
    const f = family(['[doctor] your father had colon cancer, right?', '[patient] no, that was my grandfather.']);
    expect(f).toMatch(/Grandfather: colon cancer\./);
    expect(f).not.toMatch(/Father: colon cancer/);
  });

  it('"did your mom have a stroke?" "no, it was my aunt" → the aunt\'s, and no line for the mother', () => {
    const f = family(['[doctor] did your mom have a stroke?', '[patient] no, it was my aunt.']);
    expect(f).toMatch(/Aunt: stroke\./);
    expect(f).not.toMatch(/Mother/);
  });

  it('"does your father have diabetes?" "no, he doesn\'t. my brother does." → the brother\'s', () => {
    const f = family(['[doctor] does your father have diabetes?', "[patient] no, he doesn't. my brother does."]);
    expect(f).toMatch(/Brother: diabetes\./);
    expect(f).not.toMatch(/Father: diabetes/);
  });

  it('a plain "no" still denies it for the relative asked about, and names no one else', () => {
    const f = family(['[doctor] does your mother have diabetes?', '[patient] no, my dad does not either.']);
    expect(f).not.toMatch(/Father: diabetes|Mother: diabetes/);
  });
});
