/**
 * Sentence verification: is a note sentence backed by what was said in the visit?
 *
 * One verifier for any note text — ours, a local LLM's, a clinic server's, or one pasted from elsewhere. Each sentence
 * gets evidence turns (the drafter's own, or the turns that best match it when the note came without any), then is
 * checked against them and against the visit's fact model:
 *   - number: every number it states is in its evidence turns (or, without given evidence, in the visit);
 *   - drug: every drug it names was named in the visit; dose: a dose written with a drug was said with that drug;
 *   - side: "left"/"right" with a body part matches the side said for that body part;
 *   - polarity: a symptom written as present was not only denied, and one written as denied was not only reported;
 *   - experiencer: a condition written as the patient's was not said only of a relative;
 *   - no-evidence: a symptom or most of the sentence's content words were never said;
 *   - transcript-artefact: ASR tags or voice commands copied into the note.
 * A sentence is `supported` only when no check fails. Details name what did not match in the note's own words.
 */
import { escapeRe } from './regex.js';
import { splitRunOn, splitSentences } from './discourse.js';
import { noteLines } from './note-text.js';
import { extractFacts } from './extract.js';
import { lexicons } from './lexicon.js';
import { draftNumbers, numbersIn } from './numbers.js';
import { parseTranscript } from './parse.js';
import { sentencesOf } from './discourse.js';
import { ADVICE_LABELS, planFacts, withdrawnOrders } from './plan.js';
import { sideCorrections } from './sides.js';
import type { ClinicalFacts, Draft, Transcript, VerifyProblem } from './types.js';

export interface VerifiedSentence {
  text: string;
  /** Heading of the note section the sentence is under ('' before the first heading). */
  section: string;
  supported: boolean;
  /** Turn indices (0-based) that back the sentence: the ones given, else the best-matching turns. */
  evidence: number[];
  problems: VerifyProblem[];
}

const STOP = new Set(
  (
    'a an the and or but so to of in on at for with about from by as is are was were be been being am do does did ' +
    'have has had i you he she it we they me him her us them my your his its our their this that these those there ' +
    'here what which who whom how when where why not no yes yeah okay ok all right just like really very well also ' +
    'know think get got go going want let can could would should will may might must some any one thing things ' +
    'patient patients reports reported report states stated denies denied deny endorses endorsed notes noted ' +
    'believes believe attributes attribute ' +
    'presents presented today currently current mr mrs ms year old years male female man woman he she his hers ' +
    'history plan continue discussed recommend recommended advised will further per since other than then which ' +
    'into over under more less well due last next time times daily'
  ).split(/\s+/),
);

/**
 * A crude stem: lowercase letters, plural and common suffixes off, at most 6 characters. A final "e" goes too, so
 * "ankle" and "ankles" (→ "ankl") meet, and a four-letter plural loses its "s" ("legs" → "leg").
 */
function stem(w: string): string {
  let s = w.toLowerCase().replace(/[^a-z]/g, '');
  if (s.length > 4) {
    s = s.replace(/(?:ies|es|s|ing|ed|ly|ment|ness|ation|ions?)$/, '');
    if (s.length > 4) s = s.replace(/e$/, '');
  } else if (s.length === 4 && /[^su]s$/.test(s)) s = s.slice(0, 3);
  return s.slice(0, 6);
}

function contentStems(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  return [...new Set(words.filter((w) => w.length > 2 && !STOP.has(w)).map(stem))].filter((s) => s.length > 2);
}

const NEG_CUE =
  /(?<![a-z])(?:no|not|denies|denied|deny|negative for|without|absence of|free of|never|nor|none|neither|doesn't|does not|did not|didn't|don't|do not|isn't|wasn't|no longer|nothing)(?![a-z])/;
const NEG_AFTER = /^[^.;]{0,30}?(?<![a-z])(?:denied|negative|absent|resolved|none)(?![a-z])/;
const CLAUSE_BREAK =
  /(?<![a-z])(?:but|however|although|though|except|reports|endorses|complains|notes|states|positive for|admits|and (?:i|my|he|she|they|we)|there (?:is|are)|there's)(?![a-z])|[;:]/g;
const FAMILY =
  /(?<![a-z])(?:family|mother|mom|father|dad|parents?|brothers?|sisters?|siblings?|sons?|daughters?|children|grand(?:mother|father|parents?|ma|pa)|aunts?|uncles?|cousins?|wife|husband|spouse|relatives?|maternal|paternal|nieces?|nephews?)(?![a-z])/;
const ARTEFACT =
  /<\/?[a-z_]+\/?>|\[(?:inaudible|crosstalk|laughter|unintelligible)[^\]]*\]|\b(?:hey dragon|end the conversation|show me the|next patient|new paragraph|scratch that)\b/i;

/**
 * The words a note uses for what a visit says in other words ("Former tobacco use." for "I quit smoking 10 years
 * ago"): a note word counts as said when one of its everyday words was.
 */
export const NOTE_WORDS_SAID_AS: Readonly<Record<string, readonly string[]>> = {
  tobacco: ['smoke', 'smoking', 'smoker', 'cigarette', 'cigarettes', 'cigar', 'vape', 'vaping', 'chew', 'pack'],
  former: ['quit', 'stopped', 'used'],
  alcohol: ['drink', 'drinks', 'drinking', 'beer', 'wine', 'liquor'],
  illicit: ['drugs', 'marijuana', 'cocaine'],
  // "Denies substance use." for "any illicit drugs?" "no".
  substance: ['drugs', 'drug', 'marijuana', 'cannabis', 'cocaine', 'heroin', 'meth', 'substances'],
  prior: ['before', 'previous', 'previously', 'ever', 'past'],
  injury: ['injured', 'injure', 'injuries', 'hurt', 'fell', 'fall', 'accident'],
  // "No known trauma or injury" for "i can't think of anytime if i fell" (see hpi.ts deniesTrauma).
  trauma: ['injury', 'injured', 'injure', 'hurt', 'fell', 'fall', 'accident'],
  relief: ['help', 'helped', 'helps', 'helping', 'better', 'improve', 'improved'],
  // "Counseled on a low-sodium diet." for "be very judicious about decreasing that salt intake".
  sodium: ['salt', 'salty', 'salts'],
  // "Reduced ejection fraction of about 45%." for "that low-ish pumping function of your heart at about 45%".
  ejection: ['pumping', 'pump'],
  fraction: ['function', 'pumping'],
  reduced: ['low', 'low-ish', 'lower', 'decreased', 'weak', 'weaker'],
  preserved: ['normal', 'good', 'fine'],
  // "Lives with mother." for "i live with my mom".
  mother: ['mom', 'mum', 'mommy', 'mama'],
  father: ['dad', 'daddy', 'papa'],
};
const SAID_AS = new Map(Object.entries(NOTE_WORDS_SAID_AS).map(([k, v]) => [stem(k), v.map(stem)]));

/** Risks and side effects listed in counselling ("risks include heart attack, stroke and death"): no one's state. */
const RISK_CONTEXT =
  /\b(?:risks?|complications?|side effects?|can cause|could cause|may cause|might cause|chance of|dangers? of|such as)\b/;
/** What a treatment is for ("NSAIDs to help reduce that pain and swelling"): it says nothing of whether it is there now. */
const PURPOSE_BEFORE =
  /\b(?:to|for|will|should) (?:help )?(?:reduce|relieve|control|manage|ease|decrease|alleviate|treat|prevent|avoid|improve|help with)\b(?:\s+\w+){0,4}\s*$/;
const EXAM_CONTEXT =
  /\b(?:exam(?:ination)?|palpation|palpate|tender(?:ness)?|range of motion|flexion|extension|auscultation|on inspection)\b/;
/** A symptom word naming what follows it ("headache diary", "pain medication", "cough syrup"). */
const SYMPTOM_AS_MODIFIER =
  /^\s+(?:diary|diaries|log|logs|journal|calendar|tracker|medications?|medicines?|pills?|syrup|drops|clinic|specialist|management)\b/;
/** What a drug is for ("Tylenol for any pain", "ibuprofen as needed for swelling"): read with a drug named before it. */
const INDICATION_BEFORE = /\bfor (?:any |the |her |his |their |your |mild |moderate |severe |breakthrough )*$/;
const CONDITIONAL_CONTEXT = /\b(?:if|unless|in case|should)\b[^.;]*$/;

/** Whether a mention at `start` in `lower` is negated in its clause (NegEx-style window, clause breaks respected). */
export function negatedAt(lower: string, start: number, end: number): boolean {
  let before = lower.slice(Math.max(0, start - 80), start);
  let cut = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) cut = m.index + m[0].length;
  before = before.slice(cut);
  if (NEG_CUE.test(before)) return true;
  return NEG_AFTER.test(lower.slice(end));
}

const SIDE_PART =
  /\b(left|right)(?:[- ]sided)?\s+(?:(?:upper|lower|middle|index|ring|little|big|great|medial|lateral|anterior|posterior|inner|outer)\s+)?([a-z]+)/g;

interface TurnInfo {
  lower: string;
  stems: Set<string>;
  numbers: Set<number>;
  /** Numbers said with a dose unit ("500 milligrams", "two puffs"). */
  doses: Set<number>;
  drugs: Set<string>;
  /** "drug:value" for a value said as a drug's amount without a unit ("you're on 2.5 of norvasc", "metformin 500"). */
  drugAmounts: Set<string>;
}

/** Values said as a drug's amount without a unit: "2.5 of norvasc", "five hundred of the metformin", "metformin 500". */
function drugAmountsIn(
  lower: string,
  drugs: Array<{ start: number; end: number; value: { name: string } }>,
): Set<string> {
  const out = new Set<string>();
  for (const d of drugs) {
    const before = /((?:[a-z0-9.-]+ ){1,4})of (?:the |your |his |her |their )?$/.exec(
      lower.slice(Math.max(0, d.start - 40), d.start),
    );
    const after =
      /^,? (?:at )?(\d+(?:\.\d+)?)(?![\d.]*\s*(?:years?|days?|weeks?|months?|times?|hours?|minutes?)\b)/.exec(
        lower.slice(d.end, d.end + 16),
      );
    const vals = [...(before ? numbersIn(before[1]!).slice(-1) : []), ...(after ? [Number(after[1])] : [])];
    for (const v of vals) out.add(`${d.value.name}:${v}`);
  }
  return out;
}

const DOSE_UNIT =
  /^(?:mg|mcg|milligrams?|micrograms?|units?|ml|milliliters?|cc|g|grams?|puffs?|tablets?|pills?|capsules?|drops?)$/;

/** Values said right before a dose unit, digits or number words ("five hundred milligrams" → 500). */
function dosesIn(lower: string): Set<number> {
  const out = new Set<number>();
  // A full stop ends a sentence, not a number: "it's 800 milligrams." is a dose of 800.
  const words = lower
    .split(/[^a-z0-9.]+/)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    if (!DOSE_UNIT.test(words[i]!)) continue;
    const phrase = words.slice(Math.max(0, i - 4), i).join(' ');
    const vals = numbersIn(phrase);
    for (const v of vals) out.add(v);
  }
  // "What about going up to 175 milligrams? I'm at 140 now.": the amount taken now, said against a dose with its
  // unit in the same turn, is in that unit.
  if (out.size)
    for (const m of lower.matchAll(
      /\b(?:i'm|i am) (?:currently |only |just )?(?:at|on|taking) (\d+(?:\.\d+)?) (?:right now|now|currently)\b/g,
    ))
      out.add(Number(m[1]));
  return out;
}

interface VisitIndex {
  turns: TurnInfo[];
  allNumbers: Set<number>;
  allStems: Map<string, number>;
  drugs: Set<string>;
  /** Symptoms named in the visit's words, and those the fact model read (it may name them differently). */
  symptomsSaid: Set<string>;
  /** Surgeries named in the visit's words ("my tubes tied" → tubal ligation). */
  surgeriesSaid: Set<string>;
  symptomFacts: Set<string>;
  /** Symptoms the fact model read as hedged ("no… just kind of a headache"), which a hedged note sentence may state. */
  hedgedSymptoms: Set<string>;
  /** Conditions the doctor asked about as past history ("have you ever been diagnosed with lyme disease?"). */
  askedHistory: Set<string>;
  /** Body part stem → how often each side was said with it. */
  sides: Map<string, Map<string, number>>;
  /** Body part (stem) → the side the visit corrected it to ("it's not the right knee, it's the left"). */
  corrected: Map<string, string>;
  /**
   * Whether the visit stated a symptom ("s:<name>") or a condition ("p:<name>") as present / as absent, questions
   * read with their answers.
   */
  polarity: Map<string, { present: boolean; absent: boolean }>;
  /** How often each side was said in the whole visit. */
  sideTotals: Map<string, number>;
  /** Each "left/right <part>" said, with the content words of its clause (which finding or symptom it is about). */
  sideMentions: Map<string, Array<{ side: string; stems: Set<string>; negated: boolean }>>;
  /** Each reading of a symptom, present or absent, with the content words around it (what, where, when). */
  symptomMentions: Map<string, Array<{ present: boolean; stems: Set<string> }>>;
  /** How many readings of each symptom were present and absent. */
  symptomCounts: Map<string, { present: number; absent: number }>;
  /** The words naming each order the doctor took back and did not give again ("splint", "prednisone"). */
  withdrawn: string[];
  /** Problem name → whether it was said of the patient / only of relatives. */
  problemSubjects: Map<string, { patient: boolean; family: boolean }>;
}

/** A doctor asking about past history ("have you ever been diagnosed with…", "any history of…"). */
const HISTORY_QUESTION = /\b(?:ever|before|history of|in the past|been diagnosed|prior)\b/;
/** A note's "no history of X" / "never had X". */
const NO_HISTORY = /\bno (?:prior |past |previous |known )?history of\b|\bnever (?:had|been diagnosed)\b/;
/** A hedge just before a symptom in a note ("possible headache", "maybe some nausea"). */
const HEDGED_BEFORE = /\b(?:possible|possibly|maybe|may have|might have|perhaps)\s+(?:\w+\s+){0,2}$/;

function indexVisit(transcript: Transcript, facts?: ClinicalFacts): VisitIndex {
  const lex = lexicons();
  const turns: TurnInfo[] = [];
  const allNumbers = new Set<number>();
  const allStems = new Map<string, number>();
  const drugs = new Set<string>();
  const symptomsSaid = new Set<string>();
  const surgeriesSaid = new Set<string>();
  const sides = new Map<string, Map<string, number>>();
  const problemSubjects = new Map<string, { patient: boolean; family: boolean }>();
  const polarity = new Map<string, { present: boolean; absent: boolean }>();
  const askedHistory = new Set<string>();
  const sideTotals = new Map<string, number>();
  const sideMentions = new Map<string, Array<{ side: string; stems: Set<string>; negated: boolean }>>();
  const symptomMentions = new Map<string, Array<{ present: boolean; stems: Set<string> }>>();
  const symptomCounts = new Map<string, { present: number; absent: number }>();
  // Readings kept per symptom and per side are capped (no real visit says one symptom 200 times); the counts behind
  // the "three times as often" rule are kept in full. Without the cap a symptom said in every turn of a long text
  // made checking each note sentence scan every reading.
  const mention = (name: string, present: boolean, stems: Set<string>) => {
    const list = symptomMentions.get(name) ?? symptomMentions.set(name, []).get(name)!;
    if (list.length < MAX_READINGS) list.push({ present, stems });
    const c = symptomCounts.get(name) ?? symptomCounts.set(name, { present: 0, absent: 0 }).get(name)!;
    c[present ? 'present' : 'absent']++;
  };
  const mark = (key: string, p: 'present' | 'absent') => {
    const e = polarity.get(key) ?? { present: false, absent: false };
    e[p] = true;
    polarity.set(key, e);
  };
  for (const t of transcript.turns) {
    const lower = t.text.toLowerCase();
    // Unpunctuated speech is read clause by clause: "… there was no fever when you came in … do you get any pain?" is
    // not one question.
    for (const said of splitSentences(lower).flatMap((x) => splitRunOn(x))) {
      // "No, I wish… I've gained some weight" (asked about weight loss): the "no" answers the question before; the
      // clause after it says what is, in its own words.
      const sentence = t.speaker === 'doctor' ? said : said.replace(ANSWER_NO, (a) => ' '.repeat(a.length));
      const symptoms = lex.symptoms.match(sentence);
      const conditions = lex.problems.match(sentence);
      for (const m of symptoms) symptomsSaid.add(m.value.name);
      for (const m of lex.surgeries.match(sentence)) surgeriesSaid.add(m.value);
      // Whose condition it is: said with a relative nearby, or of the patient.
      for (const m of conditions) {
        if (t.speaker === 'doctor' && HISTORY_QUESTION.test(sentence)) askedHistory.add(m.value);
        const e = problemSubjects.get(m.value) ?? { patient: false, family: false };
        if (FAMILY.test(sentence.slice(Math.max(0, m.start - 60), m.end + 40))) e.family = true;
        else e.patient = true;
        problemSubjects.set(m.value, e);
      }
      // Symptoms and conditions alike, each mention read in its dialogue act; the fact model's reading of symptoms
      // is added below, so a symptom is "only denied" when neither reading has it present.
      if (!symptoms.length && !conditions.length) continue;
      const act = mentionPolarity(sentence, t.speaker, transcript.turns[t.index + 1]);
      if (act === 'skip') continue;
      const read = (start: number, end: number) => act ?? (negatedAt(sentence, start, end) ? 'absent' : 'present');
      // A question's answer that names a symptom itself reads it in its own words ("any nausea, chills, fever?"
      // "no fever … i do feel a little nauseous"): the question's yes or no does not decide it.
      const answered = act ? answerSymptoms(transcript.turns[t.index + 1]) : null;
      for (const m of symptoms) {
        if (answered?.has(m.value.name)) continue;
        const p = read(m.start, m.end);
        mark(`s:${m.value.name}`, p);
        mention(m.value.name, p === 'present', clauseStems(sentence, m.start, m.end));
      }
      if (!FAMILY.test(sentence)) for (const m of conditions) mark(`p:${m.value}`, read(m.start, m.end));
    }
    const stems = new Set(contentStems(lower));
    for (const st of stems) allStems.set(st, (allStems.get(st) ?? 0) + 1);
    const numbers = new Set(numbersIn(lower));
    for (const n of numbers) allNumbers.add(n);
    const drugMatches = lex.medications.match(lower);
    const tDrugs = new Set(drugMatches.map((m) => m.value.name));
    for (const d of tDrugs) drugs.add(d);
    // Every "left"/"right" said counts for the visit's sides, with a body part after it or not ("5/5 on your left").
    for (const w of lower.match(/\b(?:left|right)\b/g) ?? []) sideTotals.set(w, (sideTotals.get(w) ?? 0) + 1);
    for (const m of lower.matchAll(SIDE_PART)) {
      const part = partKey(m);
      const counts = sides.get(part) ?? new Map<string, number>();
      counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
      sides.set(part, counts);
      const list = sideMentions.get(part) ?? sideMentions.set(part, []).get(part)!;
      if (list.length < MAX_READINGS)
        list.push({
          side: m[1]!,
          stems: clauseStems(lower, m.index, m.index + m[0].length),
          negated: clauseNegated(lower, m.index, m.index + m[0].length),
        });
    }
    turns.push({
      lower,
      stems,
      numbers,
      doses: dosesIn(lower),
      drugs: tDrugs,
      drugAmounts: drugAmountsIn(lower, drugMatches),
    });
  }
  // Symptoms as the fact model read them: questions paired with their answers, lists, "no, but…", advice and
  // relatives set aside (see assertion.ts).
  const model = facts ?? extractFacts(transcript);
  for (const f of model.symptoms) {
    if (f.subject !== 'patient' || f.assertion === 'hypothetical') continue;
    const absent = f.negated || f.assertion === 'absent' || f.assertion === 'ruled-out';
    if (absent) mark(`s:${f.name}`, 'absent');
    else if (f.assertion !== 'possible') mark(`s:${f.name}`, 'present');
    if (absent || f.assertion !== 'possible') mention(f.name, !absent, new Set());
  }
  // Conditions the fact model kept as the patient's (a problem assessed, a past medical history item) are present.
  for (const f of [...model.problems, ...model.history.filter((h) => h.kind === 'medical')])
    if (f.subject === 'patient' && !f.negated && f.assertion !== 'absent' && f.assertion !== 'ruled-out')
      mark(`p:${f.name}`, 'present');
  return {
    turns,
    allNumbers,
    allStems,
    drugs,
    symptomsSaid,
    surgeriesSaid,
    symptomFacts: new Set(model.symptoms.map((f) => f.name)),
    hedgedSymptoms: new Set(
      model.symptoms.filter((f) => f.subject === 'patient' && f.assertion === 'possible').map((f) => f.name),
    ),
    askedHistory,
    sides,
    corrected: new Map(sideCorrections(transcript).map((c) => [stem(c.part), c.right])),
    problemSubjects,
    polarity,
    sideTotals,
    sideMentions,
    symptomMentions,
    symptomCounts,
    withdrawn: withdrawnTargets(transcript),
  };
}

/** The orders the doctor took back in the visit and did not give again (every doctor sentence read as plan). */
function withdrawnTargets(transcript: Transcript): string[] {
  const items = planFacts(
    sentencesOf(transcript),
    () => true,
    () => null,
  );
  const given = new Set(items.map((i) => i.target.toLowerCase()));
  return [
    ...new Set(
      withdrawnOrders(items)
        .map((w) => w.target.toLowerCase())
        .filter((t) => !given.has(t)),
    ),
  ];
}

/** A plan sentence that orders (not one that says the order was held or not needed). */
const ORDERS =
  /^(?:start|order|place|refer|plan|prescribe|schedule|obtain|check|give|begin|apply|administer|will (?:start|order|place|put|refer|give|do|get|schedule))\b/i;
const HELD = /\b(?:hold(?:ing)? off|not|no|instead of|rather than|without|stop|discontinue|declined?)\b/i;

const MAX_READINGS = 200;

/** Where a clause ends in speech or notes: punctuation, or a turn to a contrast or comparison. */
const CLAUSE_EDGE =
  /[,;:.?!]|(?<![a-z])(?:but|however|whereas|while|although|though|compared|versus|vs|than|and then|as well as)(?![a-z])/g;

/**
 * The content words of the clause around a mention (the mention itself and left/right taken out): what a side or a
 * polarity was said about — "edema … of your right knee, but your left knee looks fine" gives the right knee the
 * edema and the left knee "looks fine".
 */
function clauseStems(lower: string, start: number, end: number): Set<string> {
  const [from, to] = clauseAround(lower, start, end);
  const text = (lower.slice(from, start) + ' ' + lower.slice(end, to)).replace(/\b(?:left|right)\b/g, ' ');
  // "hurts", "aching", "sore" and "pain" are one word here.
  return new Set(contentStems(text).map((st) => (PAIN_STEMS.has(st) ? 'pain' : st)));
}

const PAIN_STEMS = new Set(['hurt', 'ache', 'achin', 'aching', 'sore', 'painfu', 'pain']);

/** The clause around a mention: from the clause edge before it to the one after it. */
function clauseAround(lower: string, start: number, end: number): [number, number] {
  let from = 0;
  let to = lower.length;
  for (const m of lower.matchAll(CLAUSE_EDGE)) {
    if (m.index + m[0].length <= start) from = m.index + m[0].length;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  return [from, to];
}

/** Whether the clause around a mention is negated ("my left knee doesn't really hurt", "no swelling of the left"). */
function clauseNegated(lower: string, start: number, end: number): boolean {
  const [from, to] = clauseAround(lower, start, end);
  // Unpunctuated speech runs clauses together: only the words next to the mention, up to the next "and"/"so".
  const before = lower.slice(Math.max(from, start - 40), start);
  let after = lower.slice(end, Math.min(to, end + 30));
  const stop = after.search(/\s(?:and|so|then|i|we)\s/);
  if (stop >= 0) after = after.slice(0, stop);
  return NEG_CUE.test(before) || NEG_CUE.test(after);
}

/** Body-part key of a "left/right <part>" match; "lower extremity" is the leg and "upper extremity" the arm. */
function partKey(m: RegExpMatchArray): string {
  const part = stem(m[2]!);
  if (part === 'extrem' && /\blower\b/.test(m[0])) return 'leg';
  if (part === 'extrem' && /\bupper\b/.test(m[0])) return 'arm';
  return part;
}

/**
 * The readings whose clause shares the most words with the note's clause (at least one), or none: "pain when moving
 * his neck" is judged by what was said about neck movement, not by every pain of the visit.
 */
function closestReadings<T extends { stems: Set<string> }>(list: T[], stems: Set<string>): T[] {
  let best = 0;
  let out: T[] = [];
  for (const r of list) {
    let n = 0;
    for (const st of stems) if (r.stems.has(st)) n++;
    if (n > best) {
      best = n;
      out = [r];
    } else if (n === best && n > 0) out.push(r);
  }
  return out;
}

/** The symptoms a turn names (the answer to a question). */
function answerSymptoms(turn: { text: string } | undefined): Set<string> {
  return new Set(
    turn
      ? lexicons()
          .symptoms.match(turn.text.toLowerCase())
          .map((m) => m.value.name)
      : [],
  );
}

/**
 * A question's opening: "any…", or an auxiliary with its subject ("do you", "is it", "have they"); an auxiliary
 * alone opens an instruction as often ("do yoga for depression and your back pain").
 */
const QUESTION_START =
  /^(?:(?:and|so|okay|now|alright|um|uh)[,\s]+)*(?:any\b|(?:do|did|does|have|has|are|is|were|was|can|could)\s+(?:you|he|she|it|they|we|i|your|his|her|their|the|that|this|there|these|those|anything|anyone|any)\b|how about\b|what about\b)/;
/**
 * A patient's answer "no" that opens a clause with its own subject ("no i had diarrhea last week", "no it kinda makes
 * a shooting pain"): the "no" answers the question; it does not deny what the clause says. A clause that denies in
 * its first words ("no i haven't had a fever") keeps the "no".
 */
const ANSWER_NO =
  /^(?:(?:um|uh|hmm+|mm|well|oh|so)[,.\s]+)*(?:no|nope|nah)[,.!]?\s+(?=(?:i|it|it's|my|we|they|he|she|but)\s)(?!(?:\S+\s+){0,3}(?:\S*n't|not|never|no)\b)/;
const NO_ANSWER =
  /^(?:(?:um|uh|well|oh)[,\s]+)*(?:no|nope|nah|not really|not that i|never|negative|i don't|i do not|i haven't|i have not|none)\b/;
const YES_ANSWER =
  /^(?:(?:um|uh|well|oh)[,\s]+)*(?:yes|yeah|yep|yup|i do|i have|a little|sometimes|occasionally|i did|uh-huh|mm-hmm)\b/;
/** A question in unpunctuated speech: "okay good have you had any chest pain". */
const ASKS = /(?<![a-z])(?:have you|do you|did you|are you|were you|has there|is there|any)(?![a-z])/;
/** "any" asks only when no negation comes before it: "i don't see any swelling" states, it does not ask. */
function asks(q: string): boolean {
  const m = ASKS.exec(q);
  if (!m) return false;
  if (m[0] !== 'any') return true;
  return (
    !NEG_CUE.test(q.slice(Math.max(0, m.index - 40), m.index)) ||
    /(?<![a-z])(?:have you|do you|did you|are you)(?![a-z])/.test(q)
  );
}
const HYPOTHETICAL = /(?<![a-z])(?:if|should|call|watch|in case|risk|unless|monitor for|signs of)(?![a-z])/;

/**
 * Polarity of every symptom in a sentence when it comes from its dialogue act: a doctor's yes/no question takes
 * the answer's polarity ('skip' when the answer is neither), advice and safety-netting are skipped; null means read
 * each mention by its own negation.
 */
function mentionPolarity(
  sentence: string,
  speaker: string,
  next: { speaker: string; text: string } | undefined,
): 'present' | 'absent' | 'skip' | null {
  if (HYPOTHETICAL.test(sentence)) return 'skip';
  if (speaker !== 'doctor') return null;
  const q = sentence.trim();
  if (!q.endsWith('?') && !QUESTION_START.test(q) && !asks(q)) return null;
  if (!next || next.speaker === 'doctor') return 'skip';
  const answer = next.text.toLowerCase().trim();
  if (NO_ANSWER.test(answer)) return 'absent';
  if (YES_ANSWER.test(answer)) return 'present';
  return 'skip';
}

/** The turns that best match a sentence by shared content words (rarer words weigh more), and their neighbours. */
/**
 * Turns by stem and by number, built once per index: retrieval scores only the turns that share a word or a number
 * with the sentence (scoring every turn for every sentence was quadratic in the size of the visit). A stem or number
 * said in more than MAX_POSTINGS turns (only in a visit far longer than any real one) is too common to point
 * anywhere and is left out.
 */
const MAX_POSTINGS = 2000;
const postingsOf = new WeakMap<VisitIndex, { stems: Map<string, number[]>; numbers: Map<number, number[]> }>();
function postings(ix: VisitIndex): { stems: Map<string, number[]>; numbers: Map<number, number[]> } {
  let p = postingsOf.get(ix);
  if (p) return p;
  p = { stems: new Map(), numbers: new Map() };
  for (const [i, t] of ix.turns.entries()) {
    for (const st of t.stems) (p.stems.get(st) ?? p.stems.set(st, []).get(st)!).push(i);
    for (const x of t.numbers) (p.numbers.get(x) ?? p.numbers.set(x, []).get(x)!).push(i);
  }
  postingsOf.set(ix, p);
  return p;
}

function retrieve(ix: VisitIndex, text: string, useNumbers = true): number[] {
  const stems = contentStems(text);
  const nums = useNumbers ? numbersIn(text) : [];
  const post = postings(ix);
  const scores = new Map<number, number>();
  // Per turn, the same additions in the same order as scoring every turn: stems first, then numbers.
  for (const st of stems) {
    const turns = post.stems.get(st);
    if (!turns || turns.length > MAX_POSTINGS) continue;
    const w = 1 / Math.log2(1 + (ix.allStems.get(st) ?? 1));
    for (const i of turns) scores.set(i, (scores.get(i) ?? 0) + w);
  }
  for (const x of nums) {
    const turns = post.numbers.get(x);
    if (!turns || turns.length > MAX_POSTINGS) continue;
    for (const i of turns) scores.set(i, (scores.get(i) ?? 0) + 1.5);
  }
  const ranked = [...scores]
    .map(([i, s]) => [s, i] as const)
    .filter(([s]) => s > 0)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  if (!ranked.length) return [];
  const best = ranked[0]![0];
  return ranked
    .filter(([s]) => s >= best * 0.6)
    .slice(0, 3)
    .map(([, i]) => i)
    .sort((a, b) => a - b);
}

/** Evidence turns widened by `radius` turns each side (one: a question and its answer back each other). */
function widen(evidence: number[], n: number, radius = 1): number[] {
  const out = new Set<number>();
  for (const e of evidence) for (let k = e - radius; k <= e + radius; k++) if (k >= 0 && k < n) out.add(k);
  return [...out].sort((a, b) => a - b);
}

function checkSentence(
  ix: VisitIndex,
  text: string,
  given: number[] | null,
  section = '',
): VerifiedSentence['problems'] {
  const problems: VerifyProblem[] = [];
  const lower = text.toLowerCase();
  const lex = lexicons();
  const drugsNamed = lex.medications.match(lower);
  const symptomsNamed = lex.symptoms.match(lower);
  const conditionsNamed = lex.problems.match(lower);
  if (ARTEFACT.test(text))
    problems.push({ kind: 'transcript-artefact', detail: 'ASR tag or voice command in the note' });
  // An order the doctor took back later in the visit, written as ordered.
  if (ix.withdrawn.length && ORDERS.test(text.replace(/^[^:]*:\s*/, '')) && !HELD.test(lower))
    for (const t of ix.withdrawn)
      if (new RegExp(`\\b${escapeRe(t)}\\b`).test(lower))
        problems.push({ kind: 'withdrawn', detail: `the ${t} was taken back later in the visit` });
  const evidence = given && given.length ? widen(given, ix.turns.length) : [];
  const evTurns = evidence.map((i) => ix.turns[i]!).filter(Boolean);
  // Without given evidence, numbers are checked in the turns that talk about the same thing (matched on words
  // alone), two turns either side: a number said elsewhere in the visit does not back this sentence.
  const numTurns = evTurns.length
    ? evTurns
    : widen(retrieve(ix, text, false), ix.turns.length, 2).map((i) => ix.turns[i]!);

  // Numbers: in the evidence turns when evidence was given, else anywhere in the visit. Ages and list ordinals aside,
  // and the scale of a score ("rated 4/10" after "what's your pain level?" "4"): only the score was said.
  const nums = draftNumbers(
    text
      .replace(/(?<=\d)\s*(?:\/|out of)\s*10\b/gi, '')
      .replace(/\b\d+[-\s]year[-\s]old\b/gi, (m) => (ix.allNumbers.has(Number(m.match(/\d+/)![0])) ? '' : m)),
  );
  for (const x of new Set(nums)) {
    if (!ix.allNumbers.has(x)) problems.push({ kind: 'number', detail: `${x} was not said in the visit` });
    else if (numTurns.length && !numTurns.some((t) => t.numbers.has(x)) && !saidWithWords(ix, x, text))
      problems.push({ kind: 'number', detail: `${x} was not said where this was discussed` });
  }

  // Drugs named, and the dose written with each.
  for (const m of drugsNamed) {
    const name = m.value.name;
    if (!ix.drugs.has(name)) {
      problems.push({ kind: 'drug', detail: `${m.phrase} was not named in the visit` });
      continue;
    }
    const after = lower.slice(m.end, m.end + 30);
    const dose = /^\s*(?:\(|,)?\s*(\d+(?:\.\d+)?)\s*(?:mg|mcg|milligrams?|micrograms?|units?|ml|g)\b/.exec(after);
    if (dose) {
      const v = Number(dose[1]);
      // The dose must be said as a dose (with a unit) in a turn naming the drug or next to one, or as the drug's
      // amount ("you're on 2.5 of norvasc").
      const near = ix.turns.some(
        (t, i) =>
          ((t.drugs.has(name) || ix.turns[i - 1]?.drugs.has(name) || ix.turns[i + 1]?.drugs.has(name)) &&
            t.doses.has(v)) ||
          t.drugAmounts.has(`${name}:${v}`),
      );
      if (!near) problems.push({ kind: 'dose', detail: `${v} was not said with ${m.phrase}` });
    }
  }

  // Side of a body part: flagged when the visit said the other side with it, and this side rarely or never.
  for (const m of lower.matchAll(SIDE_PART)) {
    const part = partKey(m);
    const said = ix.sides.get(part);
    if (!said) continue;
    // The side the patient corrected it to is right, whatever was said before the correction.
    const corrected = ix.corrected.get(part);
    if (corrected) {
      if (corrected !== m[1]) problems.push({ kind: 'side', detail: `the ${m[2]} was corrected to ${corrected}` });
      continue;
    }
    const other = m[1] === 'left' ? 'right' : 'left';
    const mine = said.get(m[1]!) ?? 0;
    const theirs = said.get(other) ?? 0;
    // The clauses said about the same finding decide when there are any ("edema of your right knee, but your left
    // knee looks fine"); else the side said most with the part.
    // Affirmed and denied statements are compared apart: "my left knee doesn't really hurt … my right knee hurts"
    // says the pain is on the right.
    const neg = clauseNegated(lower, m.index, m.index + m[0].length);
    const close = closestReadings(
      (ix.sideMentions.get(part) ?? []).filter((r) => r.negated === neg),
      clauseStems(lower, m.index, m.index + m[0].length),
    );
    const wrong = close.length ? close.every((r) => r.side === other) : theirs > 0 && mine * 4 < theirs;
    if (wrong) problems.push({ kind: 'side', detail: `the ${m[2]} was said to be ${other}, not ${m[1]}` });
  }
  // A side never said in the visit, when the other side was said more than once.
  for (const side of new Set(lower.match(/\b(?:left|right)\b/g) ?? [])) {
    const other = side === 'left' ? 'right' : 'left';
    if (!ix.sideTotals.get(side) && (ix.sideTotals.get(other) ?? 0) >= 2 && !problems.some((p) => p.kind === 'side'))
      problems.push({ kind: 'side', detail: `only the ${other} side was spoken of in the visit` });
  }

  // Symptoms: said at all, and with the same polarity (the fact model pairs questions with their answers).
  const named = [...symptomsNamed, ...conditionsNamed];
  for (const m of symptomsNamed) {
    const name = m.value.name;
    if (!ix.symptomsSaid.has(name) && !ix.symptomFacts.has(name) && !saidLoosely(ix, m.phrase)) {
      problems.push({ kind: 'no-evidence', detail: `${m.phrase} was not mentioned in the visit` });
      continue;
    }
    const said = ix.polarity.get(`s:${name}`);
    if (!said) continue;
    const { present, absent } = said;
    // "No tenderness or pain to palpation" is an exam finding, and "if the pain doesn't improve" a condition: neither
    // says whether the patient reported the symptom.
    if (
      EXAM_CONTEXT.test(lower) ||
      // "Keep a headache diary.", "pain medication": the symptom names a thing, not the patient's state.
      SYMPTOM_AS_MODIFIER.test(lower.slice(m.end)) ||
      CONDITIONAL_CONTEXT.test(lower.slice(0, m.start)) ||
      RISK_CONTEXT.test(lower.slice(0, m.start)) ||
      PURPOSE_BEFORE.test(lower.slice(Math.max(0, m.start - 60), m.start)) ||
      (INDICATION_BEFORE.test(lower.slice(0, m.start)) &&
        lexicons().medications.match(lower.slice(0, m.start)).length > 0)
    )
      continue;
    const neg = negatedAt(lower, m.start, m.end);
    // "Endorses possible headache." where the visit said "no… just kind of a headache": hedged as the visit hedged it.
    if (!neg && ix.hedgedSymptoms.has(name) && HEDGED_BEFORE.test(lower.slice(Math.max(0, m.start - 30), m.start)))
      continue;
    if (onlyOpposite(ix, name, !neg, present, absent, ownClauseStems(lower, m, named)))
      problems.push({
        kind: 'polarity',
        detail: neg
          ? `${m.phrase} was reported in the visit, not denied`
          : `${m.phrase} was denied in the visit, not reported`,
      });
  }

  // Conditions: denied when the visit only affirmed them, or affirmed when it only denied them.
  for (const m of conditionsNamed) {
    const said = ix.polarity.get(`p:${m.value}`);
    // "She doesn't know if it's got to do with the back pain": a condition in an "if" clause is not denied.
    if (
      !said ||
      FAMILY.test(lower) ||
      RISK_CONTEXT.test(lower.slice(0, m.start)) ||
      CONDITIONAL_CONTEXT.test(lower.slice(0, m.start))
    )
      continue;
    const neg = negatedAt(lower, m.start, m.end);
    // "No history of lyme disease." after "have you ever been diagnosed with lyme disease?": the past is what was
    // asked, whatever the visit now suspects.
    if (neg && NO_HISTORY.test(lower) && ix.askedHistory.has(m.value)) continue;
    if (neg && said.present && !said.absent)
      problems.push({ kind: 'polarity', detail: `${m.phrase} was affirmed in the visit, not denied` });
    else if (!neg && said.absent && !said.present)
      problems.push({ kind: 'polarity', detail: `${m.phrase} was denied or ruled out in the visit` });
  }
  // Conditions said only of relatives, written as the patient's (a family-history section names no one: it is theirs).
  if (!FAMILY.test(lower) && !/fam/i.test(section))
    for (const m of conditionsNamed) {
      const subj = ix.problemSubjects.get(m.value);
      if (subj && subj.family && !subj.patient && !negatedAt(lower, m.start, m.end))
        problems.push({ kind: 'experiencer', detail: `${m.phrase} was said of a relative, not the patient` });
    }

  // Content: most of the sentence's words were said in its evidence turns (or somewhere in the visit).
  // Synonyms and abbreviations count as said: a condition, symptom or drug the visit named in other words
  // ("htn" for "high blood pressure", "cad") is taken out before the words are compared.
  // Each such concept counts as one word said.
  // A label the note puts before a line ("• Medical Treatment: ", "• Ears, Nose, Mouth and Throat: ") is not something
  // said: blanked (same length, so the concept offsets still hold).
  // Its words still count where they were said ("Respiratory rate: 14" after "your respiratory rate is fourteen").
  let labelStems: string[] = [];
  let plain = lower.replace(/^[\s•*-]*[a-z][a-z ,/&-]{2,60}:\s/, (label) => {
    labelStems = contentStems(label);
    return ' '.repeat(label.length);
  });
  let concepts = 0;
  const pool = evTurns.length ? evTurns : null;
  for (const m of [
    ...conditionsNamed.filter((m) => ix.problemSubjects.has(m.value)),
    ...symptomsNamed.filter((m) => ix.symptomsSaid.has(m.value.name)),
    ...drugsNamed.filter((m) => ix.drugs.has(m.value.name)),
    ...lex.surgeries.match(lower).filter((m) => ix.surgeriesSaid.has(m.value)),
    ...adviceLabelsSaid(lower, pool ?? ix.turns),
  ]) {
    plain = plain.slice(0, m.start) + ' '.repeat(m.end - m.start) + plain.slice(m.end);
    concepts++;
  }
  // The unit after a measurement ("14 breaths/min", "98 %") is the note's way of writing the number, not a word said.
  plain = plain.replace(MEASURE_UNIT, (u) => ' '.repeat(u.length));
  const stems = contentStems(plain);
  if (stems.length + concepts >= 2 && !problems.some((p) => p.kind === 'no-evidence')) {
    const said = (s: string) => (pool ? pool.some((t) => t.stems.has(s)) : ix.allStems.has(s));
    const hit = stems.filter((s) => said(s) || (SAID_AS.get(s) ?? []).some(said)).length;
    const labelHit = labelStems.filter(said).length;
    const coverage = (hit + concepts + labelHit) / (stems.length + concepts + labelHit);
    if (coverage < (pool ? 0.25 : stems.length + concepts <= 3 ? 0.5 : 0.34))
      problems.push({
        kind: 'no-evidence',
        detail: pool ? 'its evidence turns do not say this' : 'most of its words were not said in the visit',
      });
  }
  return problems;
}

/** A unit written after a measurement: breaths or beats per minute, mmHg, percent, kilograms, pounds, degrees. */
const MEASURE_UNIT =
  /(?<=\d\s?)(?:(?:breaths?|beats?)\s?(?:\/|per)\s?min(?:ute)?|bpm|mm\s?hg|%|percent|kg|lbs?|degrees(?: fahrenheit| celsius)?)(?![a-z])/g;

/**
 * The clinical labels the drafter writes for advice said in other words ("Activity modification." for "take it a
 * little bit easy"), where the turns say them: the plan's own phrase list (plan.ts), so the two cannot drift apart.
 */
function adviceLabelsSaid(lower: string, turns: TurnInfo[]): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const { label, said } of ADVICE_LABELS) {
    const start = lower.indexOf(label);
    if (start >= 0 && turns.some((t) => said.test(t.lower))) out.push({ start, end: start + label.length });
  }
  return out;
}

/**
 * The words of a note clause about one mention, less the words of the other symptoms and conditions it names: in
 * "Depression and back pain." the depression is not judged by what was said about back pain.
 */
function ownClauseStems(
  lower: string,
  m: { start: number; end: number },
  named: Array<{ start: number; end: number }>,
): Set<string> {
  let text = lower;
  for (const o of named)
    if (o.end <= m.start || o.start >= m.end)
      text = text.slice(0, o.start) + ' '.repeat(o.end - o.start) + text.slice(o.end);
  return clauseStems(text, m.start, m.end);
}

/**
 * Whether the visit said the opposite of a symptom's polarity in the note: only the opposite anywhere; or, where
 * the visit said both, the opposite in every reading about the same thing (shared words); or, with nothing shared,
 * the opposite at least three times as often ("really tired", "worn out", "getting tired" against one "haven't
 * gotten tired").
 */
function onlyOpposite(
  ix: VisitIndex,
  name: string,
  notePresent: boolean,
  present: boolean,
  absent: boolean,
  stems: Set<string>,
): boolean {
  if (notePresent ? absent && !present : present && !absent) return true;
  const close = closestReadings(ix.symptomMentions.get(name) ?? [], stems);
  if (close.length) return close.every((r) => r.present !== notePresent);
  const c = ix.symptomCounts.get(name) ?? { present: 0, absent: 0 };
  const same = notePresent ? c.present : c.absent;
  const other = notePresent ? c.absent : c.present;
  return same * 3 <= other && other >= 3;
}

/**
 * A number said in a turn that also says one of the words next to it in the sentence ("follow up in 1 week" ~
 * "see you back in one week"): the words either side of the number, not the whole sentence, must match.
 */
function saidWithWords(ix: VisitIndex, x: number, text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);
  const near = new Set<string>();
  words.forEach((w, i) => {
    if (numbersIn(w).includes(x))
      for (const n of [words[i - 2], words[i - 1], words[i + 1], words[i + 2]])
        if (n && n.length > 2 && !STOP.has(n) && !/^\d/.test(n)) near.add(stem(n));
  });
  if (!near.size) return false;
  return ix.turns.some((t) => t.numbers.has(x) && [...near].some((n) => t.stems.has(n)));
}

/** Every content word of a phrase said in one turn ("swelling in her legs" ~ "my legs have some swelling"). */
function saidLoosely(ix: VisitIndex, phrase: string): boolean {
  const stems = contentStems(phrase);
  return stems.length > 0 && ix.turns.some((t) => stems.every((s) => t.stems.has(s)));
}

/**
 * A verifier for one visit: the visit is read once, then any number of notes (or candidate sentences) are checked
 * against it. Notes need no evidence links.
 */
export function createVerifier(
  transcript: Transcript | string,
  facts?: ClinicalFacts,
): (note: string) => VerifiedSentence[] {
  const t = typeof transcript === 'string' ? parseTranscript(transcript) : transcript;
  const ix = indexVisit(t, facts);
  return (note) =>
    noteLines(note).map(({ text, section }) => {
      const problems = checkSentence(ix, text, null, section);
      return { text, section, supported: problems.length === 0, evidence: retrieve(ix, text), problems };
    });
}

/** Verifies note text against a transcript (text or parsed). */
export function verifyNote(transcript: Transcript | string, note: string, facts?: ClinicalFacts): VerifiedSentence[] {
  return createVerifier(transcript, facts)(note);
}

/**
 * A verifier of drafted sections for one visit (the visit is read once): each sentence is checked in place against its
 * own evidence turns. The generative engines (core/engines/grounding.ts) check each section as it streams in.
 */
export function createDraftVerifier(
  transcript: Transcript,
  facts?: ClinicalFacts,
): (sections: Draft['sections']) => void {
  const ix = indexVisit(transcript, facts);
  return (sections) => {
    for (const sec of sections)
      for (const s of sec.sentences) {
        const problems = s.evidence.length
          ? checkSentence(ix, s.text, s.evidence, sec.title)
          : [{ kind: 'no-evidence' as const, detail: 'no transcript turn is linked to this sentence' }];
        s.supported = problems.length === 0;
        if (problems.length) s.problems = problems;
        else delete s.problems;
      }
  };
}

/** Verifies a drafted note in place: each sentence against its own evidence turns. */
export function verifyDraft(transcript: Transcript, draft: Draft, facts?: ClinicalFacts): Draft {
  createDraftVerifier(transcript, facts)(draft.sections);
  return draft;
}
