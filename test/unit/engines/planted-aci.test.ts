/**
 * Planted unsupported facts across ACI-BENCH train visits (read by path; skipped without the data). A "model" answer
 * is made of the embedded drafter's supported sentences citing their own turns, and into it are planted, per visit
 * where the visit allows: a changed number, a changed dose, a drug not in the visit, left and right swapped, denies
 * and reports swapped, a relative's condition as the patient's, a sentence with no citation, and a citation to a turn
 * that does not back the sentence. Every planted sentence must be flagged; the untouched ones must stay supported.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, extractFacts, loadTemplate, parseTranscript } from '../../../core/clinical/index.js';
import { lexicons } from '../../../core/clinical/lexicon.js';
import { groundAnswer, type ModelSection, type ModelSentence } from '../../../core/engines/grounding.js';
import { aciRows, haveAci } from './fixtures.js';

const SPLIT = 'train';

const SWAP_DRUGS = ['warfarin', 'metoprolol', 'atorvastatin', 'amiodarone', 'prednisone', 'clopidogrel'];
const changed = (n: number) => (Number.isInteger(n) ? (n < 10 ? n + 3 : Math.round(n * 1.4) + 1) : n + 1.3);

interface Plant {
  kind: string;
  section: string;
  s: ModelSentence;
}

const STOP = new Set(
  ['their', 'they', 'them', 'this', 'that', 'with', 'have', 'been', 'from', 'were', 'what', 'when'].concat([
    'patient',
    'presents',
    'reports',
  ]),
);
/** A sentence's words of four letters or more, pronouns and the words every HPI line may use left out. */
const wordsOf = (text: string) => (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !STOP.has(w));

function plantsFor(dialogue: string) {
  const transcript = parseTranscript(dialogue);
  const facts = extractFacts(transcript);
  const template = loadTemplate('outpatient');
  const embedded = draftNote(transcript, { template, facts });
  const lower = dialogue.toLowerCase();
  const ok: { section: string; s: ModelSentence }[] = embedded.sections.flatMap((sec) =>
    sec.sentences.filter((x) => x.supported).map((x) => ({ section: sec.id, s: { text: x.text, cites: x.evidence } })),
  );
  const plants: Plant[] = [];
  const first = <T>(xs: T[]) => xs[0];
  const lex = lexicons();
  const num = first(ok.filter((o) => /\b\d+\b/.test(o.s.text) && !/\d+-year-old/.test(o.s.text)));
  if (num) {
    const m = /\b(\d+)\b/.exec(num.s.text)!;
    const text =
      num.s.text.slice(0, m.index) + String(changed(Number(m[1]))) + num.s.text.slice(m.index + m[1]!.length);
    plants.push({ kind: 'number', section: num.section, s: { text, cites: num.s.cites } });
  }
  const dose = first(
    ok.filter((o) => lex.medications.match(o.s.text.toLowerCase()).length && /\b\d+ ?mg\b/.test(o.s.text)),
  );
  if (dose) {
    const text = dose.s.text.replace(/\b(\d+) ?mg\b/, (_m, d: string) => `${changed(Number(d))} mg`);
    plants.push({ kind: 'dose', section: dose.section, s: { text, cites: dose.s.cites } });
  }
  const drug = first(ok.filter((o) => lex.medications.match(o.s.text.toLowerCase()).length));
  if (drug) {
    const m = lex.medications.match(drug.s.text.toLowerCase())[0]!;
    const swap = SWAP_DRUGS.find((d) => !lower.includes(d))!;
    const text = drug.s.text.slice(0, m.start) + swap + drug.s.text.slice(m.end);
    plants.push({ kind: 'drug', section: drug.section, s: { text, cites: drug.s.cites } });
  }
  // Left or right with a body part ("it's just not right" is no side).
  const side = first(
    ok.filter(
      (o) =>
        /\b(left|right)\s+(?:upper |lower |index |big )?[a-z]{3,}/i.test(o.s.text) &&
        !/\b(?:left|right) (?:now|here|there|away|after|before|when|and|or|but|side of)\b/i.test(o.s.text),
    ),
  );
  if (side) {
    const text = side.s.text.replace(/\b(left|right)\b/gi, (w) =>
      w.toLowerCase() === 'left' ? (w[0] === 'L' ? 'Right' : 'right') : w[0] === 'R' ? 'Left' : 'left',
    );
    plants.push({ kind: 'side', section: side.section, s: { text, cites: side.s.cites } });
  }
  // "denies" / "reports" right before a symptom ("She denies chest pain"), not before a clause ("reports that…").
  const pol = first(
    ok.filter((o) => {
      const v = /\b(denies|reports)\s+(?:any\s+)?/.exec(o.s.text);
      return !!v && lex.symptoms.match(o.s.text.toLowerCase()).some((m) => m.start === v.index + v[0].length);
    }),
  );
  if (pol) {
    const text = /\bdenies\b/.test(pol.s.text)
      ? pol.s.text.replace(/\bdenies\b/, 'reports')
      : pol.s.text.replace(/\breports\b/, 'denies');
    plants.push({ kind: 'polarity', section: pol.section, s: { text, cites: pol.s.cites } });
  }
  const fam = facts.history.find(
    (h) => h.subject === 'family' && !facts.history.some((p) => p.subject === 'patient' && p.name === h.name),
  );
  if (fam && lex.problems.match(fam.name).length)
    plants.push({
      kind: 'experiencer',
      section: 'pmh',
      s: { text: `The patient has ${fam.name}.`, cites: fam.evidence },
    });
  // A sentence with words enough to judge a citation by (the verifier reads three or more besides its stop words;
  // "It is on their right foot." has two).
  const any = first(
    ok.filter((o) => o.s.cites.length && o.s.text.split(' ').length >= 5 && wordsOf(o.s.text).length >= 3),
  );
  if (any) {
    plants.push({ kind: 'no citation', section: any.section, s: { text: any.s.text, cites: [] } });
    // A turn far from what the sentence cites, sharing the fewest of its words (the first such).
    const n = transcript.turns.length;
    const mine = new Set(any.s.text.toLowerCase().match(/[a-z]{4,}/g) ?? []);
    const shared = (t: string) => (t.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => mine.has(w)).length;
    // The turn and its neighbours, as the checks read a citation.
    const around = (i: number) => [i - 1, i, i + 1].map((k) => transcript.turns[k]?.text ?? '').join(' ');
    const far = transcript.turns
      .filter((t) => any.s.cites.every((c) => Math.abs(c - t.index) > 3))
      .sort((a, b) => shared(around(a.index)) - shared(around(b.index)) || a.index - b.index)
      .map((t) => t.index);
    if (far.length)
      plants.push({
        kind: 'wrong citation',
        section: any.section,
        s: { text: any.s.text, cites: [far[0]! % n] },
      });
  }
  return { transcript, facts, template, embedded, ok, plants };
}

describe.skipIf(!haveAci)('planted unsupported facts on the 67 ACI-BENCH train visits', () => {
  it('flags every planted one and keeps the untouched sentences supported', () => {
    const byKind = new Map<string, { planted: number; flagged: number }>();
    const missed: string[] = [];
    let untouched = 0;
    let untouchedFlagged = 0;
    const untouchedMissed: string[] = [];
    for (const { id, dialogue } of aciRows(SPLIT)) {
      const v = plantsFor(dialogue);
      const sections = new Map<string, ModelSection>();
      const add = (section: string, s: ModelSentence) => {
        const sec = sections.get(section) ?? { id: section, sentences: [] };
        sec.sentences.push(s);
        sections.set(section, sec);
      };
      for (const o of v.ok) add(o.section, o.s);
      for (const p of v.plants) add(p.section, p.s);
      const g = groundAnswer([...sections.values()], { ...v, replaceUnsupported: false });
      const out = g.sections.flatMap((s) => s.sentences);
      // Each sentence in order: the untouched ones first (per section), then the planted ones.
      for (const p of v.plants) {
        const hit = out.find((s) => s.text === p.s.text && JSON.stringify(s.evidence) === JSON.stringify(p.s.cites));
        const e = byKind.get(p.kind) ?? { planted: 0, flagged: 0 };
        e.planted++;
        if (hit && !hit.supported) e.flagged++;
        else missed.push(`${id} ${p.kind}${hit ? '' : ' (lost)'}: ${p.s.text} <${p.s.cites.join(',')}>`);
        byKind.set(p.kind, e);
      }
      untouched += v.ok.length;
      for (const o of v.ok) {
        const hit = out.find((s) => s.text === o.s.text && JSON.stringify(s.evidence) === JSON.stringify(o.s.cites));
        if (!hit?.supported) {
          untouchedFlagged++;
          untouchedMissed.push(`${id}: ${o.s.text} <${o.s.cites.join(',')}> ${JSON.stringify(hit?.problems)}`);
        }
      }
    }
    const total = [...byKind.values()].reduce((a, x) => a + x.planted, 0);
    const flagged = [...byKind.values()].reduce((a, x) => a + x.flagged, 0);
    console.log(
      `planted ${flagged}/${total} flagged:`,
      Object.fromEntries([...byKind].map(([k, x]) => [k, `${x.flagged}/${x.planted}`])),
      `untouched flagged ${untouchedFlagged}/${untouched}`,
      missed,
      untouchedMissed,
    );
    for (const k of ['number', 'dose', 'drug', 'side', 'polarity', 'experiencer', 'no citation', 'wrong citation'])
      expect(byKind.get(k)?.planted ?? 0, k).toBeGreaterThan(0);
    // Every planted fact is flagged. The last one caught: "Left knee pain" citing turns about both knees ("my left
    // knee doesn't really hurt … my right knee hurts"): the verifier compares affirmed statements with affirmed ones.
    expect(missed).toEqual([]);
    expect(flagged / total).toBeGreaterThanOrEqual(0.99);
    expect(untouchedFlagged).toBe(0);
  });
});
