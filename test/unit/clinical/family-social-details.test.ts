/**
 * Family and social history details: a relative's death from a condition with the age at death; a bare "cancer" beside
 * the named kind is not written twice; a relative's condition told as a guess stays a guess; the patient's work,
 * retired or not, and how many children they have; and an amount smoked asked about in the past is no habit today.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const family = (lines: string[]) => sectionOf(draftOf(lines), /^FAMILY HISTORY$/);
const social = (lines: string[]) => sectionOf(draftOf(lines), /^SOCIAL HISTORY$/);

describe('relatives who died of a condition', () => {
  it('writes the death and the age said with it', () => {
    const f = family([
      '[doctor] does anything run in your family?',
      '[patient] my mother died from a stroke at seventy one, and my brother has diabetes.',
    ]);
    expect(f).toContain('Mother: died of stroke at 71.');
    expect(f).toContain('Brother: diabetes.');
  });

  it('takes the age from the next sentence, and a decade as said', () => {
    expect(
      family([
        '[doctor] tell me about your family health.',
        '[patient] my dad passed away from lung cancer. he was only fifty five.',
      ]),
    ).toContain('Father: died of lung cancer at 55.');
    expect(
      family(['[doctor] any family history?', '[patient] my grandmother died of a heart attack in her eighties.']),
    ).toContain('Grandmother: died of myocardial infarction in her 80s.');
  });

  it('does not give one relative the death of another', () => {
    const f = family([
      '[doctor] any family history?',
      '[patient] my uncle has diabetes and my aunt died of breast cancer at 50.',
    ]);
    expect(f).toContain('Uncle: diabetes.');
    expect(f.join(' ')).not.toMatch(/Uncle: died/);
  });
});

describe('cancer and guesses', () => {
  it('leaves out a bare cancer beside the named kind for the same relative', () => {
    const f = family([
      '[doctor] any cancer in the family?',
      '[patient] yes, my sister had cancer, it was ovarian cancer.',
    ]);
    expect(f).toContain('Sister: ovarian cancer.');
    expect(f).not.toContain('Sister: cancer.');
  });

  it('writes a relative condition told as a guess as possible', () => {
    const f = family([
      '[doctor] any conditions in your family?',
      '[patient] i think my cousin may have had lupus, i am not sure.',
    ]);
    expect(f.join(' ')).toMatch(/Cousin: possible lupus\./);
  });

  it('keeps a condition said as certain when the doubt after it is about something else', () => {
    const f = family([
      '[doctor] any gout in the family?',
      "[patient] yes my uncle had gout i think he took pills for it but i'm not sure",
    ]);
    expect(f).toContain('Uncle: gout.');
  });
});

describe('work and children', () => {
  it('writes the work the patient answers with, retired or current', () => {
    expect(
      social(['[doctor] what do you do for a living?', '[patient] i am retired now. i was a bus driver for the city.']),
    ).toContain('Occupation: retired bus driver.');
    expect(social(['[doctor] are you working?', "[patient] yes, i'm an electrician at the plant."])).toContain(
      'Occupation: electrician.',
    );
    // Two words of the occupation's shape are one occupation, not its first word.
    expect(social(['[doctor] what do you do for work?', "[patient] i'm a computer programmer for a bank."])).toContain(
      'Occupation: computer programmer.',
    );
  });

  it('does not take a habit or a feeling for work', () => {
    const s = social(['[doctor] are you working?', "[patient] i'm a little behind at work, and i'm a heavy drinker."]);
    expect(s.join(' ')).not.toMatch(/Occupation/);
  });

  it('counts the children said in answer, and no children', () => {
    expect(social(['[doctor] do you have any kids?', '[patient] yeah, we have four.'])).toContain('4 children.');
    expect(social(['[doctor] do you have children?', '[patient] no.'])).toContain('No children.');
    // A child who died, or two counts said, are left to the clinician.
    expect(
      social(['[doctor] do you have kids?', '[patient] i had a daughter but she passed away.']).join(' '),
    ).not.toMatch(/child/);
    expect(
      social(['[doctor] do you have kids?', '[patient] i have a son with my wife and two from before.']).join(' '),
    ).not.toMatch(/child/);
  });
});

describe('smoking asked about in the past', () => {
  it('is a former habit with when it stopped, not an amount today', () => {
    const s = social([
      '[doctor] when was the last time you had a cigarette?',
      '[patient] twelve years back.',
      '[doctor] and how much did you used to smoke?',
      '[patient] about half a pack per day.',
    ]);
    expect(s).toContain('Former smoker, about half a pack per day; quit 12 years ago.');
    expect(s.join(' ')).not.toMatch(/Smokes/);
  });
});
