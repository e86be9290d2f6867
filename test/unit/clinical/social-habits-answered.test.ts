/**
 * Drug use answered in question and answer goes to the social history with what was said of it: a former smoker's
 * amount and when they quit (a year, a decade, an age); a former drinker who stopped, with when; the amount answered
 * to "how much do you drink?"; street and IV drugs denied. With no present illness, a habit answer the social history
 * writes is not restated as an HPI.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const social = (lines: string[]) => sectionOf(draftOf(lines), /^SOCIAL HISTORY$/);
const hpi = (lines: string[]) => sectionOf(draftOf(lines), /^HISTORY OF PRESENT ILLNESS$/);

describe('former smokers', () => {
  it('writes how much was smoked and the year they quit', () => {
    expect(
      social([
        '[doctor] any tobacco, cigarettes or vaping?',
        '[patient] i used to smoke two packs a day. i quit that nasty habit in nineteen ninety two.',
      ]),
    ).toEqual(['Former smoker, 2 packs per day; quit in 1992.']);
  });

  it('writes when they quit, also said as the age they were (chewed tobacco is no smoking)', () => {
    expect(social(['[doctor] are you a smoker?', '[patient] i used to. i quit in two thousand four.'])).toEqual([
      'Former smoker; quit in 2004.',
    ]);
    expect(
      social(['[doctor] do you use tobacco?', '[patient] i used to chew, but i quit when i was forty two.']),
    ).toEqual(['Former tobacco use; quit at age 42.']);
  });

  it('keeps a "no" with a quit as a former smoker', () => {
    expect(social(['[doctor] do you smoke?', '[patient] no. i quit about twenty years ago.'])).toEqual([
      'Former smoker; quit about 20 years ago.',
    ]);
  });
});

describe('drinking', () => {
  it('writes a former drinker with when they stopped', () => {
    expect(
      social(['[doctor] any alcohol?', '[patient] i used to drink quite a bit, but i stopped six years ago.']),
    ).toEqual(['Former alcohol use; quit 6 years ago.']);
    expect(
      social(['[doctor] what about alcohol?', '[patient] i was a heavy drinker but i quit in the eighties.']),
    ).toEqual(['Former alcohol use; quit in the eighties.']);
  });

  it('is not a former drinker who still drinks', () => {
    expect(
      social([
        '[doctor] do you drink?',
        '[patient] i used to drink every day, then i stopped for a while, but i still drink on weekends.',
      ]),
    ).not.toContain('Former alcohol use.');
  });

  it('writes the amount answered to the follow-up question', () => {
    expect(
      social([
        '[doctor] do you drink alcohol?',
        '[patient] yes.',
        '[doctor] how many drinks in a week would you say?',
        '[patient] i have maybe three glasses of wine a week.',
      ]),
    ).toEqual(['Drinks maybe 3 glasses of wine a week.']);
  });
});

describe('other drugs', () => {
  it('denies street drugs asked as IV drugs or "drugs like cocaine"', () => {
    expect(social(['[doctor] have you ever used any I V drugs?', '[patient] no, never.'])).toEqual([
      'Denies substance use.',
    ]);
    expect(social(['[doctor] and any drugs like cocaine or meth?', '[patient] no.'])).toEqual([
      'Denies substance use.',
    ]);
  });

  it('writes IV drugs as such, not as a pronoun', () => {
    const s = social(['[doctor] tell me about drug use.', '[patient] years ago i was using pills and I V drugs.']);
    expect(s.join(' ')).not.toMatch(/\bthey V\b/);
  });
});

describe('a visit that is only about habits', () => {
  it('writes no HPI sentence that the social history says', () => {
    const visit = [
      '[doctor] do you smoke?',
      '[patient] no, i have never smoked in my whole life.',
      '[doctor] and alcohol?',
      '[patient] i drink socially, like when i am at a party.',
    ];
    expect(hpi(visit).join(' ')).not.toMatch(/smok|drink/i);
    expect(social(visit)[0]).toBe('Denies tobacco use.');
    expect(social(visit)[1]).toMatch(/^Drinks socially\b/);
  });
});
