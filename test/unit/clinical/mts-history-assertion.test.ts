/**
 * A patient's clarifying question ("flu-like symptoms?" "like fever or chills?") asks, it does not report the
 * symptoms it names; the fever of a named disease ("hay fever", "rheumatic fever") is no fever; smoking and drinking
 * amounts said as ranges ("one to two packs of cigarettes each day", "i do take two or four beers") are written.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const note = (lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;

describe('assertion: clarifying questions and named fevers', () => {
  it('does not endorse the symptoms a patient asks about', () => {
    const n = note([
      '[doctor] what brings you in?',
      '[patient] i have pain in my right heel.',
      '[doctor] how long?',
      '[patient] about two weeks.',
      '[doctor] do you have any flu like symptoms?',
      '[patient] like fever or chills?',
      '[doctor] that, or vomiting or headaches.',
      "[patient] oh, no i don't have anything like that.",
    ]);
    expect(n).not.toMatch(/reports fever|Endorses[^.\n]*(?:fever|chills)/i);
  });

  it('reads "hay fever" as allergic rhinitis, not as a fever', () => {
    const n = note([
      '[doctor] how has work been?',
      '[patient] fine. i may get a little tired during hay fever season, but that is rare.',
      '[doctor] yes, i see that you have hay fever.',
    ]);
    expect(n).toMatch(/Allergic rhinitis/);
    expect(n).not.toMatch(/\bfever\b(?! season)/i);
  });

  it('does not deny fever for "no history of rheumatic fever"', () => {
    const n = note(['[doctor] any history of rheumatic fever?', '[patient] no.']);
    expect(n).not.toMatch(/Denies fever/);
  });
});

describe('social history amounts', () => {
  it('writes a range of packs of cigarettes and beers taken a day', () => {
    const n = note([
      '[doctor] do you drink?',
      '[patient] yes, i do take two or four beers in a day.',
      '[doctor] do you smoke?',
      "[patient] oh yeah, i'm a smoker. i take around one to two packs of cigarettes each day.",
    ]);
    expect(n).toMatch(/Smokes around 1 to 2 packs per day\./);
    expect(n).toMatch(/Drinks 2 or 4 beers in a day\./);
    expect(n).not.toMatch(/Smokes of cigarettes/);
  });
});
