/**
 * What the visit says about drugs, allergies, kidney function and vital signs, read against the knowledge base.
 * Each drug gets a status built from all its mentions in order ("she stopped the warfarin last year" → stopped;
 * "my mother takes warfarin" → ignored; "are you on a blood thinner like Eliquis?" "no" → ignored).
 */
import type { ClinicalFacts } from '../clinical/index.js';
import {
  aboutRelative,
  answerTo,
  clauseAround,
  negatedAt,
  parseNumber,
  polarity,
  type Prepared,
  type Sentence,
} from './text.js';
import { drugKeys, nameKey, resolveDrug, type KnowledgeBase } from './knowledge.js';
import type { Origin } from './types.js';

export type MentionStatus = 'current' | 'start' | 'stopped' | 'avoid' | 'past' | 'ignored';

export interface DrugMention {
  drug: string;
  said: string;
  turn: number;
  status: MentionStatus;
  /** Turns supporting the mention (a question and its answer give two). */
  evidence: number[];
  doseMg: number | null;
  perDay: number | null;
  weeklyOnly: boolean;
  /** Said as a replacement ("a different medication", "instead", "switch"). */
  replaces: boolean;
}

export interface DrugState {
  drug: string;
  origin: Origin;
  /** Taken now or being started in this visit. */
  current: boolean;
  started: boolean;
  /** Proposed or considered by the doctor without a firm start ("consider aspirin despite your allergy"). */
  considered?: boolean;
  evidence: number[];
  /** Last stated single dose in mg, and doses per day, when said. */
  doseMg: number | null;
  perDay: number | null;
  weeklyOnly: boolean;
}

const STOP_RE =
  /\b(?:stop(?:ped|ping|s)?|discontinu\w*|quit|came off|come off|coming off|took (?:me|her|him|you) off|taking (?:you|her|him) off|take (?:you|her|him) off|no longer|not (?:taking|on) (?:the |that |any |my |your )?|not taking|off (?:of )?(?:the|my|her|his|that|your)|d(?:id|o|oes)n'?t take|ran out|hold(?:ing)? (?:the|your|her|his|off)|switch(?:ed|ing)? (?:\w+ )?(?:off|from)|instead of|replace|replacing)\b/;
const AVOID_RE = /\b(?:avoid|stay away from|don'?t take|do not take|shouldn'?t take|should not take|no more)\b/;
const START_RE =
  /\b(?:start(?:ed|ing)?|prescrib\w*|put (?:you|her|him|them) on|try (?:you |her |him )?on|give (?:you|her|him)|giving (?:you|her|him)|gave (?:me|her|him)|begin|initiat\w*|send (?:in |over |off )?(?:a |the )?(?:prescription|script|rx)|sent (?:in )?(?:a )?(?:prescription|script)|call (?:in|that in)|write (?:you |her |him )?(?:a |for )?(?:prescription|script)?|add(?:ing)?|switch(?:ed|ing)? (?:you |her |him )?(?:over )?to|change (?:you |her |him |it )?(?:over )?to|go ahead (?:and|with)|order(?:ing)?|recommend(?:ing)?|i want you (?:to take|on)|we'?ll (?:do|use)|let'?s (?:do|use|try|get you on))\b/;
const HEDGE_RE =
  /\b(?:if|might|may|could|consider(?:ing)?|possibly|maybe|think about|option|options|alternatively|whether|in the future|down the road|or|wanted (?:me|her|him|you|us) to)\b/;
const PAST_RE =
  /\b(?:used to|in the past|previously|was on|were on|had been on|back (?:then|when)|at one point|tried (?:\w+ )?before|(?:took|tried) (?:some|a few|a couple of|a little)|(?:did not|didn'?t|does not|doesn'?t|never) (?:work|help)(?:ed)?)\b/;
/** Time words that date an event; "started on eliquis last month" is still current. */
const AGO_RE = /\b(?:years ago|months ago|last (?:year|month|summer|winter|spring|fall))\b/;
const TOLERATE_RE =
  /\b(?:tolerat\w+|took it fine|did fine with|no problems? with|without (?:any )?(?:problems?|issues?|reaction))\b/;

// Transcripts carry digits for spoken numbers ("3 times a day"), so each count is read as a word or a digit.
const FREQ: Array<[RegExp, number]> = [
  [/\b(?:every 4 hours|every four hours|q4h?)\b/, 6],
  [/\b(?:(?:four|4) times (?:a|per) day|qid|every 6 hours|every six hours)\b/, 4],
  [/\b(?:(?:three|3) times (?:a|per) day|tid|every 8 hours|every eight hours)\b/, 3],
  [
    /\b(?:twice (?:a|per) day|twice daily|(?:two|2) times (?:a|per) day|bid|every 12 hours|every twelve hours|morning and (?:night|evening))\b/,
    2,
  ],
  [
    /\b(?:(?:once|1 time) (?:a|per) day|once daily|daily|every day|a day|each day|every morning|every night|at night|at bedtime|qd|in the morning|nightly)\b/,
    1,
  ],
];
const WEEKLY_RE = /\b(?:once (?:a|per) week|weekly|every week)\b/;

const DOSE_AFTER =
  /^[^.?!]{0,30}?\b(\d+(?:\.\d+)?|one|two|five|ten|twenty|twenty-five|forty|fifty|eighty-one|a hundred|one hundred)\s*(mg|milligrams?|mcg|micrograms?|g|grams?)\b/;
const DOSE_BARE =
  /^\s*(\d+(?:\.\d+)?)(?:\/\d+)?(?!\s*(?:times|x\b|tablets?|pills?|puffs?|units?|days?|weeks?|months?|years?|hours?|minutes?|percent|%|mcg|micrograms?|g\b|grams?|ml|cc|over|\/\s*\d))/;
const DOSE_BEFORE =
  /\b(\d+(?:\.\d+)?|one|two|five|ten|twenty|twenty-five|forty|fifty|eighty-one|a hundred|one hundred)\s*(mg|milligrams?|mcg|micrograms?|g|grams?)\s+(?:of\s+)?(?:the\s+|your\s+)?$/;

export function toMg(value: number, unit: string): number {
  if (unit.startsWith('mc') || unit.startsWith('micro')) return value / 1000;
  if (unit === 'g' || unit.startsWith('gram')) return value * 1000;
  return value;
}

/**
 * The dose and frequency said with a mention, read between the previous and the next drug name of the sentence
 * (`from`, `to`): "norvasc daily and carvedilol 25 mg twice a day" gives norvasc neither 25 mg nor twice a day.
 */
function doseNear(
  text: string,
  at: number,
  end: number,
  from = 0,
  to = text.length,
): { doseMg: number | null; perDay: number | null; weekly: boolean } {
  const after = DOSE_AFTER.exec(text.slice(end, Math.min(end + 60, to)));
  const before = DOSE_BEFORE.exec(text.slice(Math.max(from, at - 40), at));
  const m = after ?? before;
  let doseMg: number | null = null;
  if (m) {
    const v = parseNumber(m[1]!);
    if (v !== null) doseMg = toMg(v, m[2]!);
  } else {
    // A bare strength right after the name ("eliquis 5 twice a day", "simvastatin 40"), read as mg.
    const bare = DOSE_BARE.exec(text.slice(end, Math.min(end + 30, to)));
    if (bare) doseMg = Number(bare[1]);
  }
  let perDay: number | null = null;
  const tail = text.slice(at, to);
  for (const [re, n] of FREQ)
    if (re.test(tail)) {
      perDay = n;
      break;
    }
  return { doseMg, perDay, weekly: WEEKLY_RE.test(tail) };
}

const REPLACE_RE =
  /\b(?:(?:a )?different (?:medication|medicine|drug|one|pill)|instead|switch\w*|replac\w*|change (?:you |her |him |it )?(?:over )?to|in place of)\b/;

const CONTINUE_RE =
  /\b(?:continue|continuing|keep (?:you |her |him )?(?:on|taking)|stay on|remain on|refill|increase|increasing|decrease|decreasing|go up on|bump (?:you |it )?up|lower|reduce|reducing|still (?:taking|on)|take|takes|taking|you'?re on|(?:she|he)'?s on|adjustments? to)\b/;

function lastIndex(re: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(new RegExp(re.source, 'g'))) last = m.index;
  return last;
}

/** The status cue closest before the mention wins: "order a lipid panel and increase the lisinopril" → continue. */
function nearestCue(local: string): 'avoid' | 'stop' | 'start' | 'continue' | null {
  const cues: Array<['avoid' | 'stop' | 'start' | 'continue', number]> = [
    ['avoid', lastIndex(AVOID_RE, local)],
    ['stop', lastIndex(STOP_RE, local)],
    ['start', lastIndex(START_RE, local)],
    ['continue', lastIndex(CONTINUE_RE, local)],
  ];
  const best = cues.filter(([, i]) => i >= 0).sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}

/** Status of one mention from the words of its clause (and its sentence for hedges and questions). */
function mentionStatus(
  p: Prepared,
  s: Sentence,
  at: number,
  end: number,
  prev: { status: MentionStatus; end: number } | null,
): { status: MentionStatus; evidence: number[] } {
  const { before, after } = clauseAround(s.text, at, end);
  const clause = `${before} ${after}`;
  // Cues apply from the previous drug mention on: "stop the lisinopril and start losartan".
  const local = s.text.slice(Math.max(at - 100, prev?.end ?? 0), at);
  const self = { evidence: [s.turn] };
  if (aboutRelative(s.text, at)) return { status: 'ignored', ...self };
  if (/\ballerg|\breaction to\b|\bgives? me (?:hives|a rash)\b/.test(clause)) return { status: 'ignored', ...self };
  // A reaction told with the drug ("methylprednisolone, and that itched me like crazy"): not a current drug.
  if (/\b(?:itched|made me itch|broke (?:me )?out|gave me (?:hives|a rash))\b/.test(s.text.slice(end, end + 60)))
    return { status: 'ignored', ...self };
  if (
    /\b(?:allergic (?:reaction )?to|allerg(?:y|ies) to|reactions? to|intolerant (?:of|to))\b/.test(s.text.slice(0, at))
  )
    return { status: 'ignored', ...self };
  if (answersAllergyQuestion(p, s)) return { status: 'ignored', ...self };
  // "I'm allergic to what you call Cipro-" "Ciprofloxacin?": the doctor naming the allergen back is no prescription.
  if (s.question && p.byTurn.get(s.turn - 1)?.some((x) => /\ballerg/.test(x.text)))
    return { status: 'ignored', ...self };
  if (
    prev?.status === 'stopped' &&
    /^\s*(?:to|with|for)\s+(?:the\s+)?$/.test(local) &&
    /\b(?:switch|chang|replac)/.test(s.text)
  )
    return { status: 'start', ...self };
  const cue = nearestCue(local);
  if (cue === 'avoid') return { status: 'avoid', ...self };
  if (cue === 'stop' || /^\s*(?:was|were) (?:stopped|discontinued)\b/.test(after))
    return { status: 'stopped', ...self };
  if (s.question) {
    if (s.speaker === 'patient') return { status: 'ignored', ...self };
    const a = answerTo(p, s);
    const pol = polarity(a);
    if (pol === 'yes' && a) return { status: 'current', evidence: [s.turn, a.turn] };
    return { status: 'ignored', ...self };
  }
  if (negatedAt(s.text, at, end)) return { status: 'ignored', ...self };
  if (PAST_RE.test(clause) || (AGO_RE.test(clause) && cue !== 'start' && cue !== 'continue'))
    return { status: 'past', ...self };
  const existing = /\b(?:your|her|his|my)\s+(?:current\s+)?$/.test(local);
  if (
    (cue === 'start' && !existing) ||
    /^\s*(?:was|is|got|has been|will be) (?:started|prescribed|added)\b/.test(after)
  ) {
    if (
      HEDGE_RE.test(before) &&
      !/\b(?:i'?m going to|i'?ll|we'?ll|we are going to|we're going to|let'?s)\b/.test(before)
    )
      return { status: 'ignored', ...self };
    return { status: 'start', ...self };
  }
  if (HEDGE_RE.test(before)) return { status: 'ignored', ...self };
  // A bare list item ("... and ibuprofen") inherits the status of the mention before it in the same sentence.
  if (prev && !/\b(?:take|taking|takes|on|use|using|uses)\b/.test(local)) return { status: prev.status, ...self };
  return { status: 'current', ...self };
}

/** The sentence is in the reply to "any allergies?" ("penicillin, i get hives"). */
function answersAllergyQuestion(p: Prepared, s: Sentence): boolean {
  if (s.speaker === 'doctor') return false;
  const prev = p.byTurn.get(s.turn - 1);
  const q = prev?.[prev.length - 1];
  return !!q && q.speaker !== s.speaker && q.question && /\ballerg/.test(q.text);
}

/** Every drug mention in the transcript, in order. */
export function drugMentions(kb: KnowledgeBase, p: Prepared): DrugMention[] {
  const out: DrugMention[] = [];
  for (const s of p.sentences) {
    let prev: { status: MentionStatus; end: number } | null = null;
    const found = kb.drugIndex.find(s.text).filter((m) => resolveDrug(kb, m.key));
    for (const [i, m] of found.entries()) {
      const said = m.key;
      const drug = resolveDrug(kb, said)!;
      const at = m.at;
      const end = m.end;
      const { status, evidence } = mentionStatus(p, s, at, end, prev);
      if (status !== 'ignored') prev = { status, end };
      const d = doseNear(s.text, at, end, found[i - 1]?.end ?? 0, found[i + 1]?.at ?? s.text.length);
      out.push({
        drug,
        said,
        turn: s.turn,
        status,
        evidence,
        doseMg: d.doseMg,
        perDay: d.perDay,
        weeklyOnly: d.weekly,
        replaces: status === 'start' && REPLACE_RE.test(s.text),
      });
    }
  }
  return out;
}

export interface ContextMedication {
  name: string;
  dose?: number | undefined;
  unit?: string | undefined;
  perDay?: number | undefined;
  status?: 'active' | 'stopped' | undefined;
}

/** Folds mentions (and extracted facts and context medications) into one state per drug. */
export function drugStates(
  kb: KnowledgeBase,
  mentions: DrugMention[],
  facts: ClinicalFacts | undefined,
  contextMeds: ContextMedication[],
): Map<string, DrugState> {
  const states = new Map<string, DrugState>();
  const get = (drug: string, origin: Origin) => {
    let st = states.get(drug);
    if (!st) {
      st = {
        drug,
        origin,
        current: false,
        started: false,
        evidence: [],
        doseMg: null,
        perDay: null,
        weeklyOnly: false,
      };
      states.set(drug, st);
    }
    return st;
  };
  for (const cm of contextMeds) {
    const id = resolveDrug(kb, cm.name);
    if (!id || cm.status === 'stopped') continue;
    const st = get(id, 'context');
    st.current = true;
    if (cm.dose !== undefined) st.doseMg = toMg(cm.dose, (cm.unit ?? 'mg').toLowerCase());
    if (cm.perDay !== undefined) st.perDay = cm.perDay;
  }
  for (const m of mentions) {
    if (m.status === 'ignored') continue;
    const st = get(m.drug, 'transcript');
    if (m.status === 'current' || m.status === 'start') {
      if (!st.current && st.origin === 'transcript') st.evidence = [];
      st.current = true;
      if (st.origin === 'context' && st.evidence.length === 0) st.origin = 'transcript';
      if (m.status === 'start') st.started = true;
      st.evidence.push(...m.evidence);
      if (m.doseMg !== null) st.doseMg = m.doseMg;
      if (m.perDay !== null) st.perDay = m.perDay;
      if (m.weeklyOnly) st.weeklyOnly = true;
    } else if (m.status === 'stopped' || m.status === 'avoid') {
      st.current = false;
      st.started = false;
      st.evidence = [...m.evidence];
      st.origin = 'transcript';
    } else if (m.status === 'past' && !st.current) {
      st.evidence = [...m.evidence];
    }
  }
  // A drug started as a replacement ends the current drugs of the same (ATC) class: "a different medication, zoloft".
  for (const m of mentions) {
    if (!m.replaces) continue;
    const started = states.get(m.drug);
    if (!started?.current) continue;
    const cls = new Set((kb.drugs.get(m.drug)?.classes ?? []).filter((c) => kb.classes.get(c)?.atc));
    for (const st of states.values()) {
      if (st === started || !st.current) continue;
      if ((kb.drugs.get(st.drug)?.classes ?? []).some((c) => cls.has(c)) && Math.min(...st.evidence) < m.turn) {
        st.current = false;
        st.started = false;
      }
    }
  }
  // Medications from the extractor are not merged: our scan reads every knowledge-base name itself, and the
  // extractor's lexicon also tags lab words ("check your potassium") that are not prescriptions.
  void facts;
  for (const st of states.values()) st.evidence = [...new Set(st.evidence)].sort((a, b) => a - b);
  return states;
}

export function currentDrugs(states: Map<string, DrugState>): DrugState[] {
  return [...states.values()].filter((s) => s.current);
}

// ---------------------------------------------------------------------------------------------------------------
// Allergies

export interface AllergyStatement {
  groups: string[];
  /** The allergen resolved to a drug, when it names one ("allergic to Keflex" → cephalexin). */
  drug: string | null;
  said: string;
  origin: Origin;
  evidence: number[];
}

export interface AllergyFindings {
  allergies: AllergyStatement[];
  /** "No known drug allergies" or similar was said (turns), or the context lists allergies. */
  statusDocumented: boolean;
  nkdaEvidence: number[];
  /** Drugs the patient is said to have tolerated ("took cephalexin before without problems"). */
  tolerated: Set<string>;
}

const NKDA_RE =
  /\b(?:no (?:known )?(?:drug |medication )?allergies|nkda|not allergic to (?:any|anything)|no allergies to (?:any )?(?:medications?|meds|drugs)|don'?t have any (?:drug |medication )?allergies|no (?:drug |medication )?allergies)\b/;
const ALLERGY_CUE = /\b(?:allerg(?:y|ic|ies)|reaction to)\b/;
const ALLERGEN_AFTER = /\b(?:allergic (?:reaction )?to|allerg(?:y|ies) to|reactions? to|intolerant (?:of|to))\b/g;
const ALLERGEN_BEFORE = /\b((?:[a-z-]+ ){0,2}[a-z-]+) allerg(?:y|ies)\b/g;
/** Rescue drugs for allergies: named with allergy words ("epipen for anaphylaxis") without being the allergen. */
const ALLERGY_TREATMENTS = new Set([
  'epinephrine',
  'diphenhydramine',
  'cetirizine',
  'loratadine',
  'fexofenadine',
  'montelukast',
]);

function groupsFor(kb: KnowledgeBase, word: string): { groups: string[]; drug: string | null } {
  const key = nameKey(word);
  const groups = new Set(kb.allergenWords.get(key) ?? []);
  const drug = resolveDrug(kb, key) ?? null;
  if (drug) {
    const keys = drugKeys(kb, drug);
    for (const g of kb.allergyGroups) if (g.allergenClasses.some((c) => keys.has(c))) groups.add(g.id);
  }
  return { groups: [...groups], drug };
}

export function allergyFindings(
  kb: KnowledgeBase,
  p: Prepared,
  facts: ClinicalFacts | undefined,
  contextAllergies: Array<{ substance: string; status?: 'active' | 'inactive' | 'refuted' | undefined }> | undefined,
): AllergyFindings {
  const allergies: AllergyStatement[] = [];
  const nkda: number[] = [];
  const tolerated = new Set<string>();
  const scan = (s: Sentence, evidence: number[], text: string) => {
    for (const m of kb.allergenIndex.find(text)) {
      if (negatedAt(text, m.at, m.end) || aboutRelative(text, m.at)) continue;
      const { groups, drug } = groupsFor(kb, m.key);
      if (drug && ALLERGY_TREATMENTS.has(drug) && !groups.length) continue;
      if (groups.length || drug) allergies.push({ groups, drug, said: m.key, origin: 'transcript', evidence });
    }
    void s;
  };
  for (const s of p.sentences) {
    if (NKDA_RE.test(s.text) && !aboutRelative(s.text, s.text.search(NKDA_RE))) nkda.push(s.turn);
    if (TOLERATE_RE.test(s.text)) {
      for (const m of kb.drugIndex.find(s.text)) {
        const id = resolveDrug(kb, m.key);
        if (id) tolerated.add(id);
      }
    }
    if (!ALLERGY_CUE.test(s.text)) continue;
    if (s.question && s.speaker !== 'patient') {
      // "Any allergies?" → the answer names the allergen ("penicillin", "yes, to sulfa").
      const a = answerTo(p, s);
      if (a && polarity(a) !== 'no') scan(a, [s.turn, a.turn], a.text);
      // "You said you're allergic to cephalexin?" "Yes." → the question names the allergen.
      if (a && polarity(a) === 'yes')
        for (const cue of s.text.matchAll(ALLERGEN_AFTER))
          scan(s, [s.turn, a.turn], s.text.slice(cue.index + cue[0].length));
      continue;
    }
    for (const cue of s.text.matchAll(ALLERGEN_AFTER)) {
      if (negatedAt(s.text, cue.index, cue.index + cue[0].length) || aboutRelative(s.text, cue.index)) continue;
      // "allergic to percocet, vicodin and regulin": the list runs to the end of the sentence or a new clause.
      const rest = s.text.slice(cue.index + cue[0].length);
      const stop = /[;.]|\b(?:but|so|because|and (?:i|she|he|you|it|they)|which|that)\b/.exec(rest);
      scan(s, [s.turn], rest.slice(0, stop ? stop.index : rest.length));
    }
    for (const cue of s.text.matchAll(ALLERGEN_BEFORE)) {
      if (negatedAt(s.text, cue.index, cue.index + cue[0].length) || aboutRelative(s.text, cue.index)) continue;
      scan(s, [s.turn], cue[1]!);
    }
  }
  const readTurns = new Set(p.sentences.filter((s) => ALLERGY_CUE.test(s.text)).flatMap((s) => [s.turn, s.turn + 1]));
  for (const a of facts?.allergies ?? []) {
    if (a.evidence.some((e) => readTurns.has(e))) continue;
    if (a.negated) {
      if (a.subject === 'patient') nkda.push(...a.evidence);
      continue;
    }
    if (a.subject !== 'patient' || !a.evidence.length) continue;
    const { groups, drug } = groupsFor(kb, a.substance);
    if (!groups.length && !drug) continue;
    if (allergies.some((x) => x.drug === drug && x.groups.join() === groups.join())) continue;
    allergies.push({ groups, drug, said: a.substance, origin: 'transcript', evidence: [...a.evidence] });
  }
  for (const ca of contextAllergies ?? []) {
    if (ca.status === 'refuted' || ca.status === 'inactive') continue;
    const { groups, drug } = groupsFor(kb, ca.substance);
    if (groups.length || drug) allergies.push({ groups, drug, said: ca.substance, origin: 'context', evidence: [] });
  }
  // A refuted allergy in the record (e.g. a penicillin label removed after testing) cancels the same allergy heard.
  const refuted = (contextAllergies ?? []).filter((c) => c.status === 'refuted').map((c) => groupsFor(kb, c.substance));
  const kept = allergies.filter(
    (a) => !refuted.some((r) => (r.drug && r.drug === a.drug) || r.groups.some((g) => a.groups.includes(g))),
  );
  return {
    allergies: kept,
    statusDocumented: nkda.length > 0 || kept.length > 0 || contextAllergies !== undefined,
    nkdaEvidence: [...new Set(nkda)].sort((x, y) => x - y),
    tolerated,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Kidney function and vital signs

export interface LabValue {
  value: number;
  origin: Origin;
  evidence: number[];
}

const EGFR_RE = /\b(?:e-?gfr|gfr|glomerular filtration rate)\b(?:[^.?!\d]{0,30}?)(\d{1,3}(?:\.\d+)?)/;
const CRCL_RE = /\b(?:creatinine clearance|crcl|cr cl)\b(?:[^.?!\d]{0,30}?)(\d{1,3}(?:\.\d+)?)/;

export function kidneyFromTranscript(p: Prepared): { egfr?: LabValue; crcl?: LabValue } {
  const out: { egfr?: LabValue; crcl?: LabValue } = {};
  for (const s of p.sentences) {
    if (PAST_RE.test(s.text) || aboutRelative(s.text, s.text.length)) continue;
    const e = EGFR_RE.exec(s.text);
    if (e) out.egfr = { value: Number(e[1]), origin: 'transcript', evidence: [s.turn] };
    const c = CRCL_RE.exec(s.text);
    if (c) out.crcl = { value: Number(c[1]), origin: 'transcript', evidence: [s.turn] };
  }
  return out;
}

export interface VitalReading {
  kind: 'bp' | 'hr' | 'rr' | 'temp' | 'spo2';
  value: number;
  value2: number | null;
  /** °C for temperature. */
  evidence: number[];
}

const NUM = '(\\d{2,3}(?:\\.\\d)?)';
const VITAL_RES: Array<[VitalReading['kind'], RegExp]> = [
  ['bp', new RegExp(`\\b(?:blood pressure|pressure|bp)\\b[^.?!\\d]{0,40}?(\\d{2,3})\\s*(?:/|over)\\s*(\\d{2,3})\\b`)],
  ['hr', new RegExp(`\\b(?:heart rate|pulse|hr)\\b[^.?!\\d]{0,25}?${NUM}\\b`)],
  ['rr', /\b(?:respiratory rate|respirations|breathing rate|resp rate)\b[^.?!\d]{0,25}?(\d{1,2})\b/],
  ['temp', new RegExp(`\\b(?:temperature|temp|fever of|febrile to)\\b[^.?!\\d]{0,25}?${NUM}\\b`)],
  [
    'spo2',
    new RegExp(
      `\\b(?:oxygen saturation|oxygen sat\\w*|o2 sat\\w*|spo2|pulse ox\\w*|sats?|satting|saturation|oxygen level|oxygen|o2)\\b[^.?!\\d]{0,25}?${NUM}\\b`,
    ),
  ],
];
const VITAL_PAST =
  /\b(?:last (?:time|visit|year|week|month)|used to|in the past|previously|years ago|before (?:the|your) (?:surgery|medication))\b/;

function tempC(v: number): number {
  return v > 45 ? Math.round((((v - 32) * 5) / 9) * 10) / 10 : v;
}

/** Latest reading per kind: our own scan, merged with the extractor's vitals (which read spoken numbers). */
export function vitalReadings(p: Prepared, facts: ClinicalFacts | undefined): Map<VitalReading['kind'], VitalReading> {
  const latest = new Map<VitalReading['kind'], VitalReading & { turn: number }>();
  const put = (r: VitalReading & { turn: number }) => {
    const prev = latest.get(r.kind);
    if (!prev || r.turn >= prev.turn) latest.set(r.kind, r);
  };
  const seen = new Set<string>();
  for (const s of p.sentences) {
    for (const [kind, re] of VITAL_RES) {
      const m = re.exec(s.text);
      if (!m) continue;
      seen.add(`${kind}:${s.turn}`);
      if (VITAL_PAST.test(s.text) || aboutRelative(s.text, s.text.length)) continue;
      if (negatedAt(s.text, m.index, m.index + m[0].length) && !/\bnormal\b/.test(s.text)) continue;
      const v = Number(m[1]);
      const v2 = kind === 'bp' ? Number(m[2]) : null;
      put({ kind, value: kind === 'temp' ? tempC(v) : v, value2: v2, evidence: [s.turn], turn: s.turn });
    }
  }
  for (const v of facts?.vitals ?? []) {
    if (v.negated || v.historical || v.subject !== 'patient' || !v.evidence.length) continue;
    const texts = v.evidence.flatMap((e) => (p.byTurn.get(e) ?? []).map((s) => s.text));
    if (texts.some((t) => VITAL_PAST.test(t) || aboutRelative(t, t.length))) continue;
    if (v.evidence.some((e) => seen.has(`${v.kind}:${e}`))) continue;
    if (v.kind !== 'bp' && v.kind !== 'hr' && v.kind !== 'rr' && v.kind !== 'temp' && v.kind !== 'spo2') continue;
    const turn = Math.max(...v.evidence);
    const prev = latest.get(v.kind);
    if (prev && prev.turn >= turn) continue;
    const value = v.kind === 'temp' ? (v.unit === '°C' ? v.value : tempC(v.value)) : v.value;
    put({ kind: v.kind, value, value2: v.value2, evidence: [...v.evidence], turn });
  }
  const out = new Map<VitalReading['kind'], VitalReading>();
  for (const [k, r] of latest) out.set(k, { kind: r.kind, value: r.value, value2: r.value2, evidence: r.evidence });
  return out;
}
