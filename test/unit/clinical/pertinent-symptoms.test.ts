import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The text of one section of a draft of a visit given as tagged lines. */
const sectionOf = (lines: string[], id: 'hpi' | 'ros') =>
  draftNote(parseTranscript(lines.join('\n')))
    .sections.find((s) => s.id === id)!
    .sentences.map((s) => s.text)
    .join(' ');

describe('pertinent positives and negatives the patient said reach the history', () => {
  it('reads "any" before a list of symptoms at the end of an unpunctuated sentence as a question', () => {
    const lines = [
      '[doctor] so what brings you in today',
      '[patient] my scalp has been really itchy for about two months',
      "[doctor] okay okay let's talk about some other symptoms any joint pain fever weight loss",
      "[patient] not that i can recall i've been pretty good otherwise",
      '[doctor] okay let me take a look at your scalp',
    ];
    expect(sectionOf(lines, 'hpi')).toMatch(/denies joint pain, fever, or weight loss/i);
    expect(sectionOf(lines, 'ros')).toMatch(/Denies fever or weight loss/);
  });

  it('does not read a negated statement with "any" as a question', () => {
    const lines = [
      '[doctor] so what brings you in today',
      '[patient] my scalp has been really itchy for about two months',
      "[doctor] and you told the nurse you haven't had any fever",
      '[patient] right',
    ];
    expect(sectionOf(lines, 'ros')).not.toMatch(/Endorses fever/);
  });

  it('denies what an answer does not name when it says everything else is fine', () => {
    const lines = [
      '[doctor] so what brings you in today',
      "[patient] i've been feeling really tired and dizzy for the past couple of months",
      '[doctor] okay . anything else that i might have missed , fever , chills , sore throat , cough ?',
      "[patient] uh , i've had a little bit of a cough . but everything else has been okay .",
      '[doctor] okay , let me examine you .',
    ];
    const ros = sectionOf(lines, 'ros');
    expect(ros).toMatch(/Denies fever or chills/);
    expect(ros).toMatch(/Denies sore throat/);
    expect(ros).not.toMatch(/Denies[^.]*cough/);
  });

  it('knows symptoms in the words patients use for them', () => {
    const lines = [
      '[doctor] what brings you in today?',
      "[patient] i've had pain in my abdomen for three days and i feel light headed when i stand up.",
      '[doctor] okay. and how is your knee doing?',
      '[patient] my left knee keeps giving way when i go down the stairs.',
      '[doctor] okay, let me examine you. on exam your abdomen is soft and nontender.',
      "[doctor] i'd like to get an x-ray of your left knee and some blood work.",
      '[patient] okay.',
    ];
    const ros = sectionOf(lines, 'ros');
    expect(ros).toMatch(/Gastrointestinal: Endorses abdominal pain/);
    expect(ros).toMatch(/Endorses dizziness/);
    expect(ros).toMatch(/Endorses [^.]*instability/);
  });
});
