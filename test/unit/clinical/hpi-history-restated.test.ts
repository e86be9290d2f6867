/**
 * The HPI tells the present illness: a sentence that only restates a history fact its own section writes from the
 * same turn (a habit, a past condition or operation, a drug, an allergy) goes from the HPI; one that tells the illness,
 * or carries a detail the history line lacks, stays.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, hpiLinesOf, sectionOf } from './draft-helpers.js';

const hpi = (lines: string[]) => hpiLinesOf(lines).join(' ');

describe('history restated in the HPI', () => {
  it('drops a smoking amount the social history writes', () => {
    const lines = [
      '[doctor] do you smoke?',
      '[patient] yes.',
      '[doctor] how much do you smoke?',
      '[patient] i smoke about two packs of cigarettes a day.',
    ];
    expect(sectionOf(draftOf(lines), /^SOCIAL HISTORY$/).join(' ')).toMatch(/Smokes about 2 packs per day\./);
    expect(hpi(lines)).not.toMatch(/smoke/i);
  });

  it('drops past conditions the medical history lists', () => {
    const lines = [
      '[doctor] any medical problems?',
      '[patient] i have high blood pressure, asthma and high cholesterol.',
    ];
    expect(sectionOf(draftOf(lines), /^PAST MEDICAL HISTORY$/).join(' ')).toMatch(/Hypertension\..*Asthma\./);
    expect(hpi(lines)).not.toMatch(/blood pressure|asthma/i);
  });

  it('drops an operation the surgical history lists', () => {
    const lines = ['[doctor] any surgeries in the past?', '[patient] i had a hip replacement years ago.'];
    expect(sectionOf(draftOf(lines), /^SURGICAL HISTORY$/).join(' ')).toMatch(/Hip replacement\./);
    expect(hpi(lines)).not.toMatch(/hip replacement/i);
  });

  it('keeps a detail the history line lacks, and the present illness', () => {
    expect(hpi(['[doctor] are you married?', '[patient] yes, i have been married for twenty two years.'])).toMatch(
      /married for 22 years/,
    );
    expect(
      hpi([
        '[doctor] what brings you in?',
        '[patient] my knee has been hurting for two weeks.',
        '[doctor] do you smoke?',
        '[patient] i smoke about a pack a day and my knee hurts when i walk.',
      ]),
    ).toMatch(/knee/);
  });

  it('keeps a drug taken before, which is not what the patient takes now', () => {
    expect(
      hpi([
        '[doctor] have you been treated for depression?',
        '[patient] i have been seeing a psychiatrist. they have taken lexapro before.',
      ]),
    ).toMatch(/Lexapro before/i);
  });
});
