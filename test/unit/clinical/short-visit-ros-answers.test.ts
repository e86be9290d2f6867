/**
 * Review-of-systems answers in short question-and-answer visits: a symptom named only as the moment a question is
 * about ("when you cough") is not what the "no" denies; a yes that says every item asked was had ("yes to both")
 * endorses each, a bare yes to a list still none; blood in the sputum or in vomit and trouble with swallowing are
 * their own symptoms.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const ros = (lines: string[]) => sectionOf(draftOf(lines), /^REVIEW OF SYSTEMS$/).join(' | ');
const hpi = (lines: string[]) => sectionOf(draftOf(lines), /^HISTORY OF PRESENT ILLNESS$/).join(' ');

describe('a symptom named as the moment a question asks about', () => {
  const visit = [
    '[doctor] what brings you in?',
    '[patient] i have had a cough for about ten days now.',
    '[doctor] do you bring up any phlegm when you cough?',
    '[patient] nope.',
    '[doctor] any fever or night sweats?',
    '[patient] no, none of that.',
  ];

  it('does not deny the cough the patient has', () => {
    expect(hpi(visit)).not.toMatch(/denies cough/i);
    expect(ros(visit)).toMatch(/Endorses cough/);
    expect(ros(visit)).not.toMatch(/Denies[^|]*\bcough\b/);
  });

  it('still denies the list the other question asks about', () => {
    expect(ros(visit)).toMatch(/Denies fever or night sweats/);
  });
});

describe('a yes that covers every item asked', () => {
  it('endorses both items of a two-item question answered "yes to both"', () => {
    const r = ros(['[doctor] have you had any nausea or vomiting?', '[patient] yes to both, unfortunately.']);
    expect(r).toMatch(/Endorses nausea and vomiting/);
  });

  it('endorses each item of a longer list answered "yeah, all of them"', () => {
    const r = ros(['[doctor] any headaches, dizziness or ringing in your ears?', '[patient] yeah, all of them.']);
    expect(r).toMatch(/headache/);
    expect(r).toMatch(/dizziness/);
    expect(r).toMatch(/tinnitus/);
  });

  it('does not read "both" as three items, nor a bare yes to a list as any', () => {
    expect(ros(['[doctor] any fever, chills or sweats?', '[patient] yes, both.'])).not.toMatch(/Endorses/);
    expect(ros(['[doctor] any blood in your phlegm or chest pain?', '[patient] yes, i do.'])).not.toMatch(/Endorses/);
  });
});

describe('symptoms of the lists asked', () => {
  it('reads blood in the vomit, blood in the sputum and trouble with swallowing as their own symptoms', () => {
    const r = ros([
      '[doctor] any vomiting or blood in your vomit?',
      '[patient] no.',
      '[doctor] any cough or blood in your sputum?',
      '[patient] no.',
      '[doctor] any difficulty in swallowing?',
      '[patient] no, it goes down fine.',
    ]);
    expect(r).toMatch(/hematemesis/);
    expect(r).toMatch(/hemoptysis/);
    expect(r).toMatch(/difficulty swallowing/);
    // "blood in your sputum" denied is no denial of sputum itself.
    expect(r).not.toMatch(/\bsputum\b/);
  });
});
