import { describe, expect, it } from 'vitest';
import { hpiLinesOf } from './draft-helpers.js';

/** What a history keeps about a complaint though the sentence names no symptom: exertion, night, doses, function. */
describe('history modifiers without a symptom word', () => {
  it('keeps missed doses', () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in today?',
      '[patient] my blood pressure has been high at home, like one sixty over ninety five.',
      '[doctor] are you taking your lisinopril?',
      '[patient] mostly.',
      '[patient] i skipped a couple of doses over the holidays because we were traveling.',
    ]).join(' ');
    expect(hpi).toMatch(/skipped a couple of doses over the holidays/);
  });

  it('keeps a function lost', () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in?',
      '[patient] my right elbow has been aching for about three weeks.',
      '[doctor] how is it affecting you?',
      "[patient] well, i can't carry my toddler up to bed anymore, my husband has to do it.",
    ]).join(' ');
    expect(hpi).toMatch(/cannot carry their toddler/);
  });

  it('keeps the night a complaint is worst, with the symptom it qualifies', () => {
    const hpi = hpiLinesOf([
      '[doctor] tell me about your hip.',
      '[patient] my left hip has been hurting for two months.',
      '[doctor] any particular time of day?',
      '[patient] it is the worst at night, i can hardly sleep, the aching keeps me up.',
    ]).join(' ');
    expect(hpi).toMatch(/worst at night/);
  });

  it('leaves out a fragment that does not open on its subject', () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in?',
      '[patient] my right elbow has been aching for about three weeks.',
      '[doctor] does anything bring it on?',
      "[patient] absolutely i was going to say when i'm lifting at night the weights.",
    ]).join(' ');
    expect(hpi).not.toMatch(/absolutely|going to say/i);
  });
});
