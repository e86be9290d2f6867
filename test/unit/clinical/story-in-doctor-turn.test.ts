import { describe, expect, it } from 'vitest';
import { extractionContext } from '../../../core/clinical/extract.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The HPI of a draft of a visit given as tagged lines, as one text. */
const hpiOf = (lines: string[]) =>
  draftNote(parseTranscript(lines.join('\n')))
    .sections.find((s) => s.id === 'hpi')!
    .sentences.map((s) => s.text)
    .join(' ');

/** The sentences of a visit read as the patient's. */
const patientSaid = (lines: string[]) =>
  extractionContext(parseTranscript(lines.join('\n')))
    .sentences.filter((s) => s.speaker === 'patient')
    .map((s) => s.text);

describe("the patient's story inside a doctor-tagged turn", () => {
  const merged = [
    "[doctor] hey sam what's going on so i lift heavy weights every day at the gym and my elbow is extremely sore which elbow is it",
    '[patient] the right one hurts the most',
    '[doctor] okay have you taken anything for the pain',
    '[patient] ibuprofen 800 milligrams three times a day',
    "[doctor] okay let's do a quick exam i'll take a look at your right elbow",
    '[patient] mm-hmm',
  ];

  it("is cut from the clinician's greeting and next question and read as the patient's", () => {
    const said = patientSaid(merged);
    expect(said).toContain('so i lift heavy weights every day at the gym and my elbow is extremely sore');
    expect(said.join(' ')).not.toMatch(/what's going on|which elbow/);
  });

  it('is stated in the HPI', () => {
    expect(hpiOf(merged)).toMatch(/lift heavy weights every day at the gym and their elbow is extremely sore/);
  });

  it('goes on in the clauses after it, up to the question', () => {
    const said = patientSaid([
      '[doctor] how are you doing is it any better',
      "[doctor] yeah yeah i've been having a lot of pain in my shoulder for the last 3 weeks. now and it's not getting better. okay do you remember what you were doing when it started",
      "[patient] i can't recall falling on it",
    ]);
    expect(said).toContain("yeah yeah i've been having a lot of pain in my shoulder for the last 3 weeks.");
    expect(said).toContain("now and it's not getting better.");
    expect(said.join(' ')).not.toMatch(/do you remember/);
  });

  it("leaves the clinician's own first person alone", () => {
    const said = patientSaid([
      '[doctor] hi there how are you today',
      "[patient] i'm okay my knee has been hurting",
      "[doctor] good i'm doctor smith and i'm gonna go ahead and take a look i saw in your notes that you've been having some knee pain",
      '[patient] yes',
      "[doctor] okay well i like to drink wine too what's your favorite type of wine",
      '[patient] red',
    ]);
    expect(said.join(' ')).not.toMatch(/doctor smith|take a look|drink wine/);
  });
});

describe('a duration said as "a year and a half"', () => {
  it('is the onset in years', () => {
    expect(
      hpiOf([
        '[doctor] what brings you in today',
        '[patient] my right elbow has been hurting',
        '[doctor] when did it start',
        '[patient] probably year and a half ago',
        '[doctor] okay',
      ]),
    ).toMatch(/Onset 1\.5 years ago\./);
  });
});
