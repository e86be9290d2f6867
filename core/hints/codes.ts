/**
 * Diagnosis-code suggestions (issue 13): only for the doctor's assessed problems — present, the patient's, current
 * (or, for a myocardial infarction, an assessed old one: I25.2) — never for a relative's condition, advice, risk,
 * vaccination, side-effect counselling, a denied symptom or a ruled-out diagnosis. One code per assessed problem, as
 * specific as was said (side and site, acute vs history of, diabetes type), and the unspecified form with a note
 * saying what was not said.
 */
import { readMention } from '../clinical/assertion.js';
import type { ClinicalFacts, Problem } from '../clinical/index.js';
import { escapeRe, nameKey, type KnowledgeBase } from './knowledge.js';
import { uniqSorted, type Prepared, type Sentence } from './text.js';
import type { Hint } from './types.js';

const ICD_SOURCE = 'ICD-10-CM FY2025 tabular list (CDC National Center for Health Statistics / CMS)';
const GUIDELINES = 'ICD-10-CM Official Guidelines for Coding and Reporting FY2025';

export interface AssessedProblem {
  /** Canonical lowercase name ("osteoarthritis", "knee pain"). */
  name: string;
  evidence: number[];
  /** The sentences that state it (lowercase), read for side, site, type and time. */
  said: string[];
  /** The doctor's next sentence in the same turn after each, where the diagnosis often follows ("your back pain.
   * i think you have a lumbar strain"). */
  next: string[];
  time: 'current' | 'past' | 'resolved';
}

/** "for your first problem, your right knee pain", "for the next problem of hypertension". */
const PROBLEM_FRAME =
  /\b(?:for|regarding|in terms of|with regards? to|as far as) (?:your|the|his|her) (?:first|second|third|fourth|fifth|next|last|final|other|main)? ?(?:problem|issue|diagnosis)\b,?\s*(?:of |is |was )?(?:your |the |his |her |this |a )?/g;
/** Words that keep a problem's mention from being an assessment of the patient now. */
const NOT_ASSESSED =
  /\b(?:risks? (?:of|for|are|include)|at risk|prevent\w*|chance of|side effects?|can cause|could cause|may cause|might cause|cause (?:some|any)|lead to|leads to|develop\w*|can get|follows? (?:you|her|him) for|could get|vaccin\w*|shots?|immuniz\w*|booster|completed (?:your|the)|due for|screen(?:ing)? for|rule out|ruled out|to see if|make sure|watch for|if you (?:have|get|develop|notice|start)|people|someone|they (?:would|will|can|could|get)|family|mother|father|mom|dad|brother|sister|grandmother|grandfather|grandma|grandpa|aunt|uncle)\b/;

/**
 * The doctor's sentences of a turn that state the problem as assessed. Each mention of the name is read with the
 * fact model's reader and the 80 characters before it must not frame it as risk, advice, vaccination, a
 * side effect or a relative's. A name said differently (a synonym) keeps the turn's doctor sentences.
 */
function assessedSentences(p: Prepared, turn: number, key: string): Sentence[] | null {
  const doctor = (p.byTurn.get(turn) ?? []).filter((s) => s.speaker === 'doctor');
  const re = new RegExp(`\\b${escapeRe(key).replace(/ /g, '\\s+')}\\b`, 'g');
  const seen = doctor.filter((s) => re.test(s.text));
  if (!seen.length) return doctor.some((s) => NOT_ASSESSED.test(s.text)) ? null : doctor;
  const kept = seen.filter((s) =>
    [...s.text.matchAll(re)].some((m) => {
      if (NOT_ASSESSED.test(s.text.slice(Math.max(0, m.index - 80), m.index + m[0].length))) return false;
      const r = readMention({ lower: s.text, speaker: 'doctor' }, m.index, m.index + m[0].length);
      return r.assertion === 'present' && r.experiencer === 'patient' && r.time !== 'resolved';
    }),
  );
  return kept.length ? kept : null;
}

function problemTime(pr: Problem): AssessedProblem['time'] {
  if (pr.status === 'resolved' || pr.time === 'resolved') return 'resolved';
  if (pr.historical || pr.time === 'past') return 'past';
  return 'current';
}

/** The doctor's assessed problems: extracted problems that pass every filter, plus "for your next problem, X". */
export function assessedProblems(kb: KnowledgeBase, p: Prepared, facts: ClinicalFacts | undefined): AssessedProblem[] {
  const out = new Map<string, AssessedProblem>();
  const add = (name: string, turn: number, said: string, time: AssessedProblem['time']) => {
    const ss = p.byTurn.get(turn) ?? [];
    const at = ss.findIndex((x) => x.text === said);
    const next = at >= 0 && ss[at + 1]?.speaker === 'doctor' ? [ss[at + 1]!.text] : [];
    const prev = out.get(name);
    if (prev) {
      prev.evidence = uniqSorted([...prev.evidence, turn]);
      if (!prev.said.includes(said)) prev.said.push(said);
      prev.next.push(...next);
      if (time === 'current') prev.time = 'current';
      return;
    }
    out.set(name, { name, evidence: [turn], said: [said], next, time });
  };
  for (const pr of facts?.problems ?? []) {
    const assertion = pr.assertion ?? (pr.negated ? 'absent' : pr.uncertain ? 'possible' : 'present');
    if (assertion !== 'present') continue;
    if (pr.certainty && pr.certainty !== 'confirmed') continue;
    if ((pr.experiencer ?? pr.subject) !== 'patient' || pr.subject !== 'patient') continue;
    const time = problemTime(pr);
    if (time === 'resolved') continue;
    const key = nameKey(pr.name);
    for (const turn of pr.evidence) {
      // A mention our own reading puts in a risk, advice, vaccination or side-effect frame is not an assessment.
      const kept = assessedSentences(p, turn, key);
      if (!kept) continue;
      for (const s of kept.length ? kept : [{ text: key }]) add(pr.name, turn, s.text, time);
    }
  }
  // "For your next problem, your X": the doctor names what is being assessed.
  for (const s of p.sentences) {
    if (s.speaker !== 'doctor' || s.question) continue;
    for (const m of s.text.matchAll(PROBLEM_FRAME)) {
      const from = m.index + m[0].length;
      const window = s.text.slice(from, from + 60);
      const hit = kb.icdIndex.find(window)[0];
      if (!hit || hit.at > 12) continue;
      const r = readMention({ lower: s.text, speaker: 'doctor' }, from + hit.at, from + hit.end);
      if (r.assertion !== 'present' || r.experiencer !== 'patient' || r.time === 'resolved') continue;
      if (NOT_ASSESSED.test(window.slice(0, hit.end))) continue;
      add(hit.key, s.turn, s.text, r.time === 'past' ? 'past' : 'current');
    }
  }
  // "For your right knee pain, ice and rest", "your hypertension is well controlled": a problem the doctor assesses
  // in the second half of the visit (where the assessment is), said right after "for your" or before a status word.
  const from = p.turns.length >= 20 ? Math.floor(p.turns.length / 2) : 0;
  for (const s of p.sentences) {
    if (s.speaker !== 'doctor' || s.question || s.turn < from || ADVICE.test(s.text)) continue;
    for (const m of kb.icdIndex.find(s.text)) {
      const head = s.text.slice(Math.max(0, m.at - 30), m.at);
      const tail = s.text.slice(m.end, m.end + 50);
      if (!FOR_YOUR.test(head) && !STATUS_AFTER.test(tail)) continue;
      if (NOT_ASSESSED.test(s.text.slice(Math.max(0, m.at - 80), m.end))) continue;
      const r = readMention({ lower: s.text, speaker: 'doctor' }, m.at, m.end);
      if (r.assertion !== 'present' || r.experiencer !== 'patient' || r.time === 'resolved') continue;
      add(m.key, s.turn, s.text, r.time === 'past' ? 'past' : 'current');
    }
  }
  // A problem whose name is part of another's ("knee pain" in "right knee pain") is the same problem.
  const list = [...out.values()];
  return list.filter((a) => !list.some((b) => b !== a && b.name.includes(a.name) && b.name !== a.name));
}

const FOR_YOUR = /\b(?:for|regarding|about|with) (?:your|his|her|the) $/;
const STATUS_AFTER =
  /^ (?:is|has been|seems|looks|appears|remains) (?:to be )?(?:very |really |pretty |fairly |quite |well |under |not |poorly |much |a (?:little|bit) )*(?:controlled|stable|improv\w*|better|worse|uncontrolled|under control|resolving)\b/;
const ADVICE = /\b(?:if|call|come back|go to the (?:er|emergency)|let me know|watch for|in case)\b/;

type Side = 'right' | 'left' | 'bilateral' | null;

function sideOf(text: string, site: string): Side {
  const near = new RegExp(
    `\\b(right|left|both|bilateral)\\b(?:\\s+\\w+){0,3}?\\s+${site}s?\\b|\\b${site}s?\\b(?:\\s+\\w+){0,2}?\\s+on (?:the |your |his |her )?(right|left|both)`,
  ).exec(text);
  const w = near?.[1] ?? near?.[2];
  if (!w) return null;
  return w === 'both' || w === 'bilateral' ? 'bilateral' : (w as Side);
}

const OA_SITES: Array<[string, { right: string; left: string; bilateral?: string; none: string }]> = [
  ['knee', { right: 'M17.11', left: 'M17.12', bilateral: 'M17.0', none: 'M17.9' }],
  ['hip', { right: 'M16.11', left: 'M16.12', bilateral: 'M16.0', none: 'M16.9' }],
  ['shoulder', { right: 'M19.011', left: 'M19.012', none: 'M19.019' }],
  ['elbow', { right: 'M19.021', left: 'M19.022', none: 'M19.029' }],
  ['wrist', { right: 'M19.031', left: 'M19.032', none: 'M19.039' }],
  ['hand', { right: 'M19.041', left: 'M19.042', none: 'M19.049' }],
  ['ankle', { right: 'M19.071', left: 'M19.072', none: 'M19.079' }],
  ['foot', { right: 'M19.071', left: 'M19.072', none: 'M19.079' }],
  ['toe', { right: 'M19.071', left: 'M19.072', none: 'M19.079' }],
];

const PAIN_SITES: Array<[string, { right: string; left: string; none: string }]> = [
  ['knee', { right: 'M25.561', left: 'M25.562', none: 'M25.569' }],
  ['shoulder', { right: 'M25.511', left: 'M25.512', none: 'M25.519' }],
  ['hip', { right: 'M25.551', left: 'M25.552', none: 'M25.559' }],
  ['elbow', { right: 'M25.521', left: 'M25.522', none: 'M25.529' }],
  ['wrist', { right: 'M25.531', left: 'M25.532', none: 'M25.539' }],
  ['ankle', { right: 'M25.571', left: 'M25.572', none: 'M25.579' }],
];

interface Choice {
  code: string;
  /** What was not said, for an unspecified code; or how the code was chosen. */
  note: string | null;
}

/** The one code for an assessed problem, as specific as the doctor's words allow. */
export function codeFor(kb: KnowledgeBase, a: AssessedProblem, visitText: string): Choice | null {
  const key = nameKey(a.name);
  const said = a.said.join(' ');
  const has = (code: string) => kb.icdByCode.has(code);
  // Diabetes: the type when stated; "type 1 or 2 not yet known" is hyperglycaemia, not E11.9.
  if (/\bdiabet/.test(key) && !/\b(?:pre|gestational|insipidus)/.test(key)) {
    if (
      /\btype (?:1|one|i) or (?:type )?(?:2|two|ii)\b|\b(?:not (?:yet )?(?:sure|known|clear)|don'?t (?:yet )?know|unclear|to determine)\b[^.]{0,30}\b(?:which )?type\b|\btype\b[^.]{0,30}\b(?:not (?:yet )?(?:sure|known|clear)|unknown|to be determined)\b/.test(
        said,
      )
    )
      return { code: 'R73.9', note: 'the diabetes type is not yet known: hyperglycaemia until it is' };
    if (/\btype (?:1|one|i)\b/.test(said)) return { code: 'E10.9', note: null };
    if (/\btype (?:2|two|ii)\b/.test(said) || /\btype (?:2|two|ii) diabet/.test(visitText))
      return { code: 'E11.9', note: null };
    return {
      code: 'E11.9',
      note: `the type was not said (${GUIDELINES} I.C.4.a.2: type 2 is the default when the type is not documented)`,
    };
  }
  // Myocardial infarction: acute only when said acute or recent; otherwise an old MI (I25.2).
  if (/\b(?:heart attack|myocardial infarction|mi)\b/.test(key)) {
    const recent = /\b(?:acute|this morning|yesterday|today|last night|few days ago|this week)\b/.test(said);
    if (recent && a.time === 'current') return { code: 'I21.9', note: 'acute (within 4 weeks) as said' };
    return { code: 'I25.2', note: 'a past myocardial infarction (history of), not an acute one' };
  }
  if (/\b(?:irritable bowel|ibs)\b/.test(key)) {
    if (/\bdiarrh/.test(said)) return { code: 'K58.0', note: null };
    if (/\bconstipat/.test(said)) return { code: 'K58.1', note: null };
    if (/\bdiarrh/.test(visitText) && !/\bconstipat/.test(visitText))
      return { code: 'K58.0', note: 'diarrhoea-predominant as described in the visit' };
    return { code: 'K58.9', note: 'the predominant bowel habit was not said' };
  }
  if (/\b(?:osteo)?arthritis\b|\bdegenerative joint\b/.test(key) && !/\b(?:rheumatoid|psoriatic|gout)/.test(key)) {
    for (const [site, codes] of OA_SITES) {
      if (!new RegExp(`\\b${site}s?\\b`).test(`${key} ${said}`)) continue;
      const side = sideOf(`${key} ${said}`, site);
      if (side === 'bilateral' && codes.bilateral && has(codes.bilateral)) return { code: codes.bilateral, note: null };
      if (side === 'right' || side === 'left') return { code: codes[side], note: null };
      return { code: codes.none, note: `the side of the ${site} was not said` };
    }
    return { code: 'M19.90', note: 'the joint and side were not said' };
  }
  // A symptom the doctor explains in the same breath ("your left ankle pain, your symptoms are consistent with an
  // ankle sprain"): the diagnosis is the code, on the side said.
  if (/\b(?:pain|ache|swelling)\b/.test(key)) {
    const dx = diagnosisSaid(kb, [...a.said, ...a.next]);
    if (dx)
      return {
        code: sided(
          kb,
          dx,
          sideOf(`${key} ${said}`, /\b(knee|shoulder|hip|elbow|wrist|ankle|foot|hand)\b/.exec(key)?.[1] ?? 'ankle'),
        ),
        note: null,
      };
  }
  const pain = /\b(knee|shoulder|hip|elbow|wrist|ankle) pain\b/.exec(key);
  if (pain) {
    const codes = PAIN_SITES.find(([s]) => s === pain[1])![1];
    const side = sideOf(`${key} ${said}`, pain[1]!);
    if ((side === 'right' || side === 'left') && has(codes[side])) return { code: codes[side], note: null };
    if (has(codes.none)) return { code: codes.none, note: 'the side was not said' };
  }
  // Otherwise: the most specific term said in the assessment sentence that contains the problem's name.
  let best: { term: string; code: string } | null = null;
  const direct = kb.icdTerms.get(key);
  if (direct) best = { term: key, code: direct };
  for (const s of a.said)
    for (const m of kb.icdIndex.find(s)) {
      if (!m.key.includes(key) || m.key.length <= (best?.term.length ?? 0)) continue;
      best = { term: m.key, code: kb.icdTerms.get(m.key)! };
    }
  if (!best) {
    const inName = kb.icdIndex.find(key).sort((x, y) => y.key.length - x.key.length)[0];
    if (!inName) return null;
    best = { term: inName.key, code: kb.icdTerms.get(inName.key)! };
  }
  const desc = kb.icdByCode.get(best.code)!.description;
  return { code: best.code, note: /\bunspecified\b/i.test(desc) ? 'a more specific type or site was not said' : null };
}

const DX_CUE =
  /\b(?:consistent with|diagnos\w* (?:you |her |him )?with|i think (?:you have|it'?s|it is|this is)|(?:you|she|he) (?:have|has)|this is|it'?s)\s+(?:an? |the |some )?/g;

/** A definitive diagnosis (not a sign or symptom code) said right after a diagnostic cue. */
function diagnosisSaid(kb: KnowledgeBase, said: string[]): string | null {
  for (const s of said)
    for (const m of s.matchAll(DX_CUE)) {
      const from = m.index + m[0].length;
      const hit = kb.icdIndex.find(s.slice(from, from + 40))[0];
      if (!hit || hit.at > 0) continue;
      const code = kb.icdTerms.get(hit.key)!;
      if (!/^(?:R|M25\.5|Z)/.test(code)) return code;
    }
  return null;
}

/** The right- or left-sided sibling of a code whose description names a side. */
function sided(kb: KnowledgeBase, code: string, side: Side): string {
  const desc = kb.icdByCode.get(code)?.description ?? '';
  if (side !== 'right' && side !== 'left') return code;
  const other = side === 'right' ? 'left' : 'right';
  if (!desc.includes(other)) return code;
  return kb.icd.find((c) => c.description === desc.replace(other, side))?.code ?? code;
}

export function codeHints(
  kb: KnowledgeBase,
  p: Prepared,
  facts: ClinicalFacts | undefined,
  id: (key: string) => string,
  turnsText: (ev: number[]) => string,
): Hint[] {
  const out = new Map<string, Hint>();
  for (const a of assessedProblems(kb, p, facts)) {
    // A past problem is coded only when it has a history-of code (an old MI): "history of" is otherwise not coded.
    const choice = codeFor(kb, a, p.all);
    if (!choice) continue;
    if (a.time === 'past' && choice.code !== 'I25.2') continue;
    const entry = kb.icdByCode.get(choice.code);
    if (!entry || out.has(choice.code)) continue;
    if ([...out.values()].some((h) => h.problem === a.name)) continue;
    const ev = uniqSorted(a.evidence);
    const note = choice.note ? ` Note: ${choice.note}.` : '';
    out.set(choice.code, {
      id: id(choice.code),
      kind: 'diagnosis-code',
      severity: 'info',
      title: `${choice.code} ${entry.description}`,
      basis: `Assessed problem "${a.name}" (${turnsText(ev)}) supports ${choice.code} (${entry.description}).${note} Consider it if it matches the final assessment.`,
      source: choice.note?.includes(GUIDELINES) ? `${ICD_SOURCE}; ${GUIDELINES}` : ICD_SOURCE,
      evidence: ev,
      codes: [choice.code],
      problem: a.name,
    });
  }
  // A sign or symptom code is not added when a definitive diagnosis was coded from the same turns, or one that
  // routinely explains it was coded in the visit (ICD-10-CM guideline I.B.5: symptoms routinely associated with a
  // confirmed diagnosis are not coded).
  const all = [...out.values()];
  const codes = all.map((h) => h.codes![0]!);
  return all.filter((h) => {
    const c = h.codes![0]!;
    const symptom = c.startsWith('R') || c.startsWith('M25.5');
    if (!symptom) return true;
    if (
      all.some((o) => o !== h && !/^(?:R|M25\.5)/.test(o.codes![0]!) && o.evidence.some((e) => h.evidence.includes(e)))
    )
      return false;
    const explains = EXPLAINED_BY.find(([prefix]) => c.startsWith(prefix))?.[1] ?? [];
    return !codes.some((o) => explains.some((x) => o.startsWith(x)));
  });
}

/** Symptom code prefix → diagnosis code prefixes that routinely explain it (guideline I.B.5). */
const EXPLAINED_BY: Array<[string, string[]]> = [
  ['R06', ['I50', 'J44', 'J45', 'J18', 'J20', 'I26']],
  ['R60', ['I50', 'I87', 'N18']],
  ['R07', ['I20', 'I21', 'I25', 'K21']],
  ['R10.1', ['K21', 'K25', 'K27', 'K29', 'K30']],
  ['R11', ['K21', 'K29', 'N20', 'A08', 'A09']],
  ['R51', ['G43', 'G44']],
  ['R05', ['J20', 'J45', 'J44', 'J18', 'C34']],
  ['M25.56', ['M17', 'S83', 'M22']],
  ['M25.51', ['M19.01', 'M75', 'S43', 'S46']],
  ['M25.52', ['M19.02', 'M77']],
  ['M25.57', ['M19.07', 'S93']],
  ['M25.55', ['M16', 'M70.6']],
];
