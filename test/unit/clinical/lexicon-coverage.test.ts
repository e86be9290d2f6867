/** Lexicon entries for outpatient drugs, problems, surgeries and symptoms that ACI-BENCH train did not name. */
import { describe, expect, it } from 'vitest';
import { lexicons } from '../../../core/clinical/lexicon.js';
import { draftOf, sectionOf } from './draft-helpers.js';

const history = (answer: string) => [
  '[doctor] what brings you in today?',
  '[patient] i just need a checkup.',
  '[doctor] any medical problems or surgeries in the past?',
  `[patient] ${answer}`,
  "[doctor] okay. let's do a quick exam. your lungs are clear.",
];

describe('lexicon coverage beyond ACI-BENCH train', () => {
  it('knows common drugs by generic and brand name, with their class', () => {
    const lex = lexicons();
    const names = (t: string) => lex.medications.match(t).map((m) => m.value.name);
    expect(names('she takes invega and salmeterol')).toEqual(['paliperidone', 'salmeterol']);
    expect(names('he is on micronase and trizivir')).toEqual(['glyburide', 'abacavir/lamivudine/zidovudine']);
    expect(lex.drugClasses.get('trandolapril')).toBe('ace inhibitor');
  });

  it('puts a drug the patient takes on the medication list', () => {
    const d = draftOf([
      '[doctor] what medicines are you on?',
      '[patient] i take paliperidone every morning.',
      "[doctor] okay. let's do a quick exam. your lungs are clear.",
    ]);
    expect(sectionOf(d, /MEDICATIONS/).join(' ')).toMatch(/Paliperidone/);
  });

  it('names a clinician word for a known problem and a surgery it did not know', () => {
    const d = draftOf(history('i have hypercholesterolemia, and i had an adenoidectomy as a kid.'));
    expect(sectionOf(d, /PAST MEDICAL/).join(' ')).toMatch(/Hyperlipidemia/);
    expect(sectionOf(d, /SURGICAL/).join(' ')).toMatch(/Adenoidectomy/);
  });

  it('reads coughing up blood as hemoptysis, not as a cough', () => {
    const d = draftOf([
      '[doctor] what brings you in today?',
      '[patient] i have had a headache for a week.',
      '[doctor] any shortness of breath or coughing up blood?',
      '[patient] no.',
    ]);
    const ros = sectionOf(d, /REVIEW OF SYSTEMS/).join(' ');
    expect(ros).toMatch(/Denies shortness of breath or hemoptysis/);
    expect(ros).not.toMatch(/cough/);
  });

  it('keeps double vision apart from blurred vision', () => {
    const lex = lexicons();
    expect(lex.symptoms.match('any double vision or diplopia').map((m) => m.value.name)).toEqual([
      'double vision',
      'double vision',
    ]);
    expect(lex.symptoms.match('blurry vision')[0]?.value.name).toBe('blurred vision');
  });
});
