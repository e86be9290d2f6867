import { describe, expect, it } from 'vitest';
import {
  inferSpeakerRoles,
  normalizeText,
  parseTranscript,
  transcriptFromTurns,
} from '../../../core/clinical/index.js';
import type { Turn } from '../../../core/clinical/index.js';

describe('normalizeText', () => {
  it('fixes ASR spacing and split contractions without changing words', () => {
    expect(normalizeText("i'm doing okay , thanks .")).toBe("i'm doing okay, thanks.");
    expect(normalizeText("i do n't know , i ca n't say")).toBe("i don't know, i can't say");
    expect(normalizeText("i'm gon na check , it 's fine")).toBe("i'm gonna check, it's fine");
    expect(normalizeText('about 2.5 mg ( twice )')).toBe('about 2.5 mg (twice)');
  });
});

describe('parseTranscript', () => {
  it('parses ACI-BENCH bracket tags, guests and continuation lines', () => {
    const t = parseTranscript(
      '[doctor] hi , how are you ?\n[patient] fine .\ncontinued here\n[patient_guest] i am his wife .',
    );
    expect(t.format).toBe('bracket-tags');
    expect(t.turns.map((x) => [x.index, x.speaker, x.text])).toEqual([
      [0, 'doctor', 'hi, how are you?'],
      [1, 'patient', 'fine. continued here'],
      [2, 'other', 'i am his wife.'],
    ]);
    expect(t.turns[2]!.label).toBe('patient_guest');
    expect(t.turns.every((x) => x.roleSource === 'tag')).toBe(true);
  });

  it('parses Doctor:/Patient: prefixes', () => {
    const t = parseTranscript('Doctor: What brings you in?\nPatient: My knee hurts.\nDr.: Since when?\nPt: Two weeks.');
    expect(t.format).toBe('prefix-tags');
    expect(t.turns.map((x) => x.speaker)).toEqual(['doctor', 'patient', 'doctor', 'patient']);
    expect(t.turns[1]!.text).toBe('My knee hurts.');
  });

  it('infers roles for untagged text', () => {
    const t = parseTranscript(
      [
        'hi there, what brings you in today?',
        "my knee has been hurting for about two weeks and i can't walk very far.",
        'okay, did you injure it? any swelling?',
        'i twisted it playing soccer and it swelled up a little.',
        "all right, let me examine your knee. i'm going to press here, does this hurt?",
        'yes, that hurts.',
        "i'd like to get an x-ray and i want you to rest and ice it.",
        'okay, thank you.',
      ].join('\n'),
    );
    expect(t.format).toBe('untagged');
    expect(t.turns.map((x) => x.speaker)).toEqual([
      'doctor',
      'patient',
      'doctor',
      'patient',
      'doctor',
      'patient',
      'doctor',
      'patient',
    ]);
    expect(t.turns.every((x) => x.roleSource === 'inferred' && typeof x.roleConfidence === 'number')).toBe(true);
  });

  it('keeps known roles and fills unknown ones (speech pipeline turns)', () => {
    const turns: Turn[] = [
      { index: 0, speaker: 'doctor', text: 'what brings you in today?', start: 0, end: 1.5 },
      {
        index: 1,
        speaker: 'unknown',
        text: 'i have had a bad cough for a week and my chest hurts.',
        start: 1.6,
        end: 4,
      },
    ];
    const out = inferSpeakerRoles(turns);
    expect(out[0]).toEqual(turns[0]);
    expect(out[1]!.speaker).toBe('patient');
    expect(out[1]!.start).toBe(1.6);
    expect(turns[1]!.speaker).toBe('unknown'); // input not mutated
  });

  it('gives one role per diarization label', () => {
    const t = transcriptFromTurns([
      { speaker: 'unknown', label: 'Speaker 1', text: 'good morning, what can i do for you today?' },
      { speaker: 'unknown', label: 'Speaker 2', text: 'i have had headaches every day for a month.' },
      {
        speaker: 'unknown',
        label: 'Speaker 1',
        text: 'okay. any nausea or vision changes? i want you to keep a diary.',
      },
      { speaker: 'unknown', label: 'Speaker 2', text: 'no.' },
    ]);
    expect(t.turns.map((x) => x.speaker)).toEqual(['doctor', 'patient', 'doctor', 'patient']);
  });

  it('splits one block of raw ASR into sentence turns and infers their roles', () => {
    const t = parseTranscript(
      'hi what brings you in today? i have had a sore throat for three days and a fever. okay any cough? no cough. ' +
        'let me take a look at your throat. your throat is red and your tonsils are swollen.',
    );
    expect(t.turns.length).toBe(6);
    expect(t.turns[0]!.speaker).toBe('doctor');
    expect(t.turns[1]!.speaker).toBe('patient');
    expect(t.turns[5]!.speaker).toBe('doctor');
  });

  it('exchanges tags that are swapped throughout a recording', () => {
    const lines = [
      '[patient] hi, what brings you in today?',
      '[doctor] my knee has been hurting for two weeks and i can barely walk.',
      '[patient] okay, did you injure it? any swelling?',
      '[doctor] i twisted it playing soccer and it swelled up.',
      "[patient] all right, let me examine your knee. i'm going to press here, does this hurt?",
      '[doctor] yes, that hurts a lot.',
      "[patient] i'd like to get an x-ray and i want you to rest and ice it.",
      '[doctor] okay, thank you doctor.',
    ].join('\n');
    expect(parseTranscript(lines).turns.map((x) => x.speaker)).toEqual([
      'doctor',
      'patient',
      'doctor',
      'patient',
      'doctor',
      'patient',
      'doctor',
      'patient',
    ]);
    expect(parseTranscript(lines, { fixSwappedTags: false }).turns[0]!.speaker).toBe('patient');
  });

  it('returns no turns for blank input', () => {
    expect(parseTranscript('  \n\n ').turns).toEqual([]);
  });
});

describe('single mislabelled turns', () => {
  it("a long patient-tagged turn that orders and prescribes is the doctor's; a short or ordinary one keeps its tag", () => {
    const t = parseTranscript(
      [
        '[doctor] what brings you in today?',
        '[patient] i found a tick on my leg last week and now there is a rash.',
        '[doctor] okay, any fever?',
        '[patient] no.',
        "[patient] so for your first problem we're gonna continue the doxycycline for about three weeks and i'm also gonna go ahead and order a lyme titer as well as a western blot to see if you do in fact have lyme disease, okay?",
        '[doctor] okay.',
      ].join('\n'),
    );
    expect(t.turns.map((x) => x.speaker)).toEqual(['doctor', 'patient', 'doctor', 'patient', 'doctor', 'doctor']);
    expect(t.turns[4]!.roleSource).toBe('inferred');
    // With tag fixing off, tags are kept as written.
    const kept = parseTranscript(
      '[patient] we are going to order an mri of your knee and refer you to physical therapy for six weeks.',
      {
        fixSwappedTags: false,
      },
    );
    expect(kept.turns[0]!.speaker).toBe('patient');
  });
});
