import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { sideCorrections } from '../../../core/clinical/sides.js';

const draftOf = (lines: string[]) => draftNote(parseTranscript(lines.join('\n')));
/** The HPI of a draft of a visit given as tagged lines. */
const hpiOf = (lines: string[]) =>
  draftOf(lines)
    .sections.find((s) => s.id === 'hpi')!
    .sentences.map((s) => s.text)
    .join(' ');

describe('HPI: the story that frames the visit', () => {
  it('states onset and mechanism from a story told in pieces between the doctor’s okays', () => {
    const hpi = hpiOf([
      '[doctor] good morning. so you are here for your left shoulder pain. tell me what happened.',
      '[patient] so i was , um , cleaning out the garage-',
      '[doctor] mm-hmm .',
      '[patient] and i picked up a heavy box and then i heard this popping-',
      '[doctor] okay .',
      '[patient] and it has hurt ever since .',
      '[doctor] and when did this happen ?',
      '[patient] it was last night .',
    ]);
    expect(hpi).toMatch(
      /reports left shoulder pain since last night after picking up a heavy box, when [a-z]+ felt a pop\./,
    );
  });

  it('states how a back strain began, with the leg it goes down', () => {
    const hpi = hpiOf([
      '[doctor] so what is going on with your back',
      '[patient] well i was working in the garden and bent down to lift a bag up and then this back pain went down my right leg',
      '[doctor] okay any numbness',
      '[patient] no',
    ]);
    expect(hpi).toMatch(/back pain radiating down (?:his|her|their) right leg after bending down to lift a bag up/);
  });

  it('writes nothing when the story names no mechanism', () => {
    const hpi = hpiOf([
      '[doctor] so you are here for knee pain. what happened?',
      '[patient] it just started hurting a week ago , nothing special .',
    ]);
    expect(hpi).not.toMatch(/ after /);
  });

  it('writes the answer to a duration question', () => {
    const hpi = hpiOf([
      '[doctor] so you have a sore throat . how many weeks has this been going on ?',
      '[patient] the past two weeks .',
    ]);
    expect(hpi).toContain('Onset 2 weeks ago.');
  });

  it('takes the side from the patient when the patient corrects the doctor', () => {
    const t = parseTranscript(
      [
        '[doctor] so the pain goes down your right arm you said',
        '[patient] no , my left arm .',
        '[doctor] okay and is your left knee fine',
        '[patient] left one , yes .',
      ].join('\n'),
    );
    expect(sideCorrections(t)).toEqual([{ wrong: 'right', right: 'left', part: 'arm', turn: 1 }]);
  });
});
