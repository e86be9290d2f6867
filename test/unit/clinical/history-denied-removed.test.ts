/**
 * A history category asked about as a whole and denied is written as none ("No prior surgeries."), and organs said
 * as taken out name their operations ("had my gallbladder, appendix, and uterus removed").
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const section = (lines: string[], title: RegExp) => sectionOf(draftOf(lines), title).join(' ');

describe('a history category denied as a whole', () => {
  it('writes no prior surgeries, no past medical history and no current medications when each was denied', () => {
    const lines = [
      '[doctor] do you have any past medical history?',
      '[patient] no.',
      '[doctor] have you had any surgeries in the past?',
      '[patient] no, none.',
      '[doctor] are you taking any medications?',
      '[patient] no.',
    ];
    expect(section(lines, /^PAST MEDICAL HISTORY$/i)).toBe('No significant past medical history.');
    expect(section(lines, /^SURGICAL HISTORY$/i)).toBe('No prior surgeries.');
    expect(section(lines, /^CURRENT MEDICATIONS$/i)).toBe('No current medications.');
  });

  it('writes none only for the whole category, not for a part of it or when an item is named', () => {
    const lines = [
      '[doctor] are you on any medications other than the cream?',
      '[patient] no.',
      '[doctor] any medications for the pain?',
      '[patient] no.',
      '[doctor] have you taken any medications?',
      '[patient] no.',
      '[doctor] are you taking any new medications?',
      '[patient] no.',
      '[doctor] any change in your medical history since your last visit?',
      '[patient] no.',
      '[doctor] any medical conditions?',
      '[patient] no.',
      '[doctor] okay.',
      '[patient] oh wait, i have high blood pressure too, for some years now.',
    ];
    expect(section(lines, /^CURRENT MEDICATIONS$/i)).not.toMatch(/No current medications/);
    const pmh = section(lines, /^PAST MEDICAL HISTORY$/i);
    expect(pmh).toMatch(/Hypertension/);
    expect(pmh).not.toMatch(/No significant/);
  });
});

describe('organs taken out', () => {
  it('names the operation of each organ said as removed or taken out', () => {
    const lines = [
      '[doctor] past surgeries i should know of?',
      '[patient] i had my gallbladder, appendix, and uterus removed.',
      '[doctor] anything else?',
      '[patient] i have had my tonsils taken out, then they also took out my ovaries.',
    ];
    const psh = section(lines, /^SURGICAL HISTORY$/i);
    for (const op of ['Cholecystectomy', 'Appendectomy', 'Hysterectomy', 'Tonsillectomy', 'Oophorectomy'])
      expect(psh).toContain(op);
  });

  it('does not name an operation still to come', () => {
    const lines = [
      '[patient] the pain is in my right upper belly after meals.',
      '[doctor] we may need to have your gallbladder removed.',
    ];
    expect(section(lines, /^SURGICAL HISTORY$/i)).not.toMatch(/Cholecystectomy/);
  });

  it('does not read an organ "out of whack" as taken out', () => {
    const lines = [
      '[doctor] how are you?',
      '[patient] i had my thyroid out of balance last year, they said.',
      '[doctor] any surgeries?',
      '[patient] i had my appendix out in 1988.',
    ];
    const psh = section(lines, /^SURGICAL HISTORY$/i);
    expect(psh).toMatch(/Appendectomy/);
    expect(psh).not.toMatch(/Thyroidectomy/);
  });
});

describe('medications asked as given, not as taken', () => {
  it('writes no "No current medications." for "did they prescribe you any medications in the er?" "no."', () => {
    const lines = [
      '[patient] i went to the hospital for the chest pain last week.',
      '[doctor] did they prescribe you any medications in the er?',
      '[patient] no. they just ran some tests.',
    ];
    expect(section(lines, /^CURRENT MEDICATIONS$/i)).not.toMatch(/No current medications/);
  });

  it.each([
    "are there any medications that you can't take?",
    'any medications you are intolerant to?',
    'any medications that gave you side effects?',
  ])('writes no "No current medications." for "%s" "no."', (asked) => {
    expect(section([`[doctor] ${asked}`, '[patient] no.'], /^CURRENT MEDICATIONS$/i)).not.toMatch(
      /No current medications/,
    );
  });
});
