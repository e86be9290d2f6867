/**
 * Allergies, medications and immunizations a physician found wrong in drafts: a drug the patient is allergic to
 * listed as taken, NKDA written from "no" to "any other allergies besides …", the reaction asked about ("what happens
 * when you take …?") read as a complaint today, an allergen said two ways listed twice, a drug taken for allergies
 * listed as an allergy, and immunizations never written. Each visit here is phrased unlike the train visits.
 */
import { unsupportedNumbers } from '../../../core/clinical/numbers.js';
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const section = (lines: string[], title: RegExp) => sectionOf(draftOf(lines), title).join(' ');

describe('allergies', () => {
  it('keeps the allergy a question presupposes and writes no NKDA', () => {
    const lines = [
      '[doctor] do you have any allergies to anything else apart from the codeine?',
      '[patient] no, nothing else.',
      '[doctor] were you ever given codeine after a surgery?',
      '[patient] once, years ago.',
    ];
    expect(section(lines, /^ALLERGIES/)).toMatch(/Codeine/);
    expect(draftOf(lines).note).not.toMatch(/No known drug allergies/);
    expect(section(lines, /CURRENT MEDICATIONS/)).not.toMatch(/Codeine/);
  });

  it('keeps the reaction with its drug, not as a complaint today', () => {
    const lines = [
      '[doctor] what happened the last time you took amoxicillin?',
      '[patient] my whole chest broke out in hives.',
      '[doctor] okay, I will put that in your chart.',
    ];
    expect(section(lines, /^ALLERGIES/)).toMatch(/Amoxicillin \(hives\)/);
    expect(section(lines, /CHIEF COMPLAINT/)).not.toMatch(/hives/i);
  });

  it('takes a drug the doctor names and the patient confirms while telling an allergy', () => {
    const lines = [
      '[doctor] any drug allergies?',
      "[patient] yes, i'm allergic to that antibiotic, the one that starts with a d, doxy-",
      '[doctor] doxycycline?',
      '[patient] yes, that one.',
    ];
    expect(section(lines, /^ALLERGIES/)).toMatch(/Doxycycline/);
    expect(section(lines, /CURRENT MEDICATIONS/)).not.toMatch(/Doxycycline/);
  });

  it('lists an allergen said two ways once', () => {
    const lines = ['[doctor] any allergies?', '[patient] yes, i am allergic to iv contrast, it gave me hives.'];
    const a = sectionOf(draftOf(lines), /^ALLERGIES/);
    expect(a.filter((l) => /contrast/i.test(l))).toHaveLength(1);
    expect(a.join(' ')).toMatch(/IV contrast/);
  });

  it('lists a drug taken for allergies as a medication, not an allergy', () => {
    const lines = ['[doctor] what do you use for your allergies?', '[patient] zyrtec, most days in the spring.'];
    expect(section(lines, /CURRENT MEDICATIONS/)).toMatch(/Cetirizine/);
    expect(section(lines, /^ALLERGIES/)).toBe('');
  });
});

describe('immunizations', () => {
  it('writes immunizations up to date, including for a named vaccine asked before', () => {
    expect(
      section(
        ['[doctor] how about his shots?', '[guest_family] he is up to date on all his immunizations.'],
        /IMMUNIZATIONS/,
      ),
    ).toMatch(/Immunizations up to date/);
    expect(
      section(
        [
          '[doctor] and your last pneumonia vaccine, when was that?',
          '[patient] not sure.',
          "[doctor] the chart says it's up to date.",
        ],
        /IMMUNIZATIONS/,
      ),
    ).toMatch(/Pneumococcal vaccine up to date/);
  });

  it('writes a vaccine had and when, and never vaccinated', () => {
    expect(
      section(['[doctor] any vaccines lately?', '[patient] i got a flu shot two months ago.'], /IMMUNIZATIONS/),
    ).toMatch(/Influenza vaccine 2 months ago|Influenza vaccine two months ago/);
    expect(section(['[doctor] any vaccines?', '[patient] no, she has never been immunized.'], /IMMUNIZATIONS/)).toMatch(
      /Never vaccinated/,
    );
  });

  it("does not take an animal's shots for the patient's", () => {
    const { note } = draftOf([
      '[doctor] whose dog bit you?',
      "[patient] my neighbor's. she says he is up to date on his shots.",
    ]);
    expect(note).not.toMatch(/IMMUNIZATIONS/);
  });

  it('adds no immunizations section when none were talked about', () => {
    expect(draftOf(['[doctor] any allergies?', '[patient] no.']).note).not.toMatch(/IMMUNIZATIONS/);
  });
});

describe('the number of a name', () => {
  it('counts the 19 of "COVID-19 vaccine" as no number stated', () => {
    expect(unsupportedNumbers('IMMUNIZATIONS\nCOVID-19 vaccine received.', 'yep i did get my covid vaccine')).toEqual(
      [],
    );
  });
});
