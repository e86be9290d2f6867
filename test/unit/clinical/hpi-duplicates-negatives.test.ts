/**
 * The history of present illness without restated lines and with its pertinent negatives: a copied sentence that only
 * restates a composed line goes ("Onset 5 days ago. This was about 5 days ago."), a Q&A denial of numbness ("numbing")
 * or of bowel or bladder problems is written, as is one asked during the exam, and a symptom the history tells as
 * lessening is not also denied.
 */
import { describe, expect, it } from 'vitest';
import { coveredBy } from '../../../core/clinical/hpi.js';
import { draftOf, hpiLinesOf } from './draft-helpers.js';

describe('HPI: restated lines', () => {
  it('drops a copied sentence that only restates the onset line composed from the question', () => {
    const hpi = hpiLinesOf([
      '[doctor] so what happened to your back?',
      '[patient] i was moving a refrigerator and i felt something in my lower back.',
      '[doctor] and what day did this happen on? how long ago?',
      '[patient] uh, this was about five days ago.',
      '[doctor] okay, let me examine you. your back is tender.',
    ]).join(' ');
    expect(hpi).toMatch(/Onset 5 days ago\./);
    expect(hpi).not.toMatch(/This was about 5 days ago/);
  });

  it('counts "tried once X and Y at the same time, and that gave him some relief" as what was tried, with relief', () => {
    const slot = [{ text: 'He has tried ibuprofen and Tylenol, with some relief.' }];
    expect(
      coveredBy(
        'He reports that he tried once Tylenol and ibuprofen at the same time, and that gave him some relief.',
        slot,
      ),
    ).toBe(true);
    // "Once a day" is a frequency the line does not state.
    expect(coveredBy('He takes ibuprofen once a day, with some relief.', slot)).toBe(false);
  });
});

describe('HPI: pertinent negatives', () => {
  it('writes a denied "numbing" and denied bowel or bladder problems', () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in today?',
      '[patient] i hurt my lower back moving a refrigerator.',
      '[doctor] have you had any symptoms like pain in your legs or numbing or tingling?',
      '[patient] um, no, nothing significant like that.',
      '[doctor] okay, and any problems with your bladder or your bowels?',
      '[patient] no, no.',
      '[doctor] okay, let me examine you. your back is tender.',
    ]).join(' ');
    expect(hpi).toMatch(/denies leg pain, numbness, or tingling/);
    expect(hpi).toMatch(/denies bowel or bladder dysfunction/);
  });

  it('does not read "numbing medicine" as numbness', () => {
    const note = draftOf([
      '[doctor] what brings you in today?',
      '[patient] i had a tooth pulled last week and she gave me some numbing medicine.',
      '[doctor] okay.',
      '[patient] and now my jaw pain is worse.',
    ]).note;
    expect(note).not.toMatch(/numbness/i);
  });

  it('writes a symptom asked during the exam and denied with a bare "no"', () => {
    const hpi = hpiLinesOf([
      '[doctor] what happened?',
      '[patient] i was playing volleyball yesterday and i fell and landed on my right arm.',
      '[doctor] okay, let me examine you. you have tenderness over your right shoulder. any numbness or tingling in that right arm?',
      '[patient] no.',
      '[doctor] so for your first problem, a proximal humerus fracture, we will put you in a sling.',
    ]).join(' ');
    expect(hpi).toMatch(/denies numbness or tingling/);
  });

  it('does not deny a symptom the history already tells as lessening', () => {
    const hpi = hpiLinesOf([
      '[doctor] how are you feeling now since the hospital?',
      "[patient] i'm doing better. i don't have quite as much shortness of breath, i think walking a little more is helping.",
      '[doctor] have you been short of breath or any problems sleeping since you got home?',
      "[patient] no, i've been sleeping like a log.",
      '[doctor] okay, let me examine you. your lungs are clear.',
    ]).join(' ');
    expect(hpi).toMatch(/as much shortness of breath/);
    expect(hpi).not.toMatch(/denies shortness of breath/);
  });
});
