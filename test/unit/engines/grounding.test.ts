/**
 * Grounding of a generative engine's answer (core/engines/grounding.ts): the tolerant reader of the model's JSON, the
 * streaming section scanner, and — the point of it — every planted unsupported fact flagged by the verifier, while
 * the sentences the visit backs stay supported.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, extractFacts, loadTemplate, parseTranscript } from '../../../core/clinical/index.js';
import { numbersIn } from '../../../core/clinical/numbers.js';
import type { NoteTemplate } from '../../../core/clinical/types.js';
import {
  citationProblems,
  groundAnswer,
  parseAnswer,
  repairJson,
  SectionScanner,
  type ModelSection,
} from '../../../core/engines/grounding.js';
import { EngineError } from '../../../core/engines/types.js';
import { aciVisit, answer, haveAci, VISIT } from './fixtures.js';

function setup(dialogue: string, templateId = 'outpatient') {
  const transcript = parseTranscript(dialogue);
  const facts = extractFacts(transcript);
  const template: NoteTemplate = loadTemplate(templateId);
  const embedded = draftNote(transcript, { template, facts });
  return { transcript, facts, template, embedded };
}

/** Grounds each sentence alone (replacement off) and returns its verdict. */
function verdicts(dialogue: string, items: { section: string; text: string; cites: number[] }[]) {
  const ctx = setup(dialogue);
  const sections: ModelSection[] = items.map((x) => ({ id: x.section, sentences: [{ text: x.text, cites: x.cites }] }));
  const g = groundAnswer(sections, { ...ctx, replaceUnsupported: false });
  const all = g.sections.flatMap((s) => s.sentences);
  return items.map((x) => {
    const s = all.find(
      (y) =>
        y.text === x.text &&
        JSON.stringify(y.evidence) === JSON.stringify(x.cites.filter((c) => c < ctx.transcript.turns.length)),
    );
    if (!s) throw new Error(`sentence lost: ${x.text}`);
    return { text: x.text, supported: s.supported, kinds: (s.problems ?? []).map((p) => p.kind) };
  });
}

describe('reading the model answer', () => {
  it('reads fenced JSON with chatter, single quotes, bare keys, trailing commas and inline [Tn] citations', () => {
    const text =
      "Sure! Here is the note:\n```json\n{sections: [{id: 'hpi', sentences: [{text: 'She has knee pain [T1].', cites: [],},],},],}\n```\nHope it helps.";
    expect(parseAnswer(text)).toEqual([{ id: 'hpi', sentences: [{ text: 'She has knee pain.', cites: [1] }] }]);
    expect(parseAnswer('{"sections":{"cc":["Knee pain [T1, T3]","Fall (T1-T2)"]}}')).toEqual([
      {
        id: 'cc',
        sentences: [
          { text: 'Knee pain', cites: [1, 3] },
          { text: 'Fall', cites: [1, 2] },
        ],
      },
    ]);
    expect(
      parseAnswer('[{"id":"ap","sentences":[{"text":"Order x-ray.","cites":["T11"]}]}]')[0]!.sentences[0]!.cites,
    ).toEqual([11]);
  });

  it('closes an answer cut off by the token limit', () => {
    const cut = '{"sections":[{"id":"hpi","sentences":[{"text":"Left knee pain.","cites":[1]},{"text":"She den';
    expect(JSON.parse(repairJson(cut))).toEqual({
      sections: [{ id: 'hpi', sentences: [{ text: 'Left knee pain.', cites: [1] }, {}] }],
    });
    expect(parseAnswer(cut)[0]!.sentences.map((s) => s.text)).toEqual(['Left knee pain.']);
  });

  it('refuses what is not a note (bad-output), without echoing it', () => {
    for (const junk of ['', 'I cannot help with that.', '{"foo": 1}', '<<<>>> ]]] random', '{"sections": []}']) {
      let err: unknown;
      try {
        parseAnswer(junk);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('bad-output');
      if (junk.length > 3) expect((err as Error).message).not.toContain(junk);
    }
  });

  it('finds each section as soon as its object closes, however the stream is cut', () => {
    const text = answer([
      { id: 'cc', sentences: [{ text: 'Knee pain {left}.', cites: [1] }] },
      {
        id: 'hpi',
        sentences: [
          { text: 'She said "it\'s [sore]".', cites: [1] },
          { text: 'No fever.', cites: [2, 3] },
        ],
      },
      { id: 'ap', sentences: [] },
    ]);
    for (const size of [1, 3, 7, 1000]) {
      const sc = new SectionScanner();
      const seen: string[] = [];
      const ends: number[] = [];
      for (let i = 0; i < text.length; i += size)
        for (const s of sc.feed(text.slice(i, i + size))) {
          seen.push(`${s.id}:${s.sentences.length}`);
          ends.push(i);
        }
      expect(seen).toEqual(['cc:1', 'hpi:2', 'ap:0']);
      // The first section is found before the stream reaches the second one.
      if (size < 1000) expect(ends[0]).toBeLessThan(text.indexOf('"hpi"'));
    }
  });
});

describe('planted unsupported facts are all flagged (synthetic visit)', () => {
  const supported = [
    {
      section: 'hpi',
      text: 'The patient reports left knee pain for about two weeks after a fall on the stairs.',
      cites: [1],
    },
    { section: 'hpi', text: 'She denies fever or chills.', cites: [2, 3] },
    { section: 'hpi', text: 'She denies chest pain or shortness of breath.', cites: [4, 5] },
    { section: 'fh', text: 'Her mother has diabetes.', cites: [6, 7] },
    { section: 'meds', text: 'Ibuprofen 400 mg twice a day.', cites: [8, 9] },
    { section: 'exam', text: 'Blood pressure 128/82.', cites: [10] },
    { section: 'exam', text: 'The left knee shows swelling and tenderness.', cites: [10] },
    { section: 'ap', text: 'Order an x-ray of the left knee.', cites: [11] },
    { section: 'ap', text: 'Start meloxicam 15 mg once a day.', cites: [11] },
    { section: 'ap', text: 'Stop ibuprofen while taking meloxicam.', cites: [12] },
    { section: 'ap', text: 'Follow up in two weeks.', cites: [12] },
  ];
  const planted = [
    { what: 'a changed number', section: 'exam', text: 'Blood pressure 138/82.', cites: [10], kind: 'number' },
    {
      what: 'a drug not in the visit',
      section: 'ap',
      text: 'Start naproxen 500 mg twice a day.',
      cites: [11],
      kind: 'drug',
    },
    { what: 'a dose changed', section: 'ap', text: 'Start meloxicam 7.5 mg once a day.', cites: [11], kind: 'dose' },
    {
      what: 'a dose changed (home med)',
      section: 'meds',
      text: 'Ibuprofen 800 mg twice a day.',
      cites: [8, 9],
      kind: 'dose',
    },
    {
      what: 'left to right',
      section: 'exam',
      text: 'The right knee shows swelling and tenderness.',
      cites: [10],
      kind: 'side',
    },
    {
      what: 'denies to reports',
      section: 'hpi',
      text: 'She reports chest pain and shortness of breath.',
      cites: [4, 5],
      kind: 'polarity',
    },
    { what: 'reports to denies', section: 'hpi', text: 'She denies knee pain.', cites: [1], kind: 'polarity' },
    {
      what: "a relative's condition as the patient's",
      section: 'pmh',
      text: 'The patient has diabetes.',
      cites: [6, 7],
      kind: 'experiencer',
    },
    {
      what: 'a sentence with no citation',
      section: 'hpi',
      text: 'She denies fever or chills.',
      cites: [],
      kind: 'no-evidence',
    },
    {
      what: 'a citation to a turn that does not back it',
      section: 'ap',
      text: 'Start meloxicam 15 mg once a day.',
      cites: [2],
      kind: 'no-evidence',
    },
    {
      what: 'a citation to a turn that does not back it (symptoms)',
      section: 'hpi',
      text: 'She denies fever or chills.',
      cites: [12],
      kind: 'no-evidence',
    },
    {
      what: 'a citation to a turn the visit does not have',
      section: 'ap',
      text: 'Order an x-ray of the left knee.',
      cites: [11, 99],
      kind: 'no-evidence',
    },
  ];

  it('keeps every sentence the visit backs supported', () => {
    for (const v of verdicts(VISIT, supported)) expect(v, v.text).toMatchObject({ supported: true, kinds: [] });
  });

  it.each(planted)('flags $what', ({ section, text, cites, kind }) => {
    const [v] = verdicts(VISIT, [{ section, text, cites }]);
    expect(v!.supported).toBe(false);
    expect(v!.kinds).toContain(kind);
  });

  it('flags 100 % of them in one answer, mixed with supported sentences', () => {
    const ctx = setup(VISIT);
    const bySection = new Map<string, ModelSection>();
    for (const x of [...supported, ...planted]) {
      const s = bySection.get(x.section) ?? { id: x.section, sentences: [] };
      s.sentences.push({ text: x.text, cites: x.cites });
      bySection.set(x.section, s);
    }
    const g = groundAnswer([...bySection.values()], { ...ctx, replaceUnsupported: false });
    expect(g.stats).toMatchObject({ written: supported.length + planted.length, flagged: planted.length });
    expect(g.stats.supported).toBe(supported.length);
  });
});

describe('replacing unsupported sentences', () => {
  it("replaces one with the embedded drafter's sentence for the same fact, and drops one with none", () => {
    const ctx = setup(VISIT);
    const g = groundAnswer(
      [
        {
          id: 'ap',
          sentences: [
            { text: 'Order an x-ray of the left knee.', cites: [11] },
            { text: 'Start meloxicam 7.5 mg once a day.', cites: [11] },
            { text: 'Refer to cardiology for a stress test.', cites: [11] },
          ],
        },
      ],
      ctx,
    );
    const ap = g.sections.find((s) => s.id === 'ap')!;
    expect(g.stats).toMatchObject({ flagged: 2, replaced: 1, dropped: 1 });
    expect(ap.sentences.every((s) => s.supported)).toBe(true);
    // The replacement is the embedded drafter's meloxicam sentence, with its own evidence: the dose said in the visit.
    const emb = ctx.embedded.sections.find((s) => s.id === 'ap')!.sentences;
    const sub = ap.sentences.find((s) => /meloxicam/i.test(s.text))!;
    expect(emb.map((s) => s.text)).toContain(sub.text);
    expect(numbersIn(sub.text)).toContain(15);
    expect(ap.sentences.some((s) => /cardiology/i.test(s.text))).toBe(false);
  });

  it('with replacement off, keeps them flagged: a note never silently carries an unverified number', () => {
    const ctx = setup(VISIT);
    const g = groundAnswer(
      [{ id: 'exam', sentences: [{ text: 'Blood pressure 150/95, heart rate 88.', cites: [10] }] }],
      { ...ctx, replaceUnsupported: false },
    );
    const s = g.sections[0]!.sentences[0]!;
    expect(s.supported).toBe(false);
    expect(s.problems!.filter((p) => p.kind === 'number').length).toBeGreaterThanOrEqual(3);
  });
});

describe.skipIf(!haveAci)('planted unsupported facts on ACI-BENCH train visits', () => {
  it('D2N001: numbers, drugs, doses, polarity, citations', () => {
    const d = aciVisit('D2N001');
    const ok = [
      { section: 'hpi', text: 'She denies chest pain, shortness of breath, or leg swelling.', cites: [12, 13] },
      { section: 'ap', text: 'Increase lisinopril to 40 mg a day.', cites: [35] },
      { section: 'ap', text: 'Start Lasix 20 mg a day.', cites: [35] },
      {
        section: 'results',
        text: 'The echocardiogram showed a pumping function of about 45% and mitral regurgitation.',
        cites: [32],
      },
    ];
    const bad = [
      {
        section: 'results',
        text: 'The echocardiogram showed a pumping function of about 55%.',
        cites: [32],
        kind: 'number',
      },
      { section: 'ap', text: 'Start metoprolol 25 mg a day.', cites: [35], kind: 'drug' },
      { section: 'ap', text: 'Increase lisinopril to 80 mg a day.', cites: [35], kind: 'number' },
      { section: 'hpi', text: 'She reports chest pain and shortness of breath.', cites: [12, 13], kind: 'polarity' },
      { section: 'hpi', text: 'She denies suicidal ideation.', cites: [], kind: 'no-evidence' },
      { section: 'hpi', text: 'She denies nausea, vomiting, or abdominal pain.', cites: [1], kind: 'no-evidence' },
    ];
    for (const v of verdicts(d, ok)) expect(v, v.text).toMatchObject({ supported: true });
    for (const [i, v] of verdicts(d, bad).entries()) {
      expect(v.supported, v.text).toBe(false);
      expect(v.kinds, v.text).toContain(bad[i]!.kind);
    }
  });

  it("D2N002 side and D2N030 a relative's condition", () => {
    const side = verdicts(aciVisit('D2N002'), [
      { section: 'exam', text: 'There is edema and erythema of the right knee.', cites: [60] },
      { section: 'exam', text: 'There is edema and erythema of the left knee.', cites: [60] },
    ]);
    expect(side[0]).toMatchObject({ supported: true });
    expect(side[1]!.kinds).toContain('side');
    const fam = verdicts(aciVisit('D2N030'), [
      { section: 'pmh', text: 'The patient has a history of breast cancer.', cites: [70] },
    ]);
    expect(fam[0]!.supported).toBe(false);
    expect(fam[0]!.kinds).toContain('experiencer');
  });
});

describe('a citation says a word in its plural ("ankles" for "ankle")', () => {
  it('reads a denied ankle swelling in "any issues with your ankles or feet swelling?" "no."', () => {
    const t = parseTranscript(
      [
        '[doctor] any recent issues with excessive bruising or bleeding?',
        '[patient] nope.',
        '[doctor] and how about any issues with your ankles or feet swelling?',
        '[patient] no.',
      ].join('\n'),
    );
    expect(citationProblems(t, 'He denies ankle swelling.', [2, 3], extractFacts(t))).toEqual([]);
  });
});

describe('a quantity dispensed is said as what the doctor will give', () => {
  it('backs "dispense #20" with "I\'ll give you 20 of those", not with another number', () => {
    const t = parseTranscript(
      [
        "[doctor] i'm going to prescribe you some pain medicine. we'll do lortab 5 milligram.",
        "[doctor] you can take one to two tablets every six hours as needed for pain. i'll give you 20 of those.",
      ].join('\n'),
    );
    expect(citationProblems(t, 'Start Lortab 5 mg, dispense #20.', [0, 1], extractFacts(t))).toEqual([]);
    expect(citationProblems(t, 'Start Lortab 5 mg, dispense #30.', [0, 1], extractFacts(t))).not.toEqual([]);
  });
});

describe("an ejection fraction is said as the heart's pumping function", () => {
  it('backs "reduced ejection fraction of about 45%" with "low-ish pumping function of your heart at about 45 %"', () => {
    const t = parseTranscript(
      '[doctor] this is the echocardiogram from last year. it showed that you have that low-ish pumping function of your heart at about 45 %. and it also shows some mitral regurgitation.',
    );
    const line = 'Echocardiogram: mitral regurgitation; reduced ejection fraction of about 45%.';
    expect(citationProblems(t, line, [0], extractFacts(t))).toEqual([]);
    expect(citationProblems(t, line.replace('45', '35'), [0], extractFacts(t))).not.toEqual([]);
  });
});

describe('an age is said with the patient it describes', () => {
  it('backs "a 43-year-old female" with "she\'s a 43-year-old patient", not another age', () => {
    const t = parseTranscript(
      "[doctor] hey, dragon. i'm seeing mrs. peterson, here, she's a 43-year-old patient. she's here for right leg pain.",
    );
    const line = 'The patient is a 43-year-old female who presents for right leg pain.';
    expect(citationProblems(t, line, [0], extractFacts(t))).toEqual([]);
    expect(citationProblems(t, line.replace('43', '45'), [0], extractFacts(t))).not.toEqual([]);
  });
});

describe('a count answered bare', () => {
  it('is backed by the question just before it ("do you have children?" "i do. i have five.")', () => {
    const t = parseTranscript(
      ['[doctor] okay. do you have children?', '[patient] i do. i have five.', '[doctor] how old are they?'].join('\n'),
    );
    expect(citationProblems(t, '5 children.', [0, 1], extractFacts(t))).toEqual([]);
    expect(citationProblems(t, '5 grandchildren.', [0, 1], extractFacts(t))).not.toEqual([]);
  });
});
