/**
 * Who did it, and when: a patient's "she" or "he" is someone else (named, so that it does not read as the patient),
 * a possessive slipped between a subject and its verb goes, and the symptoms of a dated past episode that resolved
 * are not endorsed as current in the review of systems.
 */
import { describe, expect, it } from 'vitest';
import { namedThirdParty, toThirdPerson } from '../../../core/clinical/rewrite.js';
import { draftOf, hpiLinesOf, sectionOf } from './draft-helpers.js';

describe('third parties in the patient story', () => {
  it('names the person a clause-opening "she" / "he" stands for', () => {
    expect(namedThirdParty('i started seeing a new pcp and she changed my medication')).toBe(
      'i started seeing a new pcp and my PCP changed my medication',
    );
    expect(namedThirdParty('she said something about my kidneys', 'i went to see my doctor last week')).toBe(
      'my doctor said something about my kidneys',
    );
    expect(namedThirdParty('on my last blood work she said something', 'my pcp checked it')).toBe(
      'on my last blood work my PCP said something',
    );
    expect(namedThirdParty('i was trying to get the ball from another player and she fell on my foot')).toBe(
      'i was trying to get the ball from another player and the other player fell on my foot',
    );
  });

  it('leaves a pronoun whose person is near, unnamed or of the other sex', () => {
    expect(namedThirdParty('my mom was 45 when she was diagnosed')).toBe('my mom was 45 when she was diagnosed');
    expect(namedThirdParty('my cousin said she had lost weight')).toBe('my cousin said she had lost weight');
    expect(namedThirdParty('she said it was fine')).toBe('she said it was fine');
    expect(namedThirdParty('my dad came and she said it was fine')).toBe('my dad came and she said it was fine');
  });

  it('drops a possessive slipped between a subject and its verb', () => {
    expect(toThirdPerson('and she my noticed that my blood pressure was high', 'patient', 'female')).toBe(
      'and she noticed that her blood pressure was high',
    );
    expect(toThirdPerson('she my knee hurts', 'patient', 'female')).toBe('she her knee hurts');
  });

  it("writes the patient's PCP, not a bare she, in the HPI", () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in today',
      "[patient] i'm doing alright i started seeing this new pcp last year and you know she has been doing a lot of changes to my medication and making sure everything is up to date and she my noticed that my blood pressure has been quite high so she added two medications",
      '[doctor] okay and how have you been feeling',
      '[patient] most days i feel fine but i get headaches when my blood pressure is high',
    ]).join(' ');
    expect(hpi).toMatch(/\bPCP (?:has been doing|noticed)\b/);
    expect(hpi).not.toMatch(/\bShe (?:has been doing|their noticed|noticed)\b/);
    expect(hpi).not.toMatch(/\b(?:she|he) (?:their|her|his) noticed\b/i);
  });
});

describe('a past episode that resolved', () => {
  const visit = [
    '[doctor] so what happened',
    '[patient] i was playing tennis on saturday . it was really hot that day .',
    '[patient] and after about a half an hour i was very short of breath , i was struggling breathing . my wife took me to the er and everything checked out .',
    '[doctor] okay and then',
    '[patient] about six hours after we got home , i felt very lightheaded and very dizzy and then , sunday , i felt fine .',
    '[doctor] okay any chest pain',
    '[patient] no chest pain .',
  ];

  it('is not endorsed in the review of systems, and the history tells it as over', () => {
    const d = draftOf(visit);
    const ros = sectionOf(d, /review of systems/i).join(' ');
    expect(ros).not.toMatch(/Endorses[^.]*shortness of breath/);
    expect(ros).not.toMatch(/Endorses[^.]*dizziness/);
    const hpi = sectionOf(d, /history of present illness/i).join(' ');
    expect(hpi).toMatch(/episode of shortness of breath that has since resolved/);
    expect(hpi).toMatch(/dizzy/);
  });

  it('is endorsed when the symptom goes on', () => {
    const ros = sectionOf(
      draftOf([
        '[doctor] so what happened',
        '[patient] i was playing tennis on saturday .',
        '[patient] after about a half an hour i was very short of breath .',
        '[patient] and i still get short of breath when i walk up the stairs .',
      ]),
      /review of systems/i,
    ).join(' ');
    expect(ros).toMatch(/Endorses[^.]*shortness of breath/);
  });
});
