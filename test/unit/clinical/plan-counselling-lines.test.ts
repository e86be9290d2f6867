/** A&P counselling lines as a clinician writes them: run-on directives split, talk framing and empty fragments gone. */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const plan = (...lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};
const DIABETES = '[doctor] your blood sugars have been high and your a1c is 8 so you have diabetes.';

describe('A&P counselling lines', () => {
  it('a directive run into the next with its subject dropped is split, and "please do try to" goes', () => {
    const p = plan(
      DIABETES,
      "[doctor] i want you to bring those numbers with you we can talk about it again and please do try to get back into your exercise routine that's really gonna help.",
    );
    expect(p).toMatch(/should bring those numbers with (?:them|him|her)\. /);
    expect(p).toMatch(/Get back into (?:their|his|her) exercise routine\./);
    expect(p).not.toMatch(/please|with (?:them|him|her) will talk/i);
  });

  it('a directive whose only object is "that" or "it" says nothing and goes', () => {
    const p = plan(
      DIABETES,
      "[doctor] so for your diabetes i'm going to put you on metformin 500 milligrams twice a day and right now we will start with that.",
      '[doctor] we will discuss if we will make any modifications for that.',
    );
    expect(p).toMatch(/metformin 500 mg/);
    expect(p).not.toMatch(/start with that|modifications for that/i);
  });

  it('a clause cut after "know … that" goes', () => {
    const p = plan(
      DIABETES,
      "[doctor] for your diabetes i want you to check your sugars daily and i want you to know with absolute one hundred percent certainty that i'm gon na be with you every step of the way i think it's fantastic that you're",
    );
    expect(p).not.toMatch(/certainty/);
    expect(p).toMatch(/check (?:their|his|her) sugars daily/i);
  });

  it("the doctor's announcement of the plan goes and the assessment stays", () => {
    const p = plan(
      '[patient] my scalp is itchy and flaky.',
      '[doctor] let me talk a little bit about my impression and plan you have a scalp psoriasis and there is no cure for this unfortunately.',
    );
    expect(p).toMatch(/(?:They|He|She) (?:have|has) a scalp psoriasis/);
    expect(p).not.toMatch(/let me|lem me|impression and plan/i);
  });

  it('a "will talk to" order is not taken for the announcement', () => {
    const p = plan(DIABETES, "[doctor] i'll talk to your cardiologist in case you need a procedure.");
    expect(p).toMatch(/Will talk to (?:their|his|her) cardiologist/);
  });
});
