import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The HPI of a draft of a visit given as tagged lines, with each line's evidence. */
const hpiOf = (lines: string[]) =>
  draftNote(parseTranscript(lines.join('\n'))).sections.find((s) => s.id === 'hpi')!.sentences;
const textOf = (lines: string[]) =>
  hpiOf(lines)
    .map((s) => s.text)
    .join(' ');

describe('a recent hospitalization or emergency-room visit in the HPI', () => {
  it('writes the hospitalization the doctor names with its reason, and how the patient got there', () => {
    const lines = [
      '[doctor] hi mary how are you doing i was notified you were in the hospital for some heart failure what happened',
      "[patient] well my ankles were swelling and i couldn't breathe so i called nine one one and they sent out an ambulance and they took me into the er",
      '[doctor] okay and how is your breathing now',
      "[patient] i'm doing better i don't have as much shortness of breath",
    ];
    const hpi = hpiOf(lines);
    const visit = hpi.find((s) => /hospitalized/.test(s.text));
    expect(visit?.text).toMatch(
      /^The patient was recently hospitalized for heart failure; they called 911 and were taken to the emergency room by ambulance\.$/,
    );
    expect(visit?.evidence).toEqual([0, 1]);
    expect(textOf(lines)).not.toMatch(/nine one one|sent out an ambulance/i);
  });

  it("writes the patient's own ER visit with when and what was done", () => {
    const lines = [
      '[doctor] so you are here for your abdominal pain .',
      "[patient] correct . i've had the pain on and off for about two years . i finally went to the er a few months ago and they did a ct scan .",
      '[doctor] okay . any nausea or vomiting ?',
      '[patient] no .',
      '[doctor] okay . let me examine you . your abdomen is soft and nontender .',
      "[doctor] i'll order a colonoscopy and see you in a month .",
    ];
    expect(textOf(lines)).toMatch(/was seen in the emergency room a few months ago, where a CT scan was done\./);
    expect(textOf(lines)).not.toMatch(/finally went/i);
  });

  it('writes what the emergency room found', () => {
    const lines = [
      "[doctor] so i've heard you were in the er and they found that you had a low hemoglobin",
      '[patient] yeah they said i was bleeding but i feel okay',
    ];
    expect(textOf(lines)).toMatch(
      /was seen in the emergency room, where (?:he|she|they) (?:was|were) found to have a low hemoglobin\./,
    );
  });

  it('leaves advice to go to the emergency room alone', () => {
    const lines = [
      '[doctor] if the chest pain comes back you should go to the er for an evaluation',
      "[patient] okay i'll do that",
    ];
    expect(textOf(lines)).not.toMatch(/was seen in the emergency room/);
  });
});
