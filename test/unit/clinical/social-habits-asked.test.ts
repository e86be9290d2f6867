import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const social = (lines: string[]) => sectionOf(draftOf(lines), /SOCIAL HISTORY/i).join(' ');

describe('social habits asked together', () => {
  it('reads "do you smoke or drink?" — "no" as denying both tobacco and alcohol', () => {
    const out = social(['[doctor] do you smoke or drink?', '[patient] no, i never have.']);
    expect(out).toMatch(/Denies tobacco use/);
    expect(out).toMatch(/Denies alcohol use/);
  });

  it('reads a bare "any drugs?" — "no" as denying substance use', () => {
    const out = social([
      '[doctor] do you drink alcohol?',
      '[patient] no.',
      '[doctor] what about harder drugs?',
      '[patient] no, none of that either.',
    ]);
    expect(out).toMatch(/Denies alcohol use/);
    expect(out).toMatch(/Denies substance use/);
  });

  it('does not read "eat or drink" or fluids as alcohol', () => {
    const out = social([
      '[patient] i cannot eat or drink anything since yesterday.',
      '[doctor] make sure you drink plenty of water.',
      '[doctor] do you smoke?',
      '[patient] no.',
    ]);
    expect(out).not.toMatch(/alcohol/i);
  });

  it('takes the answer to the last of two habit questions in one turn, not the first question as a habit', () => {
    const out = social([
      '[doctor] okay and how bout cigarettes? do you smoke or vape?',
      '[patient] no, none of those.',
    ]);
    expect(out).toMatch(/Denies tobacco use/);
    expect(out).not.toMatch(/^Tobacco use|\. Tobacco use/);
  });

  it('does not take a patient asking what is meant ("you mean like cocaine?") as substance use', () => {
    const out = social([
      '[doctor] any drugs?',
      '[patient] you mean like cocaine and stuff?',
      '[doctor] yeah.',
      '[patient] no, no drugs.',
    ]);
    expect(out).not.toMatch(/(?:^|\. )Substance use/);
  });
});

describe('drinking told in a clause of its own', () => {
  it('writes "I don\'t smoke, but I drink a little" as the drinking, not the sentence in the third person', () => {
    const out = social(['[doctor] do you smoke or drink?', "[patient] i don't smoke, but i drink a little."]);
    expect(out).toMatch(/Denies tobacco use/);
    expect(out).toMatch(/Drinks a little\./);
    expect(out).not.toMatch(/do not smoke, but/);
  });

  it('does not read a drink of something else stopped ("so I didn\'t drink anymore") as alcohol', () => {
    const out = social(["[patient] the pickle juice helped. it went away so i didn't drink anymore."]);
    expect(out).not.toMatch(/alcohol/i);
  });
});

describe('marital status, living situation and retirement', () => {
  it("writes the patient's own marital status, home and retirement as a social history reads", () => {
    const out = social([
      '[doctor] are you married?',
      "[patient] no, i'm divorced.",
      '[doctor] do you live alone?',
      '[patient] yes, i live alone. i am retired now.',
      '[doctor] do you smoke?',
      '[patient] no.',
    ]);
    expect(out).toMatch(/Divorced\./);
    expect(out).toMatch(/Lives alone\./);
    expect(out).toMatch(/Retired\./);
  });

  it('takes a yes to "are you married?" and a widow\'s word, and the people the patient lives with', () => {
    expect(
      social(['[doctor] are you married?', '[patient] yes, i am.', '[doctor] do you smoke?', '[patient] no.']),
    ).toMatch(/Married\./);
    const out = social([
      '[doctor] are you married?',
      '[patient] i was happily married. but then my husband died.',
      '[doctor] who do you live with?',
      '[patient] i live with my sister for now.',
    ]);
    expect(out).toMatch(/Widowed\./);
    expect(out).toMatch(/Lives with sister\./);
  });

  it("does not give the patient a relative's marriage or a spouse's retirement", () => {
    const out = social([
      '[patient] my daughter is married and my husband is retired.',
      '[doctor] do you smoke?',
      '[patient] no.',
    ]);
    expect(out).not.toMatch(/Married|Retired/);
  });
});

describe('how often the patient drinks', () => {
  it('writes "I will call myself a social drinker" as "Drinks socially."', () => {
    const out = social(['[doctor] do you drink?', '[patient] well, i will call myself a social drinker.']);
    expect(out).toMatch(/Drinks socially\./);
    expect(out).not.toMatch(/call themselves/);
  });

  it('reads "absolutely not" as a denial', () => {
    const out = social(['[doctor] any history of drug abuse or anything?', '[patient] absolutely not!']);
    expect(out).toMatch(/Denies substance use/);
  });
});

describe('drugs that are allergens', () => {
  it('does not read an allergy question ("any drugs or pollens?") as a substance denial', () => {
    const out = social([
      '[doctor] any drugs or pollens or anything?',
      '[patient] no.',
      '[doctor] do you smoke?',
      '[patient] no.',
    ]);
    expect(out).not.toMatch(/substance/i);
  });
});

describe('social history: the last word on a habit', () => {
  it('denies drugs answered "oh that, no. no drugs." after the doctor names them', () => {
    const d = draftOf([
      '[doctor] any use of drugs or alcohol?',
      '[patient] drugs?',
      '[doctor] yeah, like cocaine or anything like that.',
      '[patient] oh that, no. no drugs.',
      "[patient] and i don't drink either.",
      '[doctor] who do you live with?',
      '[patient] i live with my mom.',
    ]);
    expect(d.note).toMatch(/Denies substance use\./);
    expect(d.note).toMatch(/Denies alcohol use\./);
    expect(d.note).not.toMatch(/That, no drugs/i);
    expect(d.note).toMatch(/Lives with mother\./);
    const lives = d.sections.flatMap((s) => s.sentences).find((x) => x.text === 'Lives with mother.');
    expect(lives?.supported).toBe(true);
  });

  it('writes a habit the patient quit as former ("i was a heavy drinker, but i quit")', () => {
    const d = draftOf([
      '[doctor] what about alcohol?',
      "[patient] i don't take any now. i was a heavy drinker, but i quit in the seventies.",
    ]);
    expect(d.note).toMatch(/Former alcohol use; quit in the seventies\./);
    expect(d.note).not.toMatch(/^Alcohol use\./m);
  });
});
