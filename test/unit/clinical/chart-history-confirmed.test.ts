/**
 * History the doctor reads from the chart and the patient confirms is the patient's past history; one the patient
 * takes back ("no, that was my mother") is not written as theirs. The chart read out is not a result.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const pmh = (lines: string[]) => sectionOf(draftOf(lines), /^PAST MEDICAL HISTORY$/).join(' ');
const psh = (lines: string[]) => sectionOf(draftOf(lines), /^SURGICAL HISTORY$/).join(' ');

describe('chart history confirmed by the patient', () => {
  it('writes conditions stated from the chart and confirmed with "yes that is right"', () => {
    const s = pmh([
      '[doctor] As per your chart, I see you have C O P D and hypertension.',
      '[patient] Yes that is right.',
      '[doctor] Okay.',
    ]);
    expect(s).toMatch(/COPD\./);
    expect(s).toMatch(/Hypertension\./);
  });

  it('reads "that is correct" as a yes', () => {
    expect(pmh(['[doctor] You also have a history of asthma?', '[patient] That is correct.'])).toMatch(/Asthma\./);
  });

  it('takes a statement closed by "is that correct?" as the item checked', () => {
    expect(
      pmh([
        '[doctor] So I see you have a trigger finger and this other doctor gave you injections. Is that correct?',
        '[patient] Yes sir.',
      ]),
    ).toMatch(/Trigger finger\./);
  });

  it('does not write a chart item the patient gives to a relative', () => {
    const n = draftOf([
      '[doctor] Your chart says you have a history of COPD.',
      '[patient] No, that was my mother.',
    ]).note;
    expect(n).not.toMatch(/^COPD\./m);
  });

  it('does not write a chart operation the patient denies', () => {
    expect(
      psh([
        '[doctor] I see here that you had a hysterectomy.',
        '[patient] No, that was my sister. I never had surgery.',
      ]),
    ).not.toMatch(/Hysterectomy/);
  });

  it('keeps the history when the "no" corrects only when', () => {
    expect(psh(['[doctor] I see here that you had a hysterectomy in 2010.', '[patient] No, it was 2012.'])).toMatch(
      /Hysterectomy/,
    );
  });

  it('does not make a condition operated away a current condition', () => {
    expect(pmh(['[doctor] And I know that they removed a cataract from your eye.', '[patient] Yes.'])).not.toMatch(
      /^Cataract\.|\bCataract\./,
    );
  });

  it('writes the chart read to the patient as history, not a result', () => {
    const d = draftOf([
      '[doctor] And I can see on the file that you have high cholesterol and a gastric ulcer too.',
      "[patient] Yes, that's about right.",
      '[doctor] Okay. What surgeries have you had in the past?',
    ]);
    expect(sectionOf(d, /^PAST MEDICAL HISTORY$/).join(' ')).toMatch(/Hyperlipidemia\./);
    expect(sectionOf(d, /^RESULTS$/).join(' ')).not.toMatch(/cholesterol/i);
  });

  it('reads a late "you also have a history of X?" as history, not the plan', () => {
    expect(
      pmh([
        '[patient] In the past I have been treated for osteomyelitis of my right fifth toe.',
        '[doctor] Oh, how long back was that?',
        '[patient] Ah, about five years back! I was treated for six weeks.',
        '[doctor] Oh, Okay. You also have a history of diabetes mellitus?',
        '[patient] That is correct.',
      ]),
    ).toMatch(/Diabetes\./);
  });

  it('reads a chart question late in a short visit as history, not the plan', () => {
    expect(
      pmh([
        '[doctor] Do you have any medical conditions I should know about?',
        '[patient] Well, I have high blood pressure and reflux.',
        '[doctor] What about your mental health?',
        '[patient] I get down sometimes, nothing diagnosed.',
        '[doctor] Okay. Thanks for that.',
        '[patient] Sure.',
        "[doctor] Thank you, I also see in your records that you've had sleep apnea before, is that true?",
        '[patient] Yeah, I use a machine at night.',
      ]),
    ).toMatch(/Sleep apnea\./);
  });

  it('writes a condition once, by its fuller name', () => {
    const s = pmh([
      '[doctor] Can you tell me what diseases you have been diagnosed with in the past?',
      '[patient] Sure, I have had hypertension, diabetes and asthma.',
      '[doctor] And it is type two diabetes, right?',
      '[patient] Yes.',
      '[doctor] Thank you!',
    ]);
    expect(s).toMatch(/Type 2 diabetes\./);
    expect(s).not.toMatch(/(?:^|\. )Diabetes\./);
  });

  it('reads back disc degeneration listed by the patient as degenerative disc disease', () => {
    expect(
      pmh(['[doctor] Do you have any other problems?', '[patient] I do actually, I have back disc degeneration.']),
    ).toMatch(/Degenerative disc disease\./);
  });
});
