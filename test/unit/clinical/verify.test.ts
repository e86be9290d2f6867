import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { scoreNote, summariseGold, validateGold } from '../../../core/clinical/gold.js';
import { lintNote, summariseLint } from '../../../core/clinical/lint-note.js';
import { draftNote, parseTranscript, verifyNote } from '../../../core/clinical/index.js';
import { injectionsFor, runVerifyBench } from '../../../core/clinical/verify-bench.js';
import { runCli } from '../../helpers/cli.js';

const visit = [
  '[doctor] hi mrs. lee, what brings you in today?',
  '[patient] my right knee has been hurting for about two weeks since i fell.',
  '[doctor] any fever or chills?',
  '[patient] no.',
  '[doctor] any chest pain?',
  '[patient] no, none.',
  '[doctor] does anyone in your family have diabetes?',
  '[patient] my mother has diabetes.',
  '[doctor] are you taking anything for the pain?',
  '[patient] ibuprofen, 400 milligrams twice a day.',
  '[doctor] your blood pressure today is 128 over 82. on exam your right knee has some swelling.',
  "[doctor] i'm going to order an x-ray of the right knee and start meloxicam 15 milligrams once a day.",
  '[patient] okay.',
].join('\n');
const t = parseTranscript(visit);
const one = (sentence: string) => verifyNote(t, sentence)[0]!;
const kinds = (sentence: string) => one(sentence).problems.map((p) => p.kind);

describe('verifyNote', () => {
  it('supports sentences the visit backs, with evidence turns', () => {
    for (const s of [
      'Right knee pain for two weeks after a fall.',
      'Denies fever or chills.',
      'Takes ibuprofen 400 mg twice a day.',
      'Blood pressure 128/82.',
      'Start meloxicam 15 mg once a day.',
      'Mother has diabetes.',
    ]) {
      const v = one(s);
      expect(v.problems, s).toEqual([]);
      expect(v.supported).toBe(true);
      expect(v.evidence.length).toBeGreaterThan(0);
    }
  });

  it('flags a number, a drug and a dose the visit did not say', () => {
    expect(kinds('Blood pressure 158/82.')).toContain('number');
    expect(kinds('Start warfarin 5 mg daily.')).toContain('drug');
    expect(kinds('Start meloxicam 400 mg once a day.')).toContain('dose');
  });

  it('flags the wrong side, polarity and person', () => {
    expect(kinds('Left knee pain for two weeks.')).toContain('side');
    expect(kinds('Reports fever.')).toContain('polarity');
    expect(kinds('Endorses chest pain.')).toContain('polarity');
    expect(kinds('History of diabetes.')).toContain('experiencer');
  });

  it('does not read an exam finding or a condition as the patient denying a symptom', () => {
    // The knee pain was reported; "no pain to palpation" is a finding and "if the pain persists" a condition.
    expect(kinds('On exam, no pain to palpation of the right knee.')).not.toContain('polarity');
    expect(kinds('Return if the knee pain does not improve.')).not.toContain('polarity');
  });

  it('reads side and polarity from what was said about the same finding, and an answer in its own words', () => {
    const v = parseTranscript(
      [
        '[doctor] any nausea, chills or fever?',
        '[patient] no fever, but i do feel a little nauseous after meals.',
        '[doctor] any swelling in your ankles?',
        '[patient] a bit.',
        '[doctor] on exam there is some edema and erythema of your right knee, but your left knee looks fine.',
        "[doctor] the x-ray of your ankle, i don't see any fracture or any bruising.",
        '[patient] okay, good.',
      ].join('\n'),
    );
    const k = (s: string) => verifyNote(v, s)[0]!.problems.map((p) => p.kind);
    // The answer names nausea itself: present, whatever its "no" says of fever.
    expect(k('Reports nausea after meals.')).toEqual([]);
    expect(k('Denies nausea.')).toContain('polarity');
    expect(k('Denies fever.')).toEqual([]);
    // "I don't see any bruising" states a finding; it asks nothing.
    expect(k('Reports bruising.')).toContain('polarity');
    // Both knees were named; the edema was said of the right one.
    expect(k('Edema and erythema of the left knee.')).toContain('side');
    expect(k('Edema and erythema of the right knee.')).toEqual([]);
  });

  it('judges the side of a symptom by what was affirmed, not by what was denied of the other side', () => {
    const v = parseTranscript(
      [
        '[doctor] what happened when you fell skiing?',
        '[patient] i twisted both knees and my knee pain is bad.',
        "[patient] that's the one that popped, the left knee just feels unstable but my right knee hurts.",
        '[doctor] and the left?',
        "[patient] my left knee doesn't really hurt.",
      ].join('\n'),
    );
    const k = (s: string) => verifyNote(v, s)[0]!.problems.map((p) => p.kind);
    expect(k('Left knee pain.')).toContain('side');
    expect(k('Right knee pain.')).toEqual([]);
  });

  it('flags an invented symptom and transcript artefacts', () => {
    expect(kinds('She also reports night sweats.')).toContain('no-evidence');
    expect(kinds('Hey dragon, show me the x-ray <INAUDIBLE_SPEECH/>.')).toContain('transcript-artefact');
  });

  it('reads notes with headings and bullets, section by section', () => {
    const v = verifyNote(t, 'CHIEF COMPLAINT\nRight knee pain.\n\nPLAN\n• Order x-ray of the right knee.');
    expect(v.map((s) => s.section)).toEqual(['CHIEF COMPLAINT', 'PLAN']);
    expect(v.every((s) => s.supported)).toBe(true);
  });

  it("the drafter's own sentences are verified against their evidence", () => {
    const d = draftNote(t);
    const sentences = d.sections.flatMap((s) => s.sentences);
    expect(sentences.length).toBeGreaterThan(3);
    for (const s of sentences) expect(s.supported).toBe(!s.problems?.length);
  });
});

describe('what a note leaves out', () => {
  it('lists the plan items no sentence states, and the dose must be the one said', async () => {
    const { missingFromNote } = await import('../../../core/clinical/coverage.js');
    expect(missingFromNote(t, 'Order an x-ray of the right knee. Start meloxicam 15 mg once a day.')).toEqual([]);
    expect(missingFromNote(t, 'Order an x-ray of the right knee. Start meloxicam 7.5 mg daily.')).toEqual([
      { kind: 'medication', detail: 'Start meloxicam 15 mg once a day.', evidence: [11] },
    ]);
  });

  it('a test written as the visit said it is stated, whatever its canonical name', async () => {
    const { missingFromNote } = await import('../../../core/clinical/coverage.js');
    const v = parseTranscript(
      [
        '[doctor] any problems urinating?',
        '[patient] yes, a little.',
        "[doctor] okay, we'll order some routine blood tests.",
      ].join('\n'),
    );
    const missing = missingFromNote(v, 'Difficulty urinating.');
    expect(missing.map((m) => m.kind)).toEqual(['test']);
    expect(missingFromNote(v, `Difficulty urinating. ${missing[0]!.detail}`)).toEqual([]);
  });
});

describe('verifier benchmark', () => {
  it('injects one error of each applicable kind, deterministically', () => {
    const note = 'Denies fever or chills. Right knee pain. Takes ibuprofen 400 mg twice a day.';
    const a = injectionsFor('v1', visit, note);
    expect(a).toEqual(injectionsFor('v1', visit, note));
    expect(a.map((i) => i.kind).sort()).toEqual(['drug', 'invented', 'number', 'polarity', 'side']);
    for (const i of a) expect(i.injected).not.toBe(i.original);
  });

  it('flags the injected errors on this visit and leaves the untouched sentences', () => {
    const r = runVerifyBench([
      {
        id: 'v1',
        dialogue: visit,
        note: 'Denies fever or chills. Right knee pain. Takes ibuprofen 400 mg twice a day.',
      },
    ]);
    expect(r.untouchedFlagged).toBe(0);
    const total = Object.values(r.injected).reduce((a, x) => a + x.total, 0);
    const flagged = Object.values(r.injected).reduce((a, x) => a + x.flagged, 0);
    expect(total).toBe(5);
    expect(flagged).toBe(5);
  });
});

describe('gold key facts', () => {
  const gold = validateGold({
    v1: {
      must: [
        { fact: 'knee pain', terms: [['knee pain']] },
        {
          fact: 'meloxicam 15 mg',
          terms: [
            ['meloxicam', 'mobic'],
            ['15 mg', '15 milligrams'],
          ],
        },
      ],
      mustNot: [
        { statement: 'fever (denied)', kind: 'denied', terms: [['fever']] },
        { statement: "diabetes (the mother's)", kind: 'family', terms: [['diabetes']] },
        { statement: 'voice command', kind: 'absent', terms: [['hey dragon']] },
      ],
    },
  }).v1!;

  it('finds facts and counts must-not statements only when asserted', () => {
    const good = scoreNote(
      'v1',
      'HPI\nRight knee pain. Denies fever.\nFAMILY HISTORY\nMother: diabetes.\nPLAN\nStart meloxicam 15mg daily.',
      gold,
    );
    expect(good).toMatchObject({ found: 2, total: 2, asserted: [] });
    const bad = scoreNote('v1', 'Reports fever. Diabetes. Hey dragon, show me the x-ray.', gold);
    expect(bad.found).toBe(0);
    expect(bad.asserted.map((a) => a.statement)).toEqual([
      'fever (denied)',
      "diabetes (the mother's)",
      'voice command',
    ]);
    expect(summariseGold([good, bad])).toMatchObject({ factsFound: 0.5, mustNotPerNote: 1.5 });
  });

  it('refuses a malformed gold file with the visit named', () => {
    expect(() => validateGold({ v9: { must: [{ fact: 'x', terms: [] }], mustNot: [] } })).toThrow(/v9 must\[0\]/);
    expect(() =>
      validateGold({ v9: { must: [], mustNot: [{ statement: 'x', kind: 'maybe', terms: [['a']] }] } }),
    ).toThrow(/kind must be one of/);
  });
});

describe('note linter', () => {
  it('counts transcript habits per sentence', () => {
    const l = lintNote(
      'HPI\nUm, she has, like, knee pain. It it hurts. I will order an x-ray. Your knee is swollen. Show me the labs. <INAUDIBLE_SPEECH/> noted.',
    );
    expect(l).toMatchObject({
      sentences: 6,
      fillers: 1,
      stutters: 1,
      firstPerson: 2,
      secondPerson: 1,
      commands: 1,
      tags: 1,
    });
    const s = summariseLint([l, lintNote('PLAN\nOrder an x-ray of the right knee.')]);
    expect(s.sentences).toBe(7);
    expect(s.firstPersonRate).toBeCloseTo(2 / 7);
  });
});

describe('note.verify through the API and bedside verify', () => {
  it('the API returns each sentence with its problems', async () => {
    const core = createCore();
    const r = await core.dispatch(
      'note.verify',
      { transcript: visit, note: 'Reports fever. Right knee pain.' },
      { transport: 'cli' },
    );
    expect(r.ok).toBe(true);
    const sentences = (r as { result: { sentences: Array<{ supported: boolean; problems: unknown[] }> } }).result
      .sentences;
    expect(sentences.map((s) => s.supported)).toEqual([false, true]);
  });

  it('--jsonl: one line out per line in, with id and sentences', async () => {
    const input = [
      JSON.stringify({ id: 'a', dialogue: visit, note: 'Reports fever.' }),
      JSON.stringify({ id: 2, dialogue: visit, note: 'Denies chest pain.' }),
    ].join('\n');
    const r = await runCli(['verify', '--jsonl'], { stdin: input });
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 2]);
    expect(Object.keys(out[0])).toEqual(['id', 'sentences', 'missing']);
    expect(Object.keys(out[0].sentences[0])).toEqual(['text', 'section', 'supported', 'evidence', 'problems']);
    // The note says nothing of the x-ray or the meloxicam the visit ordered.
    expect(out[0].missing.map((m: { kind: string }) => m.kind).sort()).toEqual(['medication', 'test']);
    expect(out[0].sentences[0].problems[0].kind).toBe('polarity');
    expect(out[1].sentences[0].supported).toBe(true);
  });

  it('bad input: a clear error naming the line and exit 2', async () => {
    const r = await runCli(['verify', '--jsonl'], { stdin: JSON.stringify({ id: 1, dialogue: visit }) + '\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 1: "note" must be a string/);
    expect((await runCli(['verify'])).code).toBe(2);
  });
});

describe('false alarms physicians found on valid drafts', () => {
  const visit = parseTranscript(
    [
      '[doctor] have you ever been diagnosed with what we call lyme disease before?',
      '[patient] no, i have not.',
      '[doctor] any fever, chills or headache?',
      '[patient] no, just kind of a headache, i just generally do not feel well.',
      "[doctor] on exam there is a bull's eye rash over the right knee, so i am concerned about lyme disease.",
      "[doctor] i'm gonna order a sling and i want you to wear the sling while you're awake.",
    ].join('\n'),
  );
  const check = (note: string) => verifyNote(visit, note).map((v) => [v.text, v.supported, v.problems ?? []]);

  it('"No history of lyme disease." after "ever been diagnosed?" "no" stands, though the visit now suspects it', () => {
    expect(check('No history of lyme disease.')).toEqual([['No history of lyme disease.', true, []]]);
    // Denying the condition outright is still flagged: the visit is concerned about it.
    expect(check('Denies lyme disease.')[0]![1]).toBe(false);
  });

  it('a hedged symptom the visit hedged ("just kind of a headache") is not a polarity error; a bullet label is not content', () => {
    expect(check('Endorses possible headache.')[0]![1]).toBe(true);
    expect(check('• Medical Treatment: Place in sling.')).toEqual([['• Medical Treatment: Place in sling.', true, []]]);
    expect(check('• Medical Treatment: Start warfarin 5 mg daily.')[0]![1]).toBe(false);
  });
});

describe('polarity in unpunctuated speech', () => {
  it('reads "there was no fever" inside a long turn that goes on to a question', () => {
    const v = parseTranscript(
      [
        '[patient] my right knee has been hurting when i run',
        "[doctor] okay so let's do a quick examination your blood pressure was one twenty over sixty that's phenomenal your heart rate was fifty eight and your respirations were fourteen so all of that looked very good there was no fever when you came in when i'm gonna just quickly listen to your heart and lungs okay those sound good but let me look at your left knee first when i move your left knee do you get any type of pain or does it feel normal",
        '[patient] that feels normal',
      ].join('\n'),
    );
    const [s] = verifyNote(v, 'Constitutional: Reports fever.');
    expect(s!.supported).toBe(false);
    expect(s!.problems?.map((p) => p.kind)).toContain('polarity');
    expect(verifyNote(v, 'Constitutional: Denies fever.')[0]!.supported).toBe(true);
  });
});

describe('the words a note uses for what was said in other words', () => {
  it('backs "Former tobacco use." with "I quit about 10 years ago. I used to smoke a pack a day."', () => {
    const v = parseTranscript(
      ['[doctor] do you smoke?', '[patient] i quit about 10 years ago. i used to smoke a pack a day.'].join('\n'),
    );
    expect(verifyNote(v, 'Former tobacco use.')[0]!.supported).toBe(true);
    expect(verifyNote(v, 'Current alcohol use.')[0]!.supported).toBe(false);
  });
});

describe('a denial in the words the question used', () => {
  it('backs "Denies any prior injury." with "have you ever injured this arm before?" "no i have not"', () => {
    const v = parseTranscript(
      ['[doctor] have you ever injured this arm before?', '[patient] no i have not.'].join('\n'),
    );
    const [s] = verifyNote(v, 'Denies any prior injury.');
    expect(s!.supported).toBe(true);
  });
});

describe('CVA tenderness', () => {
  it('is an exam finding, not a stroke: "no tenderness … there is positive cva tenderness on the right flank"', () => {
    const v = parseTranscript(
      [
        '[patient] the pain is on my right side.',
        '[doctor] on abdominal exam there is no tenderness to palpation there is no peritoneal signs there is positive cva tenderness on the right flank',
      ].join('\n'),
    );
    expect(verifyNote(v, 'Genitourinary: There is positive CVA tenderness on the right flank.')[0]!.supported).toBe(
      true,
    );
  });
});
