import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { noteLikelihood, registerFeatures } from '../../../core/clinical/register-model.js';
import { labelledSentences, noteSentences, trainRegisterModel } from '../../../core/clinical/train-register.js';
import { resourcePath } from '../../../core/platform/paths.js';

describe('register model', () => {
  it('reads person and agreement alike: "they don\'t" and "she doesn\'t" have the same features', () => {
    expect(registerFeatures("They don't remember an injury.")).toEqual(
      registerFeatures("She doesn't remember an injury."),
    );
  });

  it('the shipped weights read note sentences as notes and garbled speech as speech', () => {
    expect(existsSync(resourcePath('clinical', 'register-model.json'))).toBe(true);
    for (const note of [
      'The patient reports knee pain for about 6 months.',
      'She denies fever or chills.',
      'Start lisinopril 10 mg daily.',
    ])
      expect(noteLikelihood(note), note).toBeGreaterThan(0.5);
    for (const speech of [
      "With this knee with these knee pain that they have been having it's they barely can even do half a mile.",
      'Usually after if they feel that pain and then they just it does get better.',
      "They don't that's the thing.",
    ])
      expect(noteLikelihood(speech), speech).toBeLessThan(0.1);
  });

  it('trains deterministically, and learns the difference from a handful of sentences', () => {
    const data = [
      ...['She denies fever.', 'Start metformin 500 mg twice daily.', 'He reports knee pain for 2 weeks.'].map(
        (text) => ({ text, note: true, visit: 'a' }),
      ),
      ...[
        "Yeah so they they just kind of it's like.",
        'So um they went and like they did it.',
        'It is like they just.',
      ].map((text) => ({ text, note: false, visit: 'a' })),
    ];
    const a = trainRegisterModel(data, { minCount: 1 });
    expect(trainRegisterModel(data, { minCount: 1 })).toEqual(a);
    expect(a.weights['w:like']).toBeLessThan(0);
    expect(a.weights['w:denies']).toBeGreaterThan(0);
  });

  it('takes note sentences without headings or labels, and transcript sentences in the third person', () => {
    expect(
      noteSentences('CHIEF COMPLAINT\n\nKnee pain.\n\nHPI\n\n• Medical Reasoning: She has a sprain of the knee.'),
    ).toEqual(['She has a sprain of the knee.']);
    const d = labelledSentences(
      'encounter_id,dialogue,note\nX1,"[doctor] how are you feeling today?\n[patient] i have had this cough for about a week now.","She has a cough for a week and denies fever."',
      't:',
    );
    expect(d).toEqual([
      { text: 'She has a cough for a week and denies fever.', note: true, visit: 't:X1' },
      { text: 'They have had this cough for about a week now.', note: false, visit: 't:X1' },
    ]);
  });
});

describe('copied sentences that read as speech', () => {
  const hpiOf = (lines: string[]) =>
    draftNote(parseTranscript(lines.join('\n')))
      .sections.find((s) => s.id === 'hpi')!
      .sentences.map((s) => s.text);

  it('a garbled history sentence goes; one naming a condition or a number stays however it reads', () => {
    const hpi = hpiOf([
      '[doctor] what brings you in today?',
      '[patient] my right knee has been hurting for about 6 months.',
      '[doctor] any injury?',
      '[patient] usually after if i feel that pain and then i just it does get better.',
      '[doctor] okay.',
      "[patient] and like my diabetes i have diabetes it's like it's been you know okay.",
      '[doctor] okay. any swelling?',
      '[patient] no.',
      '[doctor] on exam there is tenderness of the right knee.',
    ]);
    expect(hpi.join(' ')).not.toMatch(/usually after if/i);
    expect(hpi.join(' ')).toMatch(/diabetes/);
  });
});
