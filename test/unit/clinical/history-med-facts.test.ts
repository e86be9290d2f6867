/**
 * History and medication facts a physician found wrong in drafts: a dose asked for read as the dose taken, a hormone
 * checked read as a drug, a denial of seasonal allergies read as NKDA, one parent read as both and "kidney disease"
 * made chronic, a symptom asked about read as affirmed when the answer named another, sweating with a fever read as
 * night sweats, and a single past episode read as a current symptom. Each visit here is phrased unlike the train
 * visits.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const meds = (lines: string[]) => sectionOf(draftOf(lines), /CURRENT MEDICATIONS/).join(' ');

describe('current medications', () => {
  it('lists the dose taken now, not the one the patient asks to go up to', () => {
    const m = meds([
      '[doctor] how are you doing on the sertraline?',
      "[patient] it's helping a bit. could we go up on the sertraline to 100 milligrams? i'm on 50 now.",
      "[doctor] let's give it another month before we change anything.",
      '[patient] okay.',
    ]);
    expect(m).not.toMatch(/100/);
    expect(m).toMatch(/Sertraline 50 mg/);
  });

  it('does not list a hormone that was checked or said to be normal as a medication', () => {
    const m = meds([
      '[doctor] you are still taking the levothyroxine every morning?',
      '[patient] yes.',
      '[doctor] good. we also checked your progesterone and it was not elevated.',
      '[patient] okay.',
    ]);
    expect(m).toMatch(/Levothyroxine/);
    expect(m).not.toMatch(/progesterone/i);
  });
});

describe('allergies', () => {
  it('does not write NKDA from a denial of seasonal allergies', () => {
    const note = draftOf([
      '[doctor] do you have any seasonal allergies?',
      '[patient] no, allergies have never bothered me.',
      '[doctor] okay.',
    ]).note;
    expect(note).not.toMatch(/No known drug allergies/);
  });

  it('still writes NKDA when drug allergies are denied', () => {
    const note = draftOf(['[doctor] any allergies to medications?', '[patient] no.', '[doctor] okay.']).note;
    expect(note).toMatch(/No known drug allergies/);
  });
});

describe('family history', () => {
  it('names one parent, and writes kidney disease as said', () => {
    const fh = sectionOf(
      draftOf([
        '[doctor] does anything run in your family?',
        '[patient] my parents both have diabetes, and one of them had kidney disease.',
        '[doctor] okay.',
      ]),
      /FAMILY HISTORY/,
    ).join(' ');
    expect(fh).toMatch(/One parent: kidney disease\./);
    expect(fh).not.toMatch(/chronic/i);
    expect(fh).toMatch(/Parents: diabetes/);
  });
});

describe('review of systems', () => {
  it('affirms the symptom the answer names, not the one the question offered', () => {
    const ros = sectionOf(
      draftOf([
        '[doctor] what brings you in?',
        "[patient] i've been sick to my stomach every morning.",
        '[doctor] so, like, heartburn coming up into your throat, or are you actually throwing up?',
        '[patient] actually throwing up.',
        '[doctor] okay.',
      ]),
      /REVIEW OF SYSTEMS/,
    ).join(' ');
    expect(ros).toMatch(/vomiting/);
    expect(ros).not.toMatch(/heartburn/);
  });

  it('does not read a condition in the past medical history list as a complaint today', () => {
    const ros = sectionOf(
      draftOf([
        '[doctor] mark is a 60-year-old male with a past medical history significant for diabetes and reflux, here for his knee.',
        '[doctor] how is the knee?',
        '[patient] it still hurts when i climb stairs.',
      ]),
      /REVIEW OF SYSTEMS/,
    ).join(' ');
    expect(ros).not.toMatch(/heartburn/);
  });

  it('writes sweating with a fever as sweats, not night sweats', () => {
    const ros = sectionOf(
      draftOf([
        '[doctor] what is going on?',
        '[patient] i have had a cough for three days and yesterday i was sweating a lot with a fever.',
        '[doctor] okay.',
      ]),
      /REVIEW OF SYSTEMS/,
    ).join(' ');
    expect(ros).not.toMatch(/night sweats/);
    expect(ros).toMatch(/sweats/);
  });

  it('keeps night sweats when they are said', () => {
    const ros = sectionOf(
      draftOf(['[doctor] any night sweats?', '[patient] yes, most nights.', '[doctor] okay.']),
      /REVIEW OF SYSTEMS/,
    ).join(' ');
    expect(ros).toMatch(/night sweats/);
  });

  it('does not endorse a single episode days back as a current symptom', () => {
    const d = draftOf([
      '[doctor] how about any diarrhea or constipation?',
      '[patient] i had diarrhea a few days back, but i think it was something i ate.',
      '[doctor] okay.',
    ]);
    expect(sectionOf(d, /REVIEW OF SYSTEMS/).join(' ')).not.toMatch(/Endorses[^.]*diarrhea/);
    expect(sectionOf(d, /HISTORY OF PRESENT ILLNESS/).join(' ')).not.toMatch(/reports (?:a history of )?diarrhea/);
  });
});
