import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roleFromLabel } from '../../../core/clinical/parse.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

describe("MTS-Dialog's guest speaker labels", () => {
  it('reads Guest_clinician as a clinician and Guest_family(_1) as a relative', () => {
    expect(roleFromLabel('Guest_clinician')).toBe('doctor');
    expect(roleFromLabel('Guest_family')).toBe('other');
    expect(roleFromLabel('Guest_family_1')).toBe('other');
  });
  it('never writes the label into the note', () => {
    const t = parseTranscript(
      [
        'Doctor: What brings him in?',
        "Guest_family_1: He's 5 now, and he fell onto his right arm yesterday.",
        'Doctor: Any numbness in the hand?',
        'Guest_family_1: No.',
      ].join('\n'),
    );
    expect(draftNote(t).note).not.toMatch(/Guest_/);
  });
});

describe('presenting symptoms that began together', () => {
  it('are one sentence with their shared duration', () => {
    const note = draftNote(
      parseTranscript(
        [
          '[doctor] what brings you in today?',
          "[patient] i've had constipation and diarrhea for a couple months.",
          '[doctor] any blood in the stool?',
          '[patient] no.',
        ].join('\n'),
      ),
    ).note;
    expect(note).toMatch(/(?:reports|presents with) constipation and diarrhea for a couple months\./);
  });
});

describe("an answer's qualifier that cannot stand alone", () => {
  it('joins the statement it qualifies (the bundled demo visit)', () => {
    const text = readFileSync(new URL('../../../resources/samples/demo-visit.txt', import.meta.url), 'utf8');
    const note = draftNote(parseTranscript(text)).note;
    expect(note).toMatch(/He reports shortness of breath, a little when he climbs the stairs at work\./);
    expect(note).not.toMatch(/(?:^|[.\n] )A little when/m);
  });
});
