/**
 * The note drafter: fills a template's sections from the transcript and its extracted facts. Every sentence is
 * built from identified turns (rewritten into third-person clinical prose, or composed from facts read from those
 * turns) and carries their indices as evidence. Numbers are copied from the transcript, never computed.
 */
import {
  answersFamilyQuestion,
  examSystem,
  EXAM_FINDING_WORDS,
  extractFacts,
  extractionContext,
  followedUpCondition,
  phaseOf,
  EXAM_MANEUVER_TEST,
  RESULT_CONCLUSION,
  VITAL_ELSEWHERE,
  type ExtractionContext,
  TAKEN_FOR_ALLERGY,
} from './extract.js';
import { brandNames, indicationsOf, lexicons } from './lexicon.js';
import {
  answerFragment,
  answerWithQuestion,
  characterisation,
  contrastDependent,
  coveredBy,
  comparedValue,
  deniesTrauma,
  storyInNoteRegister,
  storySetting,
  treatmentsTried,
  type TreatmentsTried,
  withCompanion,
  withoutDoingOkay,
  withoutSpokenFrames,
  withPatientSubject,
  withoutCutOffEnd,
  withoutIntensifiers,
  withoutRepeatedReports,
  withReasoningAsNote,
  subjectlessNot,
  adherenceReport,
} from './hpi.js';
import { numberValue, numbersIn } from './numbers.js';
import { noteLikelihood } from './register-model.js';
import { readMention, type QA } from './assertion.js';
import { drawnDiagnosis, sentencesInTurn, type Sentence } from './discourse.js';
import { fleschKincaid } from './readability.js';
import { classifyAct, isNoteProse } from './acts.js';
import {
  cap,
  cleanSpoken,
  forgetCleaned,
  finishSentence,
  isCutOff,
  pronouns,
  subjectName,
  toThirdPerson,
  namedThirdParty,
  trimDangling,
  type Sex,
} from './rewrite.js';
import { loadTemplate } from './templates.js';
import { labelledFinding, resultStatement, seriesNext } from './result-line.js';
import { homeReadings, type HomeReading } from './home-readings.js';
import { negatedAt, verifyDraft } from './verify.js';
import { planFacts, recountsCareGiven, VACCINES, withdrawnOrders, type PlanFact } from './plan.js';
import { defaultOmitIfEmpty } from './templates-sources.js';
import { SIDE_CORRECTION, sideCorrections, sideSlips, withCorrectedSides, withoutDoubtedSides } from './sides.js';
import {
  RUN_ON_WORDS,
  expandContractions,
  readsAsNote,
  repairRegister,
  splitLabel,
  splitRunOn,
  trimHanging,
  type RegisterSection,
} from './register.js';
import { applyLearnedSections } from './learned/hook.js';
import type {
  ClinicalFacts,
  Draft,
  DraftOptions,
  DraftSection,
  DraftSentence,
  NoteTemplate,
  Problem,
  Symptom,
  Transcript,
  Turn,
} from './types.js';

/** A sentence plus layout: `para` groups sentences printed on one line. */
interface Line extends DraftSentence {
  para?: number;
  /** A plan item written from the fact model ("Follow up next week if it doesn't get better."), not copied speech. */
  fact?: true;
}

interface Ctx {
  transcript: Transcript;
  facts: ClinicalFacts;
  ex: ExtractionContext;
  sex: Sex;
  /** HPI lines, by variant. */
  cache: Map<string, Line[]>;
  /** The results section and the transcript sentences it states (the A&P does not repeat them). */
  results?: { lines: Line[]; sources: Set<string>; vitals: Line[] };
  /** The A&P, its structured plan items and the problems it heads (read by other sections and templates). */
  plan?: { lines: Line[]; items: PlanFact[]; headed: Problem[]; exam: Line[]; results: Line[] };
  /** What the patient tried for the complaint (read by the HPI and the medication list). */
  tried?: TreatmentsTried;
  /** A companion's word for the patient ("my daughter"), when someone other than the patient answers (patientKinOf). */
  kin: string | null;
}

/** The questions a sentence answers. */
const questionsOf =
  (ctx: Ctx) =>
  (s: Sentence): Sentence[] =>
    ctx.ex.answered.get(s.turn)?.questions ?? [];

/** The history's sentences about the patient (not only about others). */
function historySentences(ctx: Ctx): Sentence[] {
  const { ex } = ctx;
  return ex.sentences.filter((s) => phaseOf(s, ex.phase) === 'history' && !onlyAboutOthers(s, ex.previous.get(s)));
}

/** What the patient tried for the complaint, read once per draft from the patient's history statements. */
function triedOf(ctx: Ctx): TreatmentsTried {
  ctx.tried ??= treatmentsTried(
    historySentences(ctx).filter((s) => s.speaker === 'patient' && !s.text.endsWith('?')),
    questionsOf(ctx),
  );
  return ctx.tried;
}

function line(text: string, evidence: number[], para?: number): Line {
  const ev = [...new Set(evidence)].sort((a, b) => a - b);
  const l: Line = { text, evidence: ev, supported: ev.length > 0 };
  if (para !== undefined) l.para = para;
  return l;
}

const CLINICAL = new RegExp(
  '\\b(pain|hurt|ache|sore|swell|swollen|medication|medicine|pill|mg|milligrams|dose|taking|take|blood|pressure|sugar|diabetes|heart|breath|cough|fever|tired|fatigue|sleep|weight|diet|exercise|doctor|surgery|hospital|er|emergency|x-ray|mri|test|symptom|nausea|vomit|dizzy|headache|numb|tingl|weak|injur|fell|fall|knee|back|shoulder|hip|ankle|foot|hand|arm|leg|chest|stomach|since|weeks?|months?|days?|years?|started|worse|better|helps|tried|smok|drink|alcohol|work|walk|run|allerg|rash|infection|history|diagnosed|therapy|inhaler|insulin|stress|anxious|depress|mood|pressure|cholesterol|urin|bowel|period|pregnan|vaccine)',
  'i',
);

const STOP = new Set(
  (
    'a an the and or but so to of in on at for with about from by as is are was were be been being am do does did ' +
    'have has had i you he she it we they me him her us them my your his its our their this that these those there ' +
    'here what which who how when where why not no yes yeah okay ok all right alright just like really very well ' +
    'know think mean get got go going gonna want wanna let lets can could would should will shall may might must ' +
    'thing things something anything some any one little bit lot kind sort good great fine sure thank thanks um uh ' +
    'oh now then too also still even again'
  ).split(/\s+/),
);
const MIN_CONTENT = 3;

function contentWords(text: string): number {
  return (text.toLowerCase().match(/[a-z0-9']+/g) ?? []).filter((w) => !STOP.has(w)).length;
}

/** A question in unpunctuated speech ("does that do anything when i do that", "is that what you noticed"). */
const SPOKEN_QUESTION =
  /(?:^|\b)(?:(?:do|does|did|are|is|has|can|could|would|will) (?:you|it|that|this|they)\b|(?<!\b(?:will|i'll|we'll|gonna|going to|want to|wanna|let's|to) )have (?:you|it|that|this|they)\b(?! (?:use|take|try|start|continue|stop|keep|check|do|come|go|get|wear|see|follow)\b)|(?:what|how|where|when|why) (?:do|does|did|is|are|was|were|would|can) (?:you|it|that|they)\b)[^.]*$|\b(?:is that|does that|do you|are you|can you|have you|did you)\??$/;

/**
 * A symptom check asked without a question mark ("any bleeding or black stools", "and any numbness or tingling in
 * your feet"): a question, not a statement of the plan, whatever the patient answers.
 */
const ANY_QUESTION =
  /^(?:(?:and|so|okay|ok|now|also|alright|all right|um|uh),? )*any (?!questions?\b|time\b|other questions\b)(?![^.]*\b(?:call|let (?:me|us) know|come (?:back|in)|go to|should|need|take|will|would|is|are|was|get worse|worsens?|develop)\b)[a-z' ,-]+$/;

const NUM =
  '\\d+(?:\\.\\d+)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-five|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)';

const MG_RE = new RegExp(`\\b(${NUM}) ?milligrams?\\b`, 'gi');
const MCG_RE = new RegExp(`\\b(${NUM}) ?micrograms?\\b`, 'gi');
const PCT_RE = new RegExp(`\\b(${NUM}) ?percent\\b`, 'gi');
const LENGTH_RE = /\b(\d+(?:\.\d+)?) ?(centi|milli)meters?\b/gi;

/**
 * Units as clinicians write them ("40 milligrams" → "40 mg", "45 percent" → "45%", "2 centimeters" → "2 cm");
 * numbers are unchanged.
 */
export function clinicalUnits(text: string): string {
  return text.replace(MG_RE, '$1 mg').replace(MCG_RE, '$1 mcg').replace(PCT_RE, '$1%').replace(LENGTH_RE, lengthUnit);
}

const lengthUnit = (_: string, n: string, scale: string) => `${n} ${scale.toLowerCase() === 'centi' ? 'cm' : 'mm'}`;

/**
 * One sentence of the visit as note prose, or null. Voice commands and small talk are dropped (acts.ts); content
 * dictated through a command ("note that …", "respiratory notate: …") is kept without the command wording. Fillers,
 * stutters and ASR tags are cleaned away; fragments and sentences cut off mid-phrase are dropped.
 */
function spokenSentence(
  s: Sentence,
  { sex, kin }: Pick<Ctx, 'sex' | 'kin'>,
  minContent = MIN_CONTENT,
  before?: string,
): string | null {
  const act = classifyAct(s);
  let text = s.text;
  if (!isNoteProse(act)) {
    if (act.command !== 'insert' || !act.content) return null;
    text = act.content;
  }
  let clean = trimDangling(cleanSpoken(text));
  if (!clean || clean.split(/\s+/).length < 4 || contentWords(clean) < minContent || isCutOff(clean)) return null;
  // The patient's "she" or "he" is someone else: named, so that it does not read as the patient.
  if (s.speaker === 'patient') clean = namedThirdParty(clean, before);
  // A companion's "my daughter" is the patient the doctor asked them about: written as the patient.
  if (s.speaker === 'other' && kin) clean = kinAsPatient(clean, kin, sex);
  // A run-on of unpunctuated speech longer than any note sentence is unreadable as a note sentence.
  if (clean.split(/\s+/).length > MAX_COPIED_WORDS) return null;
  return finishSentence(clinicalUnits(toThirdPerson(clean, s.speaker, sex)));
}

const MAX_COPIED_WORDS = 100;

/** Who the patient is to a companion, as the doctor asks after them ("what brings your daughter in?"). */
const PATIENT_KIN = /\byour (son|daughter|boy|girl|mom|mother|dad|father|husband|wife)(?!'s\b)(?![a-z-])/;
const KIN_SEX: Record<string, Sex> = {
  son: 'male',
  boy: 'male',
  dad: 'male',
  father: 'male',
  husband: 'male',
  daughter: 'female',
  girl: 'female',
  mom: 'female',
  mother: 'female',
  wife: 'female',
};

/**
 * The word a companion calls the patient by, when someone other than the patient answers: the doctor's first "your
 * son" / "your mom" said in the history to a companion (the turn after is theirs), or asked before a companion's first
 * answer. Null when the patient's sex, as the visit reads it, is not that word's.
 */
function patientKinOf(transcript: Transcript, sex: Sex): string | null {
  const turns = transcript.turns;
  if (!turns.some((t) => t.speaker === 'other')) return null;
  for (const [i, t] of turns.entries()) {
    if (t.speaker !== 'doctor') continue;
    const m = PATIENT_KIN.exec(t.text.toLowerCase());
    if (!m) continue;
    if (turns[i + 1]?.speaker !== 'other') return null;
    const kinSex = KIN_SEX[m[1]!]!;
    return sex === null || sex === kinSex ? m[1]! : null;
  }
  return null;
}

/**
 * "My daughter has had ear pain", "my son's cough": the companion's word for the patient as the patient's pronoun
 * ("She has had ear pain", "his cough"). Anything else the companion says of themself stays in their words.
 */
function kinAsPatient(text: string, kin: string, sex: Sex): string {
  const p = pronouns(sex ?? KIN_SEX[kin]!);
  const re = new RegExp(`\\b(my|our) ${kin}('s)?(?![a-z-])`, 'gi');
  const out = text.replace(re, (said: string, _my: string, poss: string | undefined, at: number) => {
    if (poss) return p.poss;
    const head = text.slice(0, at);
    const opens = /(?:^|[,;:]\s*|\b(?:and|but|so|because|since|when|that|then|now)\s+)$/i.test(head);
    return opens ? p.subj : p.obj;
  });
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * What was said just before sentence `si`, where the person a "she" or "he" stands for is named: the sentences before
 * it in its turn (up to eight), or the sentence it answers or continues (a relative asked about).
 */
function saidBefore(ex: ExtractionContext, si: number): string {
  const s = ex.sentences[si]!;
  const out: string[] = [];
  for (let j = si - 1; j >= Math.max(0, si - 8) && ex.sentences[j]!.turn === s.turn; j--)
    out.unshift(ex.sentences[j]!.lower);
  if (!out.length) out.push((ex.previous.get(s) ?? ex.sentences[si - 1])?.lower ?? '');
  return out.join(' ');
}

/** A dictated referral: "Her dermatologist referred her." */
const REFERRED_BY =
  /^(Her|His) ((?:primary care (?:provider|doctor|physician)|[a-z]+ist|pcp|family doctor)) referred (?:her|him)(?: (?:to us|here|to me))?\.$/;

/** Doctor sentences that already talk about the patient in the third person (dictation to the scribe). */
function isDictation(s: Sentence, facts: ClinicalFacts): boolean {
  if (s.speaker !== 'doctor' || /\byou\b|\byour\b/.test(s.lower)) return false;
  const name = facts.patient.name?.toLowerCase();
  return (
    /\b(the patient|patient (?:is|was|has|had|reports|denies|states|presents)|(?:he|she)(?: is|'s| has| had| was| reports| denies| states| presents)|year[- ]old)\b/.test(
      s.lower,
    ) ||
    (!!name && s.lower.includes(name))
  );
}

/**
 * What one question and its answer settled, composed from the symptom facts read from them: "She denies fever or
 * chills.", "He reports cough but denies fever." Items already written (`written`) are not repeated; null when the
 * pair settled nothing new.
 */
/** The doctor's last sentence of a turn asks when it began. */
function onsetQuestion(ctx: Ctx, s: Sentence): boolean {
  // The pattern first: finding the turn's last sentence scans the visit, which is not done for every sentence.
  if (!ONSET_Q.test(s.lower)) return false;
  return ctx.ex.sentences.filter((x) => x.turn === s.turn).pop() === s;
}
/** "When did this happen?": the onset asked. */
const WHEN_DID = /\bwhen did (?:this|it|that) (?:happen|start|begin)\b/;
/** "How many days has this been going on?" "The last 4 days.": a duration asked, answered with a span. */
const DURATION_Q = /\bhow (?:many (days|weeks|months|years)|long) has (?:this|it|that) been (?:going on|happening)\b/;
const ONSET_Q = new RegExp(
  `\\bhow (?:many (?:days|weeks|months|years) ago|long ago)\\b|${WHEN_DID.source}|${DURATION_Q.source}`,
);
const SPAN_ANSWER =
  /^(?:\W*(?:um|uh|oh|well|about|around|like|maybe|probably|almost|over|for|the|past|last|it's been|it has been)\W+)*(\d+(?:\.\d+)?(?: (?:to|or) \d+)?)(?: (days?|weeks?|months?|years?))?(?: now| or so)?\W*$/;

/** "How many days ago was this?" "7": the onset, in the note's words (null when the exchange is not that). */
function onsetLine(q: Sentence, answer: string, answerTurn: number): Line | null {
  const span = DURATION_Q.exec(q.lower);
  if (span) {
    const a = SPAN_ANSWER.exec(answer);
    const u = a && (a[2] ?? span[1]);
    if (!a || !u) return null;
    const plural = a[1] === '1' ? u.replace(/s$/, '') : u.replace(/s?$/, 's');
    return line(`Onset ${a[1]} ${plural} ago.`, [q.turn, answerTurn]);
  }
  const unit = /\bhow many (days|weeks|months|years) ago\b/.exec(q.lower)?.[1];
  const n =
    /^(?:\W*(?:um|uh|about|around|like|maybe|probably|oh)\W+)*(\d+(?:\.\d+)?)(?: (days?|weeks?|months?|years?))?\W*(?:ago)?\W*$/.exec(
      answer,
    );
  const said =
    /\bhow long ago\b/.test(q.lower) || WHEN_DID.test(q.lower)
      ? /\b(\d+(?:\.\d+)?) (days?|weeks?|months?|years?) ago\b/.exec(answer)
      : null;
  if (!((unit && n) || said)) return null;
  const num = said ? said[1]! : n![1]!;
  const u = said ? said[2]! : (n![2] ?? unit!);
  const plural = num === '1' ? u.replace(/s$/, '') : u.replace(/s?$/, 's');
  return line(`Onset ${num} ${plural} ago.`, [q.turn, answerTurn]);
}

/**
 * A question scoped to the time after an episode ("any chest pain since then?", "since you left the hospital",
 * "any more of those spells?"): its "no" denies a recurrence, not the episode.
 */
const SINCE_SCOPE =
  /\b(?:since (?:then|that|the (?:er|emergency room|emergency department|hospital|surgery|procedure|episode|last visit|injection|shot|ambulance)|you (?:left|got out|were (?:discharged|released|seen)|went)|your (?:last )?(?:visit|surgery|procedure|discharge|er visit))|any more (?:episodes|of (?:that|those|it|them))|anymore)\b/;

/** Whether a doctor's question among a fact's evidence turns is scoped to after an episode. */
function askedSince(ctx: Ctx, evidence: number[]): boolean {
  return evidence.some((t) => {
    const turn = ctx.transcript.turns[t];
    return turn?.speaker === 'doctor' && SINCE_SCOPE.test(turn.text.toLowerCase());
  });
}

/** A symptom the patient said has long been there ("been now for a long time"): no new complaint. */
const longStanding = (f: { duration: string | null }) => f.duration === 'a long time';

/** An episode dated a few days or weeks back ("a couple of days back", "last week", "the other day"). */
const RECENT_DATE =
  /\b(?:last (?:night|week|weekend)|(?:a|one|two|three|a few|a couple(?: of)?) (?:days|weeks) (?:ago|back)|the other day)\b/;

function qaSentence(
  ctx: Ctx,
  pair: QA,
  written: Set<string>,
  told: (name: string) => boolean = () => false,
): Line | null {
  const asked = pair.questions.map((q) => q.turn);
  const onset = onsetLine(pair.questions[pair.questions.length - 1]!, pair.answer.lower, pair.answer.turn);
  if (onset) return onset;
  const reported: string[] = [];
  const denied: string[] = [];
  const ev: number[] = [];
  const sinceAsked = pair.questions.some((q) => SINCE_SCOPE.test(q.lower));
  for (const f of ctx.facts.symptoms) {
    if (!f.evidence.includes(pair.answer.turn) || !asked.some((t) => f.evidence.includes(t))) continue;
    if (f.subject !== 'patient' || f.assertion === 'hypothetical') continue;
    // A denial the patient takes back later ("have you lost weight?" "no…" … "I have lost some weight") is not written.
    if (f.negated && laterReported(ctx.facts, f.name, pair.answer.turn)) continue;
    // Nor one the history already tells as present ("she does not have quite as much shortness of breath"): a bare
    // denial after it would contradict it.
    if (f.negated && told(f.name)) continue;
    // "Heavy periods?" — "yes, in the past, but they've been normal this year": a history of them, not a complaint.
    const then = !f.negated && (f.time === 'past' || f.time === 'resolved');
    // "Any chest pain since then?" "No.": no further chest pain, not a denial of the episode the visit is about.
    const further = f.negated && sinceAsked;
    // "I was nauseous a couple of days back": one recent episode, not a history of it.
    const name = then
      ? `${f.time === 'past' && RECENT_DATE.test(pair.answer.lower) ? 'a recent episode' : 'a history'} of ${f.name}`
      : further
        ? `further ${f.name}`
        : f.assertion === 'possible'
          ? `possible ${f.name}`
          : !f.negated && longStanding(f)
            ? `long-standing ${f.name}`
            : f.name;
    const key = `${f.negated}|${name.replace(/^long-standing /, '')}`;
    if (written.has(key)) continue;
    written.add(key);
    (f.negated ? denied : reported).push(name);
    // "Long-standing" is the patient's word after the answer: that turn is cited too.
    ev.push(
      ...f.evidence.filter(
        (t) =>
          t === pair.answer.turn || asked.includes(t) || (name.startsWith('long-standing ') && t > pair.answer.turn),
      ),
    );
  }
  if (!reported.length && !denied.length) return injuryDenial(pair, written);
  const subj = subjectName(ctx.sex);
  const parts = [
    ...(reported.length ? [`reports ${listing(reported, 'and')}`] : []),
    ...(denied.length ? [`denies ${listing(denied, 'or')}`] : []),
  ];
  return line(`${subj} ${parts.join(' but ')}.`, ev);
}

/** The doctor asking whether an injury happened ("did you fall or bump it?", "any injury to that knee?"). */
const INJURY_Q =
  /\b(?:injur\w*|trauma|hurt (?:it|yourself|your \w+)|(?:did you |any )(?:fall|falls)|fell|twist(?:ed)? (?:it|your)|accident|bump(?:ed)? (?:it|your))\b/;
/** An answer that says no ("no", "not that I can recall", "I don't remember any"). */
const NO_ANSWER =
  /^(?:(?:um|uh|well|honestly|oh)[,.]?\s+)*(?:no|nope|nah|never|none|not that i (?:can )?(?:recall|remember|know of)|i (?:do not|don't|can't|cannot) (?:remember|recall|think of)(?: any)?)\b/;

/** "Any injury to that knee?" "No, not that I can recall." → "Denies any injury." (once per visit). */
function injuryDenial(pair: QA, written: Set<string>): Line | null {
  const q = pair.questions[pair.questions.length - 1]!;
  if (!INJURY_Q.test(q.lower) || !NO_ANSWER.test(pair.answer.lower) || written.has('injury')) return null;
  written.add('injury');
  // "Any other injuries?" "No, it's just my ankle": the injury the visit is about stands; only others are denied.
  if (/\b(?:other|another|additional|more)\b(?: \w+){0,2} injur/.test(q.lower))
    return line('Denies other injuries.', [q.turn, pair.answer.turn]);
  const prior = /\b(?:before|previous(?:ly)?|prior|in the past|ever)\b/.test(q.lower) ? 'prior ' : '';
  return line(`Denies any ${prior}injury.`, [q.turn, pair.answer.turn]);
}

/** Whether the patient reported a symptom as present after `turn`. */
function laterReported(facts: ClinicalFacts, name: string, turn: number): boolean {
  return (lastReported(facts).get(name) ?? -1) > turn;
}

/**
 * Symptom name → the last turn it was reported present in, built once per visit (a symptom said in every turn has an
 * evidence list as long as the visit; scanning it for every question made drafting quadratic).
 */
const lastReportedOf = new WeakMap<ClinicalFacts, Map<string, number>>();
function lastReported(facts: ClinicalFacts): Map<string, number> {
  let map = lastReportedOf.get(facts);
  if (map) return map;
  map = new Map();
  for (const g of facts.symptoms) {
    if (g.negated || g.assertion !== 'present' || g.subject !== 'patient') continue;
    let last = -1;
    for (const e of g.evidence) if (e > last) last = e;
    map.set(g.name, Math.max(map.get(g.name) ?? -1, last));
  }
  lastReportedOf.set(facts, map);
  return map;
}

/** How a sentence about the patient opens: "He", "She", or "The patient" when the sex is not known. */
/** Mentions of conditions in a sentence, all about someone other than the patient ("my mom has diabetes"). */
function onlyAboutOthers(s: Sentence, previous: Sentence | undefined): boolean {
  const lex = lexicons();
  const mentions = [...lex.symptoms.match(s.lower), ...lex.problems.match(s.lower)];
  return (
    mentions.length > 0 && mentions.every((m) => readMention(s, m.start, m.end, previous).experiencer !== 'patient')
  );
}

/** A bare yes/no answer, with at most a short tail ("no, but I have a cough"): the Q&A sentence says it all. */
const SHORT_ANSWER =
  /^(?:(?:um|uh|oh|well)[,.]?\s+)*(?:no|nope|yes|yeah|yep|not really|none|nothing)\b(?:\W+\w+){0,6}\W*$/;

/** A clause with a subject somewhere in the sentence (else it is an answer fragment). */
const FINITE = /\b(?:i|you|he|she|they|it|we|there|this|that|his|her|their|which|who)\b|'s\b|n't\b/i;

const REPORT_VERBS = ['reports', 'states', ''];
/** A companion's report is always said to be theirs. */
const FAMILY_VERBS = ['reports', 'states'];

/** Body parts and clinical nouns that make a patient's sentence part of the history, not conversation. */
const HPI_TERMS =
  /\b(?:pain\w*|hurt\w*|ache\w*|sore\w*|swell\w*|swollen|numb\w*|tingl\w*|bleed\w*|blood|cough\w*|fever\w*|nause\w*|vomit\w*|dizz\w*|faint\w*|tired|fatigue\w*|weak\w*|breath\w*|rash\w*|itch\w*|burn\w*|cramp\w*|stiff\w*|injur\w*|fell|fall|fallen|accident|twist\w*|stepped (?:off|on|down)|slipped|tripped|sprain\w*|pop(?:ped)?|x-?rays?|mri|ct|scan|hospital|er|emergency|surgery|doctor|medication\w*|medicine|pills?|mg|dose|insulin|inhaler|pressure|sugars?|a1c|symptoms?|diagnos\w*|knee|back|neck|shoulder|hip|ankle|foot|feet|toe|hand|wrist|elbow|arm|leg|chest|stomach|belly|abdomen|head|eye|ear|throat|skin|urin\w*|bowel|stool|period|pregnan\w*|sleep\w*|appetite|weight|mood|anxi\w*|depress\w*|counsel\w*|therap\w*|pap|smear|(?:for|since|over the (?:past|last)|about|almost|nearly) (?:\d+(?:\.\d+)?|a|an|a few|few|a couple of|couple of) (?:days?|weeks?|months?|years?)|(?:\d+(?:\.\d+)?|a|an|a few|few|a couple of|couple of) (?:days?|weeks?|months?|years?) ago)\b/;

/** How a doctor opens a problem: "for your first problem", "regarding your", "in terms of your". */
const PROBLEM_FRAME =
  /\b(?:so |and |now )?(?:for|regarding|about|in terms of|with|moving on to|as for) (?:your|his|her|their|the|this)? ?(?:first|second|third|fourth|next|last|other|new)? ?(?:problem|issue|concern)?\b|\b(?:this|that|new|your|his|her|their)\b/g;

/** How a doctor assesses a problem (not an anecdote or a joke about one): "for your …", "I think you have …". */
const ASSESS_FRAME =
  /\b(?:for|regarding|about|in terms of|as for|as far as|in regards? to|with regards? to|standpoint|moving on to|number (?:one|two|three|four|1|2|3|4)|problem|issue|impression|assessment|diagnos\w*|think (?:you|he|she|they|it|this|that)(?:'s| is| are| has| have)?|you (?:have|had|do have)|(?:he|she|they) (?:has|have)|consistent with|likely|probably|suspect\w*|looks like|sounds like|concern|(?:is|are) (?:most likely |likely |probably )?(?:due to|caused by))\b/;

/** "My impression of you at this time, from a diabetes standpoint": words that only announce the assessment. */
const IMPRESSION_FRAME =
  /\b(?:(?:my|the|our) )?(?:impression|assessment)(?: (?:of|for) (?:you|him|her|them))?\b|\bat this (?:time|point)\b|\bstandpoint\b|\byou know\b/g;

const FRAME_ONLY =
  /^(?:[,\s]*(?:so|and|now|then|okay|alright|for|from|regarding|about|in terms of|as for|with|moving on to|your|his|her|their|the|this|that|first|second|third|fourth|next|last|other|new|problem|issue|concern|of|number one|number two|number three)\b)*[,\s]*$/i;

/** "For her next problem, her congestive heart failure, she is retaining fluid" → "She is retaining fluid". */
function dropProblemFrame(sentence: string): string {
  const m = lexicons().problems.match(sentence.toLowerCase())[0];
  if (!m || !FRAME_ONLY.test(sentence.slice(0, m.start))) return sentence;
  const rest = sentence
    .slice(m.end)
    .replace(/^[\s,.:;-]+/, '')
    .replace(/^(?:repair|surgery|removal|replacement|reconstruction|release)\b[\s,.:;-]*/i, '');
  // "…, his rotator cuff repair, he is doing really well with that": a clause of its own stands without the frame.
  return contentWords(rest) >= 2 || OWN_CLAUSE.test(rest) ? rest : sentence;
}

/** A clause with its own subject and verb ("he is doing well", "she has no pain"). */
const OWN_CLAUSE =
  /^(?:(?:i|we) (?:do )?(?:think|believe|feel)(?: that)?,?\s+)?(?:he|she|they|the patient) (?:is|are|has|have|was|were|feels?|reports?|seems?|looks?)\b/i;

/**
 * Habits and activities: history when the doctor asked about them ("do you exercise?" "I run 3 miles"), small talk
 * otherwise ("those trails are great, 5 miles of flat trails"). Smoking and drinking have the social history section.
 */
const LIFESTYLE_TERMS =
  /\b(?:smok\w*|drink\w*|alcohol|cigarette\w*|packs?|vap\w*|exercis\w*|gym|run|running|jog\w*|miles|work(?:ing)? out|hik\w*|walk\w*|activit\w*|sports?)\b/;

/** A procedure named right after the condition it treated ("rotator cuff tear repair", "cataract removal"). */
const REPAIRED = /\b(repair|surgery|removal|replacement|reconstruction|release)\b/;

/** Speech restarted mid-clause: two subjects in a row ("it they broke out…", "when they after they…"). */
const RESTARTED = /^(?:it|they|he|she|i|we|when (?:i|they|he|she|we)) (?:it|they|he|she|i|we|after|before)\b/i;

/** Swearing is quoted in no note. */
const PROFANITY = /\b(?:god ?damn\w*|damn\w*|shit\w*|fuck\w*|crap|hell of a|pissed)\b/;

/** The clinician's own aside at the end of a sentence ("…that's probably why I don't get it when I am riding my bike"). */
const OWN_ASIDE_TAIL = /,?\s+(?:and )?that's (?:probably |also |maybe )?(?:why|how) I\b.*$/;

/** Explaining or commenting to the patient, not a note's statement. */
const TALK_TO_PATIENT =
  /^(?:(?:no|yes|yeah|okay|alright|so|well|and)[,.]?\s+)*(?:(?:that|it|this|which|what that) (?:just |ultimately |basically |really |all )?means\b|that's (?:good|great|fine|okay)\b|sounds good\b|(?:hopefully )?that (?:sound|sounds) good\b|please (?:just )?take a (?:moment|minute|second)\b)/i;

/** A test spoken of as done. */
const PAST_TEST =
  /\b(?:you did get|you had|you got|we had to get|we got|we did|they did|they (?:got|took|had)|before (?:you|i|we) came in|had (?:the nurse|the tech|someone) do|came back)\b/;
/** "Let's go ahead and look at your labs": the doctor announcing a review, not a plan. */
const REVIEW_ANNOUNCE =
  /^(?:\W*(?:so|well|okay|alright|all right|now|and|um|uh)\b[\s,]*)*(?:(?:let's|let me|i want to|i wanna|i'm going to|i'm gonna|we'll|we will|we're going to) (?:go ahead and )?(?:just )?(?:take a (?:quick )?)?(?:look at|review|go over|check out|pull up)|(?:i'm |i am |we're |we are )?(?:looking|taking a look) (?:here )?at|i (?:reviewed|looked at)) (?:your|his|her|their|the|some of (?:your|the))(?: results of (?:your|his|her|their|the))? (?:recent |most recent |latest )?(?:labs?|lab work|results?|x-?rays?|chest x-?ray|imaging|blood ?work|tests?|test results|vitals|vital signs|numbers|mri|ct scan|echo(?:cardiogram)?|ultrasound)\W*$/;

/** A study shown, said of nothing it shows: "so this is an x-ray of your lumbar spine". */
const STUDY_SHOWN =
  /^(?:\W*(?:so|well|okay|alright|all right|now|and|um|uh)\b[\s,]*)*(?:this|that|here) is (?:an? |the |your |his |her |their )?(?:x-?rays?|mri|ct(?: scan)?|cat scan|ultrasound|echo(?:cardiogram)?|images?|films?|scan)(?: of (?:your|his|her|their|the) (?:(?:left|right|lower|upper|lumbar|cervical|thoracic) )*[a-z]+)?\W*$/;

/** A patient's clause that depends on the sentence before it. */
const HPI_FRAGMENT =
  /^(?:because|so that|which|before|after|until|unless|or|than|like|to|sorry|i'm sorry|i mean)\b|^\d/i;

/** The clinician speaking of their own life, not the patient's care. */
/** Words of conversation, not of a plan: reassurance, hope, agreement. */
const CHATTER =
  /\b(?:hopefully|i mean|you know|good solution|won't be a problem|not a problem|don't worry|no worries|excited|exactly what it is|sounds good|that's great|that's good|good news|(?:doing|did|done) (?:a |an )?(?:really |very |such a |an )?(?:good|great|fantastic|excellent|nice|wonderful|amazing|terrific) job|proud of (?:you|him|her|them)|fingers crossed|we'll see|makes sense|does that make sense|any questions)\b/;

const DOCTOR_ASIDE =
  /\b(?:i'm looking for|i am looking for|i need somebody|i love|i enjoy|i went|we went|my (?:wife|husband|kids|son|daughter|dog|house|yard|backyard|garden|weekend|vacation|bike|family))\b/;

/**
 * Talk about other people in general, not the patient: "back in the day … people would get it at gyms", "guys at the
 * gym take huge doses". A sentence that addresses the patient ("you", "your") is about the patient.
 */
const SECOND_PERSON = /\b(?:you|your|you're|you've|you'll|you'd|yours|yourself)\b/;
const OTHER_PEOPLE =
  /\b(?:people|guys|folks|everybody|everyone|athletes|bodybuilders|(?:other|some|many|most|a lot of) (?:patients|men|women|kids|adults))\b/;
const ANECDOTE = /\b(?:back in the day|in the old days|back then|years ago when)\b/;
/** A sentence whose subject is those people: "people would …", "(and then) they would …", "likely they are …". */
const OTHERS_SUBJECT = new RegExp(
  `^(?:(?:and|so|but|then|like|it's like|well|i mean|um|uh|likely|probably|usually|sometimes|often|now),? )*(?:they\\b|${OTHER_PEOPLE.source})`,
);

/**
 * A reasoning line opening with a bare pronoun ("That can certainly cause his blood sugar to be elevated."), not a dummy
 * subject ("It is not usual for …", "It sounds like …") nor "this one".
 */
const BARE_PRONOUN =
  /^(That|This|It) (?!(?:is|was|'s) (?:not |also |very |really |pretty )?(?:usual|unusual|important|possible|impossible|likely|unlikely|common|uncommon|normal|rare|okay|ok|good|best|hard|difficult|safe|reasonable|time)\b|(?:sounds|looks|seems|appears|depends|one)\b)/;
/** How a clinician opens a problem by its order: "for your first problem of (your) X". */
const OPENER =
  /\bfor (?:your|his|her|their|the) (?:(?:first|second|third|fourth|next|last|other|new|primary|main|major|biggest|chief) ){0,2}(?:problem|issue|concern|diagnosis)s?(?: here)?,? (?:of |with |is |being |regarding |(?:is that )?(?:you|he|she|they) (?:have|has) )?(?:your |his |her |their |the |this |that )?([a-z' -]{3,80})/;
/** "From a rapid strep standpoint, …": the problem named by the standpoint it is seen from. */
const STANDPOINT = /\bfrom (?:an? |the |your |his |her )?([a-z' -]{3,40}?) (?:standpoint|aspect|perspective)\b/;
/** A result line that reads a test as positive: "Rapid strep: positive." → "rapid strep". */
const POSITIVE_RESULT = /^([a-z0-9' -]{2,40}): positive\b/;
/** Where the named problem ends in the opener: the clinician's next clause. */
/**
 * A diagnosis the doctor states in words ("what you have is medial epicondylitis", "I think you have a lumbar
 * strain", "this is consistent with hallux rigidus"), whether or not the problem lexicon knows it. The name is the
 * noun phrase after the statement, cut where the sentence moves on, and must end the way a diagnosis does.
 */
const DIAGNOSIS_STATEMENT =
  /\b(?:what you have is|what (?:i|we) (?:see|saw) (?:here |there )?is|what (?:i'm|we're) seeing (?:here |there )?is|(?:x-?ray|mri|ct scan|ct|ultrasound|scan|image|imaging) (?:shows|showed|reveals|revealed|demonstrates)|what (?:he|she|they) ha(?:s|ve) is|i think (?:that )?(?:you have|you've got|this is|it is|it's|these are|those are|they are|they're)|(?:my |the )?(?:diagnosis|impression)(?: here| today)? (?:is|would be)|what (?:i think |i believe )?(?:we're|we are|you're|you are|he's|she's) dealing with (?:here )?is|(?:is |are )?consistent with|you're (?:dealing with|suffering from)|you(?:'ve| have) been diagnosed with|you have (?:what we call|what's called|something called)|(?:you|he|she|they) (?:may|might|could|probably|likely) have|we call (?:this|that|it)|(?:this|that|it) is called|(?:this|that|it)'s called|(?:it )?sounds like (?:you|he|she|they) (?:have|has|tore))\s+(?:an? |some |the |likely |probably |most likely |what we call |what's called |something called |(?:condition|disease|syndrome) (?:that )?(?:we call|called|known as) |(?:may|might|could) have )*([a-z' -]{3,60})/;
/** Acuity and course said just before a diagnosis ("acute esophagitis", "chronic sinusitis"), which its heading keeps. */
const ACUITY = /\b(acute|chronic|recurrent|mild|moderate|severe|uncontrolled|poorly controlled|well controlled)\s+$/;

/** Where a sentence names a problem (the lexicon's first mention of it), if it does. */
function problemMention(lower: string, name: string) {
  return lexicons()
    .problems.match(lower)
    .find((x) => x.value === name);
}

/** A paired body part a diagnosis can be sited on by its side ("right ear infection", "of the left knee"). */
const SIDED_SITE = 'ear|eye|knee|ankle|shoulder|hip|elbow|wrist|hand|foot|leg|arm|breast|lung|kidney';
const SIDE_BEFORE = /\b(left|right) $/;
const SITE_AFTER = new RegExp(`^ (?:of|in) (?:the |your |his |her |their )?(left|right) (${SIDED_SITE})\\b`);
const SITE_WORD = new RegExp(`^(${SIDED_SITE})s?\\b`);

/**
 * A problem's heading with the acuity said just before its name in the sentence ("acute esophagitis"), at any of the
 * sentence's mentions of it ("a right ear infection, acute otitis media"), and the side and part the doctor sited it
 * on ("osteoarthritis of the right knee", "a right ear infection" → ", right ear").
 */
function qualified(lower: string, name: string, heading: string): string {
  if (heading !== name) return heading;
  const ms = lexicons()
    .problems.match(lower)
    .filter((x) => x.value === name);
  if (!ms.length) return name;
  const q = ms.map((m) => ACUITY.exec(lower.slice(Math.max(0, m.start - 25), m.start))).find(Boolean);
  const acuity = q && !new RegExp(`\\b${q[1]}\\b`).test(name) ? `${q[1]} ` : '';
  // The side only where one side is said of the part in the sentence (no "left, wait, right", no both).
  let site = '';
  for (const m of ms) {
    const after = SITE_AFTER.exec(lower.slice(m.end));
    const part = SITE_WORD.exec(lower.slice(m.start, m.end))?.[1];
    const before = part ? SIDE_BEFORE.exec(lower.slice(Math.max(0, m.start - 6), m.start)) : null;
    if (after && !new RegExp(`\\b${after[2]}`).test(name)) site = ` of the ${after[1]} ${after[2]}`;
    else if (before && part) site = `, ${before[1]} ${part}`;
    if (site) break;
  }
  if (site && /\bleft\b/.test(lower) && /\bright\b/.test(lower)) site = '';
  return `${acuity}${name}${site}`;
}

/** A cancer's stage said with it ("it looks like stage three a disease"). */
const STAGE_SAID = /\bstage (one|two|three|four|[1-4]|iv|i{1,3})(?:[ -]?([abc]))?(?![a-z0-9])/;
const STAGED_PROBLEM = /\b(?:cancer|carcinoma|lymphoma|melanoma|sarcoma|myeloma|leukemia|tumou?r)\b/;
const ROMAN: Record<string, string> = {
  one: 'I',
  two: 'II',
  three: 'III',
  four: 'IV',
  '1': 'I',
  '2': 'II',
  '3': 'III',
  '4': 'IV',
};

/** A cancer's heading with the stage the sentence gives it: "Ovarian cancer, stage IIIA". */
function staged(lower: string, heading: string): string {
  const m = STAGED_PROBLEM.test(heading) ? STAGE_SAID.exec(lower) : null;
  return m ? `${heading}, stage ${ROMAN[m[1]!] ?? m[1]!.toUpperCase()}${(m[2] ?? '').toUpperCase()}` : heading;
}

/** The doctor giving a condition its name ("we call this…", "what you have is…", "the diagnosis is…"). */
const NAMING =
  /\b(?:we call (?:this|that|it)|(?:this|that|it) is called|(?:this|that|it)'s called|what you have is|(?:my |the )?diagnosis is)\b/;
const DIAGNOSIS_STOP =
  /^(?:which|that|what|and|so|but|because|where|when|with|in|of|on|from|or|is|it|it's|i|we|you|this|they|there|as|like|to|at|right|now|okay|yeah|um|uh|i'll|we'll|let's|will|take|start|use|apply|continue)$/;
const DIAGNOSIS_HEAD =
  /(?:itis|osis|opathy|algia|emia|oma|plasia|rigidus|spasm|strain|sprain|tear|fracture|infection|disease|syndrome|disorder|dependence|deficiency|reflux|stones?|cyst|nodule|ulcer|hernia|contusion|rupture|dislocation|impingement|insufficiency|failure|dysfunction|regurgitation|stenosis|hypertrophy|effusion|pneumonia|influenza|migraine|(?:tension|cluster|rebound|tension-type|tension type) headaches?|eczema|psoriasis|gout|apnea|fibrillation|eruption|urticaria|concussion|laceration|abscess|shingles|(?:golfer's|tennis|runner's|jumper's) (?:elbow|knee))$/;
const DIAGNOSIS_HEDGE =
  /\b(?:might|may|could|possibl[ey]|probably|likely|concern(?:ed|ing)? for|suspicious for|rule out|suspect|sounds like)\b/;

/** Whether the words just before a problem's name hedge it ("it sounds like you have a torn or injured mcl"). */
function hedgedAt(lower: string, name: string): boolean {
  const m = problemMention(lower, name);
  return !!m && DIAGNOSIS_HEDGE.test(lower.slice(Math.max(0, m.start - 40), m.start));
}

/** The diagnosis a doctor's sentence states, and whether it is hedged; null when it states none. */
/**
 * "So this is an ankle sprain.", "It looks like lateral epicondylitis.": a diagnosis stated bare at the start of a
 * sentence, read only when the problem lexicon knows what it names (a bare "this is" introduces much else).
 */
const LEADING_DIAGNOSIS =
  /(?:^|\bso\s+)(?:(?:so|okay|ok|alright|all right|well|now|and|yeah)\b[, ]*)*(?:this|that|it)(?: is|'s| (?:looks|sounds|seems) like| should be(?:ing)?)\s+(?:an? |the |just |likely |probably |possibly |most likely |(?:may|might|could) be )*([a-z' -]{3,60})/;

function statedDiagnosis(lower: string): { name: string; suspected: boolean } | null {
  let m = DIAGNOSIS_STATEMENT.exec(lower);
  const leading = !m;
  if (!m) {
    m = LEADING_DIAGNOSIS.exec(lower);
    if (!m) return null;
    const head = m[1]!
      .split(
        /[,.;]| (?:and|but|so|which|that|because|with|from|in|of|on|we|i|i'll|we'll|let's|take|start|use|apply) /,
      )[0]!
      .trim();
    const known = lexicons().problems.match(head);
    if (!(known.length && known[0]!.start <= 12) && !(head.split(' ').length <= 3 && DIAGNOSIS_HEAD.test(head)))
      return null;
  }
  // "I don't think you have a fracture": denied, not stated; "it's not a fracture", "this is not shingles": the
  // negation opens what the frame reads as the name.
  if (negatedAt(lower, m.index + m[0].length - m[1]!.length, m.index + m[0].length)) return null;
  if (/^(?:not|no|never|nothing|neither)\b/.test(m[1]!)) return null;
  const words = m[1]!.split(' ').filter(Boolean);
  const stop = words.findIndex((w, i) => i > 0 && DIAGNOSIS_STOP.test(w));
  let name = (stop >= 0 ? words.slice(0, stop) : words)
    .slice(0, 5)
    .join(' ')
    .replace(/[-' ]+$/, '');
  // "my impression is that you probably have a contusion": the frame names no diagnosis itself; the statement inside
  // it does.
  if (!leading && /^that /.test(m[1]!) && !DIAGNOSIS_HEAD.test(name)) {
    const inner = statedDiagnosis(lower.slice(m.index + m[0].length - m[1]!.length));
    if (inner) return inner;
  }
  // A leading "so this is a uti": the lexicon's problem, named whole, is a diagnosis whatever its ending.
  if (
    !DIAGNOSIS_HEAD.test(name) &&
    !(
      leading &&
      lexicons()
        .problems.match(name)
        .some((x) => x.start === 0 && x.end === name.length)
    )
  )
    return null;
  // "a strain of your posterior cruciate ligament": an injury keeps what it is of.
  if (
    !leading &&
    stop >= 0 &&
    /^(?:of|in)$/.test(words[stop]!) &&
    /(?:strain|sprain|tear|fracture|contusion|rupture)$/.test(name)
  ) {
    const rest = words.slice(stop + 1).filter((w, i) => !(i === 0 && /^(?:your|the|his|her|their|my)$/.test(w)));
    const end = rest.findIndex((w) => DIAGNOSIS_STOP.test(w));
    const site = (end >= 0 ? rest.slice(0, end) : rest).slice(0, 4).join(' ');
    if (site) name = `${name} of the ${site}`;
  }
  return { name, suspected: DIAGNOSIS_HEDGE.test(lower.slice(Math.max(0, m.index - 40), m.index + m[0].length)) };
}

/**
 * A disease named for its vaccine, test or screening ("you have completed your covid-19", "the flu shot", "hepatitis b
 * vaccine", "covid test negative"): prevention or a test, not the patient's problem.
 */
const PREVENTION_BEFORE =
  /\b(?:completed|finished|received|due for|up to date (?:on|with)|vaccinated (?:against|for)|immuni[sz]ed (?:against|for)|vaccin\w* (?:for|against)|shots? (?:for|against)|(?:tested|testing|screened|screening|swabbed) (?:for|positive for|negative for)|tests? for)\s+(?:(?:your|his|her|their|the|all|both|a|an|first|second|third|last) |doses? of |series of )*$/;
const PREVENTION_AFTER =
  /^(?:\s*-?\s*19)?\s*(?:vaccin\w*|shots?|boosters?|immuni[sz]\w*|tests?|testing|swabs?|screen\w*|titers?|antibod\w*|series|doses?|jabs?|(?:was |is |came back )?(?:negative|positive))\b/;
function namesPrevention(lower: string, start: number, end: number): boolean {
  return PREVENTION_BEFORE.test(lower.slice(Math.max(0, start - 60), start)) || PREVENTION_AFTER.test(lower.slice(end));
}

/**
 * A return precaution for any problem ("if your symptoms worsen, just give me a call", "call me if you have any
 * concerns"): it names no condition, symptom, drug or body site.
 */
const GENERAL_CALL =
  /\b(?:call|message|contact|give (?:me|us) a call|let (?:me|us) know|come (?:on )?back|return)\b[^.]*\b(?:any (?:questions|concerns|problems|issues)|questions or concerns|concerns or questions|(?:your |the |his |her |their )?symptoms? (?:worsen|get worse|gets worse|persist|do not improve|don't improve|change)|(?:things|anything) (?:get|gets) worse|(?:you|he|she|they) (?:get|gets|feel|feels) worse)\b|\b(?:any (?:questions|concerns)|(?:your |the |his |her |their )?symptoms? (?:worsen|get worse|persist)|(?:things|anything) (?:get|gets) worse)\b[^.]*\b(?:call|message|contact|let (?:me|us) know|come (?:on )?back|return)\b/;
function generalPrecaution(lower: string): boolean {
  return (
    GENERAL_CALL.test(lower) && !lexicalAnchor(lower) && !(lower.match(/[a-z]+/g) ?? []).some((w) => BODY_SITE.test(w))
  );
}

/** "My impression is that you have this episode of chest pain": the assessment names a symptom as the problem. */
const IMPRESSION_OF =
  /\b(?:my|the|our) (?:impression|assessment)(?: today| here)? (?:is )+(?:that )?(?:(?:you|he|she|they) (?:have|has|had|are having|is having|were having|was having) )?(?:(?:this|an?|the|some|these|that) )?(?:(?:episodes?|bouts?|history) of )?(?:(?:an?|the|some|your|his|her) )?([a-z' -]{3,60})/;

/** The doctor naming the diagnosis that explains the problem ("seem consistent with", "we call", "what you have is"). */
const EXPLAINING_DIAGNOSIS =
  /\b(?:consistent with|we call (?:this|that|it)|what (?:you|he|she|they) ha(?:ve|s) is|i think (?:this|it) is|(?:this|that|it)(?: is|'s) called)\b/;
/** A problem named as what a treatment clears: "clear up the pneumonia", "treat your current infection". */
const TREATED_OBJECT =
  /\b(?:clear(?:ing)?(?: up)?|treat(?:ing)?|get(?:ting)? rid of|knock(?:ing)? out|fight(?:ing)? off)\s+(?:(?:the|your|his|her|their|this|that|these|those|current|any|of) )*$/;
/** A sentence that opens a problem by its order: "for your second problem", "number two". */
const OPENS_PROBLEM =
  /\b(?:for|regarding|as for|in terms of|moving on to) (?:your|his|her|their|the) (?:(?:first|second|third|fourth|next|last|other|new) )?(?:problem|issue|concern|diagnosis)\b|\bnumber (?:one|two|three|four|five|[1-9])\b/;
/**
 * A problem list dictated item by item ("assessment and plan. chronic chf. mixed presentation." | "number 2, pre-op
 * examination." | "the next one is diabetes."): the item's number or its place in the list opens it, and what it
 * names is the whole sentence.
 */
const LIST_ITEM =
  /^(?:(?:uh|um|so|and|okay|ok|now|then)[, ]+)*(?:number (?:one|two|three|four|five|six|[1-9])|(?:the )?(?:next|last|other) one (?:is|would be)|next (?:is|up is)|(?:the )?(?:first|second|third|fourth|fifth) one is)[,:]?\s+/;
const LISTED_NAME = new RegExp(`${LIST_ITEM.source}(?:an? |the )?([a-z][a-z' -]{2,60}?)[.!]?$`);
/** The opener's words before the problem it names: "For your first problem of ". */
const OPENER_LEAD =
  /^(?:(?:so|and|now|okay|alright)[, ]+)*for (?:your|his|her|their|the) (?:(?:first|second|third|fourth|next|last|other|new|primary|main) ){0,2}(?:problem|issue|concern|diagnosis)s?,? (?:of |with |is |being |regarding )?(?:your |his |her |their |the |this |that )?/i;
/** A known problem said as a list item, or as the whole sentence ("chronic chf."). */
function listedProblem(lower: string, start: number, end: number): boolean {
  const before = lower.slice(0, start);
  const item = LIST_ITEM.exec(before);
  if (item && item[0].length === before.length) return true;
  const rest = `${before} ${lower.slice(end)}`.replace(
    /\b(?:uh|um|so|and|okay|acute|chronic|recurrent|mild|moderate|severe|uncontrolled|controlled|stable)\b/g,
    ' ',
  );
  return !/[?]/.test(lower) && !/[a-z0-9]/.test(rest);
}

/** What a test is done for ("just to follow up on that heart murmur", "to evaluate your …"). */
const WORKUP_PURPOSE =
  /\bto (?:follow up on|follow up|check on|look at|look into|evaluate|assess|rule out|monitor|keep an eye on|make sure (?:about|of)) (?:(?:that|the|your|his|her|their|this|any) )?$/;

const OPENER_STOP =
  /^(?:i|i'm|we|we're|we'll|it|it's|that|that's|which|so|and|but|because|let's|you're|you've|they|he|she|is|are|was|has|have|seems|sounds|looks)$/;
/** A clause that only makes sense after the sentence it depends on. */
/** A purpose said on its own after an order: "(just) to make sure that he doesn't have any disc herniation". */
const RULE_OUT_PURPOSE =
  /^(?:just )?to (?:make sure|ensure|confirm) (?:that )?(?:he|she|they|you|there) (?:doesn't|does not|don't|do not|isn't|is not|aren't|are not) (?:have |has |any )?(?:any |an? )?([a-z][a-z -]{2,40}?)(?:,? or anything (?:like that|else))?[.!]?$/i;

const DEPENDENT_START = /^(?:because|so that|which|that's why|and that's why|since|although)\b/i;

const REASONING =
  /\b(?:likely|probably|consistent with|suggest\w*|because|due to|caused by|cause|sign of|diagnos\w*|impression|assessment|concern\w*|worried|think (?:you|he|she|they|it|this|that)|looks like|appears|seems|fracture|sprain|strain|tear|infection|inflammation|arthritis|stable|controlled|improv\w*|worse\w*|better|normal|abnormal|elevated|high|low|positive|negative|no cure|cur(?:e|able)|flare[- ]?ups?|flares|(?:go|goes|went) away on (?:its|their) own|resolves? on (?:its|their) own|self[- ]limit\w*|related to)\b/;

/** A condition, symptom or drug named in the sentence. */
function lexicalAnchor(lower: string): boolean {
  const lex = lexicons();
  return (
    lex.symptoms.match(lower).length > 0 ||
    lex.problems.match(lower).length > 0 ||
    lex.medications.match(lower).length > 0
  );
}

/**
 * A condition named only as the time or the setting of a story, not as the patient's: an era ("working at home during
 * covid", "since the pandemic") or other people's illness ("delivering results to patients with covid"). Taken out
 * before a copied history sentence is checked for a clinical anchor, so small talk that names one is not kept for it.
 */
const INCIDENTAL_CONDITION =
  /\b(?:(?:during|since|before|after|through(?:out)?|because of|due to|in|with)(?: the)?(?: whole)? (?:covid(?:-19)?|coronavirus|pandemic|lockdowns?|quarantine)|(?:patients|people|folks|clients|customers|students|residents|others|everybody|everyone) (?:with|who (?:have|had|has)) (?:[a-z'-]+ ){0,2}[a-z'-]+|(?:covid(?:-19)?|coronavirus|pandemic) (?:clinics?|units?|wards?|floors?|centers?|centres?|patients|response|team))\b/g;

function withoutIncidental(lower: string): string {
  return lower.replace(INCIDENTAL_CONDITION, ' ');
}

/** A sentence copied on its own does not open with a link to the one before it ("Then it's been stiff"). */
/** "No, but she stopped taking…": the yes or no answered a question the sentence does not carry. */
// A "no" not followed by "but" may negate what follows ("No fever, some chills"): only "no, but" and a "yes" before a
// pronoun are taken off.
const ANSWER_LEAD =
  /^(?:(?:no|nope|nah|yes|yeah|yep),?\s+but\s+|(?:yes|yeah|yep),?\s+(?=(?:i|he|she|they|it|we|my|his|her|their)\b))(?=(?:\S+\s+){3})/i;
/** "…, and that's always a good thing": a comment on the story, not part of it. */
const COMMENT_TAIL =
  /,?\s+(?:and\s+)?(?:(?:that's|which is|that is)\s+(?:always\s+|really\s+|definitely\s+)?(?:a\s+)?(?:good|great|nice|bad)\s+(?:thing|news|sign)|(?:it's|that's|it was)\s+(?:kind of\s+|a little\s+|a bit\s+|so\s+|really\s+)?embarrassing)\b.*$/i;

/**
 * "His wife made him push a refrigerator…": who made the patient do it is not history; what the patient did is ("He
 * had to push a refrigerator…").
 */
const MADE_BY =
  /^(?:(?:his|her|their) (?:wife|husband|partner|girlfriend|boyfriend|mom|mother|dad|father|son|daughter|kids?|boss|friends?|neighbou?r)) (?:made|had) (him|her|them) (?=[a-z]+ )/i;
const SUBJECT_OF: Record<string, string> = { him: 'He', her: 'She', them: 'They' };

/**
 * "…and jerry ran into me": a bare word before a verb of contact, with no article or possessive, is a person's name;
 * a note says who it was by role, not by name ("another person ran into them").
 */
const NAMED_AGENT =
  /\b(and|when|then|until|because|before|after|as|so|that|,)\s+([a-z]+)\s+(?=(?:ran|run|bumped|crashed|slammed|rammed|banged|fell|landed|stepped|rolled|came down) (?:into|on|onto|in to)\b|(?:hit|kicked|pushed|tackled|elbowed|shoved|tripped|knocked|collided|struck|bit)\b)/gi;
const NOT_A_NAME =
  /^(?:i|you|he|she|it|we|they|who|which|that|this|there|someone|somebody|something|anyone|anybody|everyone|everybody|nobody|everything|nothing|one|then|suddenly|just|accidentally|also|almost|never|always|really|basically|actually|mom|dad|mommy|daddy|grandma|grandpa|lightning|water|ice)$/i;

/** A patient's sentence as HPI prose: without an answer's leading yes/no or a trailing comment. */
function hpiProse(t: string | null): string | null {
  if (!t) return null;
  const out = t
    .replace(ANSWER_LEAD, '')
    .replace(COMMENT_TAIL, '.')
    .replace(MADE_BY, (_, who: string) => `${SUBJECT_OF[who.toLowerCase()]} had to `)
    .replace(NAMED_AGENT, (all: string, link: string, word: string) =>
      NOT_A_NAME.test(word) ? all : `${link} another person `,
    );
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * The tail of the clause before, cut from it where speech was split ("…it's like 6 or so | weeks right now and it's on
 * my right foot", "…for so long | now it's still quite itchy"): one to three words with no subject, then "and" or
 * "now" and a new clause. The tail says nothing alone; the clause after it is the sentence.
 */
const DANGLING_HEAD =
  /^((?:[a-z'-]+[\s,]+){0,2}?[a-z'-]+)[\s,]+(?:and[\s,]+)?(?:(?:right )?now[\s,]+)?(?=(?:it|it's|they|they're|they've|he|he's|she|she's|there|there's|we|i)\s)/i;
const TIME_WORDS =
  /\b(?:yesterday|today|tonight|morning|afternoon|evening|night|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|last|this|since|ago|before|after|first|then|later|once|initially|recently|lately)\b/i;

function withoutDanglingHead(t: string): string {
  // "They and now they are able to put some weight on it": the subject said again after a restart.
  const again = /^(it|they|he|she|we|i) and (?=(?:now|then) \1\b)/i.exec(t);
  if (again) return t.charAt(again[0].length).toUpperCase() + t.slice(again[0].length + 1);
  const m = DANGLING_HEAD.exec(t);
  if (!m || !/\b(?:and|now)[\s,]*$/i.test(m[0])) return t;
  const head = m[1]!.toLowerCase();
  if (FINITE.test(head) || TIME_WORDS.test(head) || HPI_TERMS.test(head) || lexicalAnchor(head)) return t;
  const rest = t.slice(m[0].length);
  const trimmed = rest.charAt(0).toUpperCase() + rest.slice(1);
  // Not when the clause alone would read as speech the history drops (see SPEECH_BELOW) where the whole did not.
  const below = SPEECH_BELOW.history!.below;
  const score = (x: string) => noteLikelihood(repairRegister(x));
  if (contentWords(rest) < 2 || (score(trimmed) < below && score(t) >= below)) return t;
  return trimmed;
}

/**
 * A copied sentence that had a run-in question or a "they would say" in it is unpunctuated speech: it is split clause
 * by clause from this length, not only past RUN_ON_WORDS.
 */
const FRAMED_RUN_ON = 12;

/** A clause with no subject ("Most of the days.") opens the clause after it ("Most of the days, they feel fine…"). */
function withFragmentsJoined(clauses: string[]): string[] {
  const out: string[] = [];
  let head = '';
  for (const [i, c] of clauses.entries()) {
    if (i < clauses.length - 1 && !FINITE.test(c)) {
      head += `${c.replace(/[.!]$/, '')}, `;
      continue;
    }
    out.push(head ? `${head}${c.charAt(0).toLowerCase()}${c.slice(1)}` : c);
    head = '';
  }
  return out;
}

const LEADING_LINK = /^(?:then|and then|and|but|also|actually|lastly|like|so)\b,?\s+/i;

/** The doctor asking how an injury or a problem came about. */
const MECHANISM_Q =
  /\b(?:how did (?:this|that|it|you) (?:happen|start|begin|hurt|injure)|what happened|how did you (?:hurt|injure|do) )/;

/** What the patient was doing when it happened ("I was playing tennis", "while we were hiking"). */
const ACTIVITY_THEN =
  /\b(?:i was|we were|while|when i was) (?:\w+ )?(?:playing|skiing|snowboarding|skating|hiking|biking|riding|running|jogging|climbing|lifting|swimming|surfing|dancing|working|moving|carrying|walking)\b/;

/** Whether a patient's sentence is the first sentence of the answer to a question about a symptom or an injury. */
/** What may follow a pronoun that is a verb's object: the clause goes on, the pronoun is no determiner ("that cream"). */
const AFTER_OBJECT =
  /^(?:[,.;!?]|$|(?:every|each|with|at|in|on|for|and|but|or|when|whenever|twice|once|daily|before|after|as|because|about|like|still|too|anymore|regularly|so|only|if|then|now|all|most|sometimes|usually|around|until|since|i|he|she|they|we|you)\b)/;
/** A drug's pronoun as the object of taking or using it ("i take it every morning", "i'll use that"). */
const DRUG_OBJECT =
  /\b(?:take|takes|taking|took|use|uses|using|used|apply|applies|applying|applied|put on|stopped|stop|started|start|inject|injecting)\s+(it|that|them|those)\b/g;
/** A procedure's pronoun as the subject of when it was or how it went ("that was three months ago"). */
const PROCEDURE_SUBJECT =
  /^((?:(?:yes|yeah|yep|yup|so|well|and|oh|um|uh|okay)\b[,\s]*)*)(it|that)(?:'s| was| went| healed)\b/;
/** "They removed a cataract": the operation named by its verb. */
const REMOVED = /\b(?:removed|took out) (?:a|an|the|your|my|his|her|their) ((?:\w+ ){0,2}\w+)/;

/** The one drug, or the one procedure, a text names; null where it names none, or more than one. */
function oneNamed(text: string, kind: 'drug' | 'procedure'): string | null | 'many' {
  const lower = text.toLowerCase();
  const lex = lexicons();
  let names: string[];
  if (kind === 'drug')
    names = lex.medications
      .match(lower)
      .filter((m) => !m.value.generic)
      .map((m) => m.phrase);
  else {
    names = lex.surgeries.match(lower).map((m) => m.phrase);
    const removed = REMOVED.exec(lower);
    const problem = removed ? lex.problems.match(removed[1]!)[0] : undefined;
    if (problem) names.push(`${problem.phrase} removal`);
  }
  const distinct = [...new Set(names)];
  return distinct.length === 1 ? distinct[0]! : distinct.length ? 'many' : null;
}

/**
 * "Are you taking the lisinopril?" "I take it every morning.": a patient's "it", "that" or "them" for the drug (as what
 * is taken or used) or the procedure (as what was, or went) named in the sentence before it in the same turn, else
 * in the doctor's question it answers, is written as that drug or procedure, so the copied sentence says what it is
 * about. Where the nearer sentence names several, or neither names one, the sentence stays as it is.
 */
function withReferent(ex: ExtractionContext, s: Sentence, turns: readonly Turn[]): Sentence {
  if (s.speaker !== 'patient') return s;
  const drug = [...s.lower.matchAll(DRUG_OBJECT)].filter((m) =>
    AFTER_OBJECT.test(s.lower.slice(m.index + m[0].length).trimStart()),
  );
  const procedure = PROCEDURE_SUBJECT.exec(s.lower);
  if (!drug.length && !procedure) return s;
  const kind = drug.length ? 'drug' : 'procedure';
  // A drug or procedure the sentence names before the pronoun may be what it means ("I stopped the Lasix because
  // it…"); one named after it ("with my multivitamin") is not.
  const pronounAt = drug.length ? drug[0]!.index + drug[0]![0].length : procedure![0].length;
  if (oneNamed(s.lower.slice(0, pronounAt), kind) !== null) return s;
  // The sentence before it in the turn, else the doctor's question (the whole asking turn, and the doctor's turn
  // before a backchannel: "i know they removed a cataract from your eye-" "mm-hmm." "a couple months ago. that's
  // been fine?").
  const prev = ex.previous.get(s);
  const sources: Array<{ text: string; turns: number[] }> = [];
  if (prev && prev.turn === s.turn) sources.push({ text: prev.text, turns: [s.turn] });
  const asking = turns[s.turn - 1];
  if (asking?.speaker === 'doctor') {
    let text = asking.text;
    const cited = [asking.index];
    const gap = turns[s.turn - 2];
    const earlier = turns[s.turn - 3];
    if (gap?.speaker === 'patient' && BACKCHANNEL.test(gap.text.toLowerCase()) && earlier?.speaker === 'doctor') {
      text = `${earlier.text} ${text}`;
      cited.push(earlier.index);
    }
    sources.push({ text, turns: cited });
  }
  let name: string | null = null;
  let from: number[] = [];
  for (const src of sources) {
    const found = oneNamed(src.text, kind);
    if (found === 'many') return s;
    if (found) {
      name = found;
      from = src.turns;
      break;
    }
  }
  if (!name) return s;
  let text = s.text;
  if (drug.length) {
    // The first: a later "it" has the drug named before it ("I do take metformin, I take it with breakfast").
    const m = drug[0]!;
    const at = m.index + m[0].length - m[1]!.length;
    text = text.slice(0, at) + name + text.slice(at + m[1]!.length);
  } else {
    const at = procedure![1]!.length;
    text = text.slice(0, at) + name + text.slice(at + procedure![2]!.length);
  }
  const named = { ...s, text, lower: text.toLowerCase() };
  // The line written from it cites the turn that named the drug or procedure too.
  REFERENT_TURNS.set(named, from);
  return named;
}
/**
 * A patient's "it" whose state is told ("i think it's a bit better", "it's going okay", "the medication helped it go
 * down"): the condition it stands for, as a note writes it.
 */
const TOPIC_STATE =
  /^((?:(?:yes|yeah|yep|yup|so|well|and|oh|um|uh|okay|ok|i'm doing well|i'm doing good)\b[,.\s]*)*)((?:i think|i feel like|i'd say) )?it(?:'s| is| has been| has gotten| has| seems| feels| got)(?= (?:(?:a|a little|a lot|so much|much|way|really|pretty|quite|definitely|been|gotten|doing|going|kind of) )*(?:bit )?(?:better|worse|improved|improving|okay|ok|fine|good|well|under control|controlled|gone|stable)\b)/;
/** A doctor's turn that only asks how the patient is: it names nothing a patient's "it" could stand for. */
const GENERIC_ASK =
  /^[\s,.!?]*(?:(?:so|and|okay|ok|well|alright|all right|hi|hello|good|great|now)\b[\s,.!?]*)*how (?:are|have) you (?:been|doing|feeling)(?: (?:today|lately|recently|since (?:then|last time)))?[\s,.!?]*$/;
const TOPIC_OBJECT = /\b(?:helped|helps|cleared up|cleared|controls|controlled|calmed) it\b/;
/** A body part a sentence names, as a word ("knee", "back"). */
const namesBodyPart = (lower: string) => (lower.match(/[a-z]+/g) ?? []).some((w) => BODY_SITE.test(w));

/**
 * "How are you doing with your gout?" "The medication helped it go down.": a patient's "it" for the condition whose
 * state is told, with nothing before it in the turn to name what it is, is written as the one condition the doctor's
 * question names ("The medication helped the gout go down."). Where the question names nothing clinical either, the
 * sentence is an orphan and null is returned (it is not copied); else the sentence stays as it is.
 */
function withTopic(ex: ExtractionContext, s: Sentence, turns: readonly Turn[]): Sentence | null {
  if (s.speaker !== 'patient') return s;
  const state = TOPIC_STATE.exec(s.lower);
  const object = state ? null : TOPIC_OBJECT.exec(s.lower);
  if (!state && !object) return s;
  // Something the sentence names before the pronoun, or a sentence before it in the turn, is what "it" may mean.
  const before = s.lower.slice(0, state ? state[1]!.length : object!.index);
  if (lexicalAnchor(before) || namesBodyPart(before)) return s;
  for (let prev = ex.previous.get(s); prev && prev.turn === s.turn; prev = ex.previous.get(prev))
    if (lexicalAnchor(prev.lower) || namesBodyPart(prev.lower)) return s;
  const asking = turns[s.turn - 1];
  if (asking?.speaker !== 'doctor') return s;
  const asked = asking.text.toLowerCase();
  const lex = lexicons();
  const named = new Set([...lex.problems.match(asked), ...lex.symptoms.match(asked)].map((m) => m.phrase));
  // A phrase inside a longer one is the same condition ("reflux" in "reflux symptoms").
  const topics = [...named].filter((n) => ![...named].some((o) => o !== n && o.includes(n)));
  if (topics.length !== 1) {
    // Only asked how the patient is ("how are you doing?"), and naming nothing itself: "it" has no referent a note
    // could write.
    return !topics.length && GENERIC_ASK.test(asked) && !lexicalAnchor(s.lower) && !namesBodyPart(s.lower) ? null : s;
  }
  const topic = `the ${topics[0]}`;
  // "i think it's a bit better" → "the reflux is a bit better": the condition is the subject, the hedge goes.
  const from = state ? state[1]!.length : object!.index + object![0].length - 2;
  const to = state ? from + (state[2]?.length ?? 0) + 2 : from + 2;
  // "it's improved" → "the pain has improved"; "it's better" → "the pain is better".
  const verb = s.lower.startsWith("'s", to)
    ? /^'s (?:\w+ )?(?:\w+ed|been|gotten|got)\b/.test(s.lower.slice(to))
      ? ' has'
      : ' is'
    : '';
  const text = s.text.slice(0, from) + topic + verb + s.text.slice(verb ? to + 2 : to);
  const written = { ...s, text, lower: text.toLowerCase() };
  REFERENT_TURNS.set(written, [asking.index]);
  return written;
}
/** The turns that named what a rewritten sentence's pronoun stands for (see withReferent). */
const REFERENT_TURNS = new WeakMap<Sentence, number[]>();

function answersClinicalQuestion(ex: ExtractionContext, s: Sentence): boolean {
  if (s.pos !== 0 || s.speaker !== 'patient') return false;
  const asked = ex.answered.get(s.turn)?.questions ?? [];
  // A bare yes or no is the question's own line; an answer that says something is history.
  if (SHORT_ANSWER.test(s.lower)) return false;
  return asked.some(
    (q) => HPI_TERMS.test(q.lower) || lexicalAnchor(q.lower) || /\b(?:land|able to|get up|happen)\w*/.test(q.lower),
  );
}

/** A sentence that opens on its subject or a time ("I can't…", "it wakes me up…", "only when…"), not a fragment. */
const SUBJECT_FIRST =
  /^(?:(?:and|but|so|well|um|uh|oh|yeah|yes|no|okay),? )*(?:i|i'm|i've|it|it's|my|she|he|they|we|the|this|that|when|only|mostly|sometimes|usually|especially|if)\b/;
/** What a history does with a body part, lost ("I can't lift her", "it's hard to kneel"). */
const ACTS = 'lift|walk|reach|kneel|climb|bend|grip|hold|carry|raise|turn|stand|drive|put|squat|type|dress';
/**
 * What a history keeps about a complaint however it was said, though it names no symptom: exertion ("only when I'm
 * walking uphill"), the night ("it wakes me up"), rest, missed doses ("I missed a few doses last week") and function
 * lost ("I can't lift her out of the crib").
 */
const HISTORY_MODIFIER = new RegExp(
  `\\b(?:(?:missed|missing|skipped|skipping|forgot|forget|forgetting) (?:(?:to take|a|my|her|his|their|some|the|a few|few|a couple of|couple of|several|\\w+) )*(?:doses?|pills?|medications?|medicines?|insulin|shots?|inhalers?)|doses|ran out of|uphill|up (?:the )?(?:stairs|hill|steps)|exert\\w*|at rest|at night|(?:wakes?|woke|waking) (?:me|them|him|her) up|(?:can't|cannot|can not|unable to|hard to|trouble) (?:even )?(?:${ACTS})\\b)`,
);

/**
 * Whether a patient's sentence carries history: a symptom, condition, drug, body part or clinical noun, or
 * exertion, the night, a missed dose or function lost (HISTORY_MODIFIER) opening on its subject. `before` is the
 * turn said just before the sentence's turn.
 */
function hpiAnchor(ex: ExtractionContext, s: Sentence, before?: Turn): boolean {
  const own = withoutIncidental(s.lower);
  if (HPI_TERMS.test(own) || lexicalAnchor(own) || (HISTORY_MODIFIER.test(own) && SUBJECT_FIRST.test(own))) return true;
  const asked = ex.answered.get(s.turn)?.questions ?? [];
  // The first sentence of the answer to "how did this happen?" is the mechanism ("I was playing volleyball"), also
  // when the question was not marked as one ("so i see you hurt your foot could you tell me what happened").
  if (s.pos === 0 && asked.some((q) => MECHANISM_Q.test(q.lower))) return true;
  // Unpunctuated, the question is not paired with its answer ("so i see you hurt your foot could you tell me what
  // happened"): an answer that names what the patient was doing then is the mechanism ("I was playing tennis").
  if (
    s.pos === 0 &&
    !asked.length &&
    before?.speaker === 'doctor' &&
    ACTIVITY_THEN.test(s.lower) &&
    MECHANISM_Q.test(before.text.toLowerCase().slice(-80))
  )
    return true;
  if (!LIFESTYLE_TERMS.test(s.lower)) return false;
  return asked.some((q) => LIFESTYLE_TERMS.test(q.lower));
}

/**
 * How an injury came about: what a history keeps however it was said. Lifting, pushing or dropping something heavy is
 * a mechanism too ("his wife made him push a refrigerator out through the other room").
 */
const MECHANISM =
  /\b(?:bit|bitten|bite|fell|fallen|fall|tripped|slipped|twisted|injured|accident|collision|crashed|hit (?:my|his|her|their|the)(?! (?:balls?|gym|road|hay|books|button|snooze)\b)|pop|popped|snap|snapped|(?:lift(?:ed|ing)?|push(?:ed|ing)?|pull(?:ed|ing)?|carr(?:y|ied|ying)|mov(?:e|ed|ing)|drop(?:ped|ping)?) (?:a|an|the|some|this|that|his|her|their|heavy) (?:(?:heavy|big|large|huge) )?(?:[a-z]+ )?(?:refrigerator|fridge|couch|sofa|furniture|boxe?s?|bricks?|rocks?|stones?|weights?|dresser|table|desk|piano|washer|dryer|tv|television|mattress|bags?|cases?|logs?|lumber|tires?|(?:[a-z]+ )?(?:that|which) (?:was|were) heavy))\b/;

/**
 * The doctor reading the injury back from the chart or the referral before asking about it ("so i see here that …
 * it looks like you were doing some yard work yesterday and dropped a landscape brick on your foot can …"): the last
 * cue's clause, up to the question that follows it.
 */
const CHART_CUE =
  /\b(?:i see (?:here )?(?:in (?:the |your )?[a-z' ]{2,30}? )?(?:that )?|(?:it )?looks like |i understand (?:that )?|i hear(?:d)? (?:that )?|(?:i was |i've been |i'm )?told (?:that )?)(?=you(?:'ve|'re)? )/g;
const CHART_END =
  /[.?!]|\s(?:can|could|would|will|do|did|does|are|have|is) (?:you|that|it|what)\b|\s(?:tell me|what|how|so|and so)\b/;
const INJURY_SAID = new RegExp(`${MECHANISM.source}|\\bhurt (?:your|his|her|their|the)\\b|\\bbroke\\b`);

function chartInjury(s: Sentence, sex: Sex, transcript: Transcript): string | null {
  if (s.speaker !== 'doctor') return null;
  const cue = [...s.lower.matchAll(CHART_CUE)].pop();
  if (!cue) return null;
  const rest = s.text.slice(cue.index + cue[0].length);
  const end = rest.toLowerCase().search(CHART_END);
  const clause = cleanSpoken(end >= 0 ? rest.slice(0, end) : rest);
  if (!clause || clause.split(/\s+/).length < 4 || !INJURY_SAID.test(clause.toLowerCase())) return null;
  // "you're experiencing … did you say": a question, not what the chart says.
  if (/^you (?:said|mentioned|told)\b/i.test(clause)) return null;
  // The chart's side, when the patient names the other side of the same part, is the doctor's slip ("you hurt your
  // left foot" … "it's my right foot"): not written.
  const sided = /\b(left|right) ([a-z]+)/.exec(clause.toLowerCase());
  if (sided) {
    const other = new RegExp(`\\b${sided[1] === 'left' ? 'right' : 'left'} ${sided[2]}`);
    if (transcript.turns.some((t) => t.speaker === 'patient' && other.test(t.text.toLowerCase()))) return null;
  }
  const t = toThirdPerson(clause, 'doctor', sex);
  return finishSentence(t.charAt(0).toUpperCase() + t.slice(1));
}

const HURT_WORD = /^(?:hurts?|hurting|aches?|aching|achy|sore|painful)$/;
/** A past history read to the patient from the chart, and what it names ("a previous surgical history of a colectomy"). */
const HISTORY_Q =
  /\b(?:you (?:have|had|'ve had)|you've had) (?:a |an )?(?:(?:past|previous|prior|pre- previous) )?(?:medical |surgical )?history of\b\s*(?:an? |some )?([a-z' -]{0,40})/;
/** A follow-up question that points back at what the question before named ("you take fluocinonide for that?"). */
const POINTS_BACK = /\b(?:for (?:that|it|this)|with (?:that|it)|there|that happen)\b/;

/**
 * Whether a patient's sentence answers a question about a past or other condition read from the chart ("it looks like
 * you have a history of atopic eczema in your past?", then "and you take fluocinonide for that?"), one the visit is
 * not for: the complaint does not name it.
 */
function pastHistoryAnswer(ctx: Ctx, s: Sentence): boolean {
  // A grade or a value said of it ("Gleason three plus four") is kept: the history lists only the name.
  if (s.speaker !== 'patient' || /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b/.test(s.lower))
    return false;
  const asked = ctx.ex.answered.get(s.turn)?.questions;
  const last = asked?.at(-1);
  if (!asked?.length || !last) return false;
  let hist = HISTORY_Q.exec(asked.map((q) => q.lower).join(' '));
  if (!hist && POINTS_BACK.test(last.lower)) {
    const before = ctx.transcript.turns[last.turn - 2];
    if (before?.speaker === 'doctor') hist = HISTORY_Q.exec(before.text.toLowerCase());
  }
  const named = hist?.[1]?.replace(/\b(?:in (?:your|the) past|and|or|what|so|now)\b.*$/, '').trim();
  if (!named || (!lexicalAnchor(named) && !lexicons().surgeries.match(named).length)) return false;
  // A history of the complaint itself ("a history of back pain" in a visit for back pain) is the visit's story.
  const complaint = `${ctx.facts.reasonForVisit?.text ?? ''} ${chiefComplaint(ctx)[0]?.text ?? ''}`.toLowerCase();
  const words = named.match(/[a-z]{4,}/g) ?? [];
  return !words.some((w) => complaint.includes(w));
}

/** Whether every content word of a short sentence is in lines already written. */
function restates(t: string, written: Line[]): boolean {
  // "She hurts top part of her right leg." after "… presents for right leg pain": a hurt is the pain named, and a
  // vague part of the site ("top part", "that area") says no more than the site.
  const words = t
    .toLowerCase()
    .match(/[a-z]{3,}/g)
    ?.map((w) => (HURT_WORD.test(w) ? 'pain' : w))
    .filter((w) => !STOP.has(w) && !/^(?:his|her|their|its|it's|the|she|they|top|part|area|spot|side|bottom)$/.test(w));
  if (!words?.length || words.length > 6) return false;
  const have = new Set(written.flatMap((l) => l.text.toLowerCase().match(/[a-z]{3,}/g) ?? []));
  return words.every((w) => have.has(w));
}

/** The patient's weight change with its amount ("i gained about 10 pounds", "i've lost 110 pounds"). */
const WEIGHT_CHANGE =
  /\b(?:i|i've|i have|i had)(?: (?:just|already|suddenly|probably|actually|recently))? (gained|put on|lost|dropped) (?:about |around |like |almost |over |nearly |maybe |probably |roughly )?(\d+) (pounds|lbs|kilos|kilograms|kg)\b/;

/** "not", "never", "n't" or "no" in the few words before `at`. */
function deniedBefore(lower: string, at: number): boolean {
  return /\b(?:not|never|no|n't|didn't|haven't|hasn't)\s+(?:\w+\s+){0,2}$/.test(lower.slice(Math.max(0, at - 30), at));
}

/**
 * "I was notified by the emergency room that you had a really high blood sugar": what another care setting reported,
 * as history ("Per the emergency room, he had a really high blood sugar."), when it names something clinical.
 */
const NOTIFIED =
  /\b(?:i was|we were|i've been|we've been|i got|we got) (?:notified|informed|told|called|contacted|a call|a report|a message) (?:by|from) (?:the )?(emergency room|emergency department|er|ed|hospital|urgent care|pharmacy|lab|nursing home|(?:[a-z]+ )?clinic)(?: that)? (?=you |your )/;

function notifiedReport(s: Sentence, sex: Sex): string | null {
  if (!/\b(?:notified|informed|told|called|contacted|call|report|message)\b/.test(s.lower)) return null;
  const said = cleanSpoken(s.text);
  const m = NOTIFIED.exec(said.toLowerCase());
  if (!m) return null;
  const rest = said.slice(m.index + m[0].length);
  const end = rest.search(/[.?!]|\s(?:and|but|so) (?:you|they|we|i)\b/i);
  const clause = cleanSpoken(end >= 0 ? rest.slice(0, end) : rest);
  if (
    !clause ||
    clause.split(/\s+/).length < 3 ||
    !(HPI_TERMS.test(clause.toLowerCase()) || lexicalAnchor(clause.toLowerCase()))
  )
    return null;
  const t = toThirdPerson(clause, 'doctor', sex);
  // "Per the er" is written "Per the ER" with the note's other abbreviations (withAbbreviations).
  return finishSentence(`Per the ${m[1]}, ${t.charAt(0).toLowerCase()}${t.slice(1)}`);
}

/** Where the patient was seen before this visit, and how a note says it. */
const VISIT_SETTING = '(hospital|emergency room|emergency department|er|ed|urgent care)';
/** When, in the words a note keeps ("last week", "a few days ago", "yesterday"). */
const VISIT_WHEN =
  /\b(last (?:week|night|month|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|(?:a|one|two|three|four|five|six|\d+|a few|a couple of|a couple) (?:days?|weeks?|months?) ago|(?:this|over the) (?:past )?(?:week|weekend))\b/;
/**
 * A visit elsewhere as the doctor names it ("i was notified you were in the hospital for some heart failure", "i heard
 * you went to the er for some chest discomfort") or the patient does ("i went to the er because i had chest pain",
 * "they admitted me for pneumonia").
 */
const VISIT_BY_DOCTOR = new RegExp(
  `\\b(?:i (?:was notified|was told|heard|have heard|see|saw|understand|know|noticed)|i've (?:been notified|been told|heard)|it looks like|looks like)(?: that)?(?: you| you've| you have)(?: were| went| had been| have been| been| ended up| got)?(?: admitted)? (?:in|to|into|at) (?:the )?${VISIT_SETTING}\\b`,
);
const VISIT_BY_PATIENT = new RegExp(
  `\\b(?:(?:i|we)(?: finally| eventually| actually| then)? (?:went|was|were|had to go|ended up|got admitted|was admitted)(?: admitted)?(?: (?:in|to|into|at) (?:the )?${VISIT_SETTING})|(?:they|she|he) (?:admitted me|took me|sent me)(?: (?:in|to|into|at) (?:the )?${VISIT_SETTING})?)\\b`,
);
/** What the visit was for: "for …", "with …", "because …", or what was found there ("and they found you had …"). */
const VISIT_REASON =
  /^(?:,?\s*(?:(?:last|this|over the) \w+|yesterday|recently|(?:a|one|two|three|\d+|a few|a couple of|a couple) (?:days?|weeks?|months?) ago),?)?\s*(?:(for|with|because of|due to|because)\s+(.+)|.{0,30}?\b(?:they|and they) (?:found|diagnosed|told you|said)(?: that)?(?: you)?(?: had| have| with)?\s+(.+)|.{0,40}?\b(?:they|and they) (?:did|ran|got|took|performed) ((?:a |an |some )?(?:x-?rays?|ct scan|ct|cat scan|mri|ultrasound|ekg|echo|blood work|labs|blood tests?|endoscopy|colonoscopy)))\b/;

/** A result that brought the patient in ("they found that you had a low hemoglobin"). */
const VISIT_LAB =
  /\b(?:hemoglobin|blood count|sodium|potassium|creatinine|troponins?|glucose|platelets?|white count|enzymes)\b/;
/** How the patient got there ("i called nine one one and they sent out an ambulance and they took me into the er"). */
const VISIT_ARRIVAL =
  /\b(?:i called (?:9-?1-?1|nine one one)|(?:an|the) ambulance|took me (?:in)?to (?:the )?(?:er|hospital|emergency room))\b/;
function visitArrival(lower: string, sex: Sex): string | null {
  if (!VISIT_ARRIVAL.test(lower)) return null;
  const called = /\bi called (?:9-?1-?1|nine one one)\b/.test(lower);
  const by = /\bambulance\b/.test(lower);
  const to = /\btook me (?:in)?to (?:the )?(er|hospital|emergency room)\b/.exec(lower)?.[1];
  const taken =
    to || by
      ? `${pronouns(sex).singular ? 'was' : 'were'} taken to the ${to === 'hospital' ? 'hospital' : 'emergency room'}${by ? ' by ambulance' : ''}`
      : '';
  const subj = pronouns(sex).subj;
  return called ? `${subj} called 911${taken ? ` and ${taken}` : ''}` : `${subj} ${taken}`;
}

/**
 * A recent hospitalization or emergency-room visit with its reason and when, as a note writes it ("She was recently
 * hospitalized for heart failure.", "He was seen in the emergency room last week for chest pain."); null without a
 * clinical reason.
 */
function recentVisit(s: Sentence, sex: Sex): string | null {
  if (!/\b(?:hospital|emergency|er|ed|urgent care|admitted)\b/.test(s.lower)) return null;
  const said = cleanSpoken(s.text)
    .toLowerCase()
    .replace(/\b(?:um|uh|like),?\s+/g, '');
  const m = (s.speaker === 'doctor' ? VISIT_BY_DOCTOR : VISIT_BY_PATIENT).exec(said);
  if (!m || deniedBefore(said, m.index + 2)) return null;
  const setting = m[1] ?? (/\badmitted\b/.test(m[0]) ? 'hospital' : null);
  if (!setting) return null;
  // A hypothetical ("if it gets worse go to the er") is advice, not a visit.
  if (
    /\b(?:if|should|would|might|may|need to|have to|wan ?na|want to|going to|gonna)\b/.test(
      said.slice(0, m.index + m[0].length),
    )
  )
    return null;
  const after = said.slice(m.index + m[0].length);
  const r = VISIT_REASON.exec(after);
  if (!r) return null;
  const link = r[1] ?? (r[4] ? 'did' : 'found');
  let reason = (r[2] ?? r[3] ?? r[4] ?? '')
    .split(
      /[.?!;]|,\s*(?:and|but|so)\b|\s(?:and|but|so) (?:you|they|we|i|she|he|it|then)\b|\s(?:what|how|when|tell me)\b/,
    )[0]!
    .replace(/^(?:some|a little|a bit of|kind of|sort of|like)\s+/, '')
    .replace(/[\s,]+$/, '')
    .trim();
  if (!reason || reason.split(/\s+/).length > 8) return null;
  const clinical = (x: string) =>
    lexicalAnchor(x) || VISIT_LAB.test(x) || HPI_TERMS.test(x.replace(/\b(?:hospital|er|emergency)\b/g, ''));
  if (!clinical(reason)) return null;
  const subj = subjectName(sex);
  const p = pronouns(sex);
  if (link === 'because' || link === 'found')
    reason = toThirdPerson(reason, s.speaker, sex).replace(/^./, (c) => c.toLowerCase());
  const when = VISIT_WHEN.exec(said)?.[1];
  const where =
    setting === 'hospital'
      ? when
        ? `was hospitalized ${when}`
        : 'was recently hospitalized'
      : `was seen ${setting === 'urgent care' ? 'at urgent care' : 'in the emergency room'}${when ? ` ${when}` : ''}`;
  const why =
    link === 'did'
      ? `${setting === 'hospital' ? ' and had' : ', where'} ${reason}${setting === 'hospital' ? '' : ' was done'}`
      : link === 'found'
        ? `${setting === 'hospital' ? ' and' : ', where'} ${p.subj} was found to have ${reason.replace(/^(?:she|he|they) (?:had|has|have) /, '')}`
        : link === 'because'
          ? ` because ${reason}`
          : ` for ${reason}`;
  return finishSentence(`${subj} ${where}${why}`);
}

/** A pain score's evidence includes the turn that said it ("it's like a four out of ten"), nearest the symptom's own. */
function withScoreTurn(ctx: Ctx, evidence: number[], severity: string | null | undefined): number[] {
  const score = severity && /^(\d{1,2})(?:\/10)?$/.exec(severity.trim());
  if (!score) return evidence;
  const value = Number(score[1]);
  const near = (i: number) => Math.min(...evidence.map((e) => Math.abs(e - i)));
  const turn = ctx.transcript.turns
    .filter(
      (t) => /\b(?:out of|scale|\/)\s*(?:10|ten)\b|\bten\b|\b10\b/i.test(t.text) && numbersIn(t.text).includes(value),
    )
    .sort((a, b) => near(a.index) - near(b.index))[0];
  return turn && !evidence.includes(turn.index) ? [...evidence, turn.index].sort((a, b) => a - b) : evidence;
}

/** The doctor inviting the story of the complaint ("tell me what happened", "what's going on with your back"). */
const STORY_Q =
  /\b(?:what happened|what's going on|what is going on|how did (?:this|that|it|you) (?:happen|hurt|injure))\b/;
/** A doctor's turn that only keeps the patient talking ("okay.", "hmm."): the story goes on after it. */
const BACKCHANNEL =
  /^(?:\W*(?:okay|ok|hmm|mm-hmm|mhm|uh-huh|yeah|right|all right|alright|sure|oh|wow|i see|got it)\W*)+$/;
/** What the patient was doing when it began, with the words a note uses for it. */
const STORY_MECHANISMS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [
    /\b(?:bent|bending) (over|down) to (pick|lift) (something|it|[a-z]+ [a-z]+) up\b/,
    (m) => `bending ${m[1]} to ${m[2]} ${m[3]} up`,
  ],
  [
    /\b(lift|lifted|lifting|pick(?:ed|ing)? up|carr(?:y|ied|ying)|push(?:ed|ing)?|pull(?:ed|ing)?) (a|an|the|some) (?:(heavy|big|large) )?(box(?:es)?|bags?|bricks?|rocks?|weights?|furniture|couch|sofa|refrigerator|fridge|dresser|table|desk|mattress|tires?|logs?)\b/,
    (m) =>
      `${
        GERUND[
          m[1]!
            .split(' ')[0]!
            .replace(/(?:ed|ing)$/, '')
            .replace(/i$/, 'y')
        ] ?? 'lifting'
      }${/^pick/.test(m[1]!) ? ' up' : ''} ${m[2]} ${m[3] ? `${m[3]} ` : ''}${m[4]}`,
  ],
  [/\b(?:i|she|he) (?:fell|had a fall)\b/, () => 'a fall'],
  [/\b(?:i|she|he) (?:tripped|slipped)\b/, () => 'a slip'],
];
const GERUND: Record<string, string> = {
  lift: 'lifting',
  pick: 'picking',
  carry: 'carrying',
  push: 'pushing',
  pull: 'pulling',
};
/** Where it happened, when the story says ("while working in the yard"). */
const STORY_SETTING =
  /\b(?:i was|while|when i was) (working (?:in|on) (?:the|my) (?:yard|garden|house|car|roof)|playing [a-z]+|gardening)\b/;
const STORY_POP = /\b(?:felt|heard) (?:like )?(?:a |this |some )?(pop|popping|snap|snapping)\b/;
const STORY_RADIATION = /\b(?:went|goes|going|radiat\w*|shoot\w*) down (?:my|the|his|her) (left|right) (leg|arm)\b/;
/** The onset as the patient said it ("this was just yesterday", "last night"). */
const STORY_ONSET =
  /\b(yesterday|last night|this morning|(?:\d+|a|two|three|a couple of|a few) (?:days?|weeks?) ago|last week)\b/;

/**
 * The patient's opening story as a note states it: "She reports right elbow pain since yesterday after lifting a box,
 * when she felt a pop." Built from the story the patient tells when invited (told in short pieces between the
 * doctor's "okay"s), with the onset from the answer to "when did this happen?"; null when the story names no
 * mechanism.
 */
function storyLine(ctx: Ctx, complaint: string | null): Line | null {
  const turns = ctx.transcript.turns;
  const invite = turns.findIndex((t, i) => i < 12 && t.speaker === 'doctor' && STORY_Q.test(t.text.toLowerCase()));
  if (invite < 0) return null;
  const story: Turn[] = [];
  let i = invite + 1;
  for (; i < turns.length && story.length < 6; i++) {
    const t = turns[i]!;
    if (t.speaker === 'patient') story.push(t);
    else if (!BACKCHANNEL.test(t.text.toLowerCase().trim())) break;
  }
  const told = story
    .map((t) =>
      t.text
        .toLowerCase()
        .replace(/[-–—…]+/g, ' ')
        .replace(/\b(?:um|uh|you know)\b,?\s*/g, '')
        .replace(/\s*,\s*/g, ' ')
        .replace(/\s+/g, ' '),
    )
    .join(' ');
  let mechanism: string | null = null;
  for (const [re, say] of STORY_MECHANISMS) {
    const m = re.exec(told);
    // "I hit it right into my leg … and so then I fell": a fall after the blow is not how it began.
    if (m && !deniedBefore(told, m.index) && !/\b(?:hit|struck|kicked)\b/.test(told.slice(0, m.index))) {
      mechanism = say(m);
      break;
    }
  }
  if (!mechanism || !complaint) return null;
  const p = pronouns(ctx.sex);
  const evidence = story.map((t) => t.index);
  // "When did this happen?" "This was just yesterday.": the onset, in the story or in the answer that follows it.
  let onset = STORY_ONSET.exec(told)?.[1] ?? null;
  const next = turns[i];
  if (!onset && next?.speaker === 'doctor' && WHEN_DID.test(next.text.toLowerCase())) {
    const answer = turns[i + 1];
    const m = answer?.speaker === 'patient' ? STORY_ONSET.exec(answer.text.toLowerCase()) : null;
    if (m) {
      onset = m[1]!;
      evidence.push(i, i + 1);
    }
  }
  const since = onset ? (/ago$/.test(onset) ? ` that began ${onset}` : ` since ${onset}`) : '';
  const radiation = STORY_RADIATION.exec(told);
  const radiating = radiation ? ` radiating down ${p.poss} ${radiation[1]} ${radiation[2]}` : '';
  const setting = STORY_SETTING.exec(told)?.[1];
  const where =
    setting && !mechanism.includes(setting.split(' ')[0]!) ? ` while ${setting.replace(/\b(?:my)\b/, p.poss)}` : '';
  const popped = STORY_POP.exec(told);
  const pop = popped ? `, when ${p.subj} felt a ${popped[1]!.replace(/ping$/, '')}` : '';
  const subj = subjectName(ctx.sex);
  return line(`${subj} reports ${complaint}${since}${radiating} after ${mechanism}${where}${pop}.`, evidence);
}

/** A chief complaint a visit is for, not with ("Follow-up of chronic problems.", "Smoking cessation."). */
const VISIT_FOR =
  /\bfollow-up$|^(?:(?:routine |annual |\d+[- ]months? |hospital |emergency room )?follow-up\b|annual (?:exam|visit)|(?:[a-z ]+ )?evaluation\b|second opinion|surgical consult|smoking cessation)/;
/** Complaints written with an article: "presents with a right foot ulcer". */
const COUNTED = /\b(?:ulcer|injury|lesion|mass|lump|wound|rash|twitch|laceration|fracture|seizure|cyst|bite)$/;

/**
 * How the patient presents, from the chief complaint: "presents with a right foot ulcer", "presents for smoking
 * cessation"; `named` is the complaint a symptom line may already report. Null when the chief complaint names no
 * symptom, condition or visit kind the note can open on.
 */
function presentingAs(ctx: Ctx): { text: string; evidence: number[]; named: string | null } | null {
  const cc = chiefComplaint(ctx)[0];
  if (!cc || !cc.evidence.length) return null;
  const said = cc.text.replace(/\.$/, '');
  const lower = said.toLowerCase();
  const text = said.startsWith(said.charAt(0).toUpperCase()) && !/^[A-Z]{2}/.test(said) ? lower : said;
  if (lower === 'not discussed') return null;
  if (VISIT_FOR.test(lower)) return { text: `presents for ${text}`, evidence: cc.evidence, named: null };
  const lex = lexicons();
  // "Right shoulder injury": a part and its injury, as the chief complaint composes it.
  const injury = /^(?:(?:left|right|bilateral) )?[a-z]+ injury$/.test(lower);
  if (
    lower.split(' ').length > (/ and /.test(lower) ? 8 : 5) ||
    !(injury || lex.problems.match(lower).length || lex.symptoms.match(lower).length)
  )
    return null;
  const article = COUNTED.test(lower) ? (/^[aeiou]/.test(lower) ? 'an ' : 'a ') : '';
  return { text: `presents with ${article}${text}`, evidence: cc.evidence, named: lower };
}

/** A dictated introduction with only the patient's age: "(i'm seeing mrs. x, here,) she's a 43-year-old patient." */
const BARE_AGE_INTRO =
  /^(?:(?:i'm|i am) (?:seeing|with) [^,.]+(?:\.[^,.]+)?,\s*(?:here,\s*)?)?(?:she|he|she's|he's|the patient|patient)(?: is)? an? \d+[- ]year[- ]old(?: (?:patient|female|male|woman|man|lady|gentleman))?\.?$/;

/** A reason for the visit that names only a place: "right elbow", "knees". */
const BARE_SITE_REASON =
  /^(?:(?:left|right|both|bilateral) )?(?:knee|back|shoulder|hip|ankle|foot|feet|hand|wrist|elbow|neck|chest|head|eye|ear|throat|skin|stomach|abdomen)s?$/;

function hpi(ctx: Ctx, brief = false): Line[] {
  const key = `hpi${brief}`;
  const hit = ctx.cache.get(key);
  if (hit) return hit;
  const { facts, ex } = ctx;
  const out: Line[] = [];
  let para = 0;
  let opener: Line | null = null;
  // A composed "The patient is a 39-year-old female who presents with …" a symptom line may complete.
  let aged: { at: number; intro: string } | null = null;
  // How the chief complaint presents the patient, read once for the opening and the symptom line it may fold.
  const presenting = presentingAs(ctx);
  // Opening: the clinician's own dictated introduction, or one composed from demographics and the reason.
  const intro = ex.sentences.find(
    (s) => s.speaker === 'doctor' && /\byear[- ]old\b/.test(s.lower) && !/\byou\b/.test(s.lower),
  );
  // A dictated introduction that says no more than the age ("i'm seeing mrs. peterson, here, she's a 43-year-old
  // patient") gives way to the composed one where that can say why the patient came ("… presents for right leg pain").
  const reason = facts.reasonForVisit?.text.toLowerCase() ?? '';
  const lex = lexicons();
  const reasonNamed = !!reason && (lex.symptoms.match(reason).length > 0 || lex.problems.match(reason).length > 0);
  const dictated =
    intro && !(reasonNamed && facts.patient.age !== null && BARE_AGE_INTRO.test(intro.lower))
      ? spokenSentence(intro, ctx)
      : null;
  if (dictated) out.push(line(dictated, [intro!.turn], para));
  else if (facts.patient.age !== null) {
    const who = facts.patient.sex
      ? `${facts.patient.age}-year-old ${facts.patient.sex}`
      : `${facts.patient.age}-year-old`;
    // A reason that is only a place ("right elbow") gives way to how the chief complaint presents the patient.
    const bareSite = BARE_SITE_REASON.test(reason) && !!presenting;
    const cc = facts.reasonForVisit && !bareSite ? null : presenting;
    const why =
      facts.reasonForVisit && !bareSite
        ? ` who presents for ${facts.reasonForVisit.text}`
        : cc
          ? ` who ${cc.text}`
          : '';
    // "an 82-year-old", "an 18-year-old", "an 11-year-old".
    const an = /^(?:8\d?|11|18)$/.test(String(facts.patient.age)) ? 'an' : 'a';
    if (cc?.named) aged = { at: out.length, intro: `The patient is ${an} ${who} who presents with ` };
    out.push(
      line(
        `The patient is ${an} ${who}${why}.`,
        [...facts.patient.evidence, ...(facts.reasonForVisit?.evidence ?? cc?.evidence ?? [])],
        para,
      ),
    );
  } else if (facts.reasonForVisit) {
    out.push(line(`The patient presents for ${facts.reasonForVisit.text}.`, facts.reasonForVisit.evidence, para));
  } else {
    // No introduction, age or stated reason: the note still opens on why the patient came, from the chief complaint.
    const cc = presenting;
    if (cc) opener = line(`The patient ${cc.text}.`, cc.evidence, para);
  }
  // The presenting symptoms as the fact model read them: "The patient reports left shoulder pain for 3 weeks, 7/10."
  const summary = facts.symptoms.filter(
    (f) =>
      f.assertion === 'present' &&
      f.subject === 'patient' &&
      f.time === 'current' &&
      (f.duration || f.severity || f.onset) &&
      // One long there is told where it was asked ("Reports long-standing numbness."), not as what the visit is for.
      !longStanding(f),
  );
  const p = pronouns(ctx.sex);
  const subj = subjectName(ctx.sex);
  // Symptoms the opening already reports are not reported again by a question's answer ("She reports headache.").
  const summaryFrom = out.length;
  const written = new Set<string>();
  for (const f of summary.slice(0, 3)) {
    const when = f.duration
      ? ` for ${f.duration.replace(/^(couple|few)\b/, 'a $1')}`
      : f.onset
        ? ` since ${f.onset}`
        : '';
    // A graded severity goes before the name ("severe right upper arm pain"); a lay word ("bad") is not written.
    const grade = f.severity && /^(?:mild|moderate|severe|excruciating)$/.test(f.severity) ? `${f.severity} ` : '';
    const sev = f.severity && /\d/.test(f.severity) ? `, rated ${f.severity}` : '';
    const sited = f.bodySite && f.name.startsWith(f.bodySite.split(' ').pop()! + ' ');
    const name = sited ? `${f.bodySite} ${f.name.split(' ').slice(1).join(' ')}` : f.name;
    // Symptoms that began together are one sentence: "He reports cough and chest tightness for about 2 weeks."
    const prev = out[out.length - 1];
    const head = `${subj} reports `;
    const tail = `${when}.`;
    const shared =
      prev && when && !sev && prev.text.startsWith(head) && prev.text.endsWith(tail)
        ? prev.text.slice(head.length, prev.text.length - tail.length)
        : null;
    if (prev && shared && !/,| and /.test(shared))
      out[out.length - 1] = line(
        `${head}${shared} and ${grade}${name}${when}.`,
        [...new Set([...prev.evidence, ...f.evidence])],
        para,
      );
    else
      out.push(line(`${subj} reports ${grade}${name}${when}${sev}.`, withScoreTurn(ctx, f.evidence, f.severity), para));
    written.add(`false|${f.name}`);
  }
  // How it began, from the patient's opening story: "She reports right elbow pain since yesterday after lifting a box."
  const cc = chiefComplaint(ctx)[0];
  const complaint = cc?.text
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/ (?:evaluation|follow-up|follow up|check)$/, '');
  const story =
    complaint &&
    /\b(?:pain|ache|injury|swelling)$/.test(complaint) &&
    !out.slice(summaryFrom).some((l) => l.text.toLowerCase().includes(complaint))
      ? storyLine(ctx, complaint)
      : null;
  if (story) {
    story.para = para;
    // It names the complaint as the chief complaint does: it cites the turns that say it too.
    if (cc) story.evidence = [...new Set([...story.evidence, ...cc.evidence])].sort((a, b) => a - b);
    out.push(story);
  }
  if (opener || aged) {
    // "She reports right foot pain, rated 3." that names the complaint opens the note as the patient presenting with it.
    const first = out[summaryFrom];
    const head = `${subj} reports `;
    const named = presenting?.named;
    // The line may name it without its side ("shoulder pain for 3 weeks" for "left shoulder pain"): the side is added.
    const unsided = named?.replace(/^(?:left|right|bilateral) /, '');
    const rest = first?.text.startsWith(head) ? first.text.slice(head.length) : '';
    const reported =
      named && rest.toLowerCase().startsWith(named)
        ? rest
        : unsided && rest.startsWith(unsided)
          ? named + rest.slice(unsided.length)
          : null;
    const base = aged ? out[aged.at]! : opener!;
    const evidence = reported ? [...new Set([...first!.evidence, ...base.evidence])].sort((a, b) => a - b) : [];
    if (aged && reported) {
      out[aged.at] = line(`${aged.intro}${reported}`, evidence, base.para);
      out.splice(summaryFrom, 1);
    } else if (opener && reported) out[summaryFrom] = line(`The patient presents with ${reported}`, evidence, para);
    else if (opener) out.splice(summaryFrom, 0, opener);
    // A question's answer does not report again the complaint the opening presents with ("reports joint pain").
    if (named) for (const m of lexicons().symptoms.match(named)) written.add(`false|${m.value.name}`);
  }
  // Nor the reason the composed opening presents the patient for ("… who presents for right leg pain.").
  if (!dictated && facts.patient.age !== null && reason) {
    for (const f of facts.symptoms) if (reason.includes(f.name)) written.add(`false|${f.name}`);
  }
  // The complaint characterised as a note states it (quality, timing, what makes it worse or better, what was tried
  // and whether it helped), read from the patient's own history sentences.
  const history = historySentences(ctx);
  const character = characterisation(history, questionsOf(ctx), ctx.sex, triedOf(ctx)).map((c) =>
    line(c.text, c.evidence),
  );
  // The opening and the summary, which a copied sentence must say more than (a fixed handful of lines).
  const opening = out.length;
  // What a copied sentence must say more than: the opening, the summary and the characterisation.
  const slots = [...out, ...character];
  para++;
  let inPara = 0;
  let reported = 0;
  let familyReported = 0;
  const used = new Set<Sentence>();
  if (intro) used.add(intro);
  let deniedTrauma = false;
  const visits = new Map<string, Line>();
  let arrived = false;
  // The rest of the turn that dictates the introduction is the presenting story told of the patient ("her
  // dermatologist referred her. … pathology came back as melanoma."), even where no sentence names her.
  const referrals = new Set<Line>();
  const introducing = (s: Sentence) =>
    !!intro && s.turn === intro.turn && s.pos > intro.pos && !/\b(?:you|your|i|i'm|we)\b/.test(s.lower);
  // Home readings (blood pressure, blood sugars) are one line per measure, where the patient first answers with one.
  const readingOf = new Map<Sentence, HomeReading>();
  // Asked in a later phase (a chronic disease's check-up after the exam), they are told where the history ends.
  const readings = homeReadings(ex.sentences, (s) => phaseOf(s, ex.phase) !== 'plan');
  for (const r of readings) for (const s of r.sentences) readingOf.set(s, r);
  const readingsWritten = new Set<HomeReading>();
  for (const [si, s] of ex.sentences.entries()) {
    if (phaseOf(s, ex.phase) !== 'history' || used.has(s)) continue;
    // Family history goes under family history, with the relative named; not into the patient's story.
    if (onlyAboutOthers(s, ex.previous.get(s)) || answersFamilyQuestion(ex, s)) continue;
    // A household member's smoking is the patient's exposure, written in the social history.
    if (secondhandSmoke(s, ctx.sex)) continue;
    const reading = readingOf.get(s);
    if (reading) {
      if (!readingsWritten.has(reading)) {
        readingsWritten.add(reading);
        out.push(line(reading.text, reading.evidence, para));
        inPara++;
      }
      // A sentence it replaces that would have been reported keeps its place in the turn of report verbs.
      if (answersClinicalQuestion(ex, s) || hpiAnchor(ex, s, ctx.transcript.turns[s.turn - 1])) reported++;
      used.add(s);
      continue;
    }
    let l: Line | null = null;
    // A visit elsewhere with its reason, once: a later sentence that names it again only restates it.
    const visit = recentVisit(s, ctx.sex);
    if (visit) {
      const setting = /hospitalized/.test(visit) ? 'hospital' : 'elsewhere';
      const had = visits.get(setting);
      if (had) had.evidence = [...new Set([...had.evidence, s.turn])].sort((a, b) => a - b);
      else {
        const v = line(visit, [s.turn], para);
        visits.set(setting, v);
        out.push(v);
        inPara++;
      }
      // A patient's sentence it replaces took a reported line's turn: the lines after it keep their wording.
      if (s.speaker === 'patient') reported++;
      used.add(s);
      continue;
    }
    // How the patient got there joins the visit's line ("…; she called 911 and was taken to the emergency room").
    const arrival = s.speaker === 'patient' && visits.size && !arrived ? visitArrival(s.lower, ctx.sex) : null;
    if (arrival) {
      const v = [...visits.values()][0]!;
      v.text = `${v.text.replace(/\.$/, '')}; ${arrival}.`;
      v.evidence = [...new Set([...v.evidence, s.turn])].sort((a, b) => a - b);
      arrived = true;
      // It takes the place of a reported line: the lines after it keep their wording.
      reported++;
      used.add(s);
      continue;
    }
    if (s.speaker === 'doctor') {
      const notified = notifiedReport(s, ctx.sex);
      if (notified) {
        out.push(line(notified, [s.turn], para));
        inPara++;
      }
      const chart = chartInjury(s, ctx.sex, ctx.transcript);
      if (chart) {
        out.push(line(chart, [s.turn], para));
        inPara++;
      }
      const pair = ex.qa.get(s.turn);
      if (pair && pair.questions.includes(s)) {
        if (s !== pair.questions[pair.questions.length - 1]) continue;
        l = qaSentence(ctx, pair, written, (name) =>
          out.some((o, k) => k >= opening && o.text.toLowerCase().includes(name) && !DENIAL_LINE.test(o.text)),
        );
        // "Body aches, joint pain?" "A bit of joint pain.": an answer that says no more than the line written from the
        // question and answer is not copied again.
        if (l)
          for (const a of pair.answerSentences)
            if (SHORT_ANSWER.test(a.lower) || (!FINITE.test(a.lower) && coveredBy(a.text, [l]))) used.add(a);
      } else if (onsetQuestion(ctx, s)) {
        // Unpunctuated speech leaves the question unmarked ("now how many days ago was this exactly" "7").
        const next = ctx.transcript.turns[s.turn + 1];
        l = next?.speaker === 'patient' ? onsetLine(s, next.text.toLowerCase(), next.index) : null;
      } else if (isDictation(s, facts) || introducing(s)) {
        const said = spokenSentence(s, ctx, introducing(s) ? 2 : MIN_CONTENT);
        // "She's here for right leg pain." after an opening that presents her for it says nothing more.
        const t =
          said && coveredBy(withCorrectedSides(said, sideCorrections(ctx.transcript)).text, out.slice(0, opening))
            ? null
            : said;
        const referred = t && introducing(s) ? REFERRED_BY.exec(t) : null;
        const prev = out[out.length - 1];
        const byReferrer = t && prev && referrals.has(prev) ? /^(?:She|He) ([a-z]+ed)\b/.exec(t) : null;
        if (referred) {
          // "Her dermatologist referred her." → "She was referred by her dermatologist."
          l = line(`${subj} was referred by ${referred[1]!.toLowerCase()} ${referred[2]}.`, [s.turn]);
          referrals.add(l);
        } else if (byReferrer && prev) {
          // "… She biopsied a 0.7 mm lesion": the referrer did, not the patient.
          prev.text = `${prev.text.slice(0, -1)}, who ${t!.slice(byReferrer[0].length - byReferrer[1]!.length)}`;
          prev.evidence = [...new Set([...prev.evidence, s.turn])].sort((a, b) => a - b);
          referrals.delete(prev);
          used.add(s);
          continue;
        } else if (t) l = line(t, [s.turn]);
      }
      // A line composed from a question and its answer ("Onset 5 days ago.") is one a later copied sentence must say
      // more than ("This was about 5 days ago."); a dictated sentence is not composed.
      if (l && !isDictation(s, facts)) slots.push(l);
    } else {
      if (s.text.endsWith('?')) continue;
      // The story behind a past condition the doctor read from the chart ("it looks like you have a previous surgical
      // history of a colectomy? what happened there?") is past history, listed there: not the visit's story.
      if (pastHistoryAnswer(ctx, s)) {
        reported++;
        continue;
      }
      // "Because you know suddenly I gained about ten pounds": the change and its amount, however the clause began.
      const weight = WEIGHT_CHANGE.exec(s.lower);
      if (weight && !deniedBefore(s.lower, weight.index)) {
        const unit = /^(?:kilos|kilograms|kg)$/.test(weight[3]!) ? 'kg' : 'pound';
        const change = /^(?:gained|put on)$/.test(weight[1]!) ? 'gain' : 'loss';
        out.push(line(`${subj} reports a ${weight[2]}-${unit} weight ${change}.`, [s.turn], para));
        used.add(s);
        inPara++;
        continue;
      }
      // A question inside a patient's turn is the doctor's (a mis-tagged turn); a clause cut from its sentence
      // ("Before they go to bed and not drink anything.") does not stand on its own.
      if (/\b(?:did you|do you|have you|are you|can you)\b/.test(s.lower)) continue;
      // "Been pretty good taking my medications, watching my diet…": adherence, as a note states it.
      const adhered = adherenceReport(s.lower, ctx.sex);
      if (adhered) {
        out.push(line(adhered, [s.turn], para));
        used.add(s);
        inPara++;
        continue;
      }
      const clean = cleanSpoken(s.text);
      if (HPI_FRAGMENT.test(clean) || PROFANITY.test(s.lower) || RESTARTED.test(clean)) continue;
      // "…in the past, and i haven't gotten tired." "and now, i've been getting tired.": not kept without the contrast.
      const next = ex.sentences[si + 1];
      const prev = ex.sentences[si - 1];
      if (
        contrastDependent(
          s.lower,
          next?.turn === s.turn ? next.lower : undefined,
          prev?.turn === s.turn ? prev.lower : undefined,
        )
      )
        continue;
      // The answer to a clinical question ("did you fall to the ground?" "I did fall to the ground") is history even
      // when it is short or names nothing itself: the question gave it its subject.
      const asked = answersClinicalQuestion(ex, s);
      // "yeah i did my wife and i were on a walk yesterday" before the injury it sets: kept for its day, without the
      // "yeah i did"; the "her" of the story after it is the companion it named ("talking to their wife").
      const setting = storySetting(s.lower, next?.turn === s.turn ? next.lower : undefined);
      const companion = !setting && prev?.turn === s.turn ? withCompanion(s.lower, prev.lower) : null;
      const told = setting ?? companion;
      const story = told ? { ...s, text: told, lower: told } : s;
      // "I take it every morning": the pronoun written as the drug or procedure it stands for (see withReferent).
      const referred = withReferent(ex, story, ctx.transcript.turns);
      // "The medication helped it go down.": the condition the question asked about, or an orphan left out.
      const resolved = referred === story ? withTopic(ex, story, ctx.transcript.turns) : referred;
      if (!resolved) {
        if (asked || hpiAnchor(ex, s, ctx.transcript.turns[s.turn - 1])) reported++;
        continue;
      }
      const cites = [...(REFERENT_TURNS.get(resolved) ?? []), s.turn];
      let t = hpiProse(spokenSentence(resolved, ctx, asked || setting ? 2 : MIN_CONTENT, saidBefore(ex, si)));
      if (t) t = withoutDanglingHead(t);
      // In a note's register: the patient's "we" as the patient, hedges and asides out, "did put" as "put".
      if (t) t = storyInNoteRegister(t, ctx.sex);
      // A run-in question, "they would say" and restarts out; a denial of injury at length as a note says it.
      const spoken = t ? t.split(/\s+/).length : 0;
      if (t) t = withoutSpokenFrames(t);
      // The words cut out were part of the run-on: what is left is split as the run-on it was.
      const framed = t ? spoken - t.split(/\s+/).length : 0;
      // "She is doing okay except for her elbow.": a greeting that names only the complaint goes; "…but X" keeps X.
      if (t) {
        t = withoutDoingOkay(t, ctx.sex);
        // Left out, it keeps its place in the turn of report verbs: the lines after it keep their wording.
        if (!t) {
          if (asked || hpiAnchor(ex, s, ctx.transcript.turns[s.turn - 1])) reported++;
          continue;
        }
      }
      // "We haven't yet but I'm sure we'll…": a bare "not yet" answers a question it does not carry; nothing is said.
      if (t && /^(?:she|he|they) (?:have|has|had|did|do|does)(?: not|n't)(?: yet)?,? but\b/i.test(t)) {
        reported++;
        continue;
      }
      // "It was higher than 9.": the value the question asked about is its subject, or the sentence goes.
      const value = t ? comparedValue(t, ex.answered.get(s.turn)?.questions.at(-1)?.lower, ctx.sex) : undefined;
      if (value !== undefined) {
        if (value) {
          const q = ex.answered.get(s.turn)!.questions.at(-1)!;
          out.push(
            line(
              value,
              [...new Set([q.turn, ...cites])].sort((a, b) => a - b),
              para,
            ),
          );
          used.add(s);
          inPara++;
        }
        continue;
      }
      if (t) t = withPatientSubject(t, ctx.sex);
      if (t && deniesTrauma(t)) {
        if (!deniedTrauma) out.push(line('No known trauma or injury.', [s.turn], para));
        deniedTrauma = true;
        used.add(s);
        continue;
      }
      // "Not if they are on their feet … they notice swelling", "once in a while for my knee pain" (to "do you take
      // advil?"): the answer written as a statement with what the question asked about.
      const answerQ = t && s.pos === 0 ? ex.answered.get(s.turn)?.questions.at(-1) : undefined;
      const answered = t
        ? answerFragment(t, answerQ?.text, ctx.sex, (x) => HPI_TERMS.test(x) || lexicalAnchor(x))
        : null;
      if (answered) {
        const q = answerQ ? [answerQ.turn] : [];
        out.push(
          line(
            answered,
            [...new Set([...q, ...cites])].sort((a, b) => a - b),
            para,
          ),
        );
        reported++;
        used.add(s);
        inPara++;
        continue;
      }
      // "I did about three years ago": the answer written with what the question asked about, or left out.
      const elliptical = t
        ? answerWithQuestion(
            t,
            ex.answered.get(s.turn)?.questions.at(-1)?.text,
            ctx.sex,
            (x) => HPI_TERMS.test(x) || lexicalAnchor(x),
          )
        : null;
      if (elliptical !== null) {
        if (elliptical) {
          out.push(line(elliptical, cites, para));
          used.add(s);
          inPara++;
        }
        continue;
      }
      // "It's her right upper arm." says nothing the opening summary has not said; "It's like a deep achy pain." nothing
      // the characterisation has.
      if (t && (restates(t, out.slice(0, opening)) || coveredBy(t, slots))) continue;
      // "No nothing they really were trying to think…": an answer whose "no" belongs to a question it does not carry,
      // naming nothing clinical itself; the question's own line says it.
      // With a clause of its own after it ("No, she has never tried anything for it."), the "no" goes.
      // "No not really no chest pain or shortness of breath he has been walking…" after the question's own line
      // ("He denies chest pain or shortness of breath."): the denial is said; the story after it stays.
      const denial = t ? LEADING_DENIAL.exec(t) : null;
      if (
        denial &&
        out.some(
          (o, k) => k >= opening && DENIAL_LINE.test(o.text) && o.text.toLowerCase().includes(denial[1]!.toLowerCase()),
        )
      )
        t = t!.slice(denial[0].length).replace(/^./, (c) => c.toUpperCase());
      if (t && /^(?:no|nope|nah|nothing new)\b,?\s+(?:she|he|they|it|this|that|there|i)\b/i.test(t))
        t = t.replace(/^(?:no|nope|nah|nothing new)\b,?\s+/i, '').replace(/^./, (c) => c.toUpperCase());
      else if (t && /^(?:no|nope|nah|not really)\b/i.test(t) && !lexicalAnchor(s.lower)) continue;
      if (t && (hpiAnchor(ex, s, ctx.transcript.turns[s.turn - 1]) || asked || setting)) {
        // Reported speech, as clinicians write it: "She reports that she ...", "She states that she ...". The scene
        // set before an injury is stated as it is ("They were on a walk with their wife yesterday.").
        // A relative who came with the patient told it, not the patient: "The family reports that she …", never
        // "She reports" (she did not).
        const byFamily = s.speaker === 'other' && ctx.kin !== null;
        const verb = setting
          ? ''
          : byFamily
            ? FAMILY_VERBS[familyReported++ % FAMILY_VERBS.length]!
            : REPORT_VERBS[reported++ % REPORT_VERBS.length]!;
        const teller = byFamily ? 'The family' : subj;
        // An answer fragment ("Metformin, 500 mg twice a day.") becomes a report ("He reports metformin, ...").
        // A sentence whose pronoun became a name ("Back surgery was in January.") was a clause, not a fragment.
        const fragment = s.pos === 0 && resolved === s && !FINITE.test(t) && /^[a-z0-9]/i.test(t);
        // An answer fragment without a symptom, drug or condition ("about 4 days ago") says nothing on its own.
        if (fragment && !lexicalAnchor(s.lower)) continue;
        const prefix =
          verb && t.toLowerCase().startsWith(p.subj + ' ') && !/^(?:she|he) reports that\b/i.test(t)
            ? `${teller} ${verb} that ${t.charAt(0).toLowerCase()}${t.slice(1)}`
            : fragment
              ? `${teller} reports ${t.charAt(0).toLowerCase()}${t.slice(1)}`
              : t;
        l = line(
          prefix.replace(LEADING_LINK, '').replace(/^./, (c) => c.toUpperCase()),
          cites,
        );
      }
      // A run-on is written clause by clause (see inNoteRegister): a clause that says nothing more goes, the rest
      // stays ("…states that they have taken some ibuprofen and then they just tried to elevate it and keep their
      // weight off of it" after "has tried ibuprofen").
      const clauses = l ? splitRunOn(l.text, framed > 0 ? FRAMED_RUN_ON : RUN_ON_WORDS) : [];
      const kept = clauses.filter((c) => !coveredBy(c, slots)).map((c) => withPatientSubject(c, ctx.sex));
      if (l && !kept.length) continue;
      if (l && (kept.length < clauses.length || (framed > 0 && clauses.length > 1))) {
        used.add(s);
        out.push(...withFragmentsJoined(kept).map((c) => line(c, cites, para)));
        inPara++;
        continue;
      }
    }
    if (!l) continue;
    used.add(s);
    l.para = para;
    out.push(l);
    if (++inPara >= 4) {
      para++;
      inPara = 0;
    }
  }
  for (const r of readings) if (!readingsWritten.has(r)) out.push(line(r.text, r.evidence, para));
  // A symptom asked about during the exam and denied ("any numbness or tingling in that right arm?" "no.") is a
  // pertinent negative of the history, though asked after it.
  const deniedLate = facts.symptoms.filter(
    (f) =>
      f.negated &&
      f.subject === 'patient' &&
      !written.has(`true|${f.name}`) &&
      f.evidence.every((t) => (ex.phase[t] ?? 'history') !== 'history'),
  );
  if (deniedLate.length)
    out.push(
      line(
        `${subj} denies ${listing(
          deniedLate.slice(0, 4).map((f) => f.name),
          'or',
        )}.`,
        [...new Set(deniedLate.slice(0, 4).flatMap((f) => f.evidence))],
        para,
      ),
    );
  // A reading taken elsewhere ("it was about 180 over 95 when you went into the emergency room") is history: where it
  // was taken is said with it.
  for (const v of facts.vitals) {
    const place = !v.historical
      ? undefined
      : (v.setting ?? (v.source ? VITAL_ELSEWHERE.exec(v.source.toLowerCase())?.[1] : undefined));
    if (!place || !Number.isFinite(v.value)) continue;
    const value = v.kind === 'bp' ? `${v.value}/${v.value2}` : `${v.value} ${v.unit}`.replace(' %', '%');
    out.push(line(`${VITAL_NAMES[v.kind]} was ${value} in the ${place}.`, v.evidence, para));
  }
  // A symptom the patient reported that no line of the history states yet ("I've been really tired") is stated,
  // so the history carries every complaint the review of systems lists.
  // Lines the register gate will drop (see inNoteRegister) do not count as telling it.
  const told = out
    .map((l) => repairRegister(l.text))
    .filter((t) => readsAsNote(t, 'history') && !readsAsSpeech(t, 'history'))
    .join(' ')
    .toLowerCase();
  const toldNames = new Set(
    lexicons()
      .symptoms.match(told)
      .map((m) => m.value.name),
  );
  const untold = facts.symptoms.filter(
    (f) =>
      f.subject === 'patient' &&
      !toldNames.has(f.name) &&
      f.time === 'current' &&
      (f.assertion === 'present' || f.assertion === 'possible') &&
      !told.includes(f.name) &&
      !(f.bodySite && told.includes(f.bodySite)) &&
      !told.includes(f.name.split(' ').pop()!),
  );
  // A symptom told in the same turn as a complaint the summary states with its duration ("i was short of breath and i
  // felt a little chest pain for about an hour") went with that episode: it is written with it, not as a current
  // complaint of its own ("He reports chest pain for an hour, with shortness of breath.").
  for (let i = untold.length - 1; i >= 0; i--) {
    const f = untold[i]!;
    if (f.assertion !== 'present' || f.duration) continue;
    const episode = out.find(
      (l, k) =>
        k < opening &&
        / for [^.]+\.$/.test(l.text) &&
        !/, with /.test(l.text) &&
        f.evidence.every((t) => l.evidence.includes(t)),
    );
    if (!episode) continue;
    episode.text = `${episode.text.replace(/\.$/, '')}, with ${f.name}.`;
    untold.splice(i, 1);
  }
  // Symptoms of a past episode that resolved ("…short of breath… and then, sunday, I felt fine"), told in the past.
  const over = facts.symptoms.filter(
    (f) =>
      f.subject === 'patient' &&
      f.time === 'resolved' &&
      f.assertion === 'present' &&
      !toldNames.has(f.name) &&
      !told.includes(f.name) &&
      !untold.some((u) => u.name === f.name),
  );
  if (over.length)
    character.push(
      line(
        `${subj} reports an episode of ${listing(
          over.slice(0, 4).map((f) => f.name),
          'and',
        )} that has since resolved.`,
        over.slice(0, 4).flatMap((f) => f.evidence),
      ),
    );
  if (untold.length) {
    const names = untold.slice(0, 4).map((f) => (f.assertion === 'possible' ? `possible ${f.name}` : f.name));
    character.push(
      line(
        `${subj} also reports ${listing(names, 'and')}.`,
        untold.slice(0, 4).flatMap((f) => f.evidence),
      ),
    );
  }
  // The characterisation follows the story of how it began, before the pertinent negatives.
  if (character.length) {
    const denial = out.findIndex((l, i) => i >= opening && /^(?:the patient |he |she |they )?denies\b/i.test(l.text));
    const at = denial >= 0 ? denial : out.length;
    const p2 = out[at - 1]?.para ?? para;
    for (const l of character) l.para = p2;
    out.splice(at, 0, ...character);
  }
  // "He reports shortness of breath." "A little when he climbs the stairs at work.": an answer's qualifier that cannot
  // stand alone joins the statement it qualifies.
  for (let i = out.length - 1; i > 0; i--) {
    // "Occasionally yeah occasionally especially when…": the word said again after a "yeah" is said once.
    const said = out[i]!.text.replace(/^(\w+),? (?:yeah|yes|yep),? (?=\1\b)/i, '');
    const frag = QUALIFIER_ONLY.exec(said);
    const prev = out[i - 1]!;
    // A paragraph break between them fell there by count, not by topic.
    if (!frag || !REPORTED_ONLY.test(prev.text)) continue;
    // "Occasionally especially when it is like colder outside" → "occasionally, especially when it is colder outside".
    const qualifier = said
      .replace(/^(occasionally|sometimes|usually|often|mostly|mainly|only) (?=especially|mostly|mainly|only)/i, '$1, ')
      .replace(/\b(is|are|was|were|gets?|got|(?:it|that|they|she|he)'(?:s|re)) like (?=[a-z])/gi, '$1 ');
    prev.text = `${prev.text.replace(/\.$/, '')}, ${qualifier.charAt(0).toLowerCase()}${qualifier.slice(1)}`;
    prev.evidence = [...new Set([...prev.evidence, ...out[i]!.evidence])].sort((a, b) => a - b);
    out.splice(i, 1);
  }
  // A run-on's clause cut from its subject ("…but always have like the tension headaches in the front") is given the
  // patient as subject; the run-on is written clause by clause, as inNoteRegister would split it.
  for (let i = out.length - 1; i >= opening; i--) {
    if (!/\b(?:always|usually|often|sometimes|occasionally|still|never) (?:have|get|feel)\b/i.test(out[i]!.text))
      continue;
    const parts = splitRunOn(out[i]!.text);
    const fixed = parts.map((c) => withPatientSubject(c, ctx.sex));
    if (fixed.every((c, k) => c === parts[k])) continue;
    out.splice(i, 1, ...fixed.map((c) => ({ ...out[i]!, text: c, evidence: [...out[i]!.evidence] })));
  }
  const res = brief ? out.slice(0, 8) : out;
  ctx.cache.set(key, res);
  return res;
}
/** "No, not really, no chest pain or shortness of breath she has…": a denial run into the clause after it. */
const LEADING_DENIAL =
  /^(?:(?:no|nope|not really)\b,?\s+)*no ((?:[a-z]+ ){0,3}[a-z]+(?: or (?:[a-z]+ ){0,3}[a-z]+)?),?\s+(?=(?:she|he|they) [a-z]+)/i;
/** A line composed as a denial ("She denies fever or chills."). */
const DENIAL_LINE = /^(?:the patient |he |she |they )?(?:denies|reports [^.]* but denies)\b/i;
const QUALIFIER_ONLY =
  /^(?:(?:a little|a bit|only|mostly|mainly|just|usually|sometimes|occasionally|often|especially|mostly just) )+(?:when|with|at|after|in|if|on|during)\b[^.]{3,80}\.$/i;
const REPORTED_ONLY = /^(?:he|she|the patient) (?:reports|endorses) [a-z ,'-]{3,60}\.$/i;

/** Chronic conditions a visit follows up alongside its reason. */
const CHRONIC =
  /^(?:hypertension|hyperlipidemia|type [12] diabetes|diabetes|congestive heart failure|coronary artery disease|copd|asthma|depression|anxiety|gerd|hypothyroidism|obesity|chronic kidney disease|kidney disease|osteoarthritis|arthritis|atrial fibrillation)$/;

function chiefComplaint(ctx: Ctx): Line[] {
  // Read by its section, the assessment and the A&P heading: once per draft.
  const hit = ctx.cache.get('cc');
  if (hit) return hit;
  const cc = chiefComplaintUncached(ctx);
  ctx.cache.set('cc', cc);
  return cc;
}

function chiefComplaintUncached(ctx: Ctx): Line[] {
  const { facts } = ctx;
  const current = facts.symptoms.filter((s) => s.assertion === 'present' && s.subject === 'patient' && !s.historical);
  if (facts.chiefComplaint) {
    const cited: number[] = [];
    const text = finishSentence(cap(reasonAsWritten(ctx, facts.chiefComplaint.text, current, cited)));
    return [
      line(
        text,
        [...new Set([...facts.chiefComplaint.evidence, ...cited])].sort((a, b) => a - b),
      ),
    ];
  }
  // The doctor's opening "she's … status post bilateral reduction mammoplasty": a post-operative follow-up.
  const postOp = postOperative(ctx);
  if (postOp) return [postOp];
  // "What brings you in?" "My asthma …" / "my blood pressure has been high": the condition the patient names first.
  const answer = openingAnswer(ctx);
  if (answer) return [answer];
  // "So you've been having some problems with your right hip?" "Yeah.": the part the doctor opens the visit with, as
  // the patient confirms it, is the complaint, before a symptom asked about later ("weight loss").
  const part = partOpener(ctx);
  if (part) return [part];
  // "I'm here, I'm just ready to quit smoking": a visit for a behaviour goal is headed by it, when nothing the patient
  // complains of today and no new problem competes (the conditions assessed are history followed up alongside it).
  const goal = behaviourGoal(ctx);
  if (goal && current.every((s) => elicitedOnly(ctx, s)) && !injuryOpener(ctx)) {
    const assessed = firstAssessed(ctx);
    if (!assessed || CHRONIC.test(assessed.name) || facts.history.some((h) => h.name === assessed.name)) return [goal];
  }
  // No problem assessed: the chronic condition the doctor opened the visit with ("we're following up on your blood
  // pressure", "so tell me about the gout", "how have you been doing with the heart failure") is what the visit is
  // for, as a follow-up of it, not a symptom asked about along the way.
  if (!firstAssessed(ctx)) {
    const followed = followedUpCondition(ctx.ex.sentences.slice(0, 8), ctx.ex.phase, ctx.ex.sex);
    if (followed) return [line(finishSentence(cap(followed.text)), followed.evidence)];
  }
  // A pain known only by its score ("pain, rated 8/10") names no site: the doctor's opening injury says more.
  let first = current.find((s) => s.name !== 'pain') ?? (injuryOpener(ctx) ? undefined : current[0]);
  // A symptom the patient only confirmed when the doctor screened for it ("any fever or chills?" "chills last night")
  // goes along with what they came with: when the plan assesses a problem, that problem is the complaint.
  if (first && elicitedOnly(ctx, first) && current.every((s) => s === first || elicitedOnly(ctx, s))) {
    const lead =
      firstAssessed(ctx) ??
      ctx.facts.problems.find(
        (p) => p.assertion === 'present' && p.subject === 'patient' && p.certainty === 'confirmed' && p.time !== 'past',
      );
    if (lead && !CHRONIC.test(lead.name)) return [line(finishSentence(cap(lead.name)), lead.evidence)];
  }
  // The problem the plan treats first, when it was brought up before that symptom ("my blood pressure has been
  // high" … later "headaches, yes"), is what the visit was for: the symptom is secondary.
  const lead = first && firstAssessed(ctx);
  if (first && lead && raisedBefore(ctx, lead.name, Math.min(...first.evidence))) first = undefined;
  if (first) {
    const named = symptomName(ctx, first);
    // "my right knee … it's swollen and it hurts": the patient's complaint at that part, said whole.
    const sited = sitedComplaint(ctx);
    const at = /^(.+) (?:pain|swelling)$/.exec(named)?.[1];
    if (sited && at && sited.text.toLowerCase().startsWith(`${at} `) && / and /.test(sited.text))
      return [
        line(
          sited.text,
          [...new Set([...sited.evidence, ...first.evidence])].sort((a, b) => a - b),
        ),
      ];
    // "I've had a cough and a fever for three days": the complaints the patient names together are the complaint.
    const along = current.filter(
      (o) =>
        o !== first &&
        !!o.source &&
        o.source === first.source &&
        !elicitedOnly(ctx, o) &&
        !o.name.includes(first.name) &&
        !first.name.includes(o.name) &&
        // Sputum qualifies a cough; a sign at a part ("red … my right foot is swollen") is one complaint there.
        o.name !== 'sputum' &&
        !(o.bodySite && !first.bodySite),
    );
    // Two complaints at most, as a clinician heads a note; more are the history's to tell.
    if (along.length === 1 && first.source) {
      const names = [named, ...along.map((o) => symptomName(ctx, o))];
      const evidence = [...new Set([first, ...along].flatMap((o) => o.evidence))].sort((a, b) => a - b);
      return [line(finishSentence(cap(listing([...new Set(names)], 'and'))), evidence)];
    }
    return [line(finishSentence(cap(named)), first.evidence)];
  }
  const injury = injuryOpener(ctx);
  if (injury) return [injury];
  // "I rolled my right ankle … it really hurts": the part the patient came with, not the diagnosis made of it.
  const sited = sitedComplaint(ctx);
  if (sited) return [sited];
  // No symptom or injury named: the first new problem the doctor assessed is what the visit was for (not a chronic one
  // followed up alongside it), rather than a chief complaint "Not discussed" above a plan that treats one.
  // Nor a problem the plan heads under its own framing ("so your depression is improving …"): the condition the doctor
  // assessed as the patient's, present and confirmed.
  const assessed =
    firstAssessed(ctx) ??
    facts.problems.find(
      (p) =>
        p.assertion === 'present' && p.subject === 'patient' && p.certainty === 'confirmed' && p.time === 'current',
    );
  if (!assessed) return [];
  // A suspected diagnosis stays suspected here as under its heading ("Possible lyme disease.").
  const name = assessed.certainty === 'suspected' ? `possible ${assessed.name}` : assessed.name;
  return [line(finishSentence(cap(name)), assessed.evidence)];
}

/** A behaviour the patient comes to change ("ready to quit smoking", "want to lose some weight"), as a note heads it. */
const BEHAVIOUR_GOAL: Array<[RegExp, string]> = [
  [
    /\b(?:quit(?:ting)?|stop(?:ping)?|giv(?:e|ing) up) (?:the )?(?:smoking|cigarettes|tobacco|vaping)\b/,
    'Smoking cessation',
  ],
  [
    /\b(?:los(?:e|ing)|drop(?:ping)?|get(?:ting)? (?:my|his|her|your|their|the) )(?:some |the )?weight(?: off| down)?\b/,
    'Weight loss',
  ],
  [/\bestablish(?:ing)? (?:care|(?:a |as a )?(?:new )?(?:primary care )?patient)\b/, 'Establish care'],
  [/\b(?:medication |med |prescription )?refills?\b/, 'Medication refill'],
];
/** The visit's opening reason said as a wish or purpose, not a question and not denied ("i don't want to quit"). */
const GOAL_FRAME =
  /\b(?:here|ready|want(?:s|ed)?|wanna|would like|'d like|trying|try|decided|came in|come in|coming in|need|hoping|help(?: me| you)?)\b/;

/** The behaviour goal the opening of the visit states as its reason, as the complaint line; null when none. */
function behaviourGoal(ctx: Ctx): Line | null {
  for (const s of ctx.ex.sentences.slice(0, 10)) {
    if (s.lower.trimEnd().endsWith('?')) continue;
    for (const [re, name] of BEHAVIOUR_GOAL) {
      const m = re.exec(s.lower);
      if (!m) continue;
      // A refill is the patient's own request ("i just need a refill on my metformin"), not the doctor's plan.
      if (name === 'Medication refill' && s.speaker !== 'patient') continue;
      const before = s.lower.slice(Math.max(0, m.index - 40), m.index);
      if (!GOAL_FRAME.test(before) || /\b(?:not|don't|doesn't|didn't|never|no)\b[^,.]*$/.test(before)) continue;
      return line(`${name}.`, [s.turn]);
    }
  }
  return null;
}

/** A screening question ("any fever or chills?", "have you had any nausea"): the doctor asks about what may go along. */
const SCREENING_QUESTION =
  /^(?:(?:and|so|okay|ok|alright|now|also)[, ]+)*(?:any|(?:have you|has (?:he|she|they)) (?:had|noticed|been having) any|(?:do|did) you (?:have|get|notice) any|are you having any)\b/;

/** Whether the symptom first came up as the answer to the doctor's screening question, not as the patient's own. */
function elicitedOnly(ctx: Ctx, sym: Symptom): boolean {
  const first = Math.min(...sym.evidence);
  const turn = ctx.transcript.turns[first];
  if (!turn) return false;
  const asked = turn.speaker === 'doctor' ? turn : ctx.transcript.turns[first - 1];
  return asked?.speaker === 'doctor' && SCREENING_QUESTION.test(asked.text.toLowerCase().trim());
}

/** "Right middle finger pain", not "Finger pain": a symptom's name with its site as said, and its side. */
function symptomName(ctx: Ctx, sym: Symptom): string {
  const sited = sym.bodySite && sym.name.startsWith(sym.bodySite.split(' ').pop()! + ' ');
  let name = sited ? `${sym.bodySite} ${sym.name.split(' ').slice(1).join(' ')}` : sym.name;
  // "Knee pain" said without its side, when the visit names one side of that part only ("which knee?" "my right").
  const part = /^([a-z]+) (?:pain|swelling|ulcer)$/.exec(name)?.[1];
  const side = part ? (onlySide(ctx, part) ?? bothSides(ctx, part)) : null;
  if (side) name = `${side} ${name}`;
  return name;
}

/** A body part named alone as the reason ("here for a right elbow"). */
const BARE_PART =
  /^(?:(left|right|bilateral) )?(knee|ankle|foot|wrist|hand|elbow|shoulder|hip|leg|arm|finger|thumb|toe|back|neck|heel)s?$/i;
/** A complaint named by its last word ("a new right eye twitch"), when the lexicons do not know it. */
const COMPLAINT_NOUN = /\b(?:pain|injury|twitch(?:ing)?|lesion|lump|mass|swelling|rash|wound)s?$/;
/** The patient's own complaint of pain ("it hurts", "the pain"), said anywhere in the visit. */
const PAIN_SAID = /\b(?:pain|painful|hurts?|hurting|sore|aches?|aching)\b/;

/**
 * The stated reason as a clinician heads a note with it: "Evaluation of some right elbow pain" is "Right elbow pain",
 * "Complaints of joint pain" "Joint pain", "Followup of his chronic problems" "Follow-up of chronic problems".
 */
function reasonAsWritten(ctx: Ctx, text: string, current: Symptom[], cited: number[] = []): string {
  let t = text
    .replace(/\b(?:his|her|their|your|my|some)\s+/gi, '')
    .replace(/^(?:an?|the)\s+/i, '')
    .replace(/^complaints? of\s+/i, '')
    .replace(/\bfollow[- ]?up\b/gi, 'follow-up');
  // A visit type alone stays ("Back pain evaluation"); "evaluation of kidney stones" names the complaint.
  const rest = /^(?:evaluation|assessment) (?:of|for) (?:an? |the )?(.+)$/i.exec(t)?.[1];
  const lex = lexicons();
  const names = (r: string) =>
    lex.symptoms.match(r).length > 0 || lex.problems.match(r).length > 0 || COMPLAINT_NOUN.test(r);
  if (rest && names(rest.toLowerCase())) t = rest;
  // A body part alone: the complaint the patient has there, or its pain when the patient speaks of pain.
  const bare = BARE_PART.exec(t);
  if (bare) {
    const part = bare[2]!.toLowerCase();
    const there = current.find((s) => s.name.split(' ').includes(part) || s.bodySite?.split(' ').includes(part));
    // The turns that said the complaint are cited with it.
    if (there) {
      cited.push(...there.evidence);
      return symptomName(ctx, there);
    }
    const pain = ctx.ex.sentences.find((s) => s.speaker === 'patient' && PAIN_SAID.test(s.lower));
    if (pain) {
      t = `${t} pain`;
      cited.push(pain.turn);
    }
  }
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * "She's a 36-year-old female post bilateral reduction mammoplasty on 10/10": a procedure the doctor's opening says the
 * patient is status post is what the visit follows up ("Follow-up after bilateral reduction mammoplasty.").
 */
const STATUS_POST =
  /(?<!history of |history of a |history of an )(?:\bstatus[- ]post|\bs\/p|\b(?:female|male|man|woman|lady|gentleman|patient|who is|who's|she is|she's|he is|he's|is|now) post(?:[- ]?op(?:erative)?)?)(?: day \w+)?(?: (?:from|after))? (?:an? |the |her |his |their )?((?:[a-z-]+ ){0,4}?[a-z-]*(?:ectomy|otomy|ostomy|plasty|pexy|repair|replacement|reconstruction|fixation|fusion|surgery|arthroscopy|augmentation|release|excision|bypass|transplant|ablation))\b(?! (?:[a-z-]+ )?(?:ectomy|otomy|ostomy|plasty|pexy|repair|replacement|reconstruction|fixation|fusion|surgery)\b)/;

function postOperative(ctx: Ctx): Line | null {
  let seen = 0;
  for (const s of ctx.ex.sentences) {
    if (s.speaker !== 'doctor') continue;
    if (++seen > 4) break;
    // Not a question ("any complications post surgery?"): the opening states what the patient is status post.
    const m = s.lower.trimEnd().endsWith('?') ? null : STATUS_POST.exec(s.lower);
    if (m) return line(finishSentence(`Follow-up after ${m[1]}`), [s.turn]);
  }
  return null;
}

/** The doctor's opening question about the reason for the visit. */
const OPENING_QUESTION =
  /\b(?:what brings you (?:in|here|to (?:me|see me|the clinic|clinic))|what (?:can|may) (?:i|we) (?:do for you|help you with)|how can (?:i|we) help(?: you)?|what are you (?:here|in) for|what seems to be the (?:problem|trouble))\b/;
/** "My blood pressure has been quite high": a reading the patient says runs high, as clinicians head it. */
const RUNS_HIGH =
  /\b(blood pressure|blood sugars?)s? (?:has |have |is |are |was |were |keeps? |stays? )?(?:been |being |running |getting |staying )?(?:quite |really |very |too |so |pretty |a little |a bit )?(?:high|elevated)\b/;

/**
 * The condition the patient's answer to the opening question names before any symptom ("What can I help you with
 * today?" "I've been dealing with my asthma …"); null when the answer names a symptom first, or nothing.
 */
function openingAnswer(ctx: Ctx): Line | null {
  const { sentences } = ctx.ex;
  const q = sentences.findIndex((s, i) => i < 12 && s.speaker === 'doctor' && OPENING_QUESTION.test(s.lower));
  if (q < 0) return null;
  const lex = lexicons();
  for (let i = q + 1; i < sentences.length && i < q + 6; i++) {
    const s = sentences[i]!;
    if (s.speaker === 'doctor') break;
    if (s.speaker !== 'patient') continue;
    const symptom = lex.symptoms.match(s.lower)[0];
    const problem = lex.problems.match(s.lower).find((m) => {
      const r = readMention(s, m.start, m.end, sentences[i - 1]);
      return r.assertion === 'present' && r.experiencer === 'patient';
    });
    const high = RUNS_HIGH.exec(s.lower);
    const at = (x: { start: number } | { index: number } | undefined | null) =>
      !x ? Infinity : 'start' in x ? x.start : x.index;
    const first = Math.min(at(symptom), at(problem), at(high));
    if (first === Infinity) continue;
    if (first === at(symptom)) return null;
    const name = first === at(problem) ? problem!.value : `elevated ${high![1]!.replace(/s$/, '')}`;
    return line(finishSentence(cap(name)), [s.turn]);
  }
  return null;
}

/** The first new problem the plan heads (a chronic one followed up alongside it only when there is no other). */
function firstAssessed(ctx: Ctx): Problem | undefined {
  const headed = planOf(ctx).headed.filter((p) => p.certainty !== 'ruled-out');
  return headed.find((p) => !CHRONIC.test(p.name)) ?? headed[0];
}

/**
 * Whether the problem was named as the patient's own, present, and not asked about, before the turn ("I'm here
 * about my asthma", "your PCP sent you for the kidney stones"); one pass over the sentences before it.
 */
function raisedBefore(ctx: Ctx, name: string, turn: number): boolean {
  const { sentences } = ctx.ex;
  for (let i = 0; i < sentences.length && sentences[i]!.turn < turn; i++) {
    const s = sentences[i]!;
    // A known diagnosis by any of its names, or a problem the plan heads as said ("difficulty urinating") as said.
    const said = s.lower.indexOf(name);
    const mentions = [
      ...lexicons()
        .problems.match(s.lower)
        .filter((m) => m.value === name),
      ...(said >= 0 ? [{ start: said, end: said + name.length }] : []),
    ];
    for (const m of mentions) {
      const r = readMention(s, m.start, m.end, sentences[i - 1]);
      if (r.assertion === 'present' && r.experiencer === 'patient' && r.question !== 'asked') return true;
    }
  }
  return false;
}

/** A body part the patient names as theirs ("my right ankle", "both of my elbows"). */
const OWN_PART =
  /\b(?:(both) (?:of )?my |my (?:(left|right) )?(lower |upper |pinky |index |middle |ring |little |big |great )?)(knee|ankle|wrist|elbow|shoulder|hip|back|neck|foot|hand|finger|thumb|toe|heel|calf|thigh|leg|arm)s?\b/;
/** The patient's words that the part hurts, is swollen, or was hurt. */
const PART_PAIN =
  /\b(?:pain|painful|hurts|hurting|sore|aches?|aching|killing me)\b|\bhurt\b(?! (?:my|the|his|her|their|your|myself|it)\b)/;
const PART_SWOLLEN = /\b(?:swollen|swelling)\b/;
/** An injury done to the part itself ("i twisted my right knee", "landed on my wrist"). */
const PART_INJURED = /\b(?:twisted|rolled|sprained|injured|hurt|jammed|banged|landed on|fell on) my $/;
/** A sentence about the past or denying ("i had broken my ankle in the past", "it doesn't hurt anymore"). */
const PART_NOT_NOW = /\b(?:not|no|never|n't|anymore|past|ago|history|used to|last year|years?|better|resolved|gone)\b/;

/**
 * The complaint the patient opens with at a part of the body ("i rolled my right ankle … it really hurts" → "Right
 * ankle pain", "both of my elbows hurt" → "Bilateral elbow pain"): the part, its side, and what the patient says of it
 * in the same turn; null when the patient's first turns name no part so, or deny it.
 */
function sitedComplaint(ctx: Ctx): Line | null {
  const { sentences } = ctx.ex;
  for (let i = 0; i < sentences.length && i < 12; i++) {
    const s = sentences[i]!;
    if (s.speaker !== 'patient' || phaseOf(s, ctx.ex.phase) === 'exam') continue;
    const m = OWN_PART.exec(s.lower);
    const now = (t: Sentence) => !PART_NOT_NOW.test(t.lower.replace(/\bcan't\b/g, ''));
    if (!m || s.lower.trimEnd().endsWith('?') || !now(s)) continue;
    // What the patient says of it in the same turn, from that sentence on ("i twisted my knee. it's swollen and it
    // hurts."), in sentences that do not deny it or place it in the past.
    const said = sentences
      .slice(i)
      .filter((t) => t.turn === s.turn && now(t))
      .map((t) => t.lower)
      .join(' ');
    const pain = PART_PAIN.test(said);
    const swollen = PART_SWOLLEN.test(said);
    if (!pain && !swollen && !PART_INJURED.test(s.lower.slice(Math.max(0, m.index - 20), m.index + 3))) continue;
    const part = m[4]!;
    const side = m[1] ? 'bilateral' : (m[2] ?? onlySide(ctx, part));
    const where = [side, m[3]?.trim(), part].filter(Boolean).join(' ');
    const what = pain && swollen ? 'pain and swelling' : pain ? 'pain' : swollen ? 'swelling' : 'injury';
    return line(finishSentence(cap(`${where} ${what}`)), [s.turn]);
  }
  return null;
}

/** "I see … you hurt your left ankle": the injury the doctor opens with. */
function injuryOpener(ctx: Ctx): Line | null {
  for (const s of ctx.ex.sentences.slice(0, 12)) {
    if (s.speaker !== 'doctor') continue;
    const m = INJURY_OPENER.exec(s.lower);
    if (!m) continue;
    // "You hurt your knee" … "which knee?" "my right": the side the visit names for that part, when only one.
    const side = m[1] ? null : onlySide(ctx, m[2]!);
    return line(finishSentence(cap(`${m[1] ?? (side ? `${side} ` : '')}${m[2]} injury`.trim())), [s.turn]);
  }
  return null;
}

/** "Both of my elbows", "both knees": the patient's part said on both sides, and neither side alone. */
function bothSides(ctx: Ctx, part: string): 'bilateral' | null {
  const both = new RegExp(`\\bboth (?:of )?(?:my |the |your |his |her )?${part}s\\b`);
  const one = new RegExp(`\\b(?:left|right) ${part}\\b`);
  const turns = ctx.transcript.turns.map((t) => t.text.toLowerCase());
  return turns.some((t) => both.test(t)) && !turns.some((t) => one.test(t)) ? 'bilateral' : null;
}

/** The side said with a body part in the visit, when it is always the same one ("right knee" and never "left knee"). */
function onlySide(ctx: Ctx, part: string): 'left' | 'right' | null {
  const re = new RegExp(
    `\\b(left|right)(?: (?:upper|lower|middle|index|ring|little|big|inner|outer))? ${part}s?\\b`,
    'g',
  );
  const seen = new Set<string>();
  for (const t of ctx.transcript.turns) for (const m of t.text.toLowerCase().matchAll(re)) seen.add(m[1]!);
  return seen.size === 1 ? ([...seen][0] as 'left' | 'right') : null;
}

/** The parts a doctor opens a visit on ("you hurt your knee", "problems with your right hip"). */
const OPENED_PARTS = 'knee|ankle|foot|wrist|hand|elbow|shoulder|hip|back|neck|leg|arm|toe|finger|thumb|heel';
/** The doctor opening on trouble at a part: "you've been having some problems with your right hip?". */
const PART_OPENER = new RegExp(
  `\\b(?<!any )(?:you(?:'ve| have) been having|you(?:'re| are) having|you have(?! any)|you've had|you have had) (?:some |a little |a lot of |a bit of )?(problems?|trouble|issues?|pain) (?:with|in) (?:your|the) ((?:left|right) )?(${OPENED_PARTS})s?\\b`,
);
/** The patient's confirming answer: "yeah", "yes, i have", "mm-hmm". */
const CONFIRMED = /^(?:yes|yeah|yep|yup|mm-?hmm|uh-?huh|right|correct|i have|it has|that's right|exactly)\b/;

/**
 * The part the doctor opens the visit with, when the patient confirms it ("you've been having some problems with your
 * right hip?" "yeah."): "Right hip pain" when the patient says "pain" in the turns that follow, else "Right hip
 * problems"; null when the doctor opens on no part, or the patient does not confirm it.
 */
function partOpener(ctx: Ctx): Line | null {
  const { sentences } = ctx.ex;
  for (let i = 0; i < sentences.length && i < 12; i++) {
    const s = sentences[i]!;
    if (s.speaker !== 'doctor') continue;
    const m = PART_OPENER.exec(s.lower);
    if (!m) continue;
    const reply = ctx.transcript.turns[s.turn + 1];
    if (reply?.speaker !== 'patient' || !CONFIRMED.test(reply.text.toLowerCase().trim())) return null;
    const side = m[2]?.trim() ?? onlySide(ctx, m[3]!);
    // The patient's own word for pain (the note's word, as the turns cited must say it).
    const pain =
      m[1] === 'pain'
        ? null
        : sentences.find(
            (t) =>
              t.speaker === 'patient' &&
              t.turn > s.turn &&
              t.turn <= s.turn + 8 &&
              /\bpain(?:ful)?\b/.test(t.lower) &&
              !PART_NOT_NOW.test(t.lower),
          );
    const what = m[1] === 'pain' || pain ? 'pain' : 'problems';
    const evidence = [
      s.turn,
      s.turn + 1,
      ...(pain ? [pain.turn, pain.speaker === 'doctor' ? pain.turn + 1 : pain.turn] : []),
    ];
    return line(finishSentence(cap([side, m[3], what].filter(Boolean).join(' '))), [...new Set(evidence)]);
  }
  return null;
}

const INJURY_OPENER = new RegExp(
  `\\byou (?:hurt|injured|twisted|sprained|banged|jammed) (?:your|the) ((?:left|right) )?(${OPENED_PARTS})\\b`,
);

/** "a", "a and b", "a, b, and c" (or "or"). */
function listing(items: string[], conj: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} ${conj} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${conj} ${items[items.length - 1]}`;
}

/**
 * Review of systems from the patient's symptom facts: "• Respiratory: Endorses cough. Denies wheezing." Advice and
 * risks are left out, as are past or resolved symptoms reported as present; an item both reported and denied (a
 * contradiction in the visit) is left to the HPI rather than written either way.
 */
function ros(ctx: Ctx): Line[] {
  const bySystem = new Map<string, { pos: Map<string, number[]>; neg: Map<string, number[]> }>();
  // A condition the patient has (depression, asthma, a known diagnosis) is history or a problem, not a symptom the
  // review of systems endorses.
  const conditions = new Set([
    ...ctx.facts.problems.filter((p) => p.subject === 'patient').map((p) => p.name),
    ...ctx.facts.history.filter((h) => h.kind === 'medical' && !h.negated).map((h) => h.name),
  ]);
  for (const s of ctx.facts.symptoms) {
    if (s.subject !== 'patient' || !s.system || s.assertion === 'hypothetical') continue;
    if (!s.negated && conditions.has(s.name)) continue;
    if (!s.negated && s.historical) continue;
    const g = bySystem.get(s.system) ?? { pos: new Map(), neg: new Map() };
    const m = s.negated ? g.neg : g.pos;
    const name =
      s.uncertain && !s.negated && !g.pos.has(s.name)
        ? `possible ${s.name}`
        : s.negated && askedSince(ctx, s.evidence)
          ? `further ${s.name}`
          : s.name;
    if (name === s.name) m.delete(`possible ${s.name}`);
    m.set(name, [...(m.get(name) ?? []), ...s.evidence]);
    bySystem.set(s.system, g);
  }
  const out: Line[] = [];
  for (const [system, g] of bySystem) {
    const conflicting = [...g.pos.keys()].filter((n) => g.neg.has(n.replace(/^possible /, '')));
    for (const n of conflicting) {
      g.pos.delete(n);
      g.neg.delete(n.replace(/^possible /, ''));
    }
    // "Sore throat" already says "throat pain".
    for (const m of [g.pos, g.neg])
      for (const n of [...m.keys()]) {
        const site = /^(?:possible )?([a-z]+) pain$/.exec(n)?.[1];
        const other =
          site && [...m.keys()].find((o) => o !== n && !/ pain$/.test(o) && new RegExp(`\\b${site}\\b`).test(o));
        if (other) {
          m.set(other, [...m.get(other)!, ...m.get(n)!]);
          m.delete(n);
        }
      }
    const parts: string[] = [];
    const ev: number[] = [];
    if (g.pos.size) {
      parts.push(`Endorses ${listing([...g.pos.keys()], 'and')}.`);
      for (const e of g.pos.values()) ev.push(...e);
    }
    if (g.neg.size) {
      parts.push(`Denies ${listing([...g.neg.keys()], 'or')}.`);
      for (const e of g.neg.values()) ev.push(...e);
    }
    if (parts.length) out.push(line(`• ${system}: ${parts.join(' ')}`, ev));
  }
  return out;
}

const VITAL_NAMES: Record<string, string> = {
  bp: 'Blood pressure',
  hr: 'Heart rate',
  rr: 'Respiratory rate',
  temp: 'Temperature',
  spo2: 'Oxygen saturation',
  weight: 'Weight',
  height: 'Height',
  bmi: 'BMI',
};

/** A verdict on the vital signs as a whole ("Vital signs: normal."), read where the results are. */
const VITALS_VERDICT = /^(?:vital signs|vitals):\s*/i;

/** A blood pressure result line ("Blood pressure: …"). */
const BP_LINE = /^Blood pressure:\s*/;
/** Readings followed over time (at home, over months) are a result, not today's vital sign. */
const BP_OVER_TIME = /\b(?:readings?|at home|home|log|past|over the|months?|weeks?|running|have been|has been)\b/;
const BP_VERDICT =
  /\b(?:(a little bit|a little|a bit|slightly|mildly|moderately|quite|very|significantly) )?(elevated|high|low)\b/;
const BP_VALUE = /\b(\d{2,3})\/(\d{2,3})\b/;

/**
 * The office blood pressure read out as a result ("Blood pressure: his blood pressure is a little high today."), as
 * the vitals write it: "slightly elevated", with its value when one was said; null for any other line.
 */
function officeBloodPressure(text: string): { verdict: string; value: string | null } | null {
  if (!BP_LINE.test(text)) return null;
  const body = text.replace(BP_LINE, '').toLowerCase();
  const v = BP_OVER_TIME.test(body) ? null : BP_VERDICT.exec(body);
  if (!v) return null;
  const degree = v[1] ? (/^a (?:little|bit)/.test(v[1]) ? 'slightly ' : `${v[1]} `) : '';
  const value = BP_VALUE.exec(body);
  return { verdict: degree + (v[2] === 'high' ? 'elevated' : v[2]), value: value ? `${value[1]}/${value[2]}` : null };
}

function vitals(ctx: Ctx): Line[] {
  const read = ctx.facts.vitals
    .filter((v) => !v.historical && Number.isFinite(v.value))
    .map((v) => {
      const value = v.kind === 'bp' ? `${v.value}/${v.value2} mmHg` : `${v.value} ${v.unit}`.replace(' %', '%');
      return line(`• ${VITAL_NAMES[v.kind]}: ${value}${v.qualifier ? ` ${v.qualifier}` : ''}.`, v.evidence);
    });
  const verdict: Line[] = [];
  for (const l of resultsOf(ctx).vitals) {
    const bp = officeBloodPressure(l.text);
    if (!bp) {
      const said = l.text.replace(VITALS_VERDICT, '');
      verdict.push({ ...l, text: `• Vital signs: ${said.charAt(0).toUpperCase()}${said.slice(1)}` });
      continue;
    }
    // The reading the vitals state already takes the verdict ("• Blood pressure: 156/94 mmHg, mildly elevated.").
    const at = read.findIndex((r) => r.text.startsWith('• Blood pressure: '));
    if (at >= 0) {
      const r = read[at]!;
      if (!r.text.includes(bp.verdict)) read[at] = { ...r, text: `${r.text.replace(/\.$/, '')}, ${bp.verdict}.` };
    } else
      verdict.push({
        ...l,
        text: `• Blood pressure: ${bp.value ? `${bp.value} mmHg, ${bp.verdict}` : cap(bp.verdict)}.`,
      });
  }
  return [...verdict, ...read];
}

/** What the doctor says while examining that is not a finding: a question, a request, talk about what comes next. */
/** Words of a finding or result: a sentence with them is kept even when the doctor's "I" could not be removed. */
const FINDING_WORDS =
  /\d|\b(?:tender\w*|nontender|nondistended|distended|swell\w*|swollen|bruis\w*|effusion|murmur|rales|crackles|wheez\w*|edema|erythema\w*|rash|lesions?|plaques?|scaly|papules?|vesicles?|pustules?|ulcers?|patch(?:es|y)|mass(?:es)?|nodules?|enlarged|fracture|normal|abnormal|negative|positive|elevated|decreased|reduced|limited|range of motion|strength|reflex\w*|pulses?|sensation|intact|clear|soft|stable|no evidence)\b/;

const NOT_FINDING =
  /\?\s*$|^(?:what|where|which|how|does|do|is it|can (?:you|he|she|they)|could)\b|\b(?:going to ask|ask (?:you )?a question|did (?:he|she|they|them|you) (?:hear|feel|notice))\b|^(?:so )?(?:it|that|this|which|what that) (?:just |ultimately |basically |really |all )?means\b|^(?:come|have a seat|lay back|lie back|bend|squeeze|push|pull|look up|follow my|open (?:up )?(?:your|his|her|their) mouth|say ah|stick out)\b/i;

/**
 * An instruction to the patient said in the middle of the exam ("… with associated clear discharge, open up your mouth
 * and say ah", "… take a deep breath"): not a finding; it and the rest of its sentence go.
 */
const EXAM_INSTRUCTION =
  /(?<=(?:\S+\s+){2}\S+),?\s+(?:(?:now|okay|ok|alright|all right|so|and|then|can you|could you|go ahead and|please|i want you to|i need you to)\s+)*(?:open (?:up )?(?:your|his|her|their|the) mouth|say (?:["']?a+h+\b|ahh?)|stick (?:out )?(?:your|his|her|their) tongue(?: out)?|take (?:a|another|some|a couple of) (?:(?:deep|big|few) )?breaths?|breathe (?:in|out|deeply|normally)|look (?:up|down|straight ahead|at me|to the (?:left|right))|follow my finger|cough for me)\b[^.!?]*[.!?]?/gi;

const EXAM_ASIDE =
  /(?<=(?:\S+\s+){4}\S+),?\s+and that's (?:just |probably |kind of |basically )*(?:explaining|why|what|how|because)\b.*$/i;

/** A maneuver that opens a dictated finding ("Feeling his neck, …", "Looking at her skin, …"). */
const EXAM_MANEUVER_LEAD =
  /^(?:so,?\s+)?(?:on |upon )?(?:feeling|palpating|looking at|examining|inspecting|listening to) (?:his|her|their|the) [a-z]+(?: [a-z]+)?,\s*(?=\S+\s+\S+\s+\S+)/i;
/** An enlarged organ as the exam term clinicians write ("his thyroid is mildly enlarged" → "mild thyromegaly"). */
const ORGAN_ENLARGED =
  /\b(?:(?:his|her|their|the) )?(thyroid|liver|spleen)(?: gland)? (?:is|seems|appears|feels)(?: to be)? (?:(mildly|slightly|moderately|markedly|significantly) )?enlarged\b/i;
const MEGALY: Record<string, string> = { thyroid: 'thyromegaly', liver: 'hepatomegaly', spleen: 'splenomegaly' };
const megaly = (_all: string, organ: string, grade: string | undefined) =>
  `${grade ? `${grade.toLowerCase().replace(/ly$/, '')} ` : ''}${MEGALY[organ.toLowerCase()]}`;

/** A joint or limb whose sides a note names medial and lateral. */
const SIDED_PART = '(?:knee|ankle|elbow|wrist|foot|heel|hip|thigh|arm|forearm|leg|shin|calf)';
const LAY_SIDE_OF = new RegExp(
  `\\bthe (inside|outside|inner|outer) (?:part |aspect |side )?of (?:the|that|this|their|his|her|your) ((?:left |right )?)(${SIDED_PART})\\b`,
  'gi',
);
const SIDED_PART_SAID = new RegExp(`\\b${SIDED_PART}s?\\b`, 'i');
/** "Right knee looks like it definitely has some swelling": the finding, not the looking. */
const PART_LOOKS_LIKE = new RegExp(
  `\\b(${SIDED_PART}s?) (?:looks?|appears?|seems?) like (?:it|they) (?:definitely |certainly |really |does |do )?(has|have|is|are)\\b`,
  'i',
);
const LAY_SIDE_BARE = /\bon the (inside|outside)\b(?! of\b)/gi;
const CLINICAL_SIDE: Record<string, string> = {
  inside: 'medial',
  inner: 'medial',
  outside: 'lateral',
  outer: 'lateral',
};

/**
 * Where on a joint a finding is, as a note names it: "the inside of the knee" → "the medial knee", "on the outside" →
 * "on the lateral side" (when the finding names the joint).
 */
function clinicalSide(text: string): string {
  const out = text.replace(
    LAY_SIDE_OF,
    (_, side: string, lr: string, part: string) => `the ${lr}${CLINICAL_SIDE[side.toLowerCase()]} ${part}`,
  );
  if (!SIDED_PART_SAID.test(out)) return out;
  return out.replace(LAY_SIDE_BARE, (_, side: string) => `on the ${CLINICAL_SIDE[side.toLowerCase()]} side`);
}

/**
 * Chat that opens a dictated finding, left from the talk around the exam: an answer or an acknowledgement ("Exactly so
 * his neck exam has no jvd", "Good and his extremities…", "Same thing so they do have…"; "good" only before a link, so
 * "Good reflexes" stays), a comment on the finding before it ("Not really worried about that currently their lungs
 * are clear", "Other than that, his heart…") or what comes next ("We'll have to look into that and then her right
 * knee…"). Said one after another ("Okay, good and so…"); the finding after it must have three words.
 */
const EXAM_CHAT_LEAD = new RegExp(
  '^(?:(?:' +
    [
      '(?:exactly|okay|ok|alright|all right|perfect|excellent|wonderful|yeah|yep|um|uh|so|and|then)\\b',
      '(?:good|great|very good|same thing|well|now|yes)(?=,|\\s+(?:and|so|then|okay|alright)\\b)',
      "(?:i'm |i am )?not (?:too |really |that |very |overly )?(?:worried|concerned) about (?:that|this|it)(?: (?:currently|right now|now|today|at all))?",
      '(?:other than|besides|aside from|apart from) (?:that|this)',
      "(?:we'll|we will|i'll|i will|we're going to|we have to|we'll have to|we need to) (?:[a-z']+ ){1,5}?(?:that|this|it)(?: later)? (?:and then|and|so|but)",
    ].join('|') +
    ')[,.!]?\\s+)+(?=(?:\\S+\\s+){2}\\S)',
  'i',
);

/**
 * The doctor reading back what the patient said ("I hear he is having pain this arm", "She mentioned some numbness")
 * is history, not a finding; a progressive "is having" with a maneuver ("having pain with flexion") is a finding.
 */
const HISTORY_IN_EXAM =
  /^(?:(?:i|we) (?:hear|heard|understand|see|know)(?: that)? )?(?:he|she|they|you) (?:is|are|was|were|'s|'re|has been|have been|'ve been) (?:having|experiencing|getting|feeling)\b|^(?:i|we) (?:hear|heard|understand)(?: that)? (?:he|she|they|you)\b|^(?:he|she|they|you) (?:said|says|mentioned|told me|report(?:s|ed)?|complain(?:s|ed)?)\b/i;
/**
 * A question asked in the middle of a finding, and the history that follows it ("In their ears everything looks okay
 * have them had any problems with allergies they have seasonal allergies…"): not part of the finding before it.
 */
const EXAM_QUESTION_TAIL =
  /(?<=(?:\S+\s+){2}\S+),?\s+(?:have|has|had|do|does|did|are|were) (?:you|them|they|he|she|him|her) (?:ever |any )?(?:had|have|been|noticed|got|gotten|felt|experienced|had any)\b.*$/i;
const EXAM_MANEUVER =
  /\b(?:palpat\w*|flexion|extension|rotation|range of motion|press\w*|touch\w*|mov(?:e|es|ed|ing|ement)|test|maneuver|exam\w*|bend\w*|squat\w*|walk\w*|gait|raise|lift\w*|push\w*|pull\w*)\b/i;

/** "He does have some pain…", "She has good reflexes": the patient as the subject of a finding, which a note leaves out. */
const PATIENT_HAS =
  /^(?:he|she|they) (?:does |do )?(?:has|have)(?: got)? (?!had\b|been\b|to\b|that\b|this\b|it\b)(?=\S+\s+\S)/i;

/**
 * A dictated finding as a note writes it, rewritten one sentence at a time: the examiner's frame goes ("When I listen",
 * "On physical exam," before the finding, "that's what" after it, "nice and" before "soft"), a run-on is cut where
 * the next finding starts ("no redness there's no swelling a small amount of effusion" → "no redness, no swelling, a
 * small amount of effusion"), a restart keeps one copy ("some just some tenderness"), the part inspected is the
 * finding's site ("On inspection of the knee, …" → "Knee: …"), and the body part leads without the patient's pronoun
 * ("His lungs are clear" → "Lungs are clear"). Every finding, its side and its polarity stay as said.
 */
const EXAM_REGISTER: Array<[RegExp, string]> = [
  // The examiner's frame before a finding.
  [
    /\bwhen i(?: (?:listen|listened|look|looked|examine|examined)(?: (?:to|at) (?:(?:his|her|their|the) )?[a-z]+)?)?,?\s+(?=there\b|no\b|(?:his|her|their|the|some|a|an)\s)/gi,
    '',
  ],
  [
    /^(?:on|upon) (?:my |physical |his |her |their )?(?:physical )?exam(?:ination)?(?! of\b),?\s+(?=(?:\S+\s+){2}\S)/i,
    '',
  ],
  // "On physical exam, he does have some CVA tenderness": the patient is not the subject of a finding.
  [PATIENT_HAS, ''],
  // "…one plus pitting edema, so they do have a little fluid in their legs": the finding explained to the patient.
  [
    /,?\s+so (?:he|she|they|you) (?:do|does) (?:have|has) (?:a little|slight|some|a bit of|a little bit of)\b[^.]*/gi,
    '',
  ],
  // "On her lower extremities, 1+ pitting edema": the part examined as the finding's site.
  [/^on (?:his|her|their|the) ((?:left |right |lower |upper )?[a-z]+),\s+(?=\S+\s+\S)(?!.*\bexam)/i, '$1: '],
  // "…show just trace edema": the hedge said to the patient.
  [/\bjust (?=(?:trace|mild|slight|minimal|a little|a tiny|a small|some|focal|a few)\b)/gi, ''],
  // A restart: "some just some tenderness", "no no swelling".
  [/\b(some|a|an|the|no|mild|slight|trace) (?:just |like |um |uh )?\1\b/gi, '$1'],
  // The doctor's end of a finding ("… no signs of blood clot that's what").
  [/,?\s+(?:and )?that's what\s*(?=[.!]?$)/i, ''],
  // "nice and soft", "a nice regular rate": the praise is not the finding.
  [/\bnice and (?=[a-z])/gi, ''],
  [/\b(a|is) nice (?=regular\b)/gi, '$1 '],
  // "Her heart sounds good": the finding is normal.
  [
    /\b(heart|heart sounds|lungs?|throat|ears?|eyes?|abdomen) (sounds?|looks?|is|are) (?:really |very |pretty )?(?:good|great|fine)\b/gi,
    '$1 $2 normal',
  ],
  [/\bbelly\b/gi, 'abdomen'],
  [/\babdomen exam is\b/gi, 'abdomen is'],
  [/\b(right|left)[- ]hand side\b/gi, '$1 side'],
  // "a little bit of stridor", "a little bit weaker": the degree as a note says it.
  [/\b(?:a )?little bit of (?=(?:limited|decreased|reduced|diminished|increased)\b)/gi, 'slightly '],
  [/\b(?:a )?little bit of (?:an? )?/gi, 'slight '],
  [/\ba little bit (?=[a-z]+er\b)/gi, 'slightly '],
  // A run-on cut where the next finding starts: "no redness there's no swelling", "distended there's no tenderness".
  [/(?<=[a-z0-9])(?:,\s*|\s+)(?:and )?there(?:'s| is| are) no\b/gi, ', no'],
  [/^there(?:'s| is| are) no\b/i, 'No'],
  [/\b(no (?!longer\b|more\b)[a-z]+) (?=(?:a|some|mild|slight|trace) [a-z])/gi, '$1, '],
  // "… murmur it's heard at the left base", "… thyroid that's not tender": the finding's attribute.
  [
    /(?<=[a-z0-9])(?<!\b(?:but|and|or|so|because|if|when|while|as|that))(?:,\s*|\s+)(?:and )?(?:that|it)(?:'s| is) (?=(?:heard|not|non[a-z]+|very|stable|unchanged|mild|slight|faint|tender|intact|clean|dry|soft|regular)\b)/gi,
    ', ',
  ],
  [/^(?:it's|it is) (?:a |an )?(?=regular\b)/i, ''],
  [/\bthere's\b/gi, 'there is'],
  // "His extremities no swelling or edema": the part examined as the finding's site.
  [/^(?:his|her|their) ((?:lower |upper )?extremities|legs|feet|ankles),? (?=(?:no|without)\b)/i, '$1: '],
  // "On his right radial artery the cath site there is clean": the site, then how it is.
  [
    /^on (?:his|her|their|the) ((?:(?:left|right) )?(?:[a-z]+ ){0,2}?[a-z]+),? the ((?:[a-z]+ )?(?:site|incision|wound)) (?:there )?(is|are)\b/i,
    '$1 $2 $3',
  ],
  // "Their lungs they have some coarse rhonchi": the part examined as the finding's site.
  [/^(?:his|her|their) ([a-z]+),? (?:he|she|they) (?:do |does )?(?:has|have) (?=\S+\s+\S)/i, '$1: '],
  // "His lungs are clear": the part leads, as a note writes it.
  [
    /^(?:his|her|their) (?![a-z]+(?: [a-z]+)? exam)(?=[a-z]+(?: [a-z]+)? (?:is|are|has|have|sounds?|looks?|seems?|shows?)\b)/i,
    '',
  ],
];

/** "On inspection of the knee, …": the part inspected is where the finding is ("Knee: …"). */
const INSPECTION_OF = /^on inspection of (?:the|his|her|their) ((?:left |right )?[a-z]+),\s+(?=\S+\s+\S)/i;

const GRADE_SAID = /\b(one|two|three|four|[1-4](?:\.5)?) plus\b/gi;
const GRADE_NUMBER: Record<string, string> = { one: '1', two: '2', three: '3', four: '4' };

/**
 * A finding restated: a self-correction keeps the corrected value ("1+ pitting edema or actually almost 1.5+ pitting
 * edema" → "almost 1.5+ pitting edema"), the lay word said after the exam term goes ("ecchymosis or bruising",
 * "some swelling some edema", "edema … which is slight swelling in his ankles"), and the part named before its own
 * finding goes ("Ankles, no ankle edema is noted." → "No ankle edema.").
 */
const EXAM_RESTATED: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  [
    /(^|[,;]\s*)((?:[\w+.'/-]+\s+){0,5}?([a-z]+))\s+or actually,?\s+((?:[\w+.'/-]+\s+){0,4}?\3\b)/gi,
    (_, lead: string, __: string, ___: string, corrected: string) => lead + corrected,
  ],
  [/\b(ecchymosis|edema|erythema|effusion) or (?:some )?(?:bruising|swelling|redness|fluid)\b/gi, '$1'],
  [/\b((?:some )?(?:swelling|bruising|redness)),? (?:some |and some )(?:edema|ecchymosis|erythema)\b/gi, '$1'],
  [
    /,?\s+which is (?:(?:a |some |slight |mild |a little |just )+)?(?:swelling|fluid|bruising|redness)(?: (?:in|of|on|around) (?:his|her|their|the|both) [a-z]+)?\b/gi,
    '',
  ],
  [/\b(?:(?:his|her|their) )?both of (?:his|her|their|the) (?=[a-z]+s\b)/gi, 'both '],
  [/\b(?:in|of) (?:his|her|their) both\b/gi, 'in both'],
  [/^(?:this|these) (?=\d|trace\b)/i, ''],
  [/^([a-z]+?)s?, (?=(?:no|mild|trace|\d\+?) (?:[a-z]+ )?\1)/i, ''],
  [/^(no [a-z' ]+?) (?:is|are) (?:noted|appreciated|seen)(?=[.]?$)/i, '$1'],
  // "On a focused exam of their left ankle now there is ecchymosis …": the part examined is the finding's site.
  [
    /^on (?:a |the |my )?(?:focused |physical |quick )?exam(?:ination)? of (?:your|his|her|their|the) ((?:left|right) [a-z]+),?\s+(?:now,?\s+)?(?:there (?:is|are)\s+)?(?=\S+\s+\S)/i,
    (_, part: string) => `${cap(part)}: `,
  ],
  // "There is ecchymosis …", "They are positive for tenderness …": the finding leads.
  [/^there (?:is|are) (?!an? \d)(?=(?:a|an|some|mild|slight|trace)\b|[a-z]+ (?:over|of|on|in|to|at)\b)/i, ''],
  [/,? and there (?:is|are) (?=(?:a|an|some|mild|slight|trace)\b)/gi, ' and '],
  [/^(?:he|she|they) (?:is|are) (?=positive|negative)/i, ''],
  [/\bno (?:type|kind|sort) of (?=[a-z])/gi, 'no '],
  // "There is also CVA tenderness on the right on their flank as well": the finding, where it is, without the chat.
  [/^there (?:is|are) also (?=\S+\s+\S)/i, ''],
  [/\bon the (left|right),? on (?:his|her|their|the) (flank|side)\b/gi, 'on the $1 $2'],
  [/,?\s+(?:as well|though)(?=[.]?$)/i, ''],
  // "… of the abdomen there isn't any rebound or guarding": the next finding, said without a pause.
  [/(?<=[a-z])\s+there (?:is|are)(?: not|n't) any (?=[a-z])/gi, ', no '],
];

const REFLEX_SITES = '(?:biceps|triceps|brachioradialis|patellar?|achilles|knees|ankles)';
const REFLEX_GRADED = new RegExp(
  `^(\\d(?:\\.5)?\\+) (bilateral(?:ly)? )?(${REFLEX_SITES}(?:,? (?:and )?${REFLEX_SITES})*) reflex(?:es)?\\b.*$`,
  'i',
);
const REFLEX_SITE_RUN = new RegExp(`\\b(${REFLEX_SITES}) (?=${REFLEX_SITES}\\b)`, 'gi');

/** A body part or function whose finding follows it ("speech is clear", "gait is steady", "sensation is intact"). */
const EXAM_SUBJECT =
  "(?:speech|gait|(?:heel[- ]toe |heel and toe |tandem )?walking|tandem gait|sensation|(?:deep tendon |patellar |achilles )?reflexes|(?:the )?cranial nerves|(?:motor |muscle |grip )?strength|tone|coordination|pupils|lungs|heart|abdomen|skin|memory|balance|romberg(?:'s)?(?: test| sign)?|finger[- ]to[- ]nose(?: testing)?)";
/** Where a dictated finding ran into the next without a pause: the next part or function, its verb and a finding. */
const NEXT_FINDING = new RegExp(
  `(?<=[a-z0-9+])(,?) (?=${EXAM_SUBJECT} (?:is|are|was|were) (?!the\\b|a\\b|an\\b))`,
  'gi',
);
/** Words after which a clause goes on: what follows them is not a new finding. */
const NO_FINDING_END =
  /\b(?:the|a|an|his|her|their|and|or|of|with|without|to|in|on|at|no|not|is|are|was|were|that|which|there|but|for|by|from|both|grip|motor|muscle|heel|toe|tandem|deep|tendon|patellar|achilles|cranial)$/i;
/** A negative or a positive sign said right after the finding before it ("… in his ankles no calf tenderness"). */
const NEXT_SIGN =
  /(?<=[a-z])(?<!\b(?:the|a|an|his|her|their|and|or|of|with|without|to|in|on|at|no|not|is|are|was|were|that|which|there|but|for|by|from|has|have|had|any|some|shows?|showed|reveals?|revealed|appreciate|see|hear|feel|noted|be|been|being))\s+(?=(?:no|negative|positive) [a-z])/gi;

/**
 * One dictated run of findings written as findings: restatements go (EXAM_RESTATED), and a finding is cut where the
 * next starts, at a part or function with its own verb ("… oriented times 3 speech is clear and fluent gait is steady
 * heel toe walking is normal" → "… oriented x3. Speech clear and fluent. Gait steady. Heel-toe walking normal.") or at
 * a sign that follows without a pause ("… no calf tenderness negative homans sign" → "…, no calf tenderness, negative
 * homans sign").
 */
function examFindingsOf(text: string): string {
  let t = text
    // "1+ bilateral biceps, triceps brachioradialis reflexes …": the reflexes, their grade, then where.
    .replace(REFLEX_GRADED, (_, grade: string, both: string | undefined, sites: string) => {
      const list = sites.split(/,?\s+(?:and\s+)?|,\s*/).filter(Boolean);
      const at = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0];
      return `Reflexes ${grade}${both ? ' bilaterally' : ''} at ${at}.`;
    })
    // "… symmetric at the biceps triceps knees and ankles": a list of reflex sites.
    .replace(REFLEX_SITE_RUN, '$1, ');
  for (const [re, to] of EXAM_RESTATED) t = t.replace(re, to as string);
  t = t
    .replace(/^(?:the patient|he|she|they) (?:is|are) (?=awake\b|alert\b)/i, '')
    .replace(/\bawake,? alert\b/gi, (m) => `${m.slice(0, 5)}, alert`)
    .replace(
      /\b(oriented) times (\d|three|four)\b/gi,
      (_, o: string, n: string) => `${o} x${n === 'three' ? 3 : n === 'four' ? 4 : n}`,
    )
    .replace(/\bheel(?: and|-| )toe walking\b/gi, 'heel-toe walking');
  t = t.replace(NEXT_SIGN, (m, at: number, whole: string) => {
    const before = whole.slice(0, at);
    return EXAM_FINDING_WORDS.test(before) && before.split(' ').length >= 2 ? ', ' : m;
  });
  // "The soft tissue is swollen here": where the doctor pointed is the finding's site, named already.
  t = t.replace(/\s+(?:right )?here(?=[,.]|$)/gi, '');
  const pieces: string[] = [];
  let last = 0;
  for (const m of t.matchAll(NEXT_FINDING)) {
    const before = t.slice(last, m.index);
    if (NO_FINDING_END.test(before) || !EXAM_FINDING_WORDS.test(before) || before.split(' ').length < 2) continue;
    pieces.push(before);
    last = m.index! + m[0].length;
  }
  if (!pieces.length) return t;
  pieces.push(t.slice(last));
  // Each finding as a note writes it: the part, then what was found ("Speech clear and fluent").
  return pieces
    .map((p, i) => {
      const f = p
        .trim()
        .replace(/[,;.\s]+$/, '')
        .replace(new RegExp(`^(${EXAM_SUBJECT}) (?:is|are|was|were) `, 'i'), '$1 ')
        .replace(/^the (?=cranial nerves\b)/i, '');
      return (i ? cap(f) : f) + (i < pieces.length - 1 ? '.' : /[.!]$/.test(p) ? p.slice(-1) : '');
    })
    .join(' ');
}

function examRegister(text: string): string {
  const { label, body } = splitLabel(text);
  const rewritten = body
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .map((s) => {
      // A site written as a label inside the finding ("Abdomen: there is …") stays in front.
      const inspected = s.replace(INSPECTION_OF, (_, part: string) => `${cap(part)}: `);
      const site = /^(?:[A-Z][a-z]+(?: [a-z]+){0,2}:\s+)?/.exec(inspected)![0];
      let t = inspected.slice(site.length);
      for (const [re, to] of EXAM_REGISTER) t = t.replace(re, to);
      // A grade as a note writes it: "one plus pitting edema" → "1+ pitting edema".
      t = t.replace(GRADE_SAID, (_, n: string) => `${GRADE_NUMBER[n.toLowerCase()] ?? n}+`);
      t = examFindingsOf(t);
      t = t
        .replace(/\s{2,}/g, ' ')
        .replace(/\s+([,.])/g, '$1')
        .replace(/,\s*,/g, ',')
        .trim();
      if (site + t === s) return s;
      return site ? site + t.charAt(0).toLowerCase() + t.slice(1) : cap(t);
    })
    .join(' ');
  return label + rewritten;
}

/**
 * A vital sign read out inside a finding ("… but no crackles, their oxygen saturation is 96 percent"): it is written
 * with the vitals, so the finding keeps only what was examined.
 */
const VITAL_IN_FINDING =
  /(?:,\s*|\s+)(?:and\s+)?(?:(?:his|her|their|the)\s+)?(oxygen saturation|oxygen|o2(?: sat\w*)?|sats?|pulse ox\w*|blood pressure|heart rate|pulse|temperature|temp|respiratory rate)(?:'s| is| was| of)? (?:about |around |at )?(\d+(?:\.\d+)?)(?:\/\d+)?(?: ?%| percent| degrees)?(?: on room air)?(?=\s*[,.;]?\s*$)/i;
const VITAL_KIND = (name: string): string =>
  /oxygen|o2|sat|pulse ox/.test(name)
    ? 'spo2'
    : /blood/.test(name)
      ? 'bp'
      : /heart|pulse/.test(name)
        ? 'hr'
        : /temp/.test(name)
          ? 'temp'
          : 'rr';

/** A finding without a vital read out at its end that the vitals already state. */
function withoutVital(finding: string, vitals: Ctx['facts']['vitals']): string {
  const stated = (name: string, n: string) =>
    vitals.some((v) => !v.historical && v.kind === VITAL_KIND(name.toLowerCase()) && v.value === Number(n));
  const rest = finding.replace(VITAL_IN_FINDING, (m, name: string, n: string, at: number) =>
    at > 0 && stated(name, n) ? '' : m,
  );
  // "Heart rate 98, oxygen 93 percent on room air.": vitals the vitals lines state already are no finding of their own.
  const only = VITAL_IN_FINDING.exec(` ${rest.replace(/[.\s]+$/, '')}`);
  return only && only.index === 0 && stated(only[1]!, only[2]!) ? '' : rest;
}

/** The doctor naming the side of the part examined ("on a focused exam of your left ankle", "let's look at your right knee"). */
const SIDE_EXAMINED = new RegExp(
  `\\b(?:exam(?:ination)? of|look(?:ing)? at|examine|examining|inspect(?:ing|ion of)?|palpate|palpating|feel(?:ing)?)\\s+(?:your|his|her|their|the|that)\\s+(left|right)\\s+(${'ankle|knee|foot|wrist|elbow|shoulder|hip|hand|arm|leg|thumb|finger|heel'})\\b`,
  'g',
);
const REVIEWED_SINCE = /\b(?:x-?rays?|imaging|mri|ct|results?|films?|review)\b/;
/** A body part a finding names: one other than the part announced is not that part's finding. */
const PART_NAMED =
  /\b(ankle|knee|foot|feet|wrist|elbow|shoulder|hip|hand|arm|leg|thumb|finger|toe|heel|back|neck|spine|thigh|calf|forearm|midfoot|lower extremit(?:y|ies)|upper extremit(?:y|ies))s?\b/gi;

/**
 * Where the doctor announced the side of the part examined before a finding that names no side ("on a focused exam of
 * your left ankle … there is ecchymosis over the lateral malleolus"): the part and its side, for the finding's site.
 * Announcements are read once per visit; the last one before the finding (in its turn, or up to 6 turns before) counts.
 */
function sideExamined(ctx: Ctx): (f: { evidence: number[]; source?: string }) => string | null {
  const said: Array<{ turn: number; at: number; site: string }> = [];
  for (const t of ctx.transcript.turns) {
    if (t.speaker !== 'doctor') continue;
    for (const m of t.text.toLowerCase().matchAll(SIDE_EXAMINED))
      said.push({ turn: t.index, at: m.index, site: `${m[1]} ${m[2]}` });
  }
  if (!said.length) return () => null;
  return (f) => {
    const turn = Math.min(...f.evidence);
    const text = ctx.transcript.turns.find((t) => t.index === turn)?.text.toLowerCase() ?? '';
    const source = f.source?.toLowerCase().replace(/[.!?]$/, '') ?? '';
    const at = source ? text.indexOf(source) : -1;
    // Announced before the finding (an announcement may open the finding's sentence, before any finding in it).
    const last = said.findLast((a) =>
      a.turn === turn
        ? at >= 0 && (a.at <= at || (a.at < at + source.length && !EXAM_FINDING_WORDS.test(text.slice(at, a.at))))
        : a.turn < turn && a.turn >= turn - 6,
    );
    // Imaging reviewed since ("… i would like to do a review of the diagnostic imaging"): not the part examined.
    const since = last && (last.turn === turn ? text.slice(last.at, Math.max(at, last.at)) : text.slice(0, at));
    return last && !(since && REVIEWED_SINCE.test(since)) ? last.site : null;
  };
}

function exam(ctx: Ctx): Line[] {
  const out: Line[] = [...vitals(ctx)];
  const sideOf = sideExamined(ctx);
  const sited = new Set<string>();
  for (const f of ctx.facts.exam) {
    // A question or an instruction is not a finding a note can state.
    if (NOT_FINDING.test(f.finding)) continue;
    // What the patient reported, read back during the exam, is the history's (which states the symptom).
    if (HISTORY_IN_EXAM.test(f.finding) && !EXAM_MANEUVER.test(f.finding)) continue;
    // The doctor explaining what a finding means ("… plaques and that's just explaining technically what's going on")
    // is not part of it.
    const voiced = clinicianVoice(
      f.finding
        .replace(EXAM_CHAT_LEAD, '')
        .replace(EXAM_QUESTION_TAIL, '.')
        .replace(EXAM_INSTRUCTION, '.')
        .replace(EXAM_ASIDE, '.')
        .replace(/\s+(?:just )?(?:checking|looking|testing) for\b.*$/i, '.')
        .replace(/^(?:it )?looks like (?:their|his|her|the) /i, '')
        // "In this breast it does feel a little bit denser": the part examined as the subject of its finding.
        .replace(
          /^(?:in|on) (?:this|that|the|their|his|her) ((?:left |right )?[a-z]+),? (?:it|that) (?:does |do )?(feels?|looks?|seems?)(?: a little bit| a little| a bit)?\b/i,
          (_: string, part: string, verb: string) =>
            `${cap(part)} ${verb.endsWith('s') ? verb : verb + 's'}${/a (?:little|bit)/i.test(_) ? ' slightly' : ''}`,
        )
        .replace(PART_LOOKS_LIKE, '$1 $2')
        // "Feeling his neck, his thyroid is…": the maneuver that found it is not part of the finding.
        .replace(EXAM_MANEUVER_LEAD, ''),
      // A short finding is whole with one content word ("No bruits.", "Good reflexes.").
      1,
    );
    // An enlarged organ as its exam term, unless the sentence explains the term ("the hepatomegaly means…").
    const finding =
      voiced && !/megaly\b|\bmeans\b/i.test(voiced)
        ? cap(voiced.replace(ORGAN_ENLARGED, megaly).replace(PATIENT_HAS, ''))
        : voiced;
    // A clause with no finding in it is the exam's frame or talk ("On physical examination of the abdomen.", "They
    // should the same as the other knee."); what is left in the first person is the doctor talking through the exam.
    if (!finding || !EXAM_FINDING_WORDS.test(finding.replace(/^[a-z ]+:\s*/i, ''))) continue;
    if (FIRST_PERSON.test(finding) && !FINDING_WORDS.test(finding.toLowerCase())) continue;
    let stated = withoutVital(finding, ctx.facts.vitals);
    if (!stated) continue;
    // A finding of the part whose side the doctor announced names that part and side, once for the system's run.
    const site = /^(?:Musculoskeletal|Integumentary)$/.test(f.system) ? sideOf(f) : null;
    if (site && stated.toLowerCase().includes(site)) sited.add(`${f.system}:${site}`);
    else if (
      site &&
      !/^[A-Z][a-z]+(?: [a-z]+){0,2}:|\b(?:left|right|bilateral\w*|both|either)\b/i.test(stated) &&
      !sited.has(`${f.system}:${site}`) &&
      [...stated.toLowerCase().matchAll(PART_NAMED)].every((m) => m[1] === site.split(' ')[1])
    ) {
      sited.add(`${f.system}:${site}`);
      stated = `${cap(site)}: ${stated.charAt(0).toLowerCase()}${stated.slice(1)}`;
    }
    out.push(line(`• ${f.system}: ${clinicalSide(stated)}`, f.evidence));
  }
  // Findings the doctor called out once the plan had begun.
  for (const l of planOf(ctx).exam) {
    // Without the chat that opened it ("Same thing so they do have a bilateral positive tinel's sign").
    const { label, body } = splitLabel(l.text);
    const bare = body.replace(EXAM_CHAT_LEAD, '');
    const text = clinicalSide(label + (bare === body ? body : cap(bare.replace(PATIENT_HAS, ''))));
    if (!out.some((o) => o.text === text)) out.push({ ...l, text });
  }
  return bySystem(out);
}

/** Exam bullets labelled with a body system (not a vital sign). */
const SYSTEM_LABEL =
  /^• ((?:General|Neck|Cardiovascular|Respiratory|Gastrointestinal|Genitourinary|Musculoskeletal|Neurological|Integumentary|Breast|Lymphatic|Psychiatric|Head, Eyes, Ears, Nose and Throat)): /;

/**
 * One bullet per system ("• Cardiovascular: A 2/6 murmur. Regular rate and rhythm."): each line is its own paragraph,
 * and a line of a system that already has a bullet joins that bullet without its label, even when other systems were
 * examined in between ("heart regular … lungs clear … no leg edema" is one cardiovascular bullet). "General" lines
 * join only the one right before them: "the rest of the exam is normal" closes the exam where it was said.
 */
function bySystem(lines: Line[]): Line[] {
  const groups: { sys: string | null; lines: Line[] }[] = [];
  for (const l of lines) {
    const sys = SYSTEM_LABEL.exec(l.text)?.[1] ?? null;
    const last = groups[groups.length - 1];
    const joins = sys && (last?.sys === sys ? last : sys !== 'General' ? groups.find((g) => g.sys === sys) : undefined);
    if (joins) joins.lines.push({ ...l, text: cap(l.text.slice(`• ${sys}: `.length)) });
    else groups.push({ sys, lines: [l] });
  }
  return groups.flatMap((g, i) => g.lines.map((l) => ({ ...l, para: i + 1 })));
}

/** An exam finding said in words ("no lower extremity edema", "pain to palpation", "negative varus test"). */
const EXAM_IN_PLAN =
  /\b(?:on (?:your |his |her |their |the )?(?:physical )?exam(?:ination)?|to palpation|tenderness|range of motion|pitting edema|extremity edema|positive for pain|pain with (?:resistance|flexion|extension|supination|pronation)|(?:varus|valgus|drawer|lachman|spurling's?|hawkins'?|neer's?|phalen's?|tinel's?|finkelstein's?|mcmurray's?|homans'?) (?:test|maneuver|sign)|lungs? (?:are|is|sound) clear|regular rate|feels? (?:a little |a bit |slightly |mildly |very )?(?:tender|swollen|warm|firm|distended)|reflexes|motor (?:control|strength)|focal (?:motor )?weakness|resisted (?:\w+ )?\w+ (?:flexion|flection|extension|abduction|rotation)|(?:lateral|medial|internal|external) rotation)\b/;
/** Words that make a sentence a plan, not a finding. */
const PLAN_VERB =
  /\b(?:will|order\w*|start\w*|continue|refer\w*|recommend\w*|prescrib\w*|follow|schedule|want|wanna|going to|gonna|need|should|plan|surgery|therapy|brace|splint|sling|inject\w*)\b/;

const RESULT_TEST =
  /\b(x-?rays?|mri|ct scan|cat scan|ct|ultrasound|echocardiogram|echo|ekgs?|ecgs?|stress test|labs?|lab work|blood work|blood tests?|(?:hemoglobin )?a1c|hemoglobin|cholesterol|ldl|lipid panel|urinalysis|urine dip(?:stick)?|dipstick|urine|culture|biopsy|mammogram|colonoscopy|endoscopy|pfts?|pulmonary function tests?|breathing (?:tests?|studies)|autoimmune (?:panel|labs|workup)|cbc|white (?:blood )?count|metabolic panel|creatinine|gfr|potassium|sodium|glucose|tsh|thyroid|vitamin d|psa|titer|strep|covid|ejection fraction|bnp|liver (?:enzymes|function)|alt|ast|platelets|pathology|testosterone|estradiol|pap(?: smears?)?|inr|uric acid|t[- ]?score|bone density(?: scan)?|dexa(?: scan)?|phq[- ]?(?:9|nine)|free t4|triglycerides|hdl|e?gfr|microalbumin|ferritin|magnesium|bun)\b/;
/** What a reasoning line says of its "that" (a cause, a relation, a verdict): "can certainly cause", "could be related". */
const REASONED_OF =
  /^(?:(?:can|could|may|might|would|will) (?:certainly |definitely |also |probably |possibly )?(?:cause|be|lead|explain|make|contribute|worsen)|(?:is|was|are|were) (?:likely |probably |most likely |possibly )?(?:an?|due|related|caused|from|consistent|secondary|because|why)|(?:causes|caused|explains|suggests|means))\b/i;
/** A test said with its verdict ("your lyme titer is a little elevated"): the finding a "that" after it stands for. */
const TEST_VERDICT = new RegExp(
  `\\b((?:(?!(?:your|his|her|their|the|my|a|and|so|of)\\b)[a-z]+ )?${RESULT_TEST.source.slice(2, -2)}) (?:is|was|are|were|came back) (?:a little |a bit |slightly |mildly |very |quite )?(elevated|high|low|positive|abnormal)\\b`,
  'g',
);

/** An organ's function as a lab result names it ("kidney function"), not the heart's "pumping function". */
const ORGAN_FUNCTION = /\b(?:kidney|renal|liver|thyroid) function\b/;

const RESULT_SAID =
  /\b(show(?:s|ed|ing)?|reveal(?:s|ed)?|demonstrat\w+|came back|was|were|is|are|looks?|looked|normal|abnormal|elevated|high|low|negative|positive|within|stable|unremarkable|consistent with|no evidence|improved|went (?:up|down|from)|(?:gone|come) (?:up|down) to|(?:dropped|fell|rose|climbed|came (?:down|up)) (?:from|to)|of \d)\b/;
const ANNOUNCE =
  /\b(?:wanted|want|wanna|going|like) to (?:go over|review|look at|check|talk about|discuss|see)\b|\b(?:would like|hope|hoping) to see\b/;
const SHOW_RESULT = /\bshow me (?:the |his |her |your |my )?((?:[a-z0-9-]+ ){0,3}[a-z0-9-]+?)[.,]?$/;
const REVIEW_CUE =
  /\b(?:results? of|here's|here is|looking (?:here |now )?at|taking a look at|this is|we did|you had|came back|you (?:did )?(?:get|got)|we (?:got|had to get|did get)|before you came in|i (?:reviewed|looked at)|reviewed|(?:i|we) (?:also )?checked (?:your|his|her|their))\b/;
const RESULT_VALUE =
  /\d|\b(?:normal|abnormal|negative|positive|fractures?|elevated|high|low|no evidence|stable|unremarkable|regurgitation|reduced|decreased|increased|enlarged|narrowing|stenosis|mass|nodule|opacit\w*|effusion|alignment|arthritis|leukocytes|nitrites|infiltrates?|consolidation|pneumonia|atelectasis|good|fine|looks? (?:good|great|fine|okay))\b/;
/** A sentence that opens a problem of the assessment ("for your first problem, …"). */
const PROBLEM_OPENS =
  /^(?:\W*(?:so|and|now|okay|ok|well|um|uh)\b[\s,]*)*for (?:the|your|his|her|their) (?:first|second|third|fourth|fifth|next|last|other|final) problem\b/;
const TOPIC_END =
  /\b(?:impression|assessment|diagnos\w*|should|go ahead and|go (?:up|down) on|increase|decrease|put (?:you|him|her|them) on|prescrib\w*|recommend\w*|refer\w*|(?:want|would like|need) (?:you|him|her|them) to|continue|start)\b/;
const STUDY_FINDING =
  /\b(?:polyps?|gastritis|inflammation|ulcers?|cysts?|benign|malignan\w*|lesions?|compression|adenoma|tumou?rs?)\b/;
const PLAN_TALK = /\b(?:will|we'll|going to|gonna|order|let's|want to|wanna|plan)\b/;
const NOT_RESULT =
  /\b(order|(?:going to|gonna) (?:go ahead and )?(?:get|check|do|order|repeat|treat|prescribe|start|give|put|have|swab|send)|i'll|we'll|i will|we will|(?:i'm|i am|we're|we are) (?:going to|gonna) go ahead|that's good so|will (?:get|check|order|repeat)|want to (?:get|check|do|order)|let's (?:get|check)|we'll|have you|did you|do you|hey dragon|show me)\b/;
/** A sentence that opens on the exam ("on exam you have…", "on his lung exam…"). */
const EXAM_SAID =
  /^(?:(?:and|so|okay|now|then)[, ]+)*on (?:your |his |her |their |the )?(?:physical |[a-z]+ )?exam(?:ination)?\b/;

/**
 * A sentence that names a test but states no result of this patient's: a condition ("assuming that the ultrasound is
 * normal, …"), a remark about other people ("an increase in abnormal paps in people who have been fine"), a history
 * review ("for family history, there's high blood pressure…", "you did indicate that you have back pain…"), a
 * vaccine, a plan ("we should check his liver enzymes", "in the meantime, a low-carb diet") or an exam maneuver ("a
 * negative varus and valgus stress test").
 */
const NOT_PATIENT_RESULT = new RegExp(
  String.raw`^(?:\W*(?:so|and|but|now|okay|ok|well|um|uh)\b[\s,]*)*(?:if|assuming|unless|in case)\b|\bassuming (?:that|the)\b|\b(?:medical|family|surgical|social) history\b|\b(?:you|he|she|they) (?:did |also )?(?:indicate|indicated|mention|mentioned|told me)\b|\bvaccin\w*|\bsend(?:ing)? off\b|^(?:\W*(?:so|and|but|now|okay|ok|well|um|uh)\b[\s,]*)*in the meantime\b|${EXAM_MANEUVER_TEST.source}`,
);

/** A test planned ("we should check his liver enzymes"); "we don't need to repeat it because it was negative" is not. */
const TEST_PLANNED = /\b(?:should|need to|want to|wanna) (?:also )?(?:check|recheck|repeat|get|order|start|send)\b/;
/** A remark about other people ("many reasons why people can have elevated liver enzymes"). */
const PEOPLE_REMARK = /\b(?:people|patients|folks|everybody|everyone)\b/;
/** The patient's own test named ("your barium swallow", "his hemoglobin"), which a remark about others may follow. */
const OWN_TEST = new RegExp(
  `\\b(?:your|his|her|their) (?:[a-z-]+ ){0,2}(?:barium swallow|bone scan|${RESULT_TEST.source.replace(/^\\b/, '')})`,
);

/** Not this patient's result: see NOT_PATIENT_RESULT and PEOPLE_REMARK. */
function notPatientResult(lower: string): boolean {
  return (
    NOT_PATIENT_RESULT.test(lower) ||
    (TEST_PLANNED.test(lower) && !/\b(?:not|don't|doesn't|no need)\b/.test(lower)) ||
    (PEOPLE_REMARK.test(lower) && !OWN_TEST.test(lower))
  );
}

/** The chart or history read out: "history of", "diagnosed with", "I see on the file that you have". */
const HISTORY_READ =
  /\b(?:(?:a |past |medical )?history of|diagnosed with)\b|\b(?:(?:on|in|from|per) (?:the|your|his|her|their) (?:file|chart|records?)|mentioned here|says here)\b[^.?!]*\b(?:you|he|she|they) (?:also )?(?:have|has|had)\b/;
/** A sentence that reads the patient's conditions from the chart, with no value or study finding of its own. */
function chartHistory(lower: string): boolean {
  return HISTORY_READ.test(lower) && !/\d/.test(lower) && lexicons().problems.match(lower).length > 0;
}

/**
 * Results as the doctor reviewed them, in any phase of the visit ("your echo showed an ejection fraction of 45%",
 * "your x-ray shows no fracture"), besides the results the fact model read; orders and questions are not results.
 */
function results(ctx: Ctx): Line[] {
  const own = resultsOf(ctx).lines;
  // Results the doctor reported only while giving the plan.
  return [...own, ...planOf(ctx).results.filter((l) => !own.some((o) => o.text === l.text))];
}

/** A clause that reports a result: a study named and what it showed, said with no reading of it. */
const RESULT_REPORTED = new RegExp(
  `${RESULT_TEST.source}[^.;]*?\\b(?:show(?:s|ed)?|reveal(?:s|ed)?|demonstrat(?:es|ed)|came back|(?:is|was|are|were) (?:\\w+ )?(?:normal|abnormal|elevated|negative|positive|appropriate|unremarkable|fine|stable))\\b`,
);
/** A clause that reports the exam: a finding said in exam words, or the exam itself said to look so. */
const EXAM_REPORTED = new RegExp(
  `${EXAM_IN_PLAN.source}|\\b(?:(?:his|her|their|the|physical) exam(?:ination)? (?:is|was|looks?|looked|shows?|showed|today)|(?:no|without) (?:palpable )?mass(?:es)?)\\b`,
);
/** What reads a finding for the problem, or says more than the finding: a cause, a verdict, a hedge, a plan. */
const FINDING_READ =
  /\b(?:consistent with|suggest\w*|likely|probably|due to|caus\w*|means?|indicat\w*|diagnos\w*|concern\w*|sign of|signs of|because|related to|therefore|explain\w*|rule[sd]? out|confirm\w*|worr\w*|which is why|so (?:he|she|they|it|this|that)|think|feel that|(?:could|may|might) be|secondary to|from (?:the|a|an|his|her|their) (?:injury|fall|surgery|trauma|radiation)|but|if|unless|assum\w*|once|until|when|treatment|plan)\b/;

/** Whether a reasoning clause only reports an exam finding or a result (and which), or null. */
function findingReported(lower: string): 'exam' | 'result' | null {
  if (FINDING_READ.test(lower) || PLAN_VERB.test(lower) || statedDiagnosis(lower)) return null;
  if (RESULT_REPORTED.test(lower)) return 'result';
  if (EXAM_REPORTED.test(lower)) return 'exam';
  return null;
}

/** Words a finding is stated in, with a plural's "s" off: "masses" and "mass" are one finding. */
function wordSet(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9']+/g) ?? []).map((w) => w.replace(/(?:es|s)$/, '')));
}
/** Words that frame a finding rather than state it ("her exam looks good", "the x-ray shows"). */
const FINDING_FRAME =
  /^(?:exam|examination|physical|look|looks|looked|show|shows|showed|reveal|revealed|today|also|some|noted|see|seen)$/;

/** Whether the section's words already state what the clause reports: most of the words of its finding. */
function statedIn(lower: string, words: Set<string>): boolean {
  // The study's name is not its finding: "their blood work shows anemia" is stated where anemia is.
  const finding = lower.replace(new RegExp(RESULT_TEST.source, 'g'), ' ');
  const own = (finding.match(/[a-z0-9']+/g) ?? []).filter((w) => !STOP.has(w) && !FINDING_FRAME.test(w));
  if (!own.length) return false;
  const found = own.filter((w) => words.has(w.replace(/(?:es|s)$/, ''))).length;
  return found / own.length >= 0.6;
}

const IMAGING =
  /\b(x-?rays?|mri|ct scan|cat scan|ct|ultrasound|echocardiogram|echo|mammogram|bone scan|barium swallow)\b/;
/** A study already done and being reviewed. */
const REVIEWED =
  /\b(?:took|taken|did|got|get|had|came back|shows?|showed|reveal\w*|looks? like|looking (?:here |now )?at|look at|reviewed|results?|i (?:don't|do not) see|(?:don't|do not) see any|i see|noticing|appreciate)\b/;
const IMAGING_NAME: Array<[RegExp, string]> = [
  [/^x-?rays?$/, 'X-ray'],
  [/^mri$/, 'MRI'],
  [/^(?:ct scan|cat scan|ct)$/, 'CT'],
  [/^ultrasound$/, 'Ultrasound'],
  [/^(?:echocardiogram|echo)$/, 'Echocardiogram'],
  [/^mammogram$/, 'Mammogram'],
  [/^bone scan$/, 'Bone scan'],
  [/^barium swallow$/, 'Barium swallow'],
];
const IMAGING_FINDING =
  '(fractures?|dislocations?|(?:bony )?misalignment|malalignment|bony abnormalit(?:y|ies)|effusions?|mass(?:es)?|nodules?|(?:kidney )?stones?|hydronephrosis|pneumonia|infiltrates?|opacit(?:y|ies)|osteoarthritis|arthritis|degenerative changes|bone spurs?|spurs?|tears?|fluid|blood clots?|obstruction|narrowing|stenosis|(?:disc )?herniation|foreign body|(?:soft tissue )?swelling|(?:bony |boney )?alignment)';
const IMAGING_NEG = new RegExp(
  `\\b(?:no|(?:don't|do not|didn't|did not) (?:see|appreciate|notice|find)(?= (?:a|an|any)\\b)|don't have any|doesn't show any|did not show any|without(?: any)?|negative for|no evidence of|there's no|there is no|there are no|not any)\\s+(?:(?:any|a|an|signs? of|evidence of|obvious|acute|significant|other)\\s+)*${IMAGING_FINDING}(?:\\s+or\\s+(?:any\\s+)?${IMAGING_FINDING})?`,
  'g',
);
const IMAGING_POS = new RegExp(
  `\\b(?:shows?|showed|showing|see|seeing|saw|noticing|notice|noticed|appreciate|there is|there's|there are|reveals?|revealed|development of)\\s+(?:(?:that )?(?:you|he|she|they) (?:do |does )?(?:have|has)\\s+|that (?:there's|there is)\\s+)?(?:(?:a|an|some|large|big|good|that|residual|(?:\\d+|two|three|four|several|multiple) (?:areas?|spots?|places?|levels?) of|(?:patch|area|focus|spot)(?:es|s)? of|a little bit of|little bit of|a small|small|mild|moderate|severe|the development of|a little|early|(?:ground|round)[- ]glass)\\s+)*${IMAGING_FINDING}`,
  'g',
);
/** A measured stone, mass or nodule and where it lies: "a stone that's measuring 0.5 centimeters located in the proximal right ureter". */
const MEASURED_FINDING =
  /\b(?:a|an|one)\s+((?:(?:small|large|tiny) )?(?:kidney )?(?:stone|mass|nodule|cyst|lesion|polyp))\s+(?:(?:that's|that is|which is|which was|that was)\s+)?measuring\s+(?:about\s+|approximately\s+|around\s+)?(\d+(?:\.\d+)?)\s?(cm|centimeters?|mm|millimeters?)(?:\s+in size)?(?:,?\s+(?:and\s+)?(?:(?:it's|it is|that's|which is|is)\s+)?(?:located\s+)?(?:in|at)\s+(the\s+(?:(?:left|right|proximal|distal|mid|upper|lower|middle)\s+)*(?:ureter|kidney|bladder|lobe|breast|liver|lung|pole|colon)))?/;
/** Where in a hollow organ a finding lies: " in the mid and lower portions of your esophagus". */
const ORGAN_SEGMENT =
  /^ (?:in|at|of) (?:the |your |his |her |their )?((?:upper|mid|middle|lower|distal|proximal)(?: (?:and|to) (?:upper|mid|middle|lower|distal|proximal))?)(?: (?:portions?|parts?|thirds?|segments?) of (?:the |your |his |her |their )?| )(esophagus|stomach|colon|small bowel|bowel|duodenum|trachea|ureter|aorta)\b/;
/** What a finding is seen in: " that can be found in patients experiencing something called esophagitis". */
const SEEN_IN =
  /^,? (?:and )?(?:that|which|we|we'll|you'll|you)(?: can| may| will| often| usually| typically| commonly| be)* (?:found|seen|see|find)(?: that| this| it)? in (?:some,? |many,? )?(?:patients |people |folks )?(?:(?:with|experiencing|who have|that have) )?(?:something called |a condition called )?(?:some )?([a-z][a-z -]{2,40}?)(?=$|[,.]| which| that| so| and)/;
/** The study under review as named: "most recent chest x-ray" → "chest x-ray". */
function studyOf(topic: string): string {
  return (
    topic
      .replace(/\bendoscope\b/, 'endoscopy')
      .replace(/\s+results?$/, '')
      // "show me the last radiograph": the study, not when it was taken.
      .replace(/^(?:last|latest|most recent|recent|new)\s+(?=\S)/, '')
      .replace(/\bradiographs?\b/, 'x-ray')
      .trim()
  );
}

/** A study's name as a result line labels it: "pulmonary function tests" → "PFTs", "chest x-ray" → "Chest X-ray". */
function studyLabel(study: string): string {
  return (
    TEST_NAME.find(([re]) => re.test(study))?.[1] ||
    (/^[a-z]{2,4}$/.test(study) && !/^(?:echo|labs?)$/.test(study)
      ? study.toUpperCase()
      : cap(study).replace(/\bx-?rays?\b/i, 'X-ray'))
  );
}

/** A study said to suggest problems: "it says that you might be having a little bit of asthma or copd". */
const STUDY_SUGGESTS =
  /^(?:(?:okay|so|and|but|well)[, ]+)*(?:it|that|this|they|those|these) (?:says?|shows?|suggests?|indicates?)(?: that)? (?:(?:you|he|she|they) (?:might|may|could|probably) (?:be having|have|has)|(?:you|he|she|they) (?:possibly |probably |likely )?(?:have|has)|(?:possible|possibly|probable|probably))(?: (?:a little(?: bit)? of|some|a|an|mild|early))? (.+?)[.]?$/;
/** An organ an image shows changed: "your diaphragm is a little bit flatter". */
const ORGAN_CHANGE =
  /\b(?:your|his|her|their|the) (?:kind of )?(?:(?:your|his|her|their|the) )?(diaphragms?|heart|aorta|liver|spleen|kidneys?|bowel|esophagus|stomach|lungs?) (?:is|are|looks?|appears?|seems?)(?: to be)? (?:(a little(?: bit)?|a bit|slightly|mildly|moderately|very|quite) )?(flatter|flattened|enlarged|bigger|larger|narrower|narrowed|thicker|thickened|hyperinflated|dilated)\b/;
const CHANGED: Record<string, string> = {
  flatter: 'flattened',
  bigger: 'enlarged',
  larger: 'enlarged',
  narrower: 'narrowed',
  thicker: 'thickened',
};

/** Problem names joined by "or"/"and" ("asthma or copd"), or null when the words are more than that. */
function problemList(said: string): string | null {
  const found = lexicons().problems.match(said);
  if (!found.length) return null;
  let rest = said;
  for (const f of [...found].reverse()) rest = rest.slice(0, f.start) + rest.slice(f.end);
  return /^[\s,]*(?:(?:or|and|or maybe|maybe)[\s,]+)?(?:[\s,]*(?:or|and|maybe)?[\s,]*)*$/.test(rest) ? said : null;
}

/**
 * What a study under review shows, said in a sentence of its own: "suggests asthma or copd" for "it says that you
 * might be having a little bit of asthma or, uh, copd"; "slightly flattened diaphragm, consistent with copd" for "your
 * diaphragm is a little bit flatter, and we'll see that in some copd". Null for anything else.
 */
function studyObservation(lower: string): string | null {
  const said = lower
    .replace(/\s*…\s*/g, ' ')
    .replace(/\b(?:uh|um),?\s*/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const sug = STUDY_SUGGESTS.exec(said);
  const problems = sug && problemList(sug[1]!.replace(/,/g, ''));
  if (problems) return `suggestive of ${problems}`;
  const o = ORGAN_CHANGE.exec(said);
  if (!o) return null;
  const degree = o[2] ? (/very|quite|moderately/.test(o[2]) ? 'markedly ' : 'slightly ') : '';
  const seenIn = SEEN_IN.exec(said.slice(o.index + o[0].length));
  const problem = seenIn && problemList(seenIn[1]!) ? `, consistent with ${seenIn[1]}` : '';
  return `${degree}${CHANGED[o[3]!] ?? o[3]} ${o[1]}${problem}`;
}

/** A study called normal as a whole: "so it's essentially, a normal x-ray". */
const NORMAL_STUDY =
  /(?<!\bnot )\b(?:a |an )?(?:essentially |otherwise |completely |totally |pretty )?,? ?(?:a )?normal (?:x-?rays?|mri|ct(?: scan)?|cat scan|ultrasound|study|film|echocardiogram)\b/;
/** Cartilage lost at a joint: "you've lost a lot of the cartilage". */
const CARTILAGE_LOSS =
  /\b(?:lost|loss of|losing)\s+(a lot of\s+|significant\s+|much of\s+|most of\s+)?(?:some\s+)?(?:the\s+|your\s+|his\s+|her\s+|their\s+)?cartilage\b/;
/** Where on a joint or bone a finding lies: "there on the top of your big toe joint". */
const FINDING_SITE =
  /^ (?:there )?(?:on|at|over) (?:the |your |his |her |their )?((?:top|bottom|side|front|back|base|tip|inside|outside) of (?:the |your |his |her |their )?(?:[a-z]+ ){0,2}(?:joint|toe|finger|thumb|knee|foot|hand|heel|ankle|wrist|elbow|shoulder|hip))\b/;
/** An imaging test ordered for the future, not a result: "I'm going to order an x-ray to make sure…". */
const IMAGING_ORDER =
  /\b(?:order|going to (?:get|do|send)|gonna (?:get|do|send)|want to (?:get|do)|wanna (?:get|do)|let's get|will get|schedule|send you (?:for|to))\b[^.]{0,40}$/;

/**
 * A reviewed imaging study as clinicians write it: "X-ray: arthritis; no fracture or bony misalignment." Read from
 * a doctor's sentence that names the study and what it showed or did not; null for an order or when it states no
 * finding.
 */
/** "fractures" → "fracture", "opacities" → "opacity", "masses" → "mass"; "hydronephrosis" stays. */
function singular(w: string): string {
  if (/ies$/.test(w)) return w.replace(/ies$/, 'y');
  if (/sses$/.test(w)) return w.replace(/es$/, '');
  return /(?:sis|ss|itis|us)$/.test(w) ? w : w.replace(/s$/, '');
}

/** A restart said once: "you do have you you have a large spur" → "you have a large spur". */
function withoutRestart(lower: string): string {
  return lower.replace(
    /\b(you|he|she|they) (?:do |does )?(?:have|has) (?:(?:you|he|she|they) )+(have|has)\b/g,
    '$1 $2',
  );
}

function imagingResult(text: string): string | null {
  const lower = withoutRestart(text);
  const m = IMAGING.exec(lower);
  if (!m || IMAGING_ORDER.test(lower.slice(0, m.index))) return null;
  let name = IMAGING_NAME.find(([re]) => re.test(m[1]!))?.[1] ?? m[1]!;
  const part =
    /\b(?:(left|right|both) )?(?:(?:your|his|her|their|the) )?(knee|ankle|foot|wrist|hand|elbow|shoulder|hip|back|spine|chest|neck|finger|toe|leg|arm)s?\b/.exec(
      lower.slice(Math.max(0, m.index - 25), m.index + m[0].length + 30),
    );
  if (part)
    name = `${cap([part[1] === 'both' ? 'bilateral' : part[1], part[2]].filter(Boolean).join(' '))} ${name
      .toLowerCase()
      .replace(/^mri$/, 'MRI')
      .replace(/^ct$/, 'CT')
      .replace(/^x-ray$/, 'X-ray')}`;
  // A study called normal after its findings ("no evidence of a fracture …, so it's essentially a normal x-ray") is
  // read from the start of the sentence.
  const normal = NORMAL_STUDY.test(lower.slice(0, m.index + m[0].length));
  const after = normal ? lower : lower.slice(m.index);
  // A measured stone, mass or nodule and where it lies ("a stone that's measuring 0.5 centimeters located in the
  // proximal right ureter") is written as "0.5 cm stone in the proximal right ureter"; any other measured finding is
  // kept in the words it was said in.
  const measured = MEASURED_FINDING.exec(after);
  const measuredSpan: [number, number] = measured ? [measured.index, measured.index + measured[0].length] : [-1, -1];
  const unmeasured = measured ? after.slice(0, measuredSpan[0]) + after.slice(measuredSpan[1]) : after;
  if (/\d(?:\.\d+)? ?(?:cm|centimeters?|mm|millimeters?)\b/.test(unmeasured)) return null;
  const negated: string[] = [];
  const spans: Array<[number, number]> = [];
  for (const n of after.matchAll(IMAGING_NEG)) {
    for (const f of [n[1], n[2]]) if (f) negated.push(singular(f));
    spans.push([n.index, n.index + n[0].length]);
  }
  const present: string[] = [];
  if (measured) {
    const unit = /^c/.test(measured[3]!) ? 'cm' : 'mm';
    present.push(`${measured[2]} ${unit} ${measured[1]}${measured[4] ? ` in ${measured[4]}` : ''}`);
  }
  // A normal study said as such ("so it's essentially a normal x-ray").
  if (normal || NORMAL_STUDY.test(after)) present.push('normal');
  // Cartilage lost is a finding ("you've lost a lot of the cartilage").
  const cartilage = CARTILAGE_LOSS.exec(after);
  if (cartilage) present.push(cartilage[1] ? 'significant cartilage loss' : 'cartilage loss');
  for (const p of after.matchAll(IMAGING_POS)) {
    if (
      (p.index < measuredSpan[1] && p.index + p[0].length > measuredSpan[0]) ||
      spans.some(([a, b]) => p.index >= a && p.index < b) ||
      negatedAt(after, p.index + p[0].length - p[1]!.length, p.index + p[0].length)
    )
      continue;
    // Its count and grade stay with it ("2 areas of mild narrowing", "moderate effusion").
    const said = p[0].slice(0, p[0].length - p[1]!.length);
    const grade =
      /(?:\b(?:\d+|two|three|four|several|multiple) (?:areas?|spots?|places?|levels?) of )?(?:\b(?:mild|moderate|severe|small|large|big|good|residual) )?(?:\b(?:ground|round)[- ]glass )?$/.exec(
        said,
      )![0];
    // Where in the lung it lies ("pneumonia in the right lower lobe") stays with it.
    const lobe =
      /^ (?:in|at) (?:the |your |his |her |their )?((?:(?:left|right) )?(?:(?:upper|middle|lower) lobes?|lung bases?|bases?))\b/.exec(
        after.slice(p.index + p[0].length),
      );
    const site = lobe ? null : FINDING_SITE.exec(after.slice(p.index + p[0].length));
    // Where in a hollow organ it lies ("in the mid and lower portions of your esophagus" → "in the mid and lower
    // esophagus"), and what it is seen in ("that can be found in patients experiencing something called esophagitis").
    const organ = lobe || site ? null : ORGAN_SEGMENT.exec(after.slice(p.index + p[0].length));
    const seenIn = SEEN_IN.exec(after.slice(p.index + p[0].length + (organ?.[0].length ?? 0)));
    const seenProblem = seenIn && lexicons().problems.match(seenIn[1]!)[0];
    const f = `${grade}${p[1]!.replace(/^boney\b/, 'bony')}${lobe ? ` in the ${lobe[1]}` : ''}${site ? ` on the ${site[1]!.replace(/\b(?:your|his|her|their) /, 'the ')}` : ''}${organ ? ` in the ${organ[1]} ${organ[2]}` : ''}${seenProblem && seenProblem.start === 0 ? `, consistent with ${seenIn![1]}` : ''}`;
    if (!present.includes(f) && !negated.some((n) => p[1]!.startsWith(n))) present.push(f);
  }
  if (!negated.length && !present.length) return null;
  const parts = [
    ...(present.length ? [listing(present, 'and')] : []),
    ...(negated.length ? [`no ${listing([...new Set(negated)], 'or')}`] : []),
  ];
  return `${name}: ${parts.join('; ')}.`;
}

/** The doctor's overall verdict on a study: "those look quite good", "everything seemed to be fine", "that's good". */
const VERDICT =
  /\b(?:(?:that's|that is|it's|it is|those are|they're|they are) (?:good|fine|normal|okay)|(?:looks?|looked|seemed|seems|came back|come back)(?: to be)? (?:quite |really |very |pretty |completely |totally |all |entirely |perfectly )?(?:normal|good|fine|great|okay|unremarkable|negative|stable)|(?:was|were|is|are) (?:completely |totally |entirely |perfectly |all )?(?:normal|unremarkable|negative|within normal limits)|everything (?:seemed|seems|looks|looked|was|is|came back)(?: to be)? (?:fine|good|normal|okay)|(?:is|are) still doing (?:great|good|fine|well|okay))\b/;
/** A result only hoped for or supposed ("assuming that the ultrasound is normal", "if the x-ray is negative"). */
const HYPOTHETICAL = /\b(?:if|assuming|whether|hopefully|hope|make sure|unless|in case|expect)\b/;
/** A finding or value said with the verdict, which "normal" would lose. */
const FINDING_DETAIL =
  /\d|\bno evidence\b|\b(?:don't|do not|doesn't|does not) (?:have|show)\b|\bmaintained\b|\bfractures?\b|\bjoint spaces?\b|\balignment\b/;
/** The part an imaging study is of: "an x-ray of that left ankle" → "left ankle". */
const IMAGED_PART =
  /\b(?:x-?rays?|mri|ct(?: scan)?|cat scan|ultrasound|radiographs?) of (?:your|his|her|their|the|that|this) ((?:left|right) (?:knee|ankle|foot|wrist|hand|elbow|shoulder|hip|finger|toe|leg|arm))\b/;

/** The part said before the study: "the results of your chest x-ray" → "chest". */
const PART_BEFORE_STUDY =
  /\b((?:(?:left|right) )?(?:chest|knee|ankle|foot|wrist|hand|elbow|shoulder|hip|spine|neck|abdominal|pelvic)) (?:x-?rays?|mri|ct(?: scan)?|cat scan|ultrasound|radiographs?)\b/;

/** "this is looking at your right arm, and what i see is …": the part the image shows and what is seen on it. */
const IMAGED_PART_SEEN =
  /^(?:(?:so|and|okay|now)[,\s]+)*(?:this|that|here) is (?:looking at|of|showing) (?:your|his|her|their|the) ((?:left |right )?[a-z]+),? (?:and )?(?:what (?:i|we) (?:see|notice|can see) is|it shows|i (?:can )?see) (.+?)[.]?$/;

/** What is seen on an image, as a finding: "a proximal humerus fracture" → "proximal humerus fracture"; null if talk. */
function cleanSeen(said: string): string | null {
  const f = said.replace(/^(?:a|an|some|the)\s+/, '').trim();
  if (!f || f.split(' ').length > 12 || /\b(?:you|your|i|we|he|she|they|so|like|just|kind of|think)\b/.test(f))
    return null;
  return f;
}

const TEST_NAME: Array<[RegExp, string]> = [
  [/^(?:pfts?|pulmonary function tests?|breathing (?:tests?|studies))$/, 'PFTs'],
  [/^(?:ekgs?|ecgs?)$/, 'EKG'],
  [/^(?:labs?|lab work|blood work|blood tests?)$/, 'Labs'],
  [/^(?:a1c|hemoglobin a1c)$/, 'Hemoglobin A1c'],
  [/^(?:x-?rays?)$/, 'X-ray'],
  [/^(?:mri|ct|cbc|tsh|psa|bnp|ldl|gfr|alt|ast)$/, ''],
];

/** "PFTs: normal." from a sentence that names a study (or follows one named) and gives a verdict on it; else null. */
function verdictResult(lower: string, test: string): string | null {
  const v = VERDICT.exec(lower);
  if (!v || /\b(?:not|n't|never)\s+(?:\w+\s+)?$/.test(lower.slice(Math.max(0, v.index - 16), v.index))) return null;
  // A verdict said of something else in the same breath ("your blood pressure's still high, but that's fine").
  if (/\b(?:but|except|however|although)\b/.test(lower.slice(v.index))) return null;
  if (/\b(?:high|low|elevated|abnormal|positive|concern\w*|worse)\b/.test(lower)) return null;
  const t = test.trim();
  // The verdict is on the study itself ("those look quite good", "everything seemed to be fine", "your ekg is
  // normal"), not on a part of it ("the ventricles are normal in size and no other abnormalities" is no normal MRI).
  const subject = lower
    .slice(Math.max(0, v.index - 30), v.index)
    .split(/\s+/)
    .slice(-3)
    .join(' ');
  const ownWords = t.split(/\s+/).filter((w) => w.length > 2);
  if (
    !/^(?:that's|that is|it's|it is|those are|they're|they are|everything)\b/.test(v[0]) &&
    !/\b(?:it|they|those|these|that|this|everything|all|results?|labs?|work|studies|tests?)\s*$/.test(subject) &&
    !ownWords.some((w) => subject.includes(w))
  )
    return null;
  if (/\bno other\b/.test(lower)) return null;
  const named = TEST_NAME.find(([re]) => re.test(t));
  const name = named ? named[1] || t.toUpperCase() : cap(t);
  const word = /negative/.test(v[0]) ? 'negative' : /stable|still doing/.test(v[0]) ? 'stable' : 'normal';
  return `${name}: ${word}.`;
}

/**
 * "Rapid strep: positive." from a short sentence that says a test under review ("show me the rapid strep") or named in
 * it came back positive or negative; null when it says more, or denies it.
 */
function polarityResult(lower: string, topic: string | null, named: string | null): string | null {
  const p = /\b(positive|negative)\b(?: for (?:the )?([a-z0-9 -]{2,30}?))?[.,]?$/.exec(lower);
  if (!p || /\b(?:not|n't|no)\s+(?:\w+\s+)?$/.test(lower.slice(Math.max(0, p.index - 16), p.index))) return null;
  // The test: the one under review when the named one is part of it ("rapid strep" … "positive for strep").
  const test = topic && (!named || topic.includes(named)) ? topic : named;
  if (!test) return null;
  const what = p[2] && !test.includes(p[2]) ? ` for ${p[2]}` : '';
  return `${shortResultLabel(test)}: ${p[1]}${what}.`;
}

/** A test's name as a short result line labels it ("rapid strep" → "Rapid strep", "alt" → "ALT"). */
function shortResultLabel(test: string): string {
  const known = TEST_NAME.find(([re]) => re.test(test));
  return known ? known[1] || test.toUpperCase() : cap(test);
}

/**
 * "ALT: 128." from a sentence too short to copy that gives a named lab its value ("yeah, your alt was about 128"); null
 * when the sentence says more than the lab and its value, or the value is not the lab's.
 */
function valueResult(lower: string, named: string | null): string | null {
  if (!named || IMAGING.test(named) || /^(?:labs?|lab work|blood work|blood tests?|results?)$/.test(named)) return null;
  const v = new RegExp(
    `\\b${named}(?: levels?)? (?:was|is|were|are|came back(?: at)?)(?: about| around| approximately| roughly| like| at)? (\\d+(?:\\.\\d+)?)(?: (?:mg\\/dl|milligrams per deciliter|percent|%))?[.,]?$`,
  ).exec(lower);
  return v ? `${shortResultLabel(named)}: ${v[1]}.` : null;
}

/**
 * One line per study and turn: "Right knee X-ray: no fracture." and "X-ray: arthritis." said in the same turn become
 * "Right knee X-ray: arthritis; no fracture.".
 */
const STUDY_LINE =
  /^([A-Za-z -]*?(?:X-ray|MRI|CT|Ultrasound|Echocardiogram|Mammogram|Bone scan|Barium swallow|Labs)): (.+)\.$/i;

/** The heart's pumping function said to the patient with its percentage ("low-ish pumping function … at about 45%"). */
const PUMPING_FUNCTION =
  /\b(?:(?:a|an|that|the|your|his|her|their) )?(?:(low-?ish|low|lower|reduced|decreased|weak|weaker|normal|good|preserved) )?(?:pumping|squeezing|pump) function(?: of (?:the|your|his|her|their) heart)?,? (?:(?:is|was) )?(?:at |of )?(?:(about|around|approximately|roughly) )?(\d+(?:\.\d+)?) ?(?:%|percent)/i;

/** "low-ish pumping function of the heart at about 45%" → "reduced ejection fraction of about 45%". */
function ejectionFraction(_: string, how: string | undefined, approx: string | undefined, n: string): string {
  const state = !how ? '' : /^(?:normal|good|preserved)$/i.test(how) ? 'preserved ' : 'reduced ';
  return `${state}ejection fraction of ${approx ? 'about ' : ''}${n}%`;
}

function mergeStudies(lines: Line[]): Line[] {
  const out: Line[] = [];
  const study = (m: RegExpExecArray) => m[1]!.toLowerCase().split(' ').pop();
  for (const l of lines) {
    const b = STUDY_LINE.exec(l.text);
    // The last line on the same study (a lab said between them does not part them).
    const prev = b
      ? out.findLast((o) => {
          const m = STUDY_LINE.exec(o.text);
          return m !== null && study(m) === study(b);
        })
      : undefined;
    const a = prev && STUDY_LINE.exec(prev.text);
    const same = prev && prev.evidence.join() === l.evidence.join();
    // The same turn, or the doctor's next after the patient's "mm-hmm"; a line still in speech is not merged into one
    // that reads as a note (it is dropped later, see inNoteRegister).
    const near =
      a &&
      b &&
      Math.abs(l.evidence[0]! - prev.evidence[prev.evidence.length - 1]!) <= 2 &&
      readsAsNote(repairRegister(prev.text), 'results') &&
      readsAsNote(repairRegister(l.text), 'results');
    if (a && b && near) {
      const name = a[1]!.length >= b[1]!.length ? a[1]! : b[1]!;
      // Said in one turn, what it showed comes before what it did not; over two turns, in the order said.
      const said = same ? [...b[2]!.split('; '), ...a[2]!.split('; ')] : [...a[2]!.split('; '), ...b[2]!.split('; ')];
      const rank = (f: string) => (f === 'normal' ? 0 : f.startsWith('no ') ? 2 : 1);
      const findings = said.sort((x, y) => rank(x) - rank(y));
      prev.text = `${name}: ${[...new Set(findings)].join('; ')}.`;
      prev.evidence = [...new Set([...prev.evidence, ...l.evidence])].sort((x, y) => x - y);
      continue;
    }
    out.push(l);
  }
  return out;
}

/** Test names as one key ("ekg", "ecg" and "electrocardiogram" are one test). */
function testKey(name: string): string {
  const n = name.toLowerCase().replace(/s$/, '');
  if (/^(?:ekg|ecg|electrocardiogram)$/.test(n)) return 'ekg';
  if (/^(?:cat scan|ct scan|ct)$/.test(n)) return 'ct';
  if (/^x-?ray$/.test(n)) return 'x-ray';
  if (/^(?:echo|echocardiogram)$/.test(n)) return 'echo';
  return n;
}

/**
 * A copied sentence about a test whose result a labelled line already states ("Looking here at his ekg, everything
 * looks fine." beside "EKG: no evidence of coronary artery disease.") says it again: only the labelled line stays.
 */
function withoutRestatedResults(lines: Line[]): Line[] {
  // Only a labelled line the note will keep counts (one still in speech is dropped later, see inNoteRegister).
  const labelOf = (l: Line) => /^([A-Za-z0-9 -]{2,40}):\s/.exec(l.text)?.[1];
  const labelled = new Set(
    lines.flatMap((l) => {
      const label = labelOf(l);
      if (!label || !readsAsNote(repairRegister(l.text), 'results')) return [];
      return [
        testKey(
          label
            .replace(/^(?:left|right|bilateral|last|repeat|recent) /i, '')
            .split(' ')
            .pop()!,
        ),
      ];
    }),
  );
  return lines.filter((l) => {
    if (labelOf(l)) return true;
    const named = [...l.text.toLowerCase().matchAll(new RegExp(RESULT_TEST.source, 'g'))].map((m) => testKey(m[1]!));
    // A number is a value the label may not carry; a generic "labs" names no test a label states.
    if (!named.length || /\d/.test(l.text) || named.some((n) => /^(?:lab|lab work|blood work|blood test)$/.test(n)))
      return true;
    // Only a verdict is said again ("everything looks fine", "a nice, normal ekg"); a finding of its own is kept.
    const lower = l.text.toLowerCase();
    const verdictOnly =
      /\b(?:fine|good|great|normal|unremarkable|stable|unchanged|okay|ok|reassuring)\b/.test(lower) &&
      !lexicalAnchor(lower) &&
      !/\b(?:lesion|mass|fracture|nodule|cyst|compression|narrowing|stone|effusion|opacit\w*|elevat\w*|low|high|abnormal|positive|not)\b/.test(
        lower,
      );
    return !(verdictOnly && named.every((n) => labelled.has(n)));
  });
}

/** A turn that only acknowledges ("mm-hmm.", "okay.", "oh"). */
const BARE_ACK = /^(?:(?:mm-?hmm|uh-?huh|okay|ok|yeah|yes|right|alright|sure|oh|wow|got it|i see)[\s.,!]*){1,2}$/;

/** The doctor's own review of a study: "I had gone through his hemoglobin a1c's and they were borderline…". */
const REVIEWED_BY_ME =
  /^I (?:had |have )?(?:gone through|went through|reviewed|looked (?:at|over|through)|checked) (?:his|her|their|the) ([a-z0-9 -]+?)(?:'s|s)? and (?:you know,? )?(?:they|it) (were|was|are|is|have been|has been) ([^.]+)\.$/i;

/** "I had gone through his hemoglobin a1c's and they were borderline in the past." → "Hemoglobin A1c has been
 * borderline in the past."; null for any other sentence. */
function reviewedStatement(t: string): string | null {
  const m = REVIEWED_BY_ME.exec(t);
  if (!m || m[1]!.split(' ').length > 4) return null;
  const test = m[1]!.toLowerCase();
  const named = TEST_NAME.find(([re]) => re.test(test));
  const name = named ? named[1] || test.toUpperCase() : cap(test);
  const verb =
    /\bin the past\b/.test(m[3]!) || /been/.test(m[2]!) ? 'has been' : /^(?:were|was)$/.test(m[2]!) ? 'was' : 'is';
  return `${name} ${verb} ${m[3]}.`;
}

/** A value read out and then a question: "it was 162 and you know, what … did you eat before this?". */
const VALUE_THEN_QUESTION =
  /\b(?:it was|it's|it is|was|is|came back(?: at)?)\s+(\d+(?:\.\d+)?)\b(?![^?]*\d)[^?]*?\b((?:did|do|does|have|had|were|are) you\b[^?]*)\?$/;
/** A study named in speech, a blood sugar included. */
const SAID_TEST = new RegExp(`\\bblood sugars?\\b|${RESULT_TEST.source}`, 'g');
/** "probably about 2 hours ago" */
const HOURS_AGO = /\b(?:about |around |maybe |like )?(\d+|an?|one|two|three|four)\s+(hours?)\s+ago\b/;

/** The doctor dictating a report into the results ("please add the following pathology report to results"). */
const RESULTS_DICTATED =
  /\b(?:add|put|include|insert|enter)\b(?: (?:the )?following)?(?: (pathology|biopsy|lab|imaging|radiology))?[^.?]{0,30}?\b(?:to|in|into|under) (?:the )?results\b/;

/**
 * The clauses of a result's sentence that state it: "I also want to take a look here at their diabetes and last time
 * their A1c was 7.3 and they are on 500 of metformin currently" → "Last time their A1c was 7.3." The doctor's own
 * lead-in and a drug the patient is on are not the result.
 */
function resultClauses(finding: string, name: string): string {
  const clauses = finding.replace(/\.$/, '').split(/,? and (?=\S)/);
  if (clauses.length < 2) return finding;
  const test = name.toLowerCase();
  const kept = clauses.filter((c) => {
    const l = c.toLowerCase();
    if (l.includes(test)) return true;
    if (FIRST_PERSON.test(l)) return false;
    return !lexicons().medications.match(l).length;
  });
  if (!kept.length || kept.length === clauses.length) return finding;
  const t = kept.join(' and ');
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}.`;
}

/** When a study was done, said where it is named ("we did a glucose test on you a couple of months ago"). */
const STUDY_WHEN =
  /\b((?:a )?(?:couple|few) (?:of )?(?:days|weeks|months|years) ago|\d+ (?:days|weeks|months|years) ago|last (?:time|visit|week|month|year))\b/;
/** A value said of the patient with a pronoun ("you were around 300 which is pretty up there"): the value. */
const PRONOUN_VALUE =
  /^(?:(?:they|you|he|she|it) (?:were|was|are|is|came back(?: at)?)|it's|they're) (?:(around|about|approximately|roughly) )?(\d[\d,]*(?:\.\d+)?(?: ?(?:%|mg\/dl|percent))?)(?:,? (?:which|that|and) .*)?\.?$/i;
/** A verdict and the value said of the lab under review: "but it was normal at 1.7 and your blood pressure …". */
const PRONOUN_VERDICT_VALUE =
  /^(?:(?:but|and|so) )?(?:it|that) (?:was|is|came back) ((?:(?:slightly|mildly|a little(?: bit)?) )?(?:normal|low|high|elevated)) at (\d[\d,]*(?:\.\d+)?)(?:,? (?:and|but|which|so) .*)?\.?$/i;
/** Heart failure, said where a "BMP" value is read: the value is the BNP, the heart-failure marker. */
const HEART_FAILURE_SAID = /\bheart failure\b/i;
/** The patient not fasting for the blood draw, said after a glucose value. */
const NOT_FASTING = /\b(?:you|he|she|they) (?:weren't|were not|wasn't|was not|didn't|did not) (?:fasting|fast)\b/;

function resultsOf(ctx: Ctx): NonNullable<Ctx['results']> {
  if (ctx.results) return ctx.results;
  const sources = new Set<string>();
  const out: Line[] = [];
  const seen = new Set<string>();
  for (const r of ctx.facts.results) {
    // An introduction or "I wanted to go over your results" announces results; it is not one.
    const l = r.finding.toLowerCase();
    if (
      /\byear[- ]old\b/.test(l) ||
      notPatientResult(r.source?.toLowerCase() ?? l) ||
      ANNOUNCE.test(l) ||
      !RESULT_VALUE.test(l.replace(/\b\d+ (?:days?|weeks?|months?|years?) ago\b/g, ''))
    )
      continue;
    // An imaging study is written as the study and its findings, not as the sentence that reviewed it.
    const imaging = r.source ? imagingResult(r.source.toLowerCase()) : null;
    const voiced = imaging ? null : clinicianVoice(resultClauses(r.finding, r.name));
    // Written as the study and its finding ("Hemoglobin A1c: 7.1 (previously 8.4).") when the sentence reads as one.
    const t = imaging ?? (voiced && (reviewedStatement(voiced) ?? resultStatement(voiced) ?? voiced));
    if (!t || (!imaging && FIRST_PERSON.test(t) && !FINDING_WORDS.test(t.toLowerCase()))) continue;
    out.push(line(t, r.evidence));
    if (r.source) {
      seen.add(r.source);
      sources.add(r.source);
    }
  }
  // "Please add the following pathology report to results. …": what the doctor dictates after the command, in that
  // turn, is the report itself, written under results line by line ("Pathology: shave of right inferior back, …").
  let reportTurn = -1;
  let reportName: string | null = null;
  for (const s of ctx.ex.sentences) {
    if (s.speaker !== 'doctor') continue;
    const cmd = RESULTS_DICTATED.exec(s.lower);
    if (cmd) {
      reportTurn = s.turn;
      reportName = cmd[1] ?? null;
      sources.add(s.text);
      continue;
    }
    if (s.turn !== reportTurn) continue;
    let t = spokenSentence(s, ctx, 1);
    if (!t) continue;
    // "A pathology, shave of …": the report named as a note labels it.
    const label = reportName ? new RegExp(`^(?:an? |the )?${reportName},?\\s+`, 'i').exec(t) : null;
    if (label) {
      const rest = t.slice(label[0].length);
      t = `${cap(reportName!)}: ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`;
      reportName = null;
    }
    seen.add(s.text);
    sources.add(s.text);
    out.push(line(t, [s.turn]));
  }
  // The result under review: named by "show me the echocardiogram" (to the assistant) or "here's your x-ray";
  // the sentences after it in the same turn ("it showed … about 45%") are about it.
  let topic: string | null = null;
  let topicPart: string | null = null;
  let topicTurn = -1;
  let shownTurn = -1;
  let labelled = true;
  let carriedTurn = -1;
  let topicWhen: string | null = null;
  let topicAt: Sentence | null = null;
  let lastDoctor: Sentence | null = null;
  for (const s of ctx.ex.sentences) {
    if (s.speaker !== 'doctor') continue;
    const before = lastDoctor;
    lastDoctor = s;
    // The study asked for in one turn ("hey dragon, show me the right knee x-ray") is the one the doctor's next turn
    // reviews.
    if (s.turn === shownTurn + 1 && topic && topicTurn === shownTurn) topicTurn = s.turn;
    // The doctor going on after the patient's bare "mm-hmm" is still reviewing the same study.
    if (topic && s.turn > topicTurn + 1 && s.turn <= topicTurn + 3) {
      const between = ctx.transcript.turns.slice(topicTurn + 1, s.turn);
      if (between.every((t) => BARE_ACK.test(t.text.toLowerCase().trim()))) topicTurn = carriedTurn = s.turn;
    }
    // Once the plan is under way, the study reviewed before it is no longer the topic.
    if (
      s.turn !== topicTurn ||
      (phaseOf(s, ctx.ex.phase) === 'plan' && PLAN_TALK.test(s.lower) && !SHOW_RESULT.test(s.lower))
    )
      topic = null;
    const show = SHOW_RESULT.exec(s.lower);
    if (show) {
      topic = show[1]!.trim();
      topicPart = null;
      topicTurn = shownTurn = s.turn;
      carriedTurn = -1;
      labelled = true;
      continue;
    }
    const named = RESULT_TEST.exec(s.lower);
    // A study named with what it showed is under review too: the doctor's next sentences are about it ("the ct showed
    // a stone … i don't see any evidence of hydronephrosis").
    if (
      named &&
      (REVIEW_CUE.test(s.lower) ||
        (RESULT_SAID.test(s.lower) && RESULT_VALUE.test(s.lower) && !NOT_RESULT.test(s.lower) && !s.text.endsWith('?')))
    ) {
      // The study under review keeps its full name ("rapid strep" … "positive for strep").
      if (!(topic && topicTurn === s.turn && topic.includes(named[1]!))) {
        topic = named[1]!;
        // "we did do an x-ray of that left ankle": the part imaged names what the next sentences find.
        topicPart = IMAGING.test(topic)
          ? (IMAGED_PART.exec(s.lower)?.[1] ?? PART_BEFORE_STUDY.exec(s.lower)?.[1] ?? null)
          : null;
      }
      topicTurn = s.turn;
      topicWhen = STUDY_WHEN.exec(s.lower)?.[1]?.replace(/^(couple|few)\b/, 'a $1') ?? null;
      topicAt = s;
      carriedTurn = -1;
      // A lab named with its value ("your potassium is 4.2") keeps the doctor's next sentences as results, but does
      // not name them: "then it went up to 6,000" may be about another lab.
      labelled = REVIEW_CUE.test(s.lower) || IMAGING.test(named[1]!);
    }
    // "…and it was 162 and you know, did you eat before this?" "About 2 hours ago.": the value of the study under
    // review, read out before a question; a question about eating times it.
    const asked = topic && topicTurn === s.turn && !seen.has(s.text) ? VALUE_THEN_QUESTION.exec(s.lower) : null;
    if (asked) {
      const next = ctx.transcript.turns[s.turn + 1];
      const ago =
        next?.speaker === 'patient' && /\b(?:eat|ate|eaten)\b/.test(asked[2]!)
          ? HOURS_AGO.exec(next.text.toLowerCase())
          : null;
      // Named as said nearest the value ("checked your blood sugar now and it was 162"), else as the study shown.
      const turn = ctx.transcript.turns[s.turn]!.text.toLowerCase();
      const at = turn.indexOf(s.lower.slice(0, 40));
      const before = turn.slice(Math.max(0, at - 60), at + (asked.index ?? 0));
      const nearest = [...before.matchAll(SAID_TEST)].pop()?.[0] ?? topic!.trim();
      const name = TEST_NAME.find(([re]) => re.test(nearest));
      const label = name ? name[1] || nearest.toUpperCase() : cap(nearest);
      const when = ago ? ` (about ${ago[1]} ${ago[2]} after eating)` : '';
      seen.add(s.text);
      sources.add(s.text);
      out.push(line(`${label}: ${asked[1]}${when}.`, ago ? [s.turn, next!.index] : [s.turn]));
      continue;
    }
    if (seen.has(s.text) || s.text.endsWith('?') || /\byear[- ]old\b/.test(s.lower) || ANNOUNCE.test(s.lower)) continue;
    // The history read from the chart ("it looks like he has a history of high blood pressure, high cholesterol",
    // "I can see on the file that you have high cholesterol and a gastric ulcer") is past medical history, not a result.
    if (chartHistory(s.lower)) continue;
    // "for the first problem, this is most likely ovarian cancer, looking at your ct scan it looks like stage 3a": the
    // assessment, which the A&P states, not a result.
    if (PROBLEM_OPENS.test(s.lower) && named && STAGE_SAID.test(s.lower)) {
      // Its stage is written with the problem's heading ("Ovarian cancer, stage IIIA."); the sentence is not the plan's.
      sources.add(s.text);
      continue;
    }
    if (PROBLEM_OPENS.test(s.lower)) continue;
    // "… and you weren't fasting for the blood check" after the glucose value just written: it was not fasting.
    const lastOut = out[out.length - 1];
    if (
      NOT_FASTING.test(s.lower) &&
      lastOut?.evidence.includes(s.turn) &&
      /^Glucose: [^;]*\.$/.test(lastOut.text) &&
      !/fasting/.test(lastOut.text)
    ) {
      lastOut.text = `${lastOut.text.slice(0, -1)}; not fasting.`;
      seen.add(s.text);
      sources.add(s.text);
      continue;
    }
    if (notPatientResult(s.lower)) {
      if (PLAN_TALK.test(s.lower)) topic = null;
      // A remark about other people said over a result is not the plan's either.
      // A lab that is also a drug the plan gives ("keep people with heart problems on magnesium") stays the plan's.
      if (
        named &&
        PEOPLE_REMARK.test(s.lower) &&
        !OWN_TEST.test(s.lower) &&
        !lexicons().problems.match(s.lower).length &&
        !lexicons()
          .medications.match(s.lower)
          .some((m) => m.value.name === named[1])
      )
        sources.add(s.text);
      continue;
    }
    // "It took some x-rays coming in, looks like you don't have any fractures…": the study and its findings, even
    // inside a sentence that goes on to the plan.
    const imaging = phaseOf(s, ctx.ex.phase) !== 'history' && REVIEWED.test(s.lower) ? imagingResult(s.lower) : null;
    if (imaging) {
      // The study stays under review for the doctor's next sentences in this turn.
      topic = IMAGING.exec(s.lower)?.[1] ?? topic;
      topicPart = IMAGED_PART.exec(s.lower)?.[1] ?? null;
      topicTurn = s.turn;
      carriedTurn = -1;
      labelled = true;
      seen.add(s.text);
      sources.add(s.text);
      out.push(line(imaging, [s.turn]));
      continue;
    }
    // "Your PFTs … those look quite good", "looking at your autoimmune panel … everything seemed to be fine": the
    // study and the doctor's verdict, not the sentence that gave it.
    const subject = named?.[1] ?? topic;
    const judged =
      subject && !s.text.endsWith('?') && !HYPOTHETICAL.test(s.lower) ? verdictResult(s.lower, subject) : null;
    // An imaging verdict keeps what the study showed or did not ("X-ray: no fracture."); a verdict said with a
    // finding or a value is not reduced to "normal".
    const verdict =
      judged &&
      ((IMAGING.test(subject!) ? imagingResult(named ? s.lower : `${subject} shows ${s.lower}`) : null) ??
        (FINDING_DETAIL.test(s.lower) ? null : judged));
    if (verdict) {
      seen.add(s.text);
      sources.add(s.text);
      // One verdict per study ("Covid: negative." read from the facts already says it).
      const study = verdict.split(':')[0]!.toLowerCase() + ':';
      if (!out.some((l) => l.text.toLowerCase().startsWith(study))) out.push(line(verdict, [s.turn]));
      continue;
    }
    // What the study under review suggests or shows of an organ ("it says that you might be having a little bit of
    // asthma or copd", "your diaphragm is a little bit flatter, and we'll see that in some copd").
    const observed = topic && !named && labelled && !RESULT_VALUE.test(s.lower) ? studyObservation(s.lower) : null;
    if (observed) {
      seen.add(s.text);
      sources.add(s.text);
      const part = topicPart && !new RegExp(`\\b${topicPart}\\b`).test(topic!) ? `${cap(topicPart)} ` : '';
      const label = studyLabel(studyOf(topic!));
      out.push(line(`${part}${label}: ${observed}.`, [s.turn]));
      continue;
    }
    if (NOT_RESULT.test(withoutRestart(s.lower))) {
      if (PLAN_TALK.test(s.lower)) topic = null;
      continue;
    }
    // What the study under review showed or did not, said in a sentence of its own ("i don't see any evidence of
    // hydronephrosis", "it does show that you do have that residual arthritis"), is written with the study's name.
    const shownAlone =
      topic && !named && IMAGING.test(topic)
        ? imagingResult(
            `${topicPart ? `${topicPart} ` : ''}${topic} shows ${s.lower.replace(/^(?:(?:and|so|but|also|okay|alright|um|uh)\b[\s,]*)+/, '')}`,
          )
        : null;
    if (shownAlone) {
      seen.add(s.text);
      sources.add(s.text);
      out.push(line(shownAlone, [s.turn]));
      continue;
    }
    // The doctor explaining a result to the patient ("so that means there's no obstruction") is not a result.
    if (/^(?:\w+ )?(?:so |and )?(?:that|this|which|it) (?:just |basically |really )?means\b/.test(s.lower)) continue;
    // In one breath after a result ("your a1c is 8.9. on exam you have decreased sensation … so your diabetes is
    // uncontrolled"): the exam said next is the exam's, and the diagnosis drawn is the assessment's; the study is no
    // longer under review.
    if (!named && !(topic && IMAGING.test(topic)) && (EXAM_SAID.test(s.lower) || drawnDiagnosis(s.lower))) {
      topic = null;
      continue;
    }
    // What a study under review found ("some gastritis and a slight polyp", "a pituitary lesion"); said of no study,
    // these words are the exam's ("no obvious ulcers").
    const valued = RESULT_VALUE.test(s.lower) || (topic !== null && STUDY_FINDING.test(s.lower));
    // The assessment or a plan said right after a result ("my impression of him is… put him on protonix") is not
    // about the study.
    if (topic && !named && TOPIC_END.test(s.lower)) topic = null;
    // A sentence about another test ("her dexamethasone suppression test was normal") is not about the topic; nor is
    // an organ's function read after a single lab ("your a1c is 8 … your kidney function is normal"), which labs
    // reviewed as a whole do include.
    if (
      topic &&
      !named &&
      (/\b(?:tests?|levels?|panel|study|studies|scan|count)\b/.test(s.lower) ||
        (ORGAN_FUNCTION.test(s.lower) && !/^(?:labs?|lab work|blood ?work|blood tests?)$/.test(topic.trim()))) &&
      !topic.split(/\s+/).some((w) => w.length > 2 && s.lower.includes(w))
    )
      labelled = false;
    // "Your blood sugar is a little bit high, it was 169 today": a glucose value read out at the visit.
    const glucose =
      !named && /\bblood sugars?\b/.test(s.lower) && /\d/.test(s.lower) && phaseOf(s, ctx.ex.phase) !== 'history'
        ? resultStatement(clinicianVoice(spokenSentence(s, ctx) ?? '') ?? '')
        : null;
    if (glucose?.startsWith('Glucose:')) {
      seen.add(s.text);
      sources.add(s.text);
      out.push(line(glucose, [s.turn]));
      continue;
    }
    const isResult = valued && ((named !== null && RESULT_SAID.test(s.lower)) || topic !== null);
    if (!isResult) continue;
    // The next value of a series just written ("BMP: 3,000 (March)." … "then went up to 6,000 in april") joins it.
    const next = seriesNext(s.lower);
    const last = out[out.length - 1];
    if (next && last?.evidence.includes(s.turn) && /^[A-Za-z0-9 -]+: .*\)\.$/.test(last.text)) {
      last.text = `${last.text.slice(0, -1)}; ${next}.`;
      seen.add(s.text);
      sources.add(s.text);
      continue;
    }
    const spoken = spokenSentence(s, ctx);
    const t = spoken && clinicianVoice(spoken);
    if (!t || (FIRST_PERSON.test(t) && !FINDING_WORDS.test(t.toLowerCase()))) {
      // Too short to copy ("and you also have, uh, positive for strep."): the study and its polarity.
      const said = !HYPOTHETICAL.test(s.lower)
        ? (polarityResult(s.lower, topic, named?.[1] ?? null) ?? valueResult(s.lower, named?.[1] ?? null))
        : null;
      if (said) {
        seen.add(s.text);
        sources.add(s.text);
        out.push(line(said, [s.turn]));
      }
      continue;
    }
    const study = topic && studyOf(topic);
    const label = study && studyLabel(study);
    // "this is looking at your right arm, and what i see is a proximal humerus fracture": the part imaged names the
    // study, and what is seen is its finding.
    const imaged =
      label && study && IMAGING.test(study) && !named && labelled
        ? IMAGED_PART_SEEN.exec(s.lower.replace(/\s+,/g, ','))
        : null;
    const imagedSeen = imaged && cleanSeen(imaged[2]!);
    if (imaged && imagedSeen) {
      seen.add(s.text);
      sources.add(s.text);
      out.push(line(`${cap(imaged[1]!)} ${label}: ${imagedSeen}.`, [s.turn]));
      continue;
    }
    const bare = t.replace(/^(?:it's|it is|that's|that is|which is|they're|they are)\s+(?=\d)/i, '');
    const restated = reviewedStatement(t) ?? resultStatement(t);
    // "It's .6" right after "your psa today is good": the lab just named is its subject.
    const pronounOf =
      !!label && !named && !labelled && topicAt === before && before?.turn === s.turn && /^it(?:'s| is)\s+\d/i.test(t);
    // "You were around 300 which is pretty up there": the value, and when the study was done.
    const value = label && !named && (labelled || pronounOf) ? PRONOUN_VALUE.exec(t) : null;
    // "But it was normal at 1.7 and …" of the lab just checked: "Magnesium: 1.7 (normal)."
    const judgedValue = label && !named && labelled && !restated ? PRONOUN_VERDICT_VALUE.exec(t) : null;
    const valueLine = judgedValue
      ? `${label}: ${judgedValue[2]} (${judgedValue[1]!.toLowerCase().replace(/^(?:mildly|a little(?: bit)?) /, 'slightly ')}).`
      : value && !restated
        ? `${label}: ${value[1] ? 'about ' : ''}${value[2]}${topicWhen ? ` (${topicWhen})` : ''}.`
        : null;
    if (valueLine) {
      seen.add(s.text);
      sources.add(s.text);
      // It cites the sentence that named the lab too (line() keeps each turn once).
      out.push(line(valueLine, [topicAt?.turn ?? s.turn, s.turn]));
      continue;
    }
    const found = !restated && label && !named && labelled ? labelledFinding(bare, label) : null;
    // Carried over the patient's "mm-hmm", only a sentence that reads as a result is one.
    if (s.turn === carriedTurn && !restated && !found) continue;
    seen.add(s.text);
    sources.add(s.text);
    const text = restated
      ? restated
      : label && !named && labelled
        ? `${label}: ${found ?? `${bare.charAt(0).toLowerCase()}${bare.slice(1)}`}${found ? '.' : ''}`
        : t;
    out.push(line(text, [s.turn]));
  }
  // "Your vital signs here look quite good": the vital signs are taken at the exam, and written with it, not as a result.
  const lines = withoutRestatedResults(mergeStudies(out)).map((l) =>
    PUMPING_FUNCTION.test(l.text)
      ? { ...l, text: l.text.replace(PUMPING_FUNCTION, ejectionFraction) }
      : // "BMP" heard for the heart-failure marker ("your heart failure number … a test called a bmp") is the BNP.
        /^BMP: \d/.test(l.text) && l.evidence.some((i) => HEART_FAILURE_SAID.test(ctx.transcript.turns[i]?.text ?? ''))
        ? { ...l, text: l.text.replace(/^BMP\b/, 'BNP') }
        : l,
  );
  // "Blood pressure: her blood pressure today here in the office is a little elevated": a vital sign taken at the
  // visit, written with the vitals, not as a result.
  const isVital = (l: Line) => VITALS_VERDICT.test(l.text) || officeBloodPressure(l.text) !== null;
  ctx.results = {
    lines: lines.filter((l) => !isVital(l)),
    sources,
    vitals: lines.filter(isVital),
  };
  return ctx.results;
}

function objective(ctx: Ctx): Line[] {
  return [...exam(ctx), ...results(ctx)];
}

const PLAN_LABELS = [
  'Medical Reasoning',
  'Additional Testing',
  'Medical Treatment',
  'Specialist Referrals',
  'Patient Education and Counseling',
  '',
] as const;

function planLabel(lower: string): (typeof PLAN_LABELS)[number] {
  if (/\b(refer|referral|specialist|physical therapy|consult|see (?:a|an|the) \w+ist|genetic counsel\w*)\b/.test(lower))
    return 'Specialist Referrals';
  if (FOLLOW_UP_SAID.test(lower) || (REVISIT.test(lower) && INTERVAL.test(lower))) return '';
  // A study already done and read ("reviewing the mri that you had done … consistent with …") is reasoning, not an
  // order; a treatment offered for later or for worse cases ("that would be surgery if we went in …") is an option.
  if (/^plan [a-z]+ectomy\b/.test(lower)) return 'Medical Treatment';
  if ((STUDY_REVIEWED.test(lower) || TREATMENT_OPTION.test(lower)) && !ORDER_SAID.test(lower))
    return 'Medical Reasoning';
  // A warning ("if you get heartburn, stop the medicine and call") is what the patient is told to watch for.
  if (
    /^(?:(?:so|and|but|also|definitely|otherwise|yeah|okay|alright|well),? )*(?:if|unless|in case)\b/.test(lower) &&
    SAFETY_ACTION.test(lower)
  )
    return 'Patient Education and Counseling';
  // An activity held for a time ("no running for two weeks", "let's no lifting") is what the patient is told to do.
  if (ACTIVITY_RESTRICTION.test(lower)) return 'Patient Education and Counseling';
  // Cutting down a habit to a target ("let's bring it down to one or two a week") is counselling, not a dose change.
  if (HABIT_TARGET.test(lower) && lexicons().medications.match(lower).length === 0)
    return 'Patient Education and Counseling';
  // A test is what an order verb orders ("sending off some blood tests"), not a study named before the verb ("based on
  // the pathology reports recommend chemotherapy").
  if (
    TEST_ORDERED.test(lower) ||
    (TEST_VERB.test(lower) &&
      TEST_NOUN.test(lower) &&
      !/\bchemo/.test(lower) &&
      lexicons().medications.match(lower).length === 0)
  )
    return 'Additional Testing';
  if (
    /\b(prescri\w+|chemo\w*|start|continue|increase|decrease|stop|mg|milligrams|medication|medicine|dose|injection|surgery|procedure|excision|brace|splint|refill|dispense|tablets?|pills?|capsules?|puffs?|strainer|cast|sling|crutches|boot|wrap|orthotic|shot|patch|(?:once|twice|\d+ times) a day|as needed|(?:give|put) (?:them|him|her|you) (?:\d+|on|in|into|some|a|an|the))\b/.test(
      lower,
    ) ||
    lexicons().medications.match(lower).length > 0
  )
    return 'Medical Treatment';
  // "Use a baking soda rinse after meals", "you can use a heating pad", "I'll write you a note for light duty": what
  // the patient is told to do for themselves (or given to show work or school) is counselling, not reasoning.
  if (SELF_CARE_TOLD.test(lower)) return 'Patient Education and Counseling';
  if (
    /\b(recommend|advise|want (?:you|him|her|them) to|make sure|should|record|log|track|write (?:them|it|those|these) down|try to|avoid|diet|exercise|ice|rest|elevate|call|educat|discuss|drink|fluids|monitor|keep|emergency|er|go to)\b/.test(
      lower,
    )
  )
    return 'Patient Education and Counseling';
  return 'Medical Reasoning';
}

/**
 * Self-care the patient is told to do, said as an instruction at the start of the sentence ("use a heating pad", "you
 * can apply a warm compress", "soak the foot in warm water"), a note or form written for work or school ("I'll write
 * you a note for light duty at work"), or what to tell another clinician ("let your dentist know you're on a blood
 * thinner").
 */
const SELF_CARE_TOLD =
  /^(?:(?:so|and|also|then|now|okay|ok|alright|um|uh|please|just)[,.]?\s+)*(?:(?:you can|you may|you should|you'll want to|go ahead and) (?:also )?(?:just )?)?(?:use|apply|soak|rinse|gargle|wash|cover) (?:a|an|some|the|your|his|her)\b(?![^.?!]*\b(?:to see|to check|to look)\b)|\b(?:write|give|fill out) (?:you|him|her|them) (?:a )?(?:work |school |doctor's |daycare )?(?:note|form|letter) (?:for|to|so)\b|\b(?:let (?:your|his|her|their|the) (?:[a-z]+ )?(?:dentist|doctor|surgeon|pharmacist|specialist|[a-z]+ologist|provider|nurse|school|teacher|employer) know|tell (?:your|his|her|their|the) (?:[a-z]+ )?(?:dentist|doctor|surgeon|pharmacist|specialist|[a-z]+ologist|provider|nurse) (?:that|about))\b/;

/** An order verb, in any form, and the test it orders within a few words after it. */
const TEST_VERB =
  /\b(?:order(?:s|ing)?|get(?:ting)?|check(?:s|ing)?|draw(?:ing)?|repeat(?:ing)?|do(?:ing)?|schedul(?:e|ing)|obtain(?:ing)?|send(?:ing)?|run(?:ning)?|swab|perform(?:ing)?|recommend(?:ing)?)\b/;
const TEST_NOUN =
  /\b(?:x-?rays?|mri|ct|cat scan|ultrasound|labs?|lab work|blood work|blood tests?|a1c|echo\w*|ekg|ecg|tests?|study|studies|panel|scan|biopsy|culture|urinalysis|mammogram|colonoscopy|titers?|western blot|pcr|swab|emg|elastography|samples?|pathology|levels|urine collection|24 hour urine)\b/;
/**
 * An order verb and the test it orders within a few words after it ("sending off some blood tests"). Without one, a
 * sentence that names a drug or chemotherapy is treatment, whatever study it mentions ("based on the pathology reports
 * recommend chemotherapy with cisplatin").
 */
const TEST_ORDERED = new RegExp(`${TEST_VERB.source}(?:\\s+(?!results?\\b)[^\\s.!?]+){0,8}?\\s+${TEST_NOUN.source}`);

/** An activity restriction said as a directive: "no running for 2 weeks", "let's no heavy lifting". */
const ACTIVITY_RESTRICTION =
  /(?:^|\blet's |\bwill )(?:(?:so|and|then),? )*no (?:heavy |contact |strenuous )?(?:running|jogging|lifting|driving|swimming|biking|cycling|sports|weight[- ]bearing|exercis\w*|working out|climbing|jumping|kneeling|squatting|bending|twisting|golf|tennis|basketball|soccer|football)\b/;

/** A study already done and read in the plan: "reviewing the mri that you had done", "the x-ray showed". */
const STUDY_REVIEWED =
  /\b(?:review(?:ed|ing)? (?:the |your |his |her |their )?(?:x-?rays?|mri|ct|imaging|ultrasound|echo\w*|labs?|results?|films?)|(?:had|was|were) done|(?:x-?rays?|mri|ct|ultrasound|echo\w*|labs?|results?) (?:showed|shows|revealed|came back))\b/;
/** A treatment named as an option for later or worse cases: "that would be surgery if we went in", "in severe cases". */
const TREATMENT_OPTION =
  /\b(?:(?:would|could) be (?:a |an )?(?:surgery|surgical|procedure|injection|shot)|if (?:we|i) (?:went|go|did|do) in\b|in (?:really |more |very )?severe cases|down the road|surgical options?)\b/;
/** Telling the patient to finish a course: "make sure you take it all", "finish all of the antibiotics". */
const COURSE_COMPLETION =
  /\b(?:take (?:it|them|all of (?:it|them)) all|take all of (?:it|them|the (?:pills|tablets|antibiotics?|medicine|medication))|finish (?:the |all (?:of )?(?:the )?|your |it|them)(?:whole |entire |full )?(?:course|antibiotics?|medicine|medication|pills|tablets|prescription|it|them)?)\b/;
/** An option explained to the patient: "that would be surgery", "sometimes we have to", "it's like a shock wave". */
const OPTION_EXPLAINED =
  /\b(?:(?:that|this|it|which|the next step) (?:would|could) be (?:a |an )?(?:surgery|surgical|procedure|injection|shot)|if (?:we|i) (?:went|go|did|do) in\b|in (?:really |more |very )?severe cases|sometimes (?:in [a-z ]{3,30}cases )?we (?:even )?(?:just )?have to|surgical options?)\b|^(?:but )?if not,? (?:we |i )?(?:can|will|could|would|may|might) (?:discuss|talk about|consider)\b/;
/** The procedures an option names, as a clinician writes them: the spoken pattern and the note's term. */
const OPTION_PROCEDURES: Array<[RegExp, string]> = [
  [
    /\bclean(?:ed|ing|s)? (?:it |that |the |your )?(?:joint |knee |shoulder |hip )?out\b|\bclean(?:ed|ing|s)? out (?:the|that|your) (?:[a-z]+ )?joint\b|\bdebride\w*/,
    'joint debridement',
  ],
  [/\bfus(?:e|ed|ing|ion)\b/, 'fusion'],
  [/\blithotripsy\b|\bshock ?wave\b/, 'lithotripsy'],
  [/\b(?:cortisone|steroid) (?:injection|shot)s?\b/, 'steroid injection'],
  [/\breplac(?:e|ed|ing)\b (?:the |that |your )?(?:[a-z]+ )?joint\b|\bjoint replacement\b/, 'joint replacement'],
  [/\barthroscop\w*|\bscope\b/, 'arthroscopy'],
];
/**
 * A treatment option explained to the patient, written as a clinician records the discussion: "Discussed surgical
 * options (joint debridement; fusion in severe cases) if conservative treatment fails.", "If stone not passed, will
 * discuss lithotripsy."; null when the clause is no such explanation or names no procedure.
 */
function optionDiscussed(clause: string, sentence: string): string | null {
  if (!OPTION_EXPLAINED.test(clause) || ORDER_SAID.test(clause)) return null;
  const severe = /\bsevere cases\b/.exec(clause)?.index ?? -1;
  const named = OPTION_PROCEDURES.map(([re, term]) => {
    const m = re.exec(clause);
    return m ? { term: severe >= 0 && m.index > severe ? `${term} in severe cases` : term, at: m.index } : null;
  })
    .filter((x): x is { term: string; at: number } => !!x)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.term);
  const surgical = /\bsurg(?:ery|ical)\b/.test(clause);
  if (!named.length && !surgical) return null;
  const what = surgical ? `surgical options${named.length ? ` (${named.join('; ')})` : ''}` : named.join(' or ');
  // "hopefully by that time you passed the stone, but if not": the hope, turned, is the condition.
  const ifNot = /^(?:but )?if not\b/.test(clause);
  if (ifNot) {
    const hope =
      /\bhopefully\b[^.]*?\b(?:you|he|she|they)(?:'ve| have| has| will have)? ([a-z]+ed) (?:the|that|your|his|her|their) ([a-z]+)\b[^.]*?\bif not\b/.exec(
        sentence,
      );
    return `If ${hope ? `${hope[2]} not ${hope[1]}` : 'not improved'}, will discuss ${what}.`;
  }
  const conservative =
    /\b(?:a little (?:bit )?longer|for now|first|to start(?: off)? with|before (?:we|i) (?:do|go))\b/.test(sentence);
  return `Discussed ${what}${conservative ? ' if conservative treatment fails' : ''}.`;
}
/** A clause that orders or schedules something now. */
const ORDER_SAID = /\b(?:will (?:order|get|send|schedule|check|repeat|obtain)|order|schedule|recommend)\b/;
/** What a warning tells the patient to do: call, come back, go to the emergency room. */
const SAFETY_ACTION =
  /\b(?:call|come (?:on )?back|return|go to the (?:er|emergency|hospital)|let (?:me|us) know|contact (?:the office|the clinic|us|me))\b/;
/** A habit brought down to a target: "bring it down to maybe one a week", "cut back to two drinks". */
const HABIT_TARGET = /\b(?:bring (?:it|that|this|them|those) down|cut (?:it |that |them |those )?(?:back|down)) to\b/;
/** A sentence that is only a condition: "so if you do start to notice that you're getting heartburn". */
const DANGLING_CONDITION = /^(?:(?:so|and|but|now|okay|also),? )*(?:if|unless|in case)\b/;
/** A condition that has its action in the same sentence ("if it gets worse, call", "if not we'll discuss …"). */
const CONDITION_DONE =
  /,|\b(?:then|call|come|go|let|stop|take|give|need|needs|should|will|we'll|i'll|you'll|i'm|we're|can|could|might|may|want|would|have to)\b/;
/** The action a cut condition conditions: stop, call, come back, go to the er. */
const CONDITIONED_ACTION =
  /\b(?:stop|call|come (?:back|in)|go to|let (?:me|us) know|seek|return|would need to|need to|should)\b/;
/** A command given while examining ("Lift her knee up.", "Squeeze her hand."): exam, not reasoning. */
const EXAM_COMMAND =
  /^(?:lift|squeeze|push|pull|kick|bend|straighten|raise|lean|relax|wiggle|make a fist|take a deep breath|breathe (?:in|out)|follow my|look (?:up|down|left|right|at my)|(?:bring|turn|point) (?:it|that|your|his|her|their|them)\b)/i;
/**
 * The doctor teaching the patient what a condition is or does in general, not what this patient has: "Hepatitis C is
 * a viral infection that …", "They typically occur around 5 to 10 years of age",
 * "Some possible causes are …", "It is not usual for people to …".
 */
const GENERIC_TEACHING = new RegExp(
  [
    /^(?!(?:he|she|they|the patient|his|her|their|your)\b)[a-z0-9' -]{2,40} (?:is|are) (?:an? )?(?:[a-z-]+ ){0,3}(?:infection|condition|disease|disorder|syndrome|virus) (?:that|which|where|in which|caused by)\b/
      .source,
    /^(?:they|these|it|this|that) (?:typically|usually|commonly|generally|often|tend to) (?:occur|happen|start|affect|appear|go away|resolve|show up|present)\b/
      .source,
    /^it(?: is|'s) (?:not )?(?:usual|unusual|common|uncommon|rare|normal) for (?:people|patients|someone|anyone|kids|children|adults|women|men)\b/
      .source,
    /^(?:some |the )?(?:possible|common|usual|other) causes (?:are|include|of)\b/.source,
  ].join('|'),
  'i',
);
/**
 * The course of the condition the patient is told ("There is no cure for this", "Most of the time these go away on
 * their own within a year"): counselling, not an assessment.
 */
const NO_CURE =
  /^(?:there (?:is|are) no (?:cure|treatment)s? for\b|(?:(?:most|many|some|a lot) of (?:the time|these|them|those),? |most [a-z]+s )(?:these |they |it )?(?:will |do |usually |typically )?(?:go away|resolve|get better|heal|disappear)\b)/i;
/** What a diagnosis is, said after it: "… a lisfranc fracture which is a fracture to one of …", "… and this is a really common condition that …". */
const DEFINITION_TAIL =
  /,?\s+(?:and |so )?(?:which|this|that|it) (?:is|are) (?:an? |the )?(?:(?:really|very|pretty|fairly|quite) )?(?:(?:common|rare|serious|viral|bacterial|chronic|benign|overuse) )*(?:condition|fracture|infection|disease|injury|inflammation|break|tear|syndrome|disorder|virus)s? (?:that|which|where|of|to|in|where|when|caused)\b.*$/i;
/** How a clinician opens a problem before stating it: "For their first problem of their left ankle pain …". */
const SPOKEN_OPENER =
  /^(?:[A-Z][a-z]+,? )?(?:[Ff]or|[Rr]egarding|[Aa]s for) (?:your|his|her|their|the) (?:(?:first|second|third|fourth|next|last|other|new|primary|main) ){0,2}(?:problem|issue|concern|diagnosis|condition)s?(?: here)?\b,?\s*/;
/** Where the statement after an opener begins: its own subject and verb ("her symptoms are", "they have"). */
const STATEMENT_START =
  /\b(?:(?:he|she|they) (?:has|have|is|are|had|was|were|will|may|might)|(?:his|her|their|the) (?:(?!(?:the|his|her|their|a|an)\b)[a-z]+ ){0,3}(?:is|are|seems?|will|was|were)|this is)\b/i;
/** The doctor's own diagnosis said in the first person: "my diagnosis here would be", "my impression is". */
const MY_DIAGNOSIS =
  /\bmy (diagnosis|impression|assessment)(?: here| today| at this (?:time|point))? (?:would be|is|will be)\b/i;
/** "What we are dealing with is …", "Here is where I am at …", "What I think is going on is …": a spoken frame. */
const DEALING_WITH =
  /^(?:(?:so|and|well|okay|now),? )*(?:what (?:we(?:'re| are)|you(?:'re| are)|they(?:'re| are)|(?:he|she)(?:'s| is)) dealing with(?: here)? is|what i think (?:is going on|we have|(?:he|she|they) (?:has|have)) is|here(?:'s| is) where i(?:'m| am) at)\b,?\s*/i;
/** How a clinician opens on what the assessment rests on: "Based on what they told me and reviewing the MRI …". */
const EVIDENCE_FRAME =
  /^(?:(?:so|and|well|okay|now),? )*(?:based (?:up)?on|looking at|after (?:reviewing|looking at|examining)|in reviewing|reviewing|from (?:reviewing|looking at|examining))\b/i;
/** A status said of a bare "it" ("It is out of control."): said of the problem the line is under. */
const BARE_STATUS =
  /^(?:(?:again|so|and|but|well|now|yeah|okay),? )*(?:it|this|that)(?: is|'s) (?=(?:(?:still|now|a little|a bit|somewhat|very|pretty|really|not|well|poorly|fairly) )*(?:out of control|under control|controlled|uncontrolled|stable|improving|worsening|getting (?:worse|better)|resolved|resolving)\b)/i;
const FINITE_VERB = /\b(?:is|are|was|were|has|have|had|will|can|could|may|might|should|seems?|shows?)\b/i;
/** A clause whose subject was lost ("Help with some of the healing of their elbow.", "Along with this history of …"). */
const SUBJECTLESS =
  /^(?:help(?:s|ing)? (?:with|to|reduce|the|some)|along with|as well as|in addition to|including)\b(?!.*\b(?:is|are|was|were|has|have|had|will|can|could|may|might|should|seems?|shows?)\b)/i;

/**
 * A Medical Reasoning clause as a note states it: null for the doctor's teaching, an exam command or a frame with
 * nothing after it; a definition after a diagnosis and a spoken opener cut off; a bare "it is out of control" said of
 * `problem` (the heading of the line's block, where it is one problem).
 */
function reasoningClause(c: string, problem: string | null, heading: string | null = null): string | null {
  if (EXAM_COMMAND.test(c) || GENERIC_TEACHING.test(c) || SUBJECTLESS.test(c)) return null;
  // "My diagnosis here would be lateral epicondylitis" → "The diagnosis is lateral epicondylitis".
  let r = c.replace(MY_DIAGNOSIS, (_, what: string) => `the ${what.toLowerCase()} is`);
  // "What we are dealing with is right hip degenerative joint disease": the diagnosis, without the frame; said of
  // the problem the line is under, it only repeats its heading.
  const dealing = DEALING_WITH.exec(r);
  if (dealing) {
    const rest = r.slice(dealing[0].length).trim();
    if (!rest || (heading && rest.replace(/[.!]$/, '').toLowerCase() === heading.toLowerCase())) return null;
    r = cap(rest);
  }
  // "Based on what they told me and reviewing the MRI … their symptoms are consistent with …": the statement the
  // evidence frame leads to (a frame with no statement after it is left as said).
  const frame = EVIDENCE_FRAME.exec(r);
  // A frame that names the study reviewed ("reviewing the MRI …") says what the assessment rests on, and stays.
  if (frame && !RESULT_TEST.test(r.slice(0, STATEMENT_START.exec(r)?.index ?? r.length).toLowerCase())) {
    const rest = r.slice(frame[0].length);
    // Not a clause inside the frame ("the MRI that they had done before …").
    // A statement set off by a comma ("…, their symptoms are …") before any other.
    const starts = [...rest.matchAll(new RegExp(STATEMENT_START.source, 'gi'))].filter(
      (m) => !/\b(?:that|which|who|when|before|after|since|if|what)\s+$/i.test(rest.slice(0, m.index)),
    );
    const at = starts.find((m) => /,\s*$/.test(rest.slice(0, m.index))) ?? starts[0];
    if (at && at.index <= 100) r = cap(rest.slice(at.index));
  }
  const opener = SPOKEN_OPENER.exec(r);
  if (opener) {
    const rest = r.slice(opener[0].length);
    const at = STATEMENT_START.exec(rest);
    // Nothing stated after the problem named ("For their other conditions … their second condition of type 2
    // diabetes.") is only a frame; the heading says it.
    if (!at && !FINITE_VERB.test(rest)) return null;
    if (at && at.index <= 80) r = cap(rest.slice(at.index));
  }
  const tail = DEFINITION_TAIL.exec(r);
  if (tail && contentWords(r.slice(0, tail.index).toLowerCase()) >= 2) r = `${r.slice(0, tail.index)}.`;
  // "What they have is plantar fasciitis." → "They have plantar fasciitis."
  r = r.replace(/^what (he|she|they) (has|have) is\s+/i, (_, who: string, has: string) => `${cap(who)} ${has} `);
  if (problem && BARE_STATUS.test(r)) r = r.replace(BARE_STATUS, `${cap(problem)} is `);
  return r;
}

/** Rewrites of one plan clause, once split from the run of speech it was said in. */
const CLAUSE_REWRITES: Array<[RegExp, string]> = [
  // "It's, you know, your blood sugar's elevated": an "it's" the doctor restarted from, before a clause with its own
  // subject and verb ("It is his blood sugar is elevated." → "His blood sugar is elevated.").
  [
    /^(?:it|that)(?: is|'s),? (?=(?:his|her|their) (?:(?!that\b|which\b|who\b|what\b)[a-z]+ ){0,2}[a-z]+(?:'s| is| are| was| were) )/i,
    '',
  ],
  // "… t-gel shampoo that you listed when you first came in": where the visit heard of it, not part of the order.
  [
    /,?\s+(?:that|which) (?:you|they|he|she) (?:listed|mentioned|told (?:me|us) about|brought up|wrote down|put down)(?: (?:when|as) (?:you|they|he|she) (?:first )?(?:came|come) in| earlier| before| today)?(?=\s*(?:[.,;!]|$))/gi,
    '',
  ],
  // "Plan a hysterectomy remove both ovaries and perform a lymph node dissection to remove the involved lymph nodes":
  // the procedures planned, as a list of their names.
  [
    /\b([a-z]+ectomy),? (?:and )?(?:remove|take out) both (?:of (?:the|your|her|their) )?ovaries\b/gi,
    '$1, bilateral oophorectomy',
  ],
  [/^(plan) (?:an? )(?=[a-z]+ectomy\b)/gi, '$1 '],
  [/^(plan [a-z]+ectomy\b[^.]*?),? and (?:perform|do) (?:an? |the )?(?=[a-z])/gi, '$1 and '],
  [/^(plan [a-z]+ectomy\b[^.]*?\bdissection) to (?:remove|take out) [^.]*/gi, '$1'],
  // "… may want them to receive intraperitoneal chemo which is done inserting a small tube into their belly …": the
  // option weighed, without how it is done.
  [/,?\s+which (?:is|are) (?:done|given|performed) (?:by )?(?:inserting|putting|placing|using|running)\b[^.]*/gi, ''],
  [
    /\b(?:and )?based on how (the (?:surgery|procedure|operation|treatment)) goes,? may (?:want|need) (?:them|him|her) to (?:receive|get|have|undergo)\b/gi,
    'and depending on $1, consider',
  ],
  // "We'll be able to tell exactly what stage this is based on the pathology reports" → "Final stage to be determined by pathology".
  [
    /^(?:(?:and|so|then),? )?will be able to (?:tell|know|say) (?:exactly |for sure )?what (stage|grade|type) (?:this|it) is based on (?:the )?(pathology|biopsy)(?: reports?| results?)?/gi,
    'final $1 to be determined by $2',
  ],
  // "Otherwise if they continue to have pain after this week if they feel like it is not getting better contact the
  // office" → "If they continue to have pain after this week or it is not getting better contact the office".
  [/^(?:(?:but|so|and|yeah|okay|alright|well),? )*otherwise,? (?=if\b)/gi, ''],
  [/^(if [^.,;]{5,60}?),? if (?:(?:they|he|she) feels? like )?(?=(?:it|they|he|she|this|that)\b)/gi, '$1 or '],
  // "No running for 2 weeks and if we're improving then may start adding activity" → "…; if improving, may start …".
  [
    /,? and if (?:(?:we're|we are|you're|you are|they're|they are|he's|he is|she's|she is|things are|it's|it is) )?((?:not )?(?:improving|getting better|feeling better|doing better|better)),? then (?:(?:we'll|we will|will|they|he|she) )?(?:move on and )?(?:(?:probably|maybe|may|can|could) )?/gi,
    '; if $1, may ',
  ],
  // "The key thing is going to be it's going to be outpatient surgery", "What's going to be key here is the surgery …":
  // the frame that announces a point goes, the point stays.
  [
    /^(?:(?:and|so|but),? )?(?:(?:the|a) (?:key|important|main|big|biggest|most important) thing (?:here )?|what(?:'s| is) (?:going to|gonna) be (?:key|important) (?:here )?)(?:(?:is going to be|is gonna be|will be|would be|is),? )(?:that )?/gi,
    '',
  ],
  [/^it(?:'s| is) (?:going to|gonna) be (?:an? )?(outpatient|same[- ]day|inpatient) (surgery|procedure)\b/gi, '$1 $2'],
  // "They could but what's the best outcome is aligning those bones": a false start, and the clause said over.
  [/^(?:they|he|she|you|we|i) (?:could|can|would|might|may)(?: \w+)?,? but (?=what|the|it|that)/gi, ''],
  [/^what(?:'s| is) (the (?:best|main|biggest|most important) \w+) is\b/gi, '$1 is'],
  // "They should continue to use t-gel shampoo" → "Continue t-gel shampoo".
  [
    /^(?:(?:and|so|then),? )?(?:they|he|she) should (?:just )?continue (?:to use|using|to take|taking)\s+(?:the |that |an? )?/gi,
    'continue ',
  ],
];

/**
 * A self-repair ("record your blood pressures within the patient, you know, take your blood pressure every day"): the
 * doctor says the instruction again on the same object; the words said over go.
 */
const REPAIR_VERB = 'record|check|take|monitor|measure|track|log|write down|keep track of';
const SAID_OVER = new RegExp(
  `\\b(${REPAIR_VERB}) ((?:your|his|her|their) [a-z]+)\\b[^.,;?]*?,?\\s+you know,?\\s+(${REPAIR_VERB}) (?=\\2)`,
  'gi',
);
/** "… based on the pathology reports i then recommend chemotherapy": a recommendation run on to what came before. */
const RUN_ON_RECOMMEND = /\b([a-z]+) (?=i (?:then |also |would |'d |do )?(?:recommend|suggest)\b)/gi;
/** Words after which "i recommend" goes on the clause ("what i would recommend", "so i recommend"). */
const RECOMMEND_JOINED =
  /^(?:what|that|which|and|so|but|then|if|or|because|as|is|was|why|how|where|when|thing|things|all)$/i;
function repairedSpeech(text: string): string {
  return text
    .replace(SAID_OVER, (_, first: string, __: string, again: string) =>
      first.toLowerCase() === again.toLowerCase() ? `${again} ` : `${again} and ${first} `,
    )
    .replace(RUN_ON_RECOMMEND, (m, word: string) => (RECOMMEND_JOINED.test(word) ? m : `${word}. `));
}

/** Encouragement closing what the patient could do ("… and before you go to bed that will be great"). */
const WOULD_BE_GREAT =
  /\b(?:that|it|this)(?:'d|'ll| will| would) be (?:great|good|perfect|ideal|fine|wonderful|awesome|best)[.!]?$/;
/** A schedule kept for flares ("when you get that flare", "during flare-ups"). */
const FLARE_USE =
  /\b(?:when(?:ever)? (?:you|he|she|they) (?:do )?(?:get|have) (?:a |that |the |any )?flare(?:[- ]?ups?)?|during (?:a |the )?flare(?:[- ]?ups?|s)?)\b/;
/** A sentence that opens on the "then" of a condition said before it ("if they haven't, | then we'll talk …"). */
const THEN_OPENS = /^(?:(?:and|so),? )?then,?\s+/i;
/** "… at that time.": the time a moved condition names instead. */
const AT_THAT_TIME = /,?\s+(?:at that (?:time|point)|then)$/i;
/** A condition that closes a sentence with no action of its own ("… and if they haven't,"). */
const TRAILING_CONDITION = /(?:^|,?\s+(?:and|but|so|or)\s+)((?:if|unless)\s+[a-z' ]+?)\s*,?\s*$/;
/** What "see if those bones have realigned" checks: its subject, auxiliary and verb. */
const CHECKED =
  /\b(?:see|check|make sure|find out|know) (?:if|whether) ((?:(?:the|those|these|that|this|your|his|her|their) )?[a-z]+(?: [a-z]+)?) (have|has|are|is|did|will) ([a-z]+)\b/g;

/**
 * A trailing condition in full: one that only negates what was checked before it ("to see if those bones have
 * realigned and if they haven't") says what it negates ("if the bones have not realigned"); one that says its own
 * verb ("and if it gets worse") stands as said; null when there is nothing it negates, or it is too long to be one.
 */
function fullCondition(cond: string, before: string): string | null {
  const words = cond.split(/\s+/);
  if (words.length > 8 || CONDITION_DONE.test(cond.replace(/,/g, ''))) return null;
  const elliptic =
    /^(if|unless) (?:they|it|he|she|you|we|that|those|these) (?:have|has|are|is|do|does|did|were|was) ?(?:n't|not)$/.exec(
      cond,
    );
  if (!elliptic) return /^if (?:not|so)$/.test(cond) ? null : cond;
  const checked = [...before.matchAll(CHECKED)].pop();
  if (!checked) return null;
  const subject = checked[1]!.replace(/^(?:those|these|that|this)\b/, 'the');
  return `if ${subject} ${checked[2]} not ${checked[3]}`;
}

/** A follow-up said in words: "see them back in 2 weeks", "will see how they do", "make an appointment for 7 days". */
const FOLLOW_UP_SAID =
  /\b(?:follow[ -]?up|come back|touch base|see (?:you|him|her|them) (?:back|again|in)|return (?:in|to)|(?:will )?see how (?:you|they|he|she|things) (?:do|does|are doing|is doing|go|goes)|(?:set up|make|schedule|book) (?:an? |the |their |his |her )?(?:follow[ -]?up )?appointment)\b/;
/** Where a copied plan sentence is read clause by clause (the register pass splits longer lines too). */
const PLAN_RUN_ON_WORDS = 24;
/** A clause that only gives a reason, with no clause of its own: "Since we aren't doing the more complex surgery." */
const REASON_ONLY = /^(?:(?:but|and|so) )?(?:since|because|although|while|as long as)\b[^,;]*$/i;
const REVISIT = /\b(?:revisit|recheck|reassess|re-?evaluate|re-?check)\b/;
const INTERVAL = /\b(?:\d+|a|one|two|three|four|six|a couple(?: of)?|a few) (?:days?|weeks?|months?|years?)\b/;
/** A clause that says more than the order it gives: a condition, a reason or a purpose. */
/** Screening and prevention a visit schedules when due. */
const HEALTH_MAINTENANCE =
  /\b(?:mammogram|colonoscopy|pap smear|vaccines?|vaccinations?|flu shot|shingles|pneumonia shot|tetanus|bone density|dexa|lipid (?:panel|screening)|cholesterol screening)\b/;
/** What an order is for, said after it: "… to stabilize that ankle". */
const ORDER_PURPOSE = /\s+to (?:help (?:to )?)?(?:stabilize|support|protect|immobilize|keep)\b[^.]*/;
/** A quantity given of the drug just prescribed: "will give her 20 of those". */
const QUANTITY_GIVEN =
  /^will (?:give|dispense|prescribe|send in) (?:(?:him|her|them|you) )?(\d+) (?:of (?:those|these|them)|tablets|pills|capsules)[.!]?$/i;
const MORE_THAN_ORDER =
  /\b(?:looks? like|looked like|shows?|showed|reveal\w*|consistent with|results?|if|unless|in case|until|because|since|so that|instead|rather|but|after|before|when|once|otherwise|depending|may|might|possibly|consider|to (?:see|make sure|rule out|help|check|evaluate|assess|look|prevent|reduce|control|stabilize))\b/;

/**
 * The half of a split sentence whose other half never came: "Will see them again in 1 to 2 weeks and if they are
 * still having symptoms." → "Will see them again in 1 to 2 weeks."; "… swab them for a rapid strep test and if that's
 * positive." → "… rapid strep test.". An elided condition ("and if needed") is whole and stays.
 */
function withoutHangingHalf(sentence: string): string {
  const m = HANGING_HALF.exec(sentence);
  // "… and if we're improving then we'll start adding activity": a condition with its consequence is not hanging.
  if (!m || ELIDED_CONDITION.test(m[0]) || /\bthen (?:we|you|they|he|she|i|will|may|can)\b/i.test(m[0]))
    return sentence;
  const head = sentence.slice(0, m.index).replace(/[\s,;:-]+$/, '');
  return head.split(/\s+/).length >= 3 ? `${head}.` : sentence;
}
const HANGING_HALF = /,?\s+(?:and|but|so)\s+(?:then\s+)?(?:if|since|because|unless|cause)\b[^,;]*[.!]?$/i;

/**
 * A clause's tail that tells the patient why the plan will help ("… 3 times a day and that's gonna help with both the
 * pain and the inflammation", "… a fiber supplement that should help with that"): the explanation goes and the plan
 * stays. A clause that is only the explanation ("That's really going to help her keep those blood sugars under
 * control.") is null. A tail that carries a number or a drug is kept.
 */
function withoutHelpTalk(clause: string): string | null {
  const m = HELP_TALK.exec(clause);
  if (!m || /\d/.test(m[0]) || lexicons().medications.match(m[0].toLowerCase()).length) return clause;
  const head = clause.slice(0, m.index).replace(/[\s,;:-]+$/, '');
  // A sentence that is only the explanation goes, unless it names what the plan treats ("It will help them both with
  // their pain and nausea." may be all the plan says of the problem).
  if (!head) {
    const lex = lexicons();
    const lower = clause.toLowerCase();
    return lex.symptoms.match(lower).length || lex.problems.match(lower).length ? clause : null;
  }
  // "Will prescribe them something that will help clear their lungs": a vague object is named only by what it helps.
  if (VAGUE_OBJECT.test(head)) return clause;
  return head.split(/\s+/).length >= 3 ? `${head}.` : clause;
}
const VAGUE_OBJECT =
  /\b(?:something|anything|some(?: \w+)? (?:medicines?|medications?|pills?)|a (?:medicine|medication|pill))$/i;
const HELP_TALK =
  /(?:^|,?\s+(?:and |so |but )?(?:hopefully,? )?)(?:that's|that is|that'll|that will|that should|this is|this will|this should|it's|it is|it'll|it will|it should|which is|which will|which should)(?: (?:really|also|definitely))? (?:going to |gonna )?(?:really |also )?help\b.*$/i;

/** The symptoms a drug helps with, as its help talk names them: "help with (both) the pain and the inflammation". */
const HELP_PURPOSE =
  /\bhelp (?:with )?(?:both )?((?:the |your |his |her |their )?(?:pain|inflammation|swelling|spasms?|stiffness|itching|nausea)(?:,? and (?:the |your |his |her |their )?(?:pain|inflammation|swelling|spasms?|stiffness|itching|nausea))?)\s*[.!]?$/i;

/**
 * "They should take that 3 times a day" said after the drug's item already gives its schedule: the clause goes, and
 * what the sentence says after it stays ("… they should continue exercising with the braces on"). `stated` says
 * whether the plan items already state what the clause says; null when nothing is left.
 */
function withoutRestatedDose(clause: string, stated: (lower: string) => boolean): string | null {
  const m = RESTATED_DOSE.exec(clause);
  if (!m || !stated(m[0].toLowerCase())) return clause;
  const rest = clause
    .slice(m[0].length)
    .replace(/^[\s,;]+(?:and\s+)?/, '')
    .trim();
  return rest.replace(/[.!]$/, '').split(/\s+/).length >= 3 ? finishSentence(cap(rest)) : null;
}
const RESTATED_DOSE =
  /^(?:(?:and|so|then),? )*(?:they|he|she) (?:should|can|will|could|may|need to) (?:(?:just|also|continue to) )?take (?:that|this|it|those|these|them)\b[^.;]*?(?=,?\s+(?:and\s+)?(?:they|he|she) (?:should|can|will|could|may)\b|[.!]?$)/i;

/** A plan intention ("Will talk to their doctor.", "Will check another one today") is a plan, not reasoning. */
const PLAN_INTENT =
  /^(?:then,? )?(?:(?:will|may) (?!be\b|not be\b|see (?!if|how|whether)|appreciate|notice|find)[a-z]+|plan (?:a|an|the)\b)/i;
/** What makes an intention's sentence an assessment too: a diagnosis or a cause named, a finding hedged. */
const ASSESSMENT_SAID =
  /\b(?:consistent with|due to|caused by|related to|secondary to|likely|diagnos\w*|impression|(?:could|may|might) be)\b/;

/**
 * A clause whose last words were cut ("… and then will go from.", "Order renal artery ultrasound and what."): the
 * cut tail goes, and the clause keeps what it said before it.
 */
function withoutCutTail(clause: string): string {
  const m = CUT_TAIL.exec(clause);
  if (!m) return clause;
  const head = clause.slice(0, m.index).replace(/[\s,;:-]+$/, '');
  return head.split(/\s+/).length >= 3 ? `${head}.` : clause;
}
const CUT_TAIL = /,?\s+(?:(?:and|but|so)\s+)?(?:then\s+)?(?:(?:will|we'll|we will) go from(?: there)?|what)\s*[.!]?$/i;

/**
 * A clause that says only when ("Finally 3 weeks.", "As about 2 to 3 weeks.", "Will wait those 6 months."): the
 * interval of a follow-up or a course cut from the sentence that says what it is for.
 */
function intervalOnly(clause: string): boolean {
  const lower = clause.toLowerCase();
  if (!INTERVAL.test(lower)) return false;
  const rest = lower
    .replace(
      /\b(?:\d+|a|one|two|three|four|five|six|a couple(?: of)?|a few)(?: (?:to|or) (?:\d+|two|three|four|six))? (?:days?|weeks?|months?|years?)\b/g,
      ' ',
    )
    .replace(INTERVAL_FILLER, ' ')
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return rest === '';
}
const INTERVAL_FILLER =
  /\b(?:finally|lastly|as|about|around|approximately|roughly|hopefully|probably|maybe|within|in|for|the|next|another|will|wait|those|these|that|then|and|so|okay|like|just|at least|over|after)\b/g;

/**
 * A follow-up said as the office is told it ("will tell the front desk 6 months and will revisit those scars"), as a
 * note writes it: "Follow up in 6 months to reassess scars."
 */
function followUpPhrasing(clause: string): string {
  if (/^follow/i.test(clause) || clause.split(/\s+/).length > 16) return clause;
  const iv = FOLLOW_INTERVAL.exec(clause);
  const rv = REVISIT_WHAT.exec(clause);
  if (!iv || !rv) return clause;
  return `Follow up in ${iv[1]} to reassess ${rv[1]}.`;
}
const FOLLOW_INTERVAL =
  /\b((?:\d+|one|two|three|four|six|a couple of|a few)(?: (?:to|or) (?:\d+|two|three|four|six))? (?:days?|weeks?|months?|years?))\b/i;
const REVISIT_WHAT =
  /\b(?:revisit|recheck|reassess|re-?evaluate|take (?:a|another) look at|look at) (?:those |these |the |that |this |his |her |their )?((?:[a-z-]+ ){0,2}[a-z-]+)\s*[.!]?$/i;
const ELIDED_CONDITION =
  /\bif (?:needed|necessary|tolerated|possible|indicated|appropriate|desired|so|not|any|required)\W*$/i;

const CONDITIONAL = /(?<![a-z])(?:if|in case|unless|watch for|call (?:me|us)|risk of|signs of)(?![a-z])[^.]*$/;
const FAMILY_WORD =
  /(?<![a-z])(?:mother|mom|father|dad|brother|sister|grand(?:mother|father|ma|pa)|aunt|uncle|cousin|family history)(?![a-z])/;

/** The doctor's plan speech in note phrasing: "we're going to go ahead and order an x-ray" → "Will order an x-ray". */
const PLAN_REWRITES: Array<[RegExp, string]> = [
  [/\b(?:i'm|i am|we're|we are) sorry,?\s*/gi, ''],
  // "a wide local incision, excuse me, excision": the word said over replaces the one it corrects.
  [/\b[a-z]+,? excuse me,? (?=[a-z])/gi, ''],
  // "…, meaning that I will make a long incision": how the doctor will do it, told to the patient.
  [/,?\s+meaning (?:that )?(?:i|we) (?:will|'ll|am going to|are going to)\b[^.]*/gi, ''],
  // "I don't think we'll adjust those" → "Will not adjust those"; "I don't think we need to…" → "No need to…"; "I don't
  // think this is a stroke" → "This is unlikely to be a stroke".
  [/\b(?:i|we) (?:do not|don't) (?:really )?think (?:that )?(?:we|i) (?:need to|have to|should)\b/gi, 'no need to'],
  // "I don't feel the need to start you on any medications" → "No need to start her on any medications".
  [/\b(?:i|we) (?:do not|don't) (?:really )?(?:feel|see) (?:the |a |any )?need to\b/gi, 'no need to'],
  // "What we're going to have to the good thing about these kinds of fractures is generally, they will heal up" →
  // "These kinds of fractures generally will heal up".
  [
    /^(?:what (?:(?:we're|we are|i'm|i am) going to (?:have to )?(?:do )?)?)?the (?:good|nice|great) (?:thing|news|part) about ((?:these|those|this|that|the) (?:kinds? of |types? of |sorts? of )?[a-z]+) is(?: that)?,?\s*(?:(generally|usually|typically),?\s*)?(?:they|it)\b/gi,
    '$1 $2',
  ],
  // "For the surgery I would perform a hysterectomy" → "Plan a hysterectomy".
  [
    /^(?:(?:so|and|now),? )?(?:for|in) the (?:surgery|procedure|operation),? (?:i|we)(?:'d| would|'ll| will| am going to| are going to) (?:perform|do)\b/gi,
    'plan',
  ],
  // "Record them to me for about a week": readings the patient reports.
  [/\b(?:record|report|send) (?:them|those|these|it) (?:back )?to (?:me|us)\b/gi, 'report readings'],
  // "… LDH, these are just tests that help me to determine what type of tumor I'm dealing with": what the tests are for.
  [
    /,?\s+(?:and )?(?:these|those|which) (?:are|is) (?:just |all )?(?:tests?|labs?|studies|blood tests) that (?:will |can |should )?help (?:me|us) (?:to )?(determine|see|figure out|find out|know|tell)\b/gi,
    ' to $1',
  ],
  [/\b(?:i am|i'm|we are|we're) dealing with\b(?=\W*$)/gi, 'it is'],
  // "I don't think she needs surgery" → "No need for surgery"; "we're not going to put them in a cast" → "No cast".
  [
    /\b(?:i|we) (?:do not|don't) (?:really )?think (?:that )?(?:you|he|she|they) (?:will )?(?:needs?|requires?) (?!to\b)(?=(?:a |an |the |any )?[a-z])/gi,
    'no need for ',
  ],
  [/\b(?:i|we) (?:do not|don't) (?:really )?think (?:that )?(?:you|he|she|they) (?:will )?needs? to\b/gi, 'no need to'],
  [
    /\b(?:i'm|i am|we're|we are) not (?:going to|gonna) (?:put (?:you|him|her|them) (?:in|on)(?:to)?|do|order|get|give (?:you|him|her|them)|place) (?:a |an |the |any )?(?=[a-z])/gi,
    'no ',
  ],
  [/\b(?:i|we) (?:do not|don't) (?:really )?think (?:that )?(?:(?:we|i)(?:'ll| will)|will)\b/gi, 'will not'],
  [
    /\b(?:i|we) (?:do not|don't) (?:really )?think (?:that )?(this|that|it|he|she)(?: is|'s)\b/gi,
    '$1 is unlikely to be',
  ],
  [
    /\b(?:i|we) (?:do not|don't) (?:really )?think (?:that )?(they|these|those)(?: are|'re)\b/gi,
    '$1 are unlikely to be',
  ],
  [/\b(?:i|we) (?:do )?(?:think|believe|feel like|feel that|would say|guess)(?: that)?,?\s*/gi, ''],
  [/^'?cause\s+/gi, ''],
  [/\bfrom what (?:i|we)(?: am| are|'m|'re)? (?:can )?(?:seeing|see|saw)\b,?\s*/gi, ''],
  // "From a cataract surgery standpoint, he is doing well": a procedure seen from its standpoint is behind him.
  [
    /\bfrom (?:an? |the |your |his |her |their )?((?:[a-z'-]+ ){1,3}(?:surgery|removal|repair|replacement|reconstruction|release)) standpoint\b/gi,
    'status post $1',
  ],
  // "It sounds like related to school expectations": the clinician's impression of a cause.
  [
    /^(?:(?:and|so) )?(?:it|this|that) (?:sounds|seems|looks) like (?:it's |it is |this is |that's )?(?=(?:related|due|secondary) to\b)/gi,
    'likely ',
  ],
  [
    /\b(?:i|we) (?:(?:also|just|really|definitely|do|then|still) )*(?:want|would like|'d like|need) (?:him|he) to\b/gi,
    'he should',
  ],
  [
    /\b(?:i|we) (?:(?:also|just|really|definitely|do|then|still) )*(?:want|would like|'d like|need) (?:her|she) to\b/gi,
    'she should',
  ],
  [
    /\b(?:i|we) (?:(?:also|just|really|definitely|do|then|still) )*(?:want|would like|'d like|need) (?:them|they) to\b/gi,
    'they should',
  ],
  // "So what we're going to do is put you in a cast": the plan is what follows.
  [
    /^(?:so |and |okay,? )?what (?:i'm|i am|we're|we are) (?:going to|gonna) (?:have to )?do (?:here )?is(?: to)?,?\s*/gi,
    '',
  ],
  // "What I'd like to do is something called a whole blood transfusion" → "Plan a whole blood transfusion".
  [/^(?:(?:so|and|now),? )?(?:what )?(?:i'd|i would|we'd|we would) like to do (?:here )?is(?: to)?,?\s*/gi, ''],
  [/^(?:something|a procedure|a treatment|a shot|an injection) called (?=an? |the )/gi, 'plan '],
  [
    /\b(?:i'm|i am|we're|we are) ((?:also|just|then|probably|definitely|really) )?(?:going to|gonna) (?:go ahead and |have to |want to )?/gi,
    'will $1',
  ],
  [/\b(?:i|we)(?:'ll| will) (?:go ahead and |have to |also )?/gi, 'will '],
  [/\b(?:i|we)(?:'d| would) (?:like to|want to) (?:go ahead and )?/gi, 'will '],
  [/\b(?:i|we) (?:(?:also|just|really|definitely|do|then|still) )*(?:want|need) to (?:go ahead and )?/gi, 'will '],
  [/\blet's (?:go ahead and )?/gi, 'will '],
  // "What I recommend for her is what we call a wide local excision" → "Recommend a wide local excision".
  [
    /^(?:so,? |and,? |but,? |now,? )?what (?:i|we)(?:'d| would)? (?:recommend|suggest)(?: for (?:him|her|them|you))?(?: is)?(?: what (?:we|i) (?:call|try)(?: is)?)?,?\s*/gi,
    'recommend ',
  ],
  // "I am recommending it", "I would recommend calling", "I then recommend chemotherapy" → "recommend …".
  [
    /\b(?:i|we)(?:'m|'re| am| are)? (?:(?:also|then|do|would|'d|really|strongly|definitely) )*(?:recommend|recommending|recommended|advise|advising|advised|suggest|suggesting|suggested) (?:that )?/gi,
    'recommend ',
  ],
  [
    /\b(?:i|we)(?:'d| would) (?:(?:just|also|then|really|probably) )*(continue|start|stop|keep|hold|avoid|increase|decrease|consider)\b/gi,
    'will $1',
  ],
  // "We may not need to…", "we might consider…": the clinician's hedge stays ("may", "might"), never "will".
  [/\b(?:i|we) (may|might|could) (?:go ahead and )?/gi, '$1 '],
  [/\b(?:i|we) (?:should|can) (?:go ahead and )?/gi, 'will '],
  [/\b(?:go ahead and|just) /gi, ''],
  [/\b(?:my|our) (?:assessment|impression|diagnosis)(?: of (?:him|her|them))? (?:is|would be)(?: that)?,?\s*/gi, ''],
  [/\bgive (?:me|us|the office) a (?:call|ring)\b/gi, 'call the office'],
  [/\bcome (?:on )?back (?:in )?and see (?:me|us)\b/gi, 'return to clinic'],
  // "you would need to stop taking the medicine" → "they should stop …" (the pronoun is already third person).
  [/\b(they|he|she) would (?:need|have) to\b/gi, '$1 should'],
  // A restart after an article ("order a you get another urine collection"): the restarted words stand.
  [/\b(order|get|do|send) (?:a |an )?(?:you|they|he|she) (?:get|have|do) (?:another |a |an )?/gi, '$1 '],
  // "these things can really show me if there are any problems with …": what the order is for.
  [
    /,?\s+(?:and )?(?:these|those|this|that|which)(?: things| tests?| labs?| studies)? (?:can|will|should|would) (?:really |also )?(?:show|tell) (?:me|us) (?:if|whether) (?:there (?:is|are) )?(?:any )?/gi,
    ' to evaluate for ',
  ],
  // "again, this is a lot of big words": a comment on the talk, not on the patient.
  [
    /,?\s*(?:\bagain,? )?\b(?:this|that|it)(?:'s| is) a lot of (?:big words|information|words|stuff)\b(?:,? but you know\b)?/gi,
    '',
  ],
  [/\b(?:call|contact) (?:me|us)\b/gi, 'call the office'],
  [/\blet (?:me|us) know\b/gi, 'call the office'],
  // "let's no running for two weeks" (→ "will no running …"): a restriction is written as one ("No running …").
  [/\bwill (?=no (?:heavy |contact |strenuous )?[a-z-]+ing\b|no (?:sports|exercise|golf|tennis)\b)/gi, ''],
  // "then we'll move on and probably start adding activity": the hedge of an intention is "may", the move-on is talk.
  [/\bwill (?:then )?move on and\s+/gi, 'will '],
  [/\bwill probably\b/gi, 'may'],
];
const FIRST_PERSON = /(?<![a-z'])(?:i|i'm|i've|i'd|me|my|we|we've|we'd|our|us)(?![a-z'])/i;
const PLAN_CONTENT =
  /\b(?:mg|dose|medication|medicine|prescri\w*|refill|order|test|labs?|blood work|x-?ray|mri|ct|ultrasound|echo\w*|ekg|scan|biopsy|refer\w*|specialist|therapy|surgery|procedure|injection|follow[- ]?up|come back|see (?:him|her|them) (?:back|again|in)|weeks?|months?|diet|exercise|ice|rest|brace|splint|avoid|monitor|emergency|er|call|return|start|stop|continue|increase|decrease|diagnos\w*|likely|consistent with|concern\w*|infection|fracture|sprain|strain|pain|pressure|sugar|a1c|cholesterol)\b/;

/**
 * A plan sentence as a note states it, or null when it is conversation: first-person plan verbs become "will …",
 * hedges go, and a sentence left in the first person without clinical content is dropped.
 */
/**
 * The clinician's first-person framing of a finding or result, as a note states it: "On his heart exam, I do
 * appreciate a 2/6 murmur, which we've heard in the past" → "On his heart exam, a 2/6 murmur, unchanged from prior".
 */
const VOICE_REWRITES: Array<[RegExp, string]> = [
  // "I don't appreciate any masses" → "no masses" (before the positive form below takes the verb away).
  [
    /\b(?:i|we) (?:do not|don't|didn't|did not) (?:even |really )?(?:appreciate|see|hear|feel|notice|detect|palpate)(?: any)?\b(?! (?:the |a |any )?need\b)/gi,
    'no',
  ],
  // "… any arthritis that I would've been suspecting": what the doctor expected is no part of the finding.
  [
    /,?\s*(?:that|which) (?:i|we)(?: would(?:'ve| have)?|'d| might| may) (?:have )?(?:been )?(?:suspect|expect)\w*/gi,
    '',
  ],
  // "No soccer until we know more", "until we see the MRI": how long an instruction runs, as a note says it.
  [/\buntil (?:we|i) (?:know|find out|hear|learn) more\b/gi, 'until further evaluation'],
  [/\buntil (?:we|i) (?:see|get|review|go over|have) (?=(?:the|your|his|her|their) )/gi, 'until review of '],
  [
    /(?<!\b(?:until|till|once|after|before|when|unless|if) )\b(?:i|we) (?:do )?(?:appreciate|notice|note|see|saw|hear|feel(?: like)?|detect|observed?|found)\s+(?:here\s+)?(?:that\s+)?/gi,
    '',
  ],
  // "I suspect this is a flare of …" keeps its hedge as a note writes it ("Suspect this is a flare of …").
  [/\b(?:i|we) (?:do )?suspect(?: that)?,?\s*/gi, 'suspect '],
  // Not the time an instruction runs to: "no soccer until we know more".
  [
    /(?<!\b(?:until|till|once|after|before|when|unless|if) )\b(?:i|we) (?:do )?(?:think|believe|feel like|feel that|would say|guess|know)(?: that)?,?\s*/gi,
    '',
  ],
  // "I'm very pleased with how your right knee is doing" → "right knee is doing well": the praise says how it does.
  [
    /\b(?:i am|i'm|we are|we're) (?:very |really |so )?(?:glad|happy|pleased) (?:with|about|to see|at) how (?:well )?((?:[a-z']+ ){0,4}?[a-z']+) (is|are) (?:doing|healing|progressing)\b/gi,
    '$1 $2 doing well',
  ],
  [
    /\b(?:i am|i'm|we are|we're) (?:very |really |so )?(?:glad|happy|pleased)(?: to see)?(?: that)?(?: with how)?,?\s*/gi,
    '',
  ],
  [
    /,?\s*(?:which|that) (?:we've|we have|i've|i have) (?:heard|seen|noted)(?: before| in the past)?/gi,
    ', unchanged from prior',
  ],
  [/\bwhen i (?:press|push|pound|palpate|tap)(?: on)?(?: (?:it|that|there|here|this))?\b/gi, 'to palpation'],
  // "No bruits that I can hear": the finding, not the hearing.
  [/\s*\b(?:that|which) (?:i|we) (?:can |could )?(?:hear|see|feel|appreciate)\b/gi, ''],
  [/\b(?:so )?(?:i am|i'm) not (?:too |very )?(?:concerned|worried)(?: about (?:that|it|this))?\b/gi, ''],
  [/\bso (?:we|i) know that\s*/gi, ''],
  [/\b(?:i|we) have (noted|suggested|recommended|discussed)\b/gi, '$1'],
  // "Your thyroid's a bit enlarged" → "thyroid is mildly enlarged".
  [
    /\b(?!(?:he|she|it|that|there|what|who|let)'s)([a-z]+)'s (?:(?:a (?:little )?bit|a little|slightly|mildly) )(enlarged|tender|swollen|red|warm|firm|distended|erythematous|decreased|diminished|elevated)\b/gi,
    '$1 is mildly $2',
  ],
  [
    /\b(?!(?:he|she|it|that|there|what|who|let)'s)([a-z]+)'s ((?:very |quite |somewhat )?(?:enlarged|tender|swollen|red|warm|firm|distended|erythematous|nontender|soft|clear|regular|irregular)\b)/gi,
    '$1 is $2',
  ],
];

/** Applies VOICE_REWRITES and tidies what they leave; null when nothing is left. */
function clinicianVoice(sentence: string, minContent = 2): string | null {
  let t = sentence;
  for (const [re, to] of VOICE_REWRITES) t = t.replace(re, to);
  t = t
    .replace(LENGTH_RE, lengthUnit)
    .replace(/\s+([,.])/g, '$1')
    .replace(/,\s*(?:so|and)?\s*\./g, '.')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .replace(/\s{2,}/g, ' ');
  return contentWords(t) >= minContent ? finishSentence(cap(t)) : null;
}

/** The doctor explaining a term to the patient ("that's what we call a proton pump inhibitor") is no note content. */
const LAY_EXPLANATION =
  /^(?:so |and )?(?:that's|that is|this is|it's|it is) (?:just |basically |really )?what we call\b|^(?:so |and )?(?:it|that|this|which) (?:just |basically |really )?means\b/i;

/**
 * The doctor announcing the talk before the plan ("Let me explain that, so …", "Let me tell them a little bit about my
 * assessment and plan for …", "Will explain to them what that all means for my impression and plan …") and the
 * visit's reason said as a frame ("The first problem that he is here today for, this is …"): what follows is the plan.
 */
const TALK_FRAME =
  /^(?:(?:so|and|okay|alright|now|well),?\s+)*(?:let me|lem me|lemme|let's|(?:i|we)(?:'ll| will)|will|i want to|(?:i'm|i am|we're|we are) (?:going to|gonna)) (?:just |quickly |briefly )?(?:talk|tell (?:you|them|him|her)|explain|go over|go through|walk (?:you|them|him|her) through)(?: (?:to|with) (?:you|them|him|her))?(?: (?:a little bit|a bit|briefly|quickly))?(?:(?: (?:about|over|through))? (?:like )?(?:my|our) (?:assessment|impression|plan)(?: and plan)?(?: for (?:you|them|him|her)\b)?| (?:to (?:you|them|him|her) )?(?:what )?(?:that|this|it)(?: all)? means?(?: for (?:my|our|the) (?:assessment|impression)(?: and plan)?)?| (?:that|this|it),? so\b)[,.]?\s*(?:so\b,?\s*)?(?=\S)/i;
const REASON_FRAME =
  /^(?:(?:so|and|now),?\s+)*(?:the|his|her|their|your) (?:first|second|third|next|other|main) (?:problem|issue|concern|reason) (?:that )?(?:he|she|they|you) (?:is|are|was|were|'s|'re) (?:here |in )?(?:today )?(?:for|with|about),?\s*(?=(?:this|that|it) is\b)/i;
/**
 * The doctor dictating to the scribe ("just put that he has a post-traumatic stenosing tenosynovitis of his right index
 * finger, and the plan is …", "write down that you experienced a syncope", "put that down as grass allergies"): what
 * is dictated is the statement, the instruction is not. The group is the dictated condition, cut at the clause's end.
 */
const DICTATED =
  /\b(?:just |please |so )?(?:(?:put|write|note|document|jot)(?: down)?(?: in (?:the|his|her|their) (?:note|chart))? (?:that |down that |down )(?:he|she|they|you|the patient) (?:has|have|is suffering from|are suffering from) (?:an? |some )?|put (?:that|this|it) down as (?:an? )?)([a-z0-9' -]{3,120}?)(?=\s*[,.;?]|\s+and (?:the )?plan\b|$)/;
/** Any other instruction to the scribe ("I'll write down that you experienced a syncope"): the statement stays. */
const DICTATION_FRAME =
  /\b(?:(?:i'll|i will|will|let me|i'm going to|i am going to|just|please|so),?\s+)*(?:write|put|note|document|jot)(?: down)?(?: in (?:the|his|her|their) (?:note|chart))? that\s+(?=(?:he|she|they|you|the patient)\b)/i;
/** The rest of a dictation: "and the plan is steroid injection today" → "steroid injection today". */
const DICTATED_PLAN = /^[\s,;]*(?:and\s+)?(?:the\s+)?plan (?:is|will be)\s+/i;

/** The dictated condition as a heading ("rather severe … of his right index finger" → "severe … of the right …"). */
function dictatedDiagnosis(lower: string): { name: string; end: number; index: number } | null {
  const m = DICTATED.exec(lower);
  if (!m) return null;
  const name = m[1]!
    .replace(/\b(?:rather|pretty|quite|really|very|kind of|sort of) /g, '')
    .replace(/\b(?:his|her|their|your) /g, 'the ')
    .trim();
  const words = name.split(/\s+/);
  const diagnosis =
    words.some((w) => DIAGNOSIS_HEAD.test(w)) || lexicons().problems.match(name).length > 0 || lexicalAnchor(name);
  return diagnosis && words.length <= 14 ? { name, end: m.index + m[0].length, index: m.index } : null;
}

/**
 * Praise, encouragement and empathy said to the patient ("It's fantastic you have chosen …", "we'll be with you every
 * step of the way", "I applaud you on making this first step", "I'm sorry to hear that"): no reasoning and no order.
 * ("apply … on making" is how speech recognition hears "applaud … on making".)
 */
const PRAISE =
  /\bevery step of the way\b|\b(?:it's|it is|that's|that is) (?:so |really |just |absolutely )?(?:fantastic|great|wonderful|awesome|amazing|excellent|terrific|fabulous)\b(?! (?:idea|option|choice|medication|medicine|treatment|drug)\b)|\b(?:i'm|i am|we're|we are) (?:so |very |really )?(?:proud|excited|thrilled)\b|\bproud of\b|\bcongratulat\w*|\b(?:applaud|apply|commend) (?:you|them|him|her) (?:on|for) (?:\w+ing)\b|\bgood (?:job|for (?:you|them|him|her))\b|\bkeep up the good work\b|\bsorry (?:to hear|that (?:you|he|she|they))\b|\b(?:must|can) be (?:very |really |so )?(?:frustrating|hard|difficult|scary|stressful)\b|\bhelp (?:you |them |him |her )?as much as\b/;
/** A quit date said in the plan ("they have chosen next monday as a quit date", "next monday, that's your quit date"). */
const QUIT_DATE =
  /\b(?:chosen|picked(?: out)?|set|selected|decided on) ((?:next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:st|nd|rd|th)?|the \d{1,2}(?:st|nd|rd|th)?) as (?:a|the|their|his|her|your) quit date\b/;
const MONTH_OR_DAY =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)\b/g;
/** The clinician's own comings and goings ("and I'll be back shortly"), and a stutter before it ("and we'll, and"). */
const BE_BACK =
  /,?\s+(?:and\s+)?(?:(?:we'll|we will|will|i'll),?\s+(?:and\s+)?)*(?:will|i'll|we'll) be (?:right )?back(?: (?:shortly|soon|in (?:just )?a (?:minute|moment|second|few minutes)))?\s*[.!]?$/i;
/** What is left of a clause whose main verb went ("Often and then because his blood pressures seem fine"). */
const LOST_LEAD = /^[A-Za-z]+,? (?:and|but|so),? (?:then,? )?(?:because|since) (?=\S)/i;
/** A clause cut before its complement ("her right knee is doing."). */
const LOST_COMPLEMENT = /\b(?:is|are|was|were) (?:doing|going)[.!]?$/i;

function withoutTalkFrame(sentence: string): string {
  const t = sentence.replace(TALK_FRAME, '').replace(REASON_FRAME, '');
  return t === sentence || contentWords(t) < 2 ? sentence : cap(t);
}

/**
 * The doctor's plan speech that runs one directive into the next with the subject dropped ("She should bring those
 * numbers with her we'll talk about it again"): a new sentence starts at "we'll …" when what comes before is a clause
 * of its own (no "if", "when", "where" … that the "we'll" completes).
 */
const RUN_ON_WILL =
  /\s+(?:we|i)(?:'ll| will| can| should|'m going to|'re going to| am going to| are going to)\s+(?=[a-z])/gi;
const SUBORDINATE =
  /\b(?:if|when|whenever|where|once|after|before|until|unless|as|because|since|what|how|whether|that|which|who|hopefully|so|and|or|but|then|also|maybe|probably|think|hope|sure|see|know)\s*$/i;
const OPEN_CLAUSE =
  /\b(?:if|when|whenever|where|once|after|before|until|unless|as soon as|because|since|hopefully)\b/gi;
const OWN_SUBJECT =
  /\b(?:he|she|they|you|i|we)(?:'ll|'d| should| will| can| could| need to| needs to| must| may| might| would| have to| has to)\b|\b(?:want|need|would like|'d like) (?:you|him|her|them) to\b/i;
function withRunOnSplit(sentence: string): string {
  return sentence.replace(RUN_ON_WILL, (m, at: number, all: string) => {
    const before = all.slice(0, at);
    const clause = before.slice(
      Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('.')) + 1,
    );
    if (at === 0 || SUBORDINATE.test(before) || clause.trim().split(/\s+/).length < 4) return m;
    // "when she comes back she should bring those numbers with her we'll talk": the condition has its main clause.
    const open = [...clause.matchAll(OPEN_CLAUSE)].pop();
    const main = open ? clause.slice(open.index + open[0].length) : clause;
    if (!OWN_SUBJECT.test(main) && !(open === undefined && /^\s*(?:will|we'll|i'll)\b/i.test(clause))) return m;
    const said = m.trim();
    return `. ${said.charAt(0).toUpperCase()}${said.slice(1)} `;
  });
}

/**
 * A directive with nothing of its own to say: its object is only "it", "that" or "this", and every other word is a
 * generic plan word ("Right now will start with that.", "Will discuss if will make any modifications for that.", "Will
 * talk about it again."), or a clause cut after "know … that" ("They should know with absolute 100% certainty that.").
 */
function emptyDirective(clause: string): boolean {
  const lower = clause
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .replace(/\s+(?:again|later|then|next time|for now|right now)$/, '');
  if (/\d/.test(lower.replace(/\b100 ?%/, '')) || lexicalAnchor(lower)) return false;
  if (/\b(?:know|sure|aware|understand|realize|certain|certainty)\b.*\bthat$/.test(lower)) return true;
  // "Will send the order down.": the order it points to is stated as its item.
  if (
    /^(?:(?:and|so|then) )?(?:will|we'll|i'll) (?:go ahead and )?(?:send|put|get|place) (?:the|that|those|this) orders? (?:down|over|in|through|out|off)$/.test(
      lower,
    )
  )
    return true;
  if (!/\b(?:it|that|this)$/.test(lower)) return false;
  return lower.split(/\s+/).every((w) => EMPTY_DIRECTIVE_WORD.test(w));
}
const EMPTY_DIRECTIVE_WORD =
  /^(?:will|may|might|then|right|now|for|start|begin|go|proceed|stick|discuss|talk|about|make|any|modifications?|changes?|adjustments?|if|with|on|from|there|it|that|this|again|more|see|how|we|do|they|he|she|should|can|just|also|so|and|the|next|time|later|further|some)$/;

/** "please do try to get back into her exercise routine" → "get back into her exercise routine". */
const PLEASE = /\b(?:(?:and|so),?\s+)?please,?\s+(?:do\s+)?(?:(?:try|feel free) to\s+)?/gi;

/** The clinician's "so I can see if we need to add …": a step the plan will weigh. */
const SEE_IF_NEEDED =
  /,?\s+(?:and |so )?(?:(?:i|we) (?:have to|need to|can|could|will|'ll|want to) )?see (?:if|whether) (?:we|i) (?:have to|need to|should|will need to|may need to|might need to) (add|start|increase|change|adjust|switch|stop)\b/gi;

/** A verb's -ing form ("add" → "adding", "increase" → "increasing", "stop" → "stopping"). */
function gerund(verb: string): string {
  if (/[^e]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  if (/^[^aeiou]*[aeiou][bdgmnpt]$/.test(verb)) return `${verb}${verb.slice(-1)}ing`;
  return `${verb}ing`;
}

function planPhrasing(sentence: string): string | null {
  if (LAY_EXPLANATION.test(sentence.trim())) return null;
  let t = clinicianVoice(sentence) ?? sentence;
  t = withRunOnSplit(t).replace(PLEASE, (m) => (/^(?:and|so)\b/i.test(m.trim()) ? '. ' : ''));
  for (const [re, to] of PLAN_REWRITES) t = t.replace(re, to);
  // "…, so I have to see if we have to add another agent" → "…; will consider adding another agent".
  t = t.replace(SEE_IF_NEEDED, (_, verb: string) => `; will consider ${gerund(verb.toLowerCase())}`);
  t = t
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,]+/, '')
    .replace(/\s+\./g, '.')
    .replace(/([.!]\s+)([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase())
    .trim();
  const lower = t.toLowerCase();
  const lex = lexicons();
  const clinical =
    PLAN_CONTENT.test(lower) ||
    CLINICAL.test(lower) ||
    lex.medications.match(lower).length > 0 ||
    lex.problems.match(lower).length > 0 ||
    lex.symptoms.match(lower).length > 0;
  // A sentence still in the first person is conversation unless it carries clinical content.
  if (FIRST_PERSON.test(t) && !clinical) return null;
  return finishSentence(cap(t));
}

/** A question that checks a plan just stated, at the end of its sentence ("does that sound like a good plan"). */
const TAG_QUESTION =
  /,?\s+(?:(?:does|do|would|will) (?:that|this|it) (?:sound|seem) (?:like )?(?:(?:a|an) )*(?:good |reasonable |fair |okay )?(?:plan|idea|okay|good|alright|all right|fair|reasonable)(?: (?:for|to|with) (?:you|him|her|them))?|(?:have|had) you (?:ever )?heard of (?:that|it|this|them|those)(?: before)?|(?:is|are) (?:that|you) okay(?: with (?:that|this|it))?|(?:do|does) (?:you|he|she|they) have any (?:other |more |further )?(?:questions|concerns)\b[^.?]*|(?<!\b(?:have|has|had) )any (?:other|more|further) (?:questions|concerns)\b[^.?]*)\s*[?.]?$/i;

/**
 * The problem an opener names ("for your first problem of nicotine dependence, first of all …" → "nicotine
 * dependence"): the words up to the clinician's next clause, cut after the first that ends a diagnosis or a known
 * problem when the run goes on past it ("recurrent lung infections your symptoms seem …"); null when none is named.
 */
function openerName(said: string): string | null {
  const words = said.split(' ').filter((w) => w && !/^(?:you|know|like|um|uh)$/.test(w));
  const stop = words.findIndex((w) => OPENER_STOP.test(w));
  const run = (stop >= 0 ? words.slice(0, stop) : words).slice(0, 5);
  const name = run.join(' ');
  if (!contentWords(name)) return null;
  const problems = lexicons().problems;
  for (let k = 1; k < run.length; k++) {
    const head = run.slice(0, k).join(' ');
    if (DIAGNOSIS_HEAD.test(head.replace(/s$/, '')) || problems.match(head).some((x) => x.end === head.length))
      return head;
  }
  return lexicalAnchor(name) || HPI_TERMS.test(name) || DIAGNOSIS_HEAD.test(name) ? name : null;
}

function planSentences(ctx: Ctx): Line[] {
  return planOf(ctx).lines;
}

/** The A&P, with the plan items it states and the problems it heads, computed once per draft. */
function planOf(ctx: Ctx): NonNullable<Ctx['plan']> {
  if (ctx.plan) return ctx.plan;
  const { ex } = ctx;
  const out: Line[] = [];
  const seenProblems = new Set<string>();
  const headed: Problem[] = [];
  let para = 0;
  const inPlan = (s: Sentence) => phaseOf(s, ex.phase) === 'plan';
  // The problem a sentence assesses: one the doctor names in the plan, not denied or ruled out ("you're not
  // diabetic", "I don't see a fracture"), not safety-netting ("if you get back pain"), not a relative's.
  // The fact model has read each problem mention (assertion, experiencer, time); only those it kept as the
  // patient's, confirmed or suspected, head a problem block. Suspected ones say so.
  const known = new Map(
    ctx.facts.problems
      .filter(
        (p) =>
          p.certainty !== 'ruled-out' &&
          p.subject === 'patient' &&
          p.time !== 'resolved' &&
          p.time !== 'past' &&
          p.status !== 'resolved',
      )
      .map((p) => [p.name, p]),
  );
  // A problem the patient has and is treated for (in the medical history, not past or resolved) is established: the plan
  // may weigh what it explains ("that could be related to severe hypertension"), but its heading is not "possible".
  const established = new Set(
    ctx.facts.history
      .filter(
        (h) =>
          h.kind === 'medical' &&
          h.subject === 'patient' &&
          !h.negated &&
          h.assertion === 'present' &&
          h.time !== 'past' &&
          h.time !== 'resolved',
      )
      .map((h) => h.name),
  );
  const assessed = (s: Sentence) =>
    lexicons()
      .problems.match(s.lower)
      .filter(
        (m) =>
          known.has(m.value) &&
          (ASSESS_FRAME.test(s.lower.slice(Math.max(0, m.start - 80), m.end + 40)) ||
            listedProblem(s.lower, m.start, m.end)) &&
          !negatedAt(s.lower, m.start, m.end) &&
          !CONDITIONAL.test(s.lower.slice(0, m.start)) &&
          !FAMILY_WORD.test(s.lower) &&
          !namesPrevention(s.lower, m.start, m.end),
      )
      .map((m) => m.value);
  // "For your first problem of difficulty urinating": a problem the clinician names by a frame, though it is not a
  // known diagnosis (a symptom, a finding), heads its block as said.
  const framed = (s: Sentence): string | null => {
    const clean = cleanSpoken(s.text).toLowerCase();
    const dictated = dictatedDiagnosis(clean);
    if (dictated) return dictated.name;
    const listed = LISTED_NAME.exec(clean);
    if (listed && contentWords(listed[1]!) >= 1 && listed[1]!.split(' ').length <= 5) return listed[1]!;
    const m = OPENER.exec(clean) ?? STANDPOINT.exec(clean);
    const impression = m ? null : IMPRESSION_OF.exec(clean);
    if (impression) {
      const words = impression[1]!.split(' ');
      const stop = words.findIndex((w) => OPENER_STOP.test(w) || DIAGNOSIS_STOP.test(w));
      const name = (stop >= 0 ? words.slice(0, stop) : words).slice(0, 5).join(' ');
      if (contentWords(name) >= 1 && (lexicalAnchor(name) || HPI_TERMS.test(name))) return name;
    }
    const opened = m && openerName(m[1]!);
    if (opened) return opened;
    // "From a rapid strep standpoint, we'll treat you with amoxicillin": a test the visit found positive is the problem
    // its treatment is for ("Positive rapid strep.").
    const tested = m && positiveTest(m[1]!);
    if (tested) return tested;
    const injury = injuryStatement(ctx, clean);
    if (injury) return injury;
    {
      // A diagnosis stated in words heads its block too ("I think what you have is a lumbar strain"), also after an
      // opener that names no problem itself ("for your first problem, I think you have an acute lumbar strain").
      const d = statedDiagnosis(clean);
      if (!d) return null;
      // "for that right knee … a medial collateral ligament strain": the diagnosis names the site it is of.
      const site = d.name.split(' ').some((w) => BODY_SITE.test(w))
        ? null
        : new RegExp(`\\b(left|right) (${INJURY_PARTS})\\b`).exec(clean);
      const name =
        structureInjury(ctx, d.name) ?? (site ? `${site[1]} ${site[2]} ${d.name}` : sitedInjury(ctx, clean, d.name));
      return d.suspected ? `possible ${name}` : name;
    }
  };
  // The tests the visit found positive ("Rapid strep: positive."), read once from the results.
  const positives = new Set(
    resultsOf(ctx)
      .lines.map((l) => POSITIVE_RESULT.exec(l.text.toLowerCase())?.[1])
      .filter((n): n is string => !!n),
  );
  const positiveTest = (said: string): string | null => {
    const name = said.replace(/^(?:the |your |his |her |their )/, '').trim();
    if (!RESULT_TEST.test(name) || name.split(' ').length > 4) return null;
    if (/^positive /.test(name)) return name;
    return positives.has(name) ? `positive ${name}` : null;
  };
  let current: string | null = null;
  // Whether a problem was opened yet, by name or by a frame.
  let opened = false;
  let currentTurn = -1;
  const problemOf = new Map<Sentence, string | null>();
  const assessedIn = new Map<Sentence, string[]>();
  const framedIn = new Map<Sentence, string>();
  for (const s of ex.sentences)
    if (inPlan(s) && s.speaker === 'doctor') {
      let names = assessed(s);
      // "some arthritis in there, we call this hallux rigidus": the name the doctor gives it is the diagnosis.
      if (names.length && NAMING.test(s.lower)) {
        const f = framed(s);
        if (f) names = names.filter((n) => f.includes(n));
      }
      // "Order an echocardiogram just to follow up on that heart murmur": a problem named as what a test is for, once a
      // problem is open, is part of that problem's work-up, not a new one.
      if (current && currentTurn === s.turn && names.length)
        names = names.filter((n) => {
          const m = problemMention(s.lower, n);
          return !m || !WORKUP_PURPOSE.test(s.lower.slice(Math.max(0, m.start - 40), m.start));
        });
      // "… to deal with these infections and to clear up the pneumonia … treat your current infection": a problem named
      // only as what the treatment clears, once a problem is open, is that problem's treatment, not a new problem (a
      // sentence that opens a problem still opens it: "for your second problem, we'll treat your hypertension").
      if (opened && names.length && !OPENS_PROBLEM.test(s.lower))
        names = names.filter((n) => {
          const m = problemMention(s.lower, n);
          return !m || !TREATED_OBJECT.test(s.lower.slice(Math.max(0, m.start - 40), m.start));
        });
      assessedIn.set(s, names);
      const f = names.length ? null : framed(s);
      if (f) framedIn.set(s, f);
      if (f || names[0]) opened = true;
      if (names[0]) currentTurn = s.turn;
      current = names[0] ?? current;
      problemOf.set(s, current);
    }
  // Medications, tests, referrals, procedures and follow-up as structured items, stated once each where first said.
  const items = planFacts(ex.sentences, inPlan, (s) => problemOf.get(s) ?? null, ctx.sex);
  // A drug the patient already takes (named in the history) that the plan names without "start" is continued.
  const taking = new Set(
    ctx.facts.medications.filter((m) => m.evidence.some((e) => ex.phase[e] === 'history')).map((m) => m.name),
  );
  // A course with its own schedule ("motrin 600 mg every 6 hours for a week") is a new prescription, not a continuation.
  for (const it of items)
    if (
      it.drug?.action === 'start' &&
      taking.has(it.drug.name) &&
      !it.drug.duration &&
      !(it.drug.dose && it.drug.frequency) &&
      !/\b(?:start|prescrib|new|add|begin|try)\w*|\bput (?:you|him|her|them) on\b/i.test(
        ctx.transcript.turns[it.at.turn]?.text ?? '',
      )
    ) {
      it.drug.action = 'continue';
      it.text = it.text.replace(/^Start\b/, 'Continue');
    }
  // "Continue metformin." for a drug whose dose the history told ("the metformin, 1000 mg twice a day"): the drug goes
  // on at that dose, stated with it, when the history told one dose only and the plan names none.
  for (const it of items) {
    const d = it.drug;
    if (d?.action !== 'continue' || d.dose || d.frequency || !it.text.startsWith(`Continue ${d.said}.`)) continue;
    const told = ctx.facts.medications.filter(
      (m) =>
        m.name === d.name &&
        m.dose !== null &&
        !!m.unit &&
        !m.change &&
        !m.negated &&
        m.subject === 'patient' &&
        m.time !== 'past' &&
        m.evidence.every((e) => ex.phase[e] === 'history'),
    );
    const doses = new Set(told.map((m) => `${m.dose} ${m.unit}`));
    if (doses.size !== 1) continue;
    const freqs = new Set(told.flatMap((m) => (m.frequency ? [m.frequency] : [])));
    const dose = [...doses][0]!;
    const freq = freqs.size === 1 ? [...freqs][0]! : null;
    d.dose = dose;
    d.frequency = freq;
    it.text = `Continue ${d.said} ${dose}${freq ? ` ${freq}` : ''}.`;
    it.evidence = [...new Set([...it.evidence, ...told.flatMap((m) => m.evidence)])].sort((a, b) => a - b);
  }
  // "Use that solution twice daily when you get that flare": a drug's schedule said again for flares only is its
  // schedule during flares, not an indefinite one ("Start clobetasol 0.05% twice daily during flares.").
  for (const s of ex.sentences) {
    if (s.speaker !== 'doctor' || !inPlan(s) || !FLARE_USE.test(s.lower)) continue;
    const schedule = s.lower.replace(/\s+/g, ' ');
    const meds = items.filter(
      (it) =>
        it.drug?.frequency &&
        it.at.turn <= s.turn &&
        !/\bflare/.test(it.text) &&
        schedule.includes(`${it.drug.frequency} ${FLARE_USE.exec(schedule)![0]}`),
    );
    if (meds.length !== 1) continue;
    const it = meds[0]!;
    it.text = `${it.text.replace(/[.!]$/, '')} during flares.`;
    if (!it.evidence.includes(s.turn)) it.evidence = [...it.evidence, s.turn].sort((a, b) => a - b);
  }
  const examSources = new Set(ctx.facts.exam.map((f) => f.source ?? ''));
  const resultSources = resultsOf(ctx).sources;
  // A long sentence that also gives the follow-up ("will see them back in a week or two and if still having symptoms
  // discuss a lithotripsy") says more than its follow-up item: it is still read.
  const longSentence = new Set(
    ex.sentences.filter((s) => s.text.split(' ').length > 20).map((s) => `${s.turn}:${s.pos}`),
  );
  const itemSentences = new Set(
    items
      // (A drug injected in the office is a procedure whose sentence its item states.)
      .filter(
        (i) =>
          i.kind !== 'return-precautions' &&
          (i.kind !== 'procedure' || lexicons().medications.match(i.target.toLowerCase()).length > 0),
      )
      .flatMap((i) =>
        i.mentions.map((m) => `${m.turn}:${m.pos}`).filter((k) => i.kind !== 'follow-up' || !longSentence.has(k)),
      ),
  );
  // A sentence whose order the doctor then took back is not written as said either ("we'll put you in a splint.
  // Actually, let's hold off on the splint").
  for (const w of withdrawnOrders(items))
    for (const m of w.mentions) if (m.turn !== w.by.turn || m.pos !== w.by.pos) itemSentences.add(`${m.turn}:${m.pos}`);
  // What the structured items state (numbers, drugs, studies, procedures, intervals), computed once: a copied clause
  // that orders what they order and says nothing more is not written again.
  const itemAnchors = new Set(
    planAnchors(
      items
        .map((i) => i.text)
        .join(' ')
        .toLowerCase(),
    ),
  );
  const restatesItem = (lower: string) => {
    if (MORE_THAN_ORDER.test(lower)) return false;
    const anchors = planAnchors(lower);
    return anchors.length > 0 && anchors.every((a) => itemAnchors.has(a));
  };
  // "they should take that …" restates a drug's item when a drug was ordered nearby and the clause names no number,
  // drug, or condition the items do not state.
  const restatedDose = (lower: string, turn: number) =>
    items.some((i) => i.kind === 'medication' && Math.abs(i.at.turn - turn) <= 2) &&
    planAnchors(lower).every((a) => itemAnchors.has(a));
  const bySentence = new Map<string, PlanFact[]>();
  for (const it of items) {
    const k = `${it.at.turn}:${it.at.pos}`;
    bySentence.set(k, [...(bySentence.get(k) ?? []), it]);
  }
  // Plan statements are grouped per problem, and within a problem under the labels clinicians use. Each problem's
  // block is kept apart until the end, so a statement about another problem can move to it (below).
  type Entry = { label: string; line: Line; said: string; drug?: string };
  const examInPlan: Line[] = [];
  const resultsInPlan: Line[] = [];
  // What the exam and results sections already state, as words: a finding retold in the reasoning is not said twice.
  const examWords = wordSet(ctx.facts.exam.map((f) => f.finding).join(' '));
  const resultWords = wordSet(
    resultsOf(ctx)
      .lines.map((l) => l.text)
      .join(' '),
  );
  const blocks: Array<{ heading: Line | null; entries: Entry[]; problems: string[] }> = [
    { heading: null, entries: [], problems: [] },
  ];
  // The turn of a condition said apart from its action (below) is cited with every line written from the action.
  let conditionTurn: number | null = null;
  // Whether the first problem block is headed by a diagnosis dictated to the scribe (see DICTATED).
  let dictatedFirst = false;
  // The block statements go to: the last opened, or the one a symptom's statement returns to (below).
  let cur = 0;
  const addEntry = (e: Entry) =>
    blocks[cur]!.entries.push(
      conditionTurn === null || e.line.evidence.includes(conditionTurn)
        ? e
        : { ...e, line: { ...e.line, evidence: [conditionTurn, ...e.line.evidence].sort((a, b) => a - b) } },
    );
  const heads = (l: Line, problems: string[]) => {
    blocks.push({ heading: l, entries: [], problems });
    cur = blocks.length - 1;
  };
  // A condition cut from the action it conditions ("so if you do start to notice heartburn or pain right there" |
  // "[patient] yeah" | "below your sternum you would need to stop the medicine and give me a call"): the condition is
  // said with the doctor's next sentence, across a patient's backchannel, as one line.
  const conditionOf = new Map<Sentence, { text: string; turn: number }>();
  const held = new Set<Sentence>();
  ex.sentences.forEach((s, i) => {
    if (!inPlan(s) || s.speaker !== 'doctor' || !DANGLING_CONDITION.test(s.lower) || CONDITION_DONE.test(s.lower))
      return;
    for (let j = i + 1; j < ex.sentences.length && j <= i + 3; j++) {
      const n = ex.sentences[j]!;
      if (n.speaker !== 'doctor') {
        if (n.lower.split(/\s+/).length > 3) return;
        continue;
      }
      if (n.turn > s.turn + 2 || !inPlan(n) || DANGLING_CONDITION.test(n.lower) || !CONDITIONED_ACTION.test(n.lower))
        return;
      conditionOf.set(n, { text: s.text.replace(/[.!]$/, ''), turn: s.turn });
      held.add(s);
      return;
    }
  });
  // "… check you in two weeks to see if those bones have realigned and if they haven't," | "then we're gonna have to
  // talk about doing surgery at that time": a condition that closes a sentence governs the "then …" sentence after it
  // and travels with it, said in full ("if the bones have not realigned"), in place of the "at that time" it explains.
  const trailing = new Set<Sentence>();
  ex.sentences.forEach((s, i) => {
    const n = ex.sentences[i + 1];
    if (!n || !inPlan(s) || s.speaker !== 'doctor' || n.speaker !== 'doctor' || n.turn !== s.turn) return;
    if (conditionOf.has(n) || !THEN_OPENS.test(n.lower)) return;
    const m = TRAILING_CONDITION.exec(s.lower);
    const cond = m && fullCondition(m[1]!, s.lower.slice(0, m.index));
    if (!cond) return;
    conditionOf.set(n, { text: cond, turn: s.turn });
    trailing.add(n);
  });
  // Once a treatment option is written as discussed, the rest of the turn's explanation of it goes.
  let optionTurn = -1;
  // The turn of the doctor's last sentence about other people in general (see OTHER_PEOPLE): "they" said right after it,
  // to no "you", are those people ("… people would get it at gyms" | "and then they would have a heart attack at 50").
  let othersTurn = -10;
  // The doctor's sentence before each one (across a patient's reply), and the last thing it names: what a reasoning
  // line's bare "that" or "it" stands for (see BARE_PRONOUN).
  const saidBefore = new Map<Sentence, string>();
  {
    // (The two sentences before: "your lyme titer is a little elevated" | "so we'll look into that" | "that can …".)
    const last: Sentence[] = [];
    for (const x of ex.sentences) {
      const near = last.filter((l) => l.turn >= x.turn - 2);
      if (near.length) saidBefore.set(x, near.map((l) => l.lower).join(' '));
      if (x.speaker === 'doctor' && last.push(x) > 2) last.shift();
    }
  }
  const referentIn = (text: string): { name: string; problem: string | null } | null => {
    let best: { name: string; problem: string | null; end: number } | null = null;
    const lex = lexicons();
    for (const m of lex.problems.match(text))
      if (!negatedAt(text, m.start, m.end) && (!best || m.end > best.end))
        best = { name: m.value, problem: m.value, end: m.end };
    for (const m of lex.symptoms.match(text))
      if (!negatedAt(text, m.start, m.end) && (!best || m.end > best.end))
        best = { name: m.value.name, problem: null, end: m.end };
    for (const m of text.matchAll(TEST_VERDICT))
      if (!best || m.index + m[0].length > best.end)
        best = { name: `the ${m[3]} ${m[1]}`, problem: null, end: m.index + m[0].length };
    // "mood swings along with postsurgical menopause. That would be the cause …": a condition said with another may
    // not be the one meant.
    if (best && /^[\s,]*(?:along with|together with|as well as|and|or|plus|with)\b/.test(text.slice(best.end)))
      return null;
    return best;
  };
  for (let s of ex.sentences) {
    if (s.speaker !== 'doctor') continue;
    let aboutOthers = false;
    if (SECOND_PERSON.test(s.lower)) othersTurn = -10;
    else {
      const subject = OTHERS_SUBJECT.exec(s.lower)?.[0];
      aboutOthers = ANECDOTE.test(s.lower) || (!!subject && (!/\bthey$/.test(subject) || othersTurn >= s.turn - 2));
      if (aboutOthers || OTHER_PEOPLE.test(s.lower)) othersTurn = s.turn;
    }
    if (!inPlan(s) || held.has(s)) continue;
    const preceding = saidBefore.get(s) ?? '';
    let earlier = '';
    const probs = assessedIn.get(s)!.filter((p) => !seenProblems.has(p));
    const turnItems = bySentence.get(`${s.turn}:${s.pos}`);
    // "…a surgical intervention to release that pressure, does that sound like a good plan for you": the plan is said
    // before the question that checks it; the question goes.
    const tag = TAG_QUESTION.exec(s.text);
    if (tag && tag.index >= 30) {
      const text = s.text.slice(0, tag.index).replace(/[\s,]+$/, '') + '.';
      s = { ...s, text, lower: text.toLowerCase() };
    }
    const repaired = repairedSpeech(s.text);
    if (repaired !== s.text) s = { ...s, text: repaired, lower: repaired.toLowerCase() };
    const condition = conditionOf.get(s);
    conditionTurn = condition && condition.turn !== s.turn ? condition.turn : null;
    if (condition && trailing.has(s)) {
      const action = s.text
        .replace(THEN_OPENS, '')
        .trim()
        .replace(/[.!,]$/, '')
        .replace(AT_THAT_TIME, '');
      const text = `${action} ${condition.text}.`;
      s = { ...s, text, lower: text.toLowerCase() };
    } else if (condition) {
      const text = `${condition.text} ${s.text}`;
      s = { ...s, text, lower: text.toLowerCase() };
    }
    // "For your first problem, your back pain, I think you're having a recurrence of your kidney stones": a symptom
    // explained by a diagnosis already headed is that diagnosis's problem; its statements go under it.
    const explained =
      probs.length &&
      probs.every((p) => lexicons().symptoms.match(p).length > 0 && !DIAGNOSIS_HEAD.test(p)) &&
      assessedIn
        .get(s)!
        .map((p) => blocks.findIndex((b) => b.heading && b.problems.includes(p)))
        .find((i) => i > 0 && !probs.includes(blocks[i]!.problems[0]!));
    if (explained) {
      for (const n of probs) seenProblems.add(n);
      cur = explained;
    } else if (probs.length) {
      para++;
      const names = [...new Set(probs)];
      for (const n of names) seenProblems.add(n);
      // "for his rotator cuff tear repair": the problem today is the repaired condition, not a new tear.
      const repaired = REPAIRED.exec(s.lower);
      const heading = names
        .map((n) =>
          repaired &&
          lexicons()
            .problems.match(s.lower)
            .some(
              (m) =>
                m.value === n &&
                /^\s*(?:tear\s+)?(?:repair|surgery|removal|replacement|reconstruction|release)\b/.test(
                  s.lower.slice(m.end),
                ),
            )
            ? `status post ${n.replace(/ (?:tear|problem)$/, '')} ${repaired[1]}`
            : !established.has(n) && (known.get(n)?.certainty === 'suspected' || hedgedAt(s.lower, n))
              ? `possible ${staged(s.lower, qualified(s.lower, n, sitedInjury(ctx, s.lower, n)))}`
              : staged(s.lower, qualified(s.lower, n, sitedInjury(ctx, s.lower, n))),
        )
        .join(' and ');
      for (const n of names) headed.push(known.get(n)!);
      heads(line(finishSentence(cap(heading)), [s.turn], para), names);
    } else if (
      framedIn.has(s) &&
      !seenProblems.has(framedIn.get(s)!) &&
      !seenProblems.has(framedIn.get(s)!.replace(/^possible /, ''))
    ) {
      para++;
      // "you probably have a contusion" … "it should be a contusion": the problem said again, hedged or not, is the
      // one already headed.
      seenProblems.add(framedIn.get(s)!).add(framedIn.get(s)!.replace(/^possible /, ''));
      if (blocks.length === 1 && dictatedDiagnosis(s.lower)) dictatedFirst = true;
      heads(
        line(finishSentence(cap(framedIn.get(s)!)), [s.turn], para),
        lexicons()
          .problems.match(framedIn.get(s)!)
          .map((m) => m.value),
      );
      if (
        contentWords(s.lower.replace(LIST_ITEM, ' ').replace(PROBLEM_FRAME, ' ')) - contentWords(framedIn.get(s)!) <
        2
      )
        continue;
      // "For your first problem of recurrent lung infections your symptoms seem consistent with …": the heading states
      // the problem the opener names; the statement after it is what is written.
      const unframed = withoutTalkFrame(s.text);
      const lead = OPENER_LEAD.exec(unframed);
      const after = lead && unframed.slice(lead[0].length);
      const name = framedIn.get(s)!;
      if (after && after.toLowerCase().startsWith(name) && contentWords(after) - contentWords(name) >= 3) {
        const text = cap(after.slice(name.length).replace(/^[\s,;:-]+/, ''));
        s = { ...s, text, lower: text.toLowerCase() };
      }
    }
    for (const it of turnItems ?? [])
      if (it.kind !== 'return-precautions')
        addEntry({
          label: ITEM_LABEL[it.kind],
          line: { ...line(withoutCutTail(it.text), it.evidence), fact: true },
          said: s.lower,
          ...(it.drug ? { drug: it.drug.name } : {}),
        });
    // The dictated diagnosis heads its block (see framed); what the sentence says after it ("and the plan is steroid
    // injection today") is read as the plan, the instruction to the scribe is not.
    const dictated = dictatedDiagnosis(s.lower);
    // A dictated statement is short by nature ("she experienced a syncope"): two content words make it one.
    const dictatedStatement = !dictated && DICTATION_FRAME.test(s.lower);
    if (dictated) {
      const rest = s.text.slice(dictated.end).replace(DICTATED_PLAN, '');
      if (contentWords(rest.toLowerCase()) < 2) continue;
      s = { ...s, text: rest, lower: rest.toLowerCase() };
    } else if (dictatedStatement) {
      const text = s.text.replace(DICTATION_FRAME, '');
      s = { ...s, text, lower: text.toLowerCase() };
    }
    if (
      aboutOthers ||
      s.text.endsWith('?') ||
      SPOKEN_QUESTION.test(s.lower.replace(/[.!]$/, '')) ||
      ANY_QUESTION.test(s.lower.replace(/[.!]$/, ''))
    )
      continue;
    // A sentence whose medication, test, referral or follow-up is already stated as an item is not copied (a
    // device or procedure sentence still is: it tends to carry the instructions that go with it).
    if (itemSentences.has(`${s.turn}:${s.pos}`)) continue;
    // A finding or a result stated in the plan turn is in the exam or results section already, and a test already
    // done ("you did get an x-ray before you came in") is a result, not a plan.
    if (examSources.has(s.text) || resultSources.has(s.text)) continue;
    if (RESULT_TEST.test(s.lower) && PAST_TEST.test(s.lower) && !RESULT_VALUE.test(s.lower) && !lexicalAnchor(s.lower))
      continue;
    if (REVIEW_ANNOUNCE.test(s.lower) || STUDY_SHOWN.test(s.lower)) continue;
    // "They gave you a dose of Tylenol here in the emergency department", "What was he given in the E R?" — "Epi one
    // M G …": the course before this plan, not today's plan.
    if (recountsCareGiven(s, ctx.transcript.turns[s.turn - 1]?.text ?? '')) continue;
    // "Make sure you take it all, even if you start feeling better": the course is finished, whatever the dose talk.
    const drugEntry = blocks[cur]!.entries.findLast((e) => e.drug);
    if (COURSE_COMPLETION.test(s.lower) && drugEntry) {
      const better = /\bfeel(?:ing|s)? better\b/.test(s.lower) ? ' even if feeling better' : '';
      addEntry({
        label: 'Patient Education and Counseling',
        line: line(`Finish the whole course of ${drugEntry.drug}${better}.`, [s.turn]),
        said: s.lower,
      });
      continue;
    }
    const spoken = spokenSentence(s, ctx, dictatedStatement ? 2 : MIN_CONTENT)?.replace(OWN_ASIDE_TAIL, '.');
    const t = spoken && planPhrasing(dropProblemFrame(withoutTalkFrame(spoken)));
    // A clause cut from the sentence it explains ("Because it can cause dizziness.") is not a note sentence, nor is
    // an explanation or a comment to the patient ("No so that means like everything is normal right.", "That's good
    // continue to use that.").
    if (!t || DEPENDENT_START.test(t) || TALK_TO_PATIENT.test(t)) continue;
    // A quit date, however it is praised ("It's fantastic they have chosen next monday as a quit date"), is the item.
    const quit = QUIT_DATE.exec(t.toLowerCase());
    if (quit) {
      const when = quit[1]!.replace(MONTH_OR_DAY, (w) => cap(w));
      addEntry({ label: 'Medical Treatment', line: line(`Quit date set for ${when}.`, [s.turn]), said: s.lower });
      continue;
    }
    const label = planLabel(s.lower);
    // "For your first problem, your anemia." only names the problem its heading already states.
    if (
      probs.length &&
      contentWords(s.lower.replace(IMPRESSION_FRAME, ' ').replace(PROBLEM_FRAME, ' ')) - probs.length * 2 < 2
    )
      continue;
    // An exam finding called out during the plan ("no lower extremity edema", "positive for pain with resistance")
    // is exam, not reasoning: it goes to the exam section under its system, whether or not it would read as reasoning
    // ("Spurling's maneuver is benign.").
    if (EXAM_IN_PLAN.test(s.lower) && !PLAN_VERB.test(s.lower) && !statedDiagnosis(s.lower)) {
      // Reflexes, motor control and strength are the neurological exam where no other system is named.
      const sys = examSystem(s.lower) ?? (/\b(?:reflexes|motor|weakness)\b/.test(s.lower) ? 'Neurological' : null);
      if (sys) {
        examInPlan.push(line(`• ${sys}: ${t}`, [s.turn]));
        continue;
      }
    }
    // Reasoning is kept when it reasons about the patient's problem (names a condition, symptom, drug or test, or
    // says why); the doctor's asides, anecdotes and small talk are not reasoning.
    if (
      label === 'Medical Reasoning' &&
      !REASONING.test(s.lower) &&
      !lexicalAnchor(s.lower) &&
      !HPI_TERMS.test(s.lower) &&
      !RESULT_TEST.test(s.lower) &&
      !PLAN_CONTENT.test(s.lower) &&
      !/\d/.test(s.lower)
    )
      continue;
    // The clinician's own life ("I'm looking for a landscape designer", "my wife and I were just over there"), and
    // talk of trails and miles with nothing clinical in it.
    if (DOCTOR_ASIDE.test(s.lower) && !lexicalAnchor(s.lower) && !PLAN_CONTENT.test(s.lower)) continue;
    // Reassurance and chat in any block ("hopefully, I mean, that should be a good solution for you"), when it names
    // nothing clinical and no number.
    if (CHATTER.test(s.lower) && !lexicalAnchor(s.lower) && !PLAN_CONTENT.test(s.lower) && !/\d/.test(s.lower))
      continue;
    // An activity held ("no contact sports until we clear you") is a restriction, however it names the sport.
    if (
      LIFESTYLE_TERMS.test(s.lower) &&
      !lexicalAnchor(s.lower) &&
      !PLAN_CONTENT.test(s.lower) &&
      !ACTIVITY_RESTRICTION.test(s.lower)
    )
      continue;
    // A sentence spoken in one breath is read clause by clause (as the register pass splits it), and each clause sits
    // under the label of what it says: "… it's a strain and will send a lyme titer" holds reasoning and a test. A
    // clause that only restates a structured item ("Will put her in a sling." after "Place in sling.") goes.
    // A clause that only gives the reason for the next ("Since we aren't doing the more complex surgery.") is joined
    // to it.
    const clauses = t
      .split(/(?<=(?<!\b(?:Dr|Mr|Mrs|Ms|St|vs))[.!])\s+(?=[A-Z])/)
      .flatMap((x) => splitRunOn(x, PLAN_RUN_ON_WORDS))
      .reduce<string[]>((acc, c) => {
        const prev = acc[acc.length - 1];
        const next = /^I\b/.test(c) ? c : c.charAt(0).toLowerCase() + c.slice(1);
        if (prev && REASON_ONLY.test(prev)) acc[acc.length - 1] = `${prev.replace(/[.!]$/, '')}, ${next}`;
        else acc.push(c);
        return acc;
      }, []);
    // A clause that only announces a review ("Looking here at the results of his chest x-ray.") labels the finding
    // that follows it with its study ("Chest x-ray: it does look like…"), in the same line, so the two stay together.
    let study: string | null = null;
    for (const clause of clauses) {
      const lowerClause = clause.toLowerCase();
      const prior = earlier;
      earlier += ` ${lowerClause}`;
      // A treatment explained as an option ("that would be surgery if we went in and cleaned out the joint", "if not,
      // we can discuss lithotripsy, it's like a shock wave …") is what was discussed, not the assessment.
      const option = optionDiscussed(lowerClause, ctx.transcript.turns[s.turn]?.text.toLowerCase() ?? s.lower);
      if (option) {
        optionTurn = s.turn;
        if (!blocks[cur]!.entries.some((e) => e.line.text === option))
          addEntry({ label: 'Medical Treatment', line: line(option, [s.turn]), said: lowerClause });
        continue;
      }
      if (
        optionTurn === s.turn &&
        (planLabel(lowerClause) === 'Medical Reasoning' || /\bdiscuss (?:that|this|it)\b/.test(lowerClause))
      )
        continue;
      // The doctor's why-it-helps and a dose said again for "that" drug are talk the items already cover.
      const whole = withoutCutTail(withoutHangingHalf(clause));
      const helped = withoutHelpTalk(whole);
      let c = helped && withoutRestatedDose(helped, (lower) => restatedDose(lower, s.turn));
      // What the drug is for ("… and that's going to help with both the pain and the inflammation") goes with the drug
      // the dropped "take that" stood for: "Continue ibuprofen 200 mg 3 times a day for pain and inflammation."
      if (!c && helped) {
        const purpose = HELP_PURPOSE.exec(whole.slice(helped.length - 1));
        const drugLine = blocks[cur]!.entries.findLast((e) => e.drug)?.line;
        if (purpose && drugLine && !/\bfor\b/.test(drugLine.text)) {
          drugLine.text = `${drugLine.text.replace(/[.!]$/, '')} for ${purpose[1]!.replace(/\b(?:the|your|his|her|their)\s+/gi, '')}.`;
          if (!drugLine.evidence.includes(s.turn))
            drugLine.evidence = [...drugLine.evidence, s.turn].sort((a, b) => a - b);
        }
      }
      if (!c || intervalOnly(c) || emptyDirective(c)) continue;
      // "Just to make sure that he doesn't have any disc herniation." after "order an MRI": what the test rules out
      // goes with it ("Order MRI to rule out disc herniation."); said with no test before it, it goes.
      const ruleOut = RULE_OUT_PURPOSE.exec(c);
      if (ruleOut) {
        const test = blocks[cur]!.entries.findLast((e) => e.label === 'Additional Testing')?.line;
        if (test && !/\brule out\b/i.test(test.text)) {
          const body = test.text.replace(/[.!]$/, '');
          const at = body.search(/ (?:if|once|unless)\b/);
          const why = `to rule out ${ruleOut[1]!.trim()}`;
          test.text = at > 0 ? `${body.slice(0, at)} ${why}${body.slice(at)}.` : `${body} ${why}.`;
          if (!test.evidence.includes(s.turn)) test.evidence = [...test.evidence, s.turn].sort((a, b) => a - b);
        }
        continue;
      }
      const announced = REVIEW_ANNOUNCE.test(c.toLowerCase()) ? ANNOUNCED_STUDY.exec(c) : null;
      if (announced) {
        study = announced[1]!;
        continue;
      }
      if (study && !STUDY_NAMED.test(c.toLowerCase())) c = `${cap(study)}: ${c.charAt(0).toLowerCase()}${c.slice(1)}`;
      study = null;
      // A clause that lost its main verb or complement ("Often and then because …", "her right knee is doing.") keeps
      // what it still states, or goes; the doctor's "and I'll be back shortly" is no part of the plan.
      const kept = c.replace(BE_BACK, '.').replace(LOST_LEAD, '');
      if ((kept !== c && contentWords(kept.toLowerCase()) < 2) || (LOST_COMPLEMENT.test(c) && !/\bhow\b/i.test(c)))
        continue;
      c = kept;
      for (const [re, to] of CLAUSE_REWRITES) c = c.replace(re, to);
      // "Plan hysterectomy and a lymph node dissection": a list of procedures by name takes no articles.
      if (/^plan [a-z]+ectomy\b/i.test(c)) c = c.replace(/(,|\band) (?:an?|the) (?=[a-z])/gi, '$1 ');
      c = cap(c);
      // Praise and encouragement ("We'll be with them every step of the way.") go (a quit date said with them is
      // written as its item, above).
      if (PRAISE.test(c.toLowerCase()) && !/\d/.test(c) && !lexicons().medications.match(c.toLowerCase()).length)
        continue;
      const cl = c.toLowerCase();
      let clauseLabel = clauses.length > 1 || cl !== t.toLowerCase() ? planLabel(cl) : label;
      // Reasoning states an assessment; an intention ("Will talk to their doctor.") is treatment.
      // "Their symptoms seem consistent with hypersensitivity pneumonitis": the diagnosis the doctor names is the
      // assessment, not education.
      if (clauseLabel === 'Patient Education and Counseling' && EXPLAINING_DIAGNOSIS.test(cl) && statedDiagnosis(cl))
        clauseLabel = 'Medical Reasoning';
      if (
        clauseLabel === 'Medical Reasoning' &&
        PLAN_INTENT.test(c) &&
        !ASSESSMENT_SAID.test(cl) &&
        !statedDiagnosis(cl)
      )
        clauseLabel = 'Medical Treatment';
      if (clauseLabel === '') c = followUpPhrasing(c);
      // A restriction ("No running for 2 weeks.") says more than the follow-up whose interval it shares. An order said
      // again with what it is for ("Will give them an air cast to stabilize that ankle." after "Place in air cast.")
      // restates it too.
      if (clauseLabel !== 'Medical Reasoning' && !ACTIVITY_RESTRICTION.test(cl)) {
        if (restatesItem(cl)) continue;
        const bare = cl.replace(ORDER_PURPOSE, '');
        if (bare !== cl && !MORE_THAN_ORDER.test(bare) && restatesItem(bare)) continue;
      }
      // "Will give her 20 of those." after the drug's line is its quantity: "Start Lortab 5 mg, dispense #20."
      const quantity = QUANTITY_GIVEN.exec(c);
      const dispensed = quantity && blocks[cur]!.entries.findLast((e) => e.drug)?.line;
      if (quantity && dispensed && !/#\d/.test(dispensed.text)) {
        dispensed.text = `${dispensed.text.replace(/[.!]$/, '')}, dispense #${quantity[1]}.`;
        if (!dispensed.evidence.includes(s.turn))
          dispensed.evidence = [...dispensed.evidence, s.turn].sort((a, b) => a - b);
        continue;
      }
      // A clause of chat split from a plan sentence ("That's a very good solution shampoo for that.") goes as the whole
      // sentence would, and so does one that ends on "that will be great" (what is left of "if you can do it … that
      // will be great": "Before they go to bed get a shower and before they go to bed that will be great.").
      if (WOULD_BE_GREAT.test(cl) && !lexicalAnchor(cl) && !/\d/.test(cl)) continue;
      if (
        clauses.length > 1 &&
        CHATTER.test(cl) &&
        !lexicalAnchor(cl) &&
        !PLAN_CONTENT.test(cl) &&
        !REASONING.test(cl) &&
        !/\d/.test(cl)
      )
        continue;
      // "That can certainly cause his blood sugar to be elevated.": a reasoning line's bare "that" or "it" says what it
      // stands for (the last thing named in the sentence, or in the doctor's sentence before it) unless that is the
      // problem the line is under; with nothing named it is kept only where the line names its problem or its problem
      // was opened in the same turn.
      const bare = clauseLabel === 'Medical Reasoning' ? BARE_PRONOUN.exec(c) : null;
      if (bare) {
        const rest = c.slice(bare[0].length);
        const own = blocks[cur]!.problems;
        const namesOwn = lexicons()
          .problems.match(rest.toLowerCase())
          .some((m) => own.includes(m.value));
        const inSentence = referentIn(prior);
        const ref = inSentence ?? (namesOwn ? null : referentIn(preceding));
        if (
          ref &&
          REASONED_OF.test(rest) &&
          !(ref.problem && own.includes(ref.problem)) &&
          !rest.toLowerCase().includes(ref.name)
        )
          c = `${cap(ref.name)} ${rest}`;
      }
      // A reasoning line states the assessment: the doctor's teaching, the exam's commands, a frame with nothing after
      // it and a clause that lost its subject go; "it is out of control" under one problem says which.
      // What a condition is or does in general ("They usually start between ages 5 and 10.") is teaching under any
      // label.
      if (GENERIC_TEACHING.test(c)) continue;
      // "There is no cure for this unfortunately": what the patient was counselled on, not an assessment.
      if (NO_CURE.test(c)) {
        clauseLabel = 'Patient Education and Counseling';
        const said = c.replace(/\s+unfortunately\b/i, '');
        c = `Counseled that ${said.charAt(0).toLowerCase()}${said.slice(1)}`;
      }
      // A reasoning clause that only reports an exam finding or a result ("The x-ray shows a possible kidney stone.",
      // "Her exam looks good, no masses.") is the exam's or the results' to state: it goes there, or goes where that
      // section already states it. One that reads the finding for the problem ("… consistent with a sprain") stays.
      // (Read with the sentence it was split from: "the x-ray shows no fracture, which is consistent with a sprain".)
      const reported = clauseLabel === 'Medical Reasoning' && !FINDING_READ.test(s.lower) ? findingReported(cl) : null;
      // A result that is all the plan has said of its problem so far ("for your skin cancer, the pathology report shows
      // it was all removed") is that problem's assessment, and stays.
      if (reported === 'result' && blocks[cur]!.entries.length > 0) {
        if (!statedIn(cl, resultWords)) resultsInPlan.push(line(imagingResult(cl) ?? c, [s.turn]));
        continue;
      }
      if (reported === 'exam') {
        if (statedIn(cl, examWords)) continue;
        const sys = examSystem(cl);
        if (sys) {
          examInPlan.push(line(`• ${sys}: ${c}`, [s.turn]));
          continue;
        }
      }
      if (clauseLabel === 'Medical Reasoning') {
        const own = blocks[cur]!;
        const heading = own.heading?.text.replace(/[.!]$/, '') ?? null;
        const named = own.problems.length === 1 && heading?.toLowerCase() === own.problems[0] ? heading : null;
        const r = reasoningClause(c, named, heading);
        if (!r) continue;
        c = r;
      }
      addEntry({ label: clauseLabel, line: line(c, [s.turn]), said: clauses.length > 1 ? cl : s.lower });
    }
  }
  // Items said before the plan was reached: diet advice told while the history was taken ("you're gonna have to avoid
  // all the other salty foods") goes under the problem discussed then, or else the first problem assessed; where the
  // patient goes ("all right, you can go home now") closes the plan.
  const beforePlan = [
    ...items.filter((i) => i.kind === 'counselling'),
    ...items.filter((i) => i.kind === 'disposition'),
  ];
  for (const it of beforePlan) {
    const at = ex.sentences.find((x) => x.turn === it.at.turn && x.pos === it.at.pos);
    if (!at || inPlan(at)) continue;
    const block =
      it.kind === 'disposition'
        ? blocks[blocks.length - 1]!
        : (blocks.find((b) => !!it.problem && b.problems.includes(it.problem)) ?? blocks[1] ?? blocks[0]!);
    block.entries.push({
      label: ITEM_LABEL[it.kind],
      line: { ...line(it.text, it.evidence), fact: true },
      said: at.lower,
    });
  }
  // The diagnosis the doctor dictates is the one the talk before it was about: what was said before it goes under it.
  if (dictatedFirst && blocks[1]) {
    blocks[1].entries.unshift(...blocks[0]!.entries);
    blocks[0]!.entries = [];
  }
  // A statement that names another problem's site or condition, and not its own, belongs under that problem ("order
  // a ct or an mri of that knee" said after the diabetes was opened goes under the knee sprain).
  const keysOf = (b: (typeof blocks)[number]) =>
    (b.heading?.text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => BODY_SITE.test(w));
  const keys = blocks.map(keysOf);
  // The site named as a site ("that knee", "your lower back"), not in an idiom ("see you back in 2 weeks").
  const names = (said: string, k: string[]) =>
    k.some((w) =>
      new RegExp(`\\b(?:your|his|her|their|that|the|this|left|right|lower|upper)(?: left| right)? ${w}s?\\b`).test(
        said,
      ),
    );
  /** Moves each entry (of a block `from` allows) that belongs to exactly one other block and not its own there. */
  const regroup = (belongs: (e: Entry, j: number) => boolean, from: (i: number) => boolean = () => true) =>
    blocks.forEach((b, i) => {
      if (!from(i)) return;
      b.entries = b.entries.filter((e) => {
        if (belongs(e, i)) return true;
        const others = blocks.map((_, j) => j).filter((j) => j !== i && belongs(e, j));
        if (others.length !== 1) return true;
        blocks[others[0]!]!.entries.push(e);
        return false;
      });
    });
  const concerns = new Map<Entry, ReadonlySet<string>>();
  const concernsOf = (e: Entry) => {
    let c = concerns.get(e);
    if (!c) {
      c = e.drug
        ? indicationsOf(e.drug)
        : new Set(
            lexicons()
              .problems.match(e.said)
              .filter((m) => !negatedAt(e.said, m.start, m.end))
              .map((m) => m.value),
          );
      concerns.set(e, c);
    }
    return c;
  };
  // An entry that names its own block's problem stays there, whatever site it also names ("from a cataract surgery
  // standpoint and your skin cancer removal, everything seems to be fine" stays under the cataract surgery).
  const home = new Map<Entry, number>();
  blocks.forEach((b, i) => b.entries.forEach((e) => home.set(e, i)));
  regroup(
    (e, j) =>
      !!blocks[j]!.heading &&
      (names(e.said, keys[j]!) ||
        (home.get(e) === j && !e.drug && blocks[j]!.problems.some((p) => concernsOf(e).has(p)))),
    (i) => !!blocks[i]!.heading,
  );
  // A drug belongs under the problem it treats ("start lasix" said while the skin biopsy was discussed goes under the
  // heart failure), and a statement under the problem it names ("it was an exacerbation of his heart failure" said
  // while the skin cancer was discussed): moved when its own block's problems are none of those and exactly one other
  // block's are.
  // A drug prescribed in the very turn that opened its block ("for your second diagnosis, the reduced left ventricular
  // function … I want to add aldactone") is not claimed by a problem the doctor only opens later ("for your third
  // diagnosis of hypertension"): it was not prescribed for a problem not yet discussed. (One discussed before may still
  // claim it: "start lasix" said while the skin biopsy was discussed goes back under the heart failure.)
  const openedWith = (e: Entry): number => {
    const h = home.get(e);
    const heading = h === undefined ? null : blocks[h]!.heading;
    return e.drug && heading && e.line.evidence.includes(heading.evidence[0]!) ? h! : Infinity;
  };
  const treats = (e: Entry, j: number) => blocks[j]!.problems.some((p) => concernsOf(e).has(p));
  const keptHome = (e: Entry, j: number) => {
    if (openedWith(e) !== j) return false;
    const others = blocks.map((_, k) => k).filter((k) => k !== j && treats(e, k));
    return others.length === 1 && others[0]! > j;
  };
  regroup((e, j) => keptHome(e, j) || treats(e, j));
  // Screening due ("Schedule mammogram (due)." said after the hypertension) is health maintenance, under its own
  // heading, not under the problem discussed last.
  if (blocks.some((b) => b.heading)) {
    const upkeep: Entry[] = [];
    for (const b of blocks.slice(1))
      b.entries = b.entries.filter((e) => {
        const due =
          e.label === 'Additional Testing' &&
          HEALTH_MAINTENANCE.test(e.line.text.toLowerCase()) &&
          /\(due\)|\b(?:due|overdue|annual|screening|routine)\b/.test(`${e.line.text.toLowerCase()} ${e.said}`) &&
          !b.problems.some((p) => concernsOf(e).has(p));
        if (due) upkeep.push(e);
        return !due;
      });
    if (upkeep.length)
      blocks.push({
        heading: line('Health maintenance.', [upkeep[0]!.line.evidence[0]!]),
        entries: upkeep,
        problems: [],
      });
  }
  // Follow-up and a general return precaution ("if his symptoms worsen, call the office") close the plan, after the
  // last problem, not under it.
  if (blocks.some((b) => b.heading)) {
    const tail: Entry[] = [];
    for (const b of blocks.slice(1))
      b.entries = b.entries.filter((e) => {
        const general =
          e.label === ''
            ? !lexicalAnchor(e.line.text.toLowerCase())
            : e.label === 'Patient Education and Counseling' && generalPrecaution(e.said);
        if (!general) return true;
        tail.push({ ...e, label: '' });
        return false;
      });
    if (tail.length) blocks.push({ heading: null, entries: tail, problems: [] });
  }
  // "My assessment for your first problem, your back pain. I think you have a lumbar strain.": a symptom opened as a
  // problem and explained in the same turn by the diagnosis that heads the next block, with nothing said under it, is
  // that diagnosis's problem; its own heading goes.
  for (let i = blocks.length - 2; i >= 1; i--) {
    const b = blocks[i]!;
    const next = blocks[i + 1]!;
    if (
      b.heading &&
      !b.entries.length &&
      b.problems.length &&
      b.problems.every((p) => lexicons().symptoms.match(p).length > 0 && !DIAGNOSIS_HEAD.test(p)) &&
      next.heading &&
      next.heading.evidence[0] === b.heading.evidence[0] &&
      DIAGNOSIS_HEAD.test(next.heading.text.toLowerCase().replace(/[.]$/, ''))
    )
      blocks.splice(i, 1);
  }
  for (const b of blocks) {
    if (b.heading) {
      para++;
      b.heading.para = para;
      out.push(b.heading);
    }
    for (const label of PLAN_LABELS) {
      const group = b.entries.filter((e) => e.label === label);
      if (!group.length) continue;
      para++;
      group.forEach((e, i) => {
        if (i === 0 && label) e.line.text = `• ${label}: ${e.line.text}`;
        e.line.para = para;
        out.push(e.line);
      });
    }
  }
  // A diagnosis stated during the exam or the results ("looks like you don't have any fractures … what you have is
  // medial epicondylitis") heads the A&P when the plan itself names no problem.
  if (!seenProblems.size) {
    const before = ex.sentences
      .filter(
        (s, i, all) =>
          s.speaker === 'doctor' &&
          (['exam', 'results'].includes(phaseOf(s, ex.phase)) || resultSources.has(s.text) || readsStudy(all, i)),
      )
      .map((s) => ({ s, d: statedDiagnosis(cleanSpoken(s.text).toLowerCase()) }))
      .find((x) => x.d);
    if (before) {
      const { s: at, d } = before;
      const name = sitedInjury(ctx, cleanSpoken(at.text).toLowerCase(), d!.name);
      out.unshift(line(finishSentence(cap(d!.suspected ? `possible ${name}` : name)), [at.turn], 0));
    }
  }
  // No boilerplate "the patient understands and agrees": an assent like "okay" does not back it, and a
  // sentence the verifier cannot back costs the clinician a check for nothing.
  ctx.plan = { lines: out, items, headed, exam: examInPlan, results: resultsInPlan };
  // Statements said before the doctor names the first problem ("we'll do some studies to see if you have the blood
  // supply to heal this foot wound", then "for your diabetes …") are about what the visit is for: the block is headed
  // by the chief complaint when they speak of its site or its condition, and is otherwise left as said. (Read here for
  // the same reason as below: the chief complaint reads the plan's headed problems.)
  const orphans = blocks[0]!.entries;
  if (orphans.some((e) => e.line === out[0]) && blocks.some((b) => b.heading)) {
    const cc = chiefComplaint(ctx)[0];
    const heading = cc && problemHeading(cc.text);
    const lower = heading?.toLowerCase().replace(/[.]$/, '') ?? '';
    const taken = blocks.some((b) => b.heading?.text.toLowerCase().replace(/[.]$/, '') === lower);
    const lex = lexicons();
    const sites = (lower.match(/[a-z]+/g) ?? []).filter((w) => BODY_SITE.test(w));
    const conditions = [...lex.problems.match(lower), ...lex.symptoms.match(lower)]
      .map((m) => m.value)
      .filter((v) => v !== 'pain');
    // "High blood sugar" is concerned by "that can cause his blood sugar to be elevated": its head noun phrase.
    const head = /\b(?:blood (?:sugar|pressure)|cholesterol)$/.exec(lower)?.[0];
    const concernsCc = (said: string) =>
      sites.some((w) => new RegExp(`\\b${w}s?\\b`).test(said)) ||
      (!!head && said.includes(head)) ||
      [...lex.problems.match(said), ...lex.symptoms.match(said)].some(
        (m) => conditions.includes(m.value) && !negatedAt(said, m.start, m.end),
      );
    if (heading && cc && !taken && orphans.some((e) => concernsCc(e.said))) out.unshift(line(heading, cc.evidence, 0));
  }
  // A plan that names no problem (the problem was named in the opening, "here for hypogonadism", or only in a result)
  // is headed by the visit's reason, as a clinician heads it: the chief complaint's condition. (The plan is stored
  // first: the chief complaint reads the plan's headed problems, which are none here.)
  if (!seenProblems.size && out.length && !blocks.some((b) => b.heading) && out[0]!.para !== 0) {
    // A diagnosis the doctor concluded from a result ("…so your thyroid is underactive") outranks the complaint.
    const concluded = [...known.values()].find(
      (p) => p.certainty === 'confirmed' && RESULT_CONCLUSION.test((p.source ?? '').toLowerCase()),
    );
    if (concluded) out.unshift(line(finishSentence(cap(concluded.name)), concluded.evidence, 0));
    else {
      const cc = chiefComplaint(ctx)[0];
      const heading = cc && problemHeading(cc.text);
      if (heading) out.unshift(line(heading, cc.evidence, 0));
    }
  }
  return ctx.plan;
}

/**
 * The chief complaint as a problem heading ("Follow-up for chronic congestive heart failure" → "Chronic congestive
 * heart failure", "Follow-up after bilateral reduction mammoplasty" → "Status post bilateral reduction mammoplasty");
 * null when it names no condition ("Second opinion regarding the index finger").
 */
function problemHeading(cc: string): string | null {
  const t = cc
    .replace(/[.]$/, '')
    .replace(/^follow-up after\s+/i, 'status post ')
    .replace(/\s+follow-up$/i, '')
    .replace(/^(?:follow-up|evaluation|assessment|management)\s+(?:for|of|on)\s+(?:an?\s+|the\s+)?/i, '');
  const lower = t.toLowerCase();
  const lex = lexicons();
  const condition =
    /^status post\b/.test(lower) ||
    lex.problems.match(lower).length > 0 ||
    lex.symptoms.match(lower).length > 0 ||
    DIAGNOSIS_HEAD.test(lower) ||
    COMPLAINT_NOUN.test(lower) ||
    /\b(?:high|elevated|low) (?:blood sugars?|blood pressure|cholesterol)\b/.test(lower);
  return condition && !/^(?:follow-up|evaluation|second opinion|physical|annual)\b/i.test(t)
    ? finishSentence(cap(t))
    : null;
}

/**
 * A doctor's sentence read off a study ("let's look at your x-ray … what i see is a proximal humerus fracture"): the
 * study is named in it or in the doctor's sentences just before it, though the film was shown before the exam.
 */
function readsStudy(all: Sentence[], i: number): boolean {
  for (let k = i; k >= Math.max(0, i - 3); k--) {
    const s = all[k]!;
    if (s.speaker !== 'doctor') continue;
    if (RESULT_TEST.test(s.lower) || /\b(?:radiograph|film|images?)\b/.test(s.lower)) return true;
  }
  return false;
}

/** Abbreviations written in capitals in a note, by their lower-case form. */
const ABBREVIATIONS = new Map(
  [
    'MRI',
    'MRIs',
    'CT',
    'EKG',
    'EKGs',
    'ECG',
    'CBC',
    'CMP',
    'BMP',
    'TSH',
    'PSA',
    'HIV',
    'HPV',
    'COPD',
    'GERD',
    'CHF',
    'CAD',
    'CKD',
    'UTI',
    'UTIs',
    'ADHD',
    'PTSD',
    'NSAID',
    'NSAIDs',
    'MCL',
    'ACL',
    'PCL',
    'A1c',
    'HbA1c',
    'LDL',
    'HDL',
    'BNP',
    'GFR',
    'ENT',
    'IUD',
    'IBS',
    'TIA',
    'DVT',
    'STEMI',
    'NSTEMI',
    'LAD',
    'CVA',
    'ECOG',
    'COVID',
    'SSRI',
    'PFTs',
    'ER',
    'ED',
    'ICU',
    'AFib',
    'BPH',
    'OCD',
    'PCOS',
    'RSV',
    'SI',
    'TMJ',
    'EGD',
    'CPAP',
    'ANA',
    'ESR',
    'CRP',
    'INR',
    'DCIS',
  ].map((a) => [a.toLowerCase(), a]),
);
const ABBREVIATION_WORD = new RegExp(`(?<![\\w'-])(?:${[...ABBREVIATIONS.keys()].join('|')})(?![\\w'-])`, 'gi');

let brandWord: RegExp | undefined;

/** A line with its abbreviations in capitals; "ed" and "er" only as a place ("the er", "to the ed"). */
function withAbbreviations(text: string): string {
  // Brand names the medication lexicon knows, capitalised as written ("singulair" → "Singulair").
  brandWord ??= new RegExp(`(?<![\\w'-])(?:${[...brandNames().keys()].join('|')})(?![\\w'-])`, 'g');
  return text
    .replace(brandWord, (w) => brandNames().get(w)!)
    .replace(ABBREVIATION_WORD, (w, at: number) => {
      const lower = w.toLowerCase();
      if ((lower === 'er' || lower === 'ed' || lower === 'si') && !/\b(?:the|an|to|in)\s+$/i.test(text.slice(0, at)))
        return w;
      return ABBREVIATIONS.get(lower)!;
    })
    .replace(/\b(hepatitis) ([bc])\b/gi, (_, h: string, l: string) => `${h} ${l.toUpperCase()}`);
}

/** Body sites a problem heading can name, by which a plan statement about that site finds its problem. */
const BODY_SITE =
  /^(?:knee|ankle|wrist|elbow|shoulder|hip|back|neck|foot|feet|hand|finger|thumb|toe|leg|arm|head|eye|ear|throat|chest|abdomen|stomach|skin|spine)$/;

/** "a strain of your posterior cruciate ligament": the structure injured, with its joint and side; null for others. */
function structureInjury(ctx: Ctx, name: string): string | null {
  const m = new RegExp(`^(${INJURY_NAMES}) of the ${INJURED_STRUCTURE.source}$`).exec(name);
  if (!m) return null;
  const part = STRUCTURE_PART.find(([re]) => re.test(m[2]!))![1];
  return [onlySide(ctx, part), part, m[2], m[1]].filter(Boolean).join(' ');
}

/** A bare injury word names its site and side as said: "an ankle sprain … your left ankle" → "left ankle sprain". */
function sitedInjury(ctx: Ctx, lower: string, name: string): string {
  const structured = structureInjury(ctx, name);
  if (structured) return structured;
  // "a knee sprain" in a visit about the right knee only: the side the visit names for that part.
  const parted = new RegExp(`^(${INJURY_PARTS})s? (?:${INJURY_NAMES})$`).exec(name);
  if (parted) {
    const side = onlySide(ctx, parted[1]!);
    return side ? `${side} ${name}` : name;
  }
  if (!new RegExp(`^(?:${INJURY_NAMES})$`).test(name)) return name;
  // "a sprain of the medial collateral ligament": the structure injured is the name's specificity, with its joint.
  const structure = new RegExp(
    `\\b${name} (?:of|to|in) (?:the |your |his |her |their )?${INJURED_STRUCTURE.source}`,
  ).exec(lower);
  if (structure) {
    const part = STRUCTURE_PART.find(([re]) => re.test(structure[1]!))![1];
    return [onlySide(ctx, part), part, structure[1], name].filter(Boolean).join(' ');
  }
  // "a lisfranc fracture", "a stress fracture": the kind of injury said before it is its name.
  const kind = new RegExp(`\\ban? ([a-z']{4,}) ${name}\\b`).exec(lower);
  if (kind && !INJURY_KIND_STOP.test(kind[1]!) && !new RegExp(`^(?:${INJURY_PARTS})s?$`).test(kind[1]!))
    return `${kind[1]} ${name}`;
  const part =
    new RegExp(`\\b(?:(left|right) )?(${INJURY_PARTS})s? ${name}`).exec(lower) ??
    new RegExp(`\\b${name}s? (?:of|in|to) (?:the |your |his |her |their )?(?:(left|right) )?(${INJURY_PARTS})\\b`).exec(
      lower,
    );
  if (!part) {
    // "Fracture." in a visit about one injured part: the part (and its side) the patient came in with.
    const parts = new Set(
      ctx.facts.symptoms
        .filter((f) => f.subject === 'patient' && f.assertion === 'present' && f.bodySite)
        .map((f) => new RegExp(`\\b(${INJURY_PARTS})\\b`).exec(f.bodySite!)?.[1])
        .filter(Boolean),
    );
    // No symptom at a part: the part the patient opened with ("i rolled my right ankle").
    const opened = parts.size ? null : sitedComplaint(ctx);
    const openedAt =
      opened && new RegExp(`^(?:(left|right|bilateral) )?(${INJURY_PARTS})\\b`).exec(opened.text.toLowerCase());
    if (openedAt) return [openedAt[1], openedAt[2], name].filter(Boolean).join(' ');
    if (parts.size !== 1) return name;
    const only = [...parts][0]!;
    return [onlySide(ctx, only), only, name].filter(Boolean).join(' ');
  }
  const side = part[1] ?? onlySide(ctx, part[2]!);
  return [side, part[2], name].filter(Boolean).join(' ');
}
/** Words said before an injury that size, hedge or place it rather than name its kind. */
const INJURY_KIND_STOP =
  /^(?:small|little|tiny|large|big|possible|probable|slight|minor|major|mild|moderate|severe|new|old|bad|real|likely|clear|simple|complete|partial|acute|chronic|left|right|lower|upper|bone|muscle|ligament|tendon)$/;
const INJURY_PARTS =
  'ankle|knee|leg|thigh|wrist|elbow|shoulder|hip|back|neck|foot|hand|finger|thumb|toe|hamstring|calf|groin|quadriceps|achilles';
/** The injuries a heading names by their site ("sprain", "knee sprain"). */
const INJURY_NAMES = 'sprain|strain|fracture|contusion|dislocation|tendinitis|tendonitis|bursitis';
/** A ligament, tendon or cartilage named as what is injured ("of the anterior cruciate ligament"). */
const STRUCTURES =
  '(?:medial|lateral|anterior|posterior) (?:collateral|cruciate) ligament|(?:medial|lateral) meniscus|meniscus|rotator cuff|achilles tendon|lateral ligament complex|anterior talofibular ligament';
const INJURED_STRUCTURE = new RegExp(`(${STRUCTURES})\\b`);
/** The joint each structure belongs to. */
const STRUCTURE_PART: Array<[RegExp, string]> = [
  [/collateral|cruciate|meniscus/, 'knee'],
  [/rotator cuff/, 'shoulder'],
  [/achilles|ligament complex|talofibular/, 'ankle'],
];

/** The injury a verb says was done ("you tore your acl" → tear). */
const INJURY_VERB: Record<string, string> = {
  tore: 'tear',
  torn: 'tear',
  broke: 'fracture',
  broken: 'fracture',
  fractured: 'fracture',
  sprained: 'sprain',
  strained: 'strain',
  ruptured: 'rupture',
  dislocated: 'dislocation',
};
/** The ligaments said by their initials, named in full in a heading. */
const LIGAMENT_INITIALS: Record<string, string> = {
  acl: 'anterior cruciate ligament',
  pcl: 'posterior cruciate ligament',
  mcl: 'medial collateral ligament',
  lcl: 'lateral collateral ligament',
};
const INJURY_CLAIM = new RegExp(
  String.raw`\byou (?:(?:may|might|could|probably|likely|possibly) )?(?:have )?(${Object.keys(INJURY_VERB).join('|')}) (?:your|the|a) (?:(left|right) )?(acl|pcl|mcl|lcl|${STRUCTURES}|${INJURY_PARTS})\b`,
);
/** Words before the claim that make it a suspicion, not a diagnosis ("i'm worried you tore…", "sounds like you…"). */
const INJURY_HEDGE =
  /\b(?:worried|concerned|afraid|think|suspect|sounds like|looks like|seems like|might|may|could|probably|likely|possibl[ey]|wonder)\b/;

/**
 * "I'm worried you tore your ACL", "it looks like you broke your wrist": the doctor's claim of an injury to a named
 * structure or part heads the problem as that injury ("Possible left anterior cruciate ligament tear."), hedged when
 * the words before it hedge; a negated or conditional claim ("I don't think you tore it", "if you tore it") is none.
 */
function injuryStatement(ctx: Ctx, lower: string): string | null {
  const m = INJURY_CLAIM.exec(lower);
  if (!m) return null;
  const before = lower.slice(0, m.index);
  if (negatedAt(lower, m.index, m.index + m[0].length) || /\b(?:if|whether|unless|in case)\b/.test(before)) return null;
  const injury = INJURY_VERB[m[1]!]!;
  const said = m[3]!;
  const structure = LIGAMENT_INITIALS[said] ?? (INJURED_STRUCTURE.test(said) ? said : null);
  const part = structure ? STRUCTURE_PART.find(([re]) => re.test(structure))?.[1] : said;
  const side = m[2] ?? (part ? onlySide(ctx, part) : null);
  const name = [side, structure ?? said, injury].filter(Boolean).join(' ');
  return INJURY_HEDGE.test(before) ? `possible ${name}` : name;
}

/** The structured plan items of the visit (computed with the A&P). */
function planItemsOf(ctx: Ctx): PlanFact[] {
  return planOf(ctx).items;
}

const ITEM_LABEL: Record<PlanFact['kind'], (typeof PLAN_LABELS)[number]> = {
  medication: 'Medical Treatment',
  procedure: 'Medical Treatment',
  test: 'Additional Testing',
  referral: 'Specialist Referrals',
  'follow-up': '',
  disposition: '',
  'return-precautions': 'Patient Education and Counseling',
  counselling: 'Patient Education and Counseling',
};

function assessmentPlan(ctx: Ctx): Line[] {
  return planSentences(ctx);
}

function assessment(ctx: Ctx): Line[] {
  const probs = ctx.facts.problems;
  if (probs.length) return probs.map((p) => line(finishSentence(cap(p.name)), p.evidence));
  const cc = chiefComplaint(ctx);
  return cc;
}

function plan(ctx: Ctx): Line[] {
  return ctx.facts.plan.map((p) => line(p.text, p.evidence));
}

function medLine(m: ClinicalFacts['medications'][number]): string {
  const parts = [m.name];
  // "50,000 units": a large dose with its thousands marked, as it is written (and read without miscounting zeros).
  const dosed = m.dose !== null && !!m.unit;
  if (dosed) {
    // "1 tablet", "1 puff": one of a counted unit is singular.
    const unit = m.dose === 1 ? m.unit!.replace(/^(tablet|puff|capsule|drop)s$/, '$1') : m.unit;
    parts.push(`${m.dose! >= 10000 ? m.dose!.toLocaleString('en-US') : m.dose} ${unit}`);
  }
  if (m.route) parts.push(m.route);
  // "20 mg a day" is written "20 mg daily"; a bare "a day" whose count was not heard says nothing and is left out.
  const freq =
    m.frequency && /^(?:a day|every day)$/.test(m.frequency)
      ? dosed || m.frequency === 'every day'
        ? 'daily'
        : null
      : m.frequency;
  if (freq) parts.push(freq);
  // A current medication is one the patient already takes: "(start)" would say it begins today.
  const change = m.change && m.change !== 'start' ? ` (${m.change})` : '';
  return `• ${cap(parts.join(' '))}${change}.`;
}

/**
 * A drug named as advice, not as what the patient takes: "I might recommend magnesium", "maybe we can try some
 * singulair", "the only thing I want you taking is tylenol", "you can take tylenol".
 */
const SUGGESTED =
  /\b(?:recommend\w*|might|may|could|would|consider\w*|maybe|if|people|patients|only thing|want (?:you|him|her|them) (?:to )?(?:tak|us)\w*|(?:you|we|he|she|they) (?:can|should) (?:take|use|try))\b|^(?:(?:so|and|just|please|okay)[, ]+)*(?:use|take|try) (?!(?:the|your|his|her|their) )/i;
/** A drug given in an in-office procedure ("injected one cc of celestone with half a cc of lidocaine"). */
const GIVEN_IN_PROCEDURE =
  /\b(?:inject(?:ed|ing|ions?)?|infiltrat\w*|anesthetiz\w*|numb(?:ed|ing)|prepped|draped|aspirat\w*|nerve block|local anesthe\w*)\b/i;
/**
 * Told to stop a whole class ("stop taking any nonsteroidal medicines such as your advil", "avoid all
 * anti-inflammatories"): every drug of that class stops, the brands not named too.
 */
const CLASS_STOPPED: Array<[string, RegExp]> = [
  [
    'nsaid',
    /\b(?:stop|stopping|discontinue|avoid|avoiding|come off|get off|no more|stay away from)\b[^.?!]{0,25}?\b(?:any|all)\b[^.?!]{0,20}?\b(?:non-?steroidals?|anti-?inflammator\w*|nsaids?)\b/,
  ],
];
const SWITCHED_FROM =
  /\b(?:switch|switched|switching|change|changed|changing|transition(?:ed)?|moved?)(?: (?:you|him|her|them|it))?(?: over)? from (?:the |a |an |your |his |her |their )?([a-z0-9 -]{3,40}?) (?:to|over to|onto)\b/;

/**
 * Said of a drug the patient takes now, not only tried: "I still take tylenol", "I've been taking ibuprofen every 6
 * hours", "I take like 2 ibuprofen a day".
 */
const STILL_TAKES =
  /\b(?:still|(?:i|he|she|i'm|been|am|is|are) (?:taking|takes?|using|uses?|on)|every|daily|each day|regularly|a day)\b/;

/**
 * Drugs the patient tried for the complaint without relief ("I took some tylenol. I took some ibuprofen." … "nothing
 * really worked"), named nowhere else and not said to be taken still: what was tried (the HPI says so), not a current
 * medication.
 */
function triedWithoutRelief(ctx: Ctx): Set<string> {
  const tried = triedOf(ctx);
  const out = new Set<string>();
  if (tried.helped !== 'no') return out;
  for (const name of tried.drugs) {
    const mentions = ctx.facts.medications.filter((m) => m.name === name);
    if (
      mentions.every(
        (m) =>
          m.evidence.every((e) => tried.evidence.has(e)) &&
          !STILL_TAKES.test(m.source ?? '') &&
          !m.change &&
          !m.frequency &&
          m.dose === null,
      )
    )
      out.add(name);
  }
  return out;
}

/** "He is on 1 milliliter every 10 days": an amount and a schedule said of the patient, the drug not named. */
const UNNAMED_REGIMEN =
  /\b(?:he|she|they|i|you|patient)(?:'s|'m|'re| is| am| are)? (?:currently |still )?on (\d+(?:\.\d+)?|one|two|half a) ?(ml|milliliters?|cc|units?) (every (?:\d+|two|three|four|five|six|seven|ten|fourteen|other) (?:days?|weeks?)|once a week|weekly|every week|twice a week|once a month|monthly)\b/;
const REGIMEN_UNIT: Record<string, string> = { ml: 'mL', milliliter: 'mL', milliliters: 'mL', cc: 'mL' };

function drugUnnamedRegimen(ctx: Ctx): { dose: number; unit: string; frequency: string; turn: number } | null {
  for (const s of ctx.ex.sentences) {
    if (phaseOf(s, ctx.ex.phase) !== 'history') continue;
    const r = UNNAMED_REGIMEN.exec(s.lower);
    if (!r || lexicons().medications.match(s.lower).length) continue;
    const dose = r[1] === 'one' ? 1 : r[1] === 'two' ? 2 : r[1] === 'half a' ? 0.5 : Number(r[1]);
    return {
      dose,
      unit: REGIMEN_UNIT[r[2]!] ?? (/^unit/.test(r[2]!) ? 'units' : r[2]!),
      frequency: r[3]!,
      turn: s.turn,
    };
  }
  return null;
}

function medications(ctx: Ctx): Line[] {
  const out = medicationList(ctx);
  if (out.length) return out;
  // "Are you taking any medications?" "No.": a list with none in it says so.
  const denied = categoryDenied(ctx, 'medications');
  return denied ? [line('No current medications.', denied)] : out;
}

function medicationList(ctx: Ctx): Line[] {
  // Drugs the plan starts today, and those whose dose it changes.
  const startedToday = new Set<string>();
  const changedToday = new Set<string>();
  for (const { drug, kind, target } of planItemsOf(ctx)) {
    // A drug switched to today ("switch you to losartan 50 mg") begins today, as a started one does.
    if (drug?.action === 'start' || drug?.action === 'change') startedToday.add(drug.name);
    // A drug injected in the office today (a procedure item named for the drug) is not a current medication.
    if (kind === 'procedure')
      for (const d of lexicons().medications.match(target.toLowerCase())) startedToday.add(d.value.name);
    if (drug?.action === 'increase' || drug?.action === 'decrease') changedToday.add(drug.name);
  }
  // A drug the patient stopped ("I stopped the lisinopril") is not current, whatever other mention names it, unless
  // the plan takes it up again.
  const resumed = new Set(
    planItemsOf(ctx)
      .filter((i) => i.drug && i.drug.action !== 'stop')
      .map((i) => i.drug!.name),
  );
  const stopped = new Set(
    ctx.facts.medications
      .filter((m) => m.change === 'stop' && !m.negated && m.subject === 'patient' && !resumed.has(m.name))
      .map((m) => m.name),
  );
  // A drug the patient takes, as the history told, that the plan stops today is still what they came in on: it is
  // listed, marked as stopped today ("Lisinopril 20 mg once a day (stopped today).").
  const stoppedToday = new Set(
    [...stopped].filter(
      (name) =>
        ctx.facts.medications.some(
          (m) =>
            m.name === name &&
            m.change !== 'stop' &&
            m.time !== 'past' &&
            !m.negated &&
            m.subject === 'patient' &&
            m.evidence.some((e) => ctx.ex.phase[e] === 'history'),
        ) &&
        ctx.facts.medications.some(
          (m) => m.name === name && m.change === 'stop' && m.evidence.every((e) => ctx.ex.phase[e] === 'plan'),
        ) &&
        planItemsOf(ctx).some((i) => i.drug?.name === name && i.drug.action === 'stop'),
    ),
  );
  for (const name of stoppedToday) stopped.delete(name);
  // "We switched her from furosemide to torsemide": the drug switched from is no longer taken.
  for (const sw of ctx.ex.sentences) {
    const m = SWITCHED_FROM.exec(sw.lower);
    if (!m) continue;
    for (const d of lexicons().medications.match(m[1]!)) if (!resumed.has(d.value.name)) stopped.add(d.value.name);
  }
  for (const sw of ctx.ex.sentences) {
    if (sw.speaker !== 'doctor') continue;
    for (const [drugClass, re] of CLASS_STOPPED)
      if (re.test(sw.lower))
        for (const m of ctx.facts.medications)
          if (m.drugClass === drugClass && !resumed.has(m.name)) stopped.add(m.name);
  }
  // A drug named outside the history only as a suggestion ("I might recommend putting you on magnesium", "we like to
  // keep people on magnesium") and not in the plan is not a current medication.
  const told = new Set(
    ctx.facts.medications
      .filter((m) => m.evidence.some((e) => ctx.ex.phase[e] === 'history') || !SUGGESTED.test(m.source ?? ''))
      .map((m) => m.name),
  );
  const planned = new Set(planItemsOf(ctx).flatMap((i) => (i.drug ? [i.drug.name] : [])));
  const byName = new Map<string, ClinicalFacts['medications'][number]>();
  const triedOnly = triedWithoutRelief(ctx);
  // The drugs the patient is allergic to ("any other allergies besides penicillin?"), by the list's name.
  const allergic = new Set(
    ctx.facts.allergies
      .filter((a) => !a.negated && a.subject === 'patient')
      .flatMap((a) => [
        a.substance,
        ...lexicons()
          .medications.match(a.substance)
          .map((d) => d.value.name),
      ]),
  );
  for (const m of ctx.facts.medications) {
    if (stopped.has(m.name) || triedOnly.has(m.name)) continue;
    if (!told.has(m.name) && !planned.has(m.name)) continue;
    // Current medications: what the patient takes, as told in the history or continued in the plan; a drug
    // stopped, only started today (the plan says so), or denied is not listed.
    if (m.negated || m.subject !== 'patient' || m.change === 'stop' || m.assertion === 'hypothetical') continue;
    // One the patient took before and no longer does ("I was also on lisinopril before").
    if (m.time === 'past' && !resumed.has(m.name)) continue;
    const inHistory = m.evidence.some((e) => ctx.ex.phase[e] === 'history');
    if (!inHistory && (m.change === 'start' || startedToday.has(m.name))) continue;
    // A mention outside the history that only suggests the drug ("I might recommend putting you on magnesium") does
    // not say the patient takes it, whatever other mention names it (a lab value, "your magnesium level").
    if (!inHistory && !planned.has(m.name) && SUGGESTED.test(m.source ?? '')) continue;
    // One given in a procedure done at the visit ("attempted to inject … with half a cc of lidocaine") is not taken.
    if (!inHistory && GIVEN_IN_PROCEDURE.test(m.source ?? '')) continue;
    // A drug named for a test ("a dexamethasone suppression test", "iron studies") is not a medication either.
    // So is one read as a lab value ("your potassium is 3.9", "your magnesium level").
    const forTest = new RegExp(
      `(?:${m.name}|${m.mentionedAs ?? m.name})\\w* (?:(?:suppression |stimulation )?(?:test|level|studies|panel)|(?:is|was|of|at) (?:about |around )?\\d)`,
      'i',
    );
    // "You do not have high testosterone": a hormone said high or low is a lab value too.
    const names = [m.name, m.mentionedAs ?? m.name].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    // So is one checked or tested ("we checked your estradiol and it was not elevated"), or said to be elevated, high,
    // low or normal ("your testosterone was normal").
    const notDrug =
      '(?! (?:dose|medicine|medication|pills?|tablets?|replacement|therapy|supplements?|shots?|injections?)\\b)';
    const labValue = new RegExp(
      `\\b(?:(?:high|low|elevated|raised|increased|decreased|abnormal) (?:${names})\\b${notDrug}|(?:check|checked|checking|test|tested|testing|measure|measured|recheck|rechecked|repeat) (?:your |his |her |their |the |a |an )?(?:${names})\\b${notDrug}|(?:${names})\\b${notDrug}(?:[^.?!]{0,25}?\\b(?:is|was|were|are|came back|looked|looks))? (?:not |still |a little |slightly |very |too )?(?:elevated|high|low|normal|within normal limits)\\b)`,
      'i',
    );
    if (
      m.evidence.every((e) => {
        const said = ctx.transcript.turns[e]?.text ?? '';
        return forTest.test(said) || labValue.test(said);
      })
    )
      continue;
    // A drug named as an allergy ("any allergies?" "yes, penicillin") is not a medication the patient takes.
    if (allergic.has(m.name)) continue;
    if (
      m.evidence.every(
        (e) => allergyTalk(ctx.transcript.turns[e - 1]?.text ?? '') || allergyTalk(ctx.transcript.turns[e]?.text ?? ''),
      )
    )
      continue;
    // The dose a patient takes now is the one told in the history; a new dose set in the plan belongs to the plan.
    // A dose asked for or proposed ("what about increasing my testosterone to 175 milligrams?") is not the one taken,
    // wherever in the visit it is said: a change said as done reads "increased", which is no cue.
    const newDose = m.change === 'increase' || m.change === 'decrease' || (!inHistory && changedToday.has(m.name));
    // The change itself ("increase") is the plan's too: the list keeps the dose taken now, unmarked.
    const mention = newDose ? { ...m, dose: null, unit: null, frequency: null, change: null } : m;
    const prev = byName.get(m.name);
    if (!prev) byName.set(m.name, { ...mention, evidence: [...m.evidence] });
    else {
      prev.evidence.push(...m.evidence);
      if (mention.dose !== null && (prev.dose === null || inHistory)) {
        prev.dose = mention.dose;
        prev.unit = mention.unit;
      }
      prev.frequency = mention.frequency ?? prev.frequency;
      prev.route = m.route ?? prev.route;
      prev.change = mention.change ?? prev.change;
    }
  }
  // "Continue Tylenol 500 mg, 2 tablets 3 times a day": a drug the plan keeps at the strength the list has takes the
  // count of tablets and the schedule the plan says, when the list has none of its own.
  for (const m of byName.values()) {
    const item = planItemsOf(ctx).find((i) => i.drug?.name === m.name && i.drug.action === 'continue');
    const kept = item?.drug;
    const strength = m.dose !== null && m.unit ? `${m.dose} ${m.unit}` : null;
    if (!item || !kept?.dose || !strength || !kept.dose.startsWith(strength) || m.frequency) continue;
    const count = /^[\d.]+ \w+, (\d) tablets$/.exec(kept.dose)?.[1];
    if (!count && !kept.frequency) continue;
    if (count) m.unit = `${m.unit}, ${count} tablets`;
    m.frequency = kept.frequency;
    m.evidence = [...m.evidence, ...item.evidence];
  }
  // "He is on 1 milliliter every 10 days": a regimen said without its drug is the one drug listed for the problem the
  // visit is about ("hypogonadism" → testosterone), when exactly one listed drug treats it and that drug's schedule
  // was not said.
  const regimen = drugUnnamedRegimen(ctx);
  if (regimen) {
    const cc = ctx.facts.chiefComplaint?.text.toLowerCase() ?? '';
    const problems = new Set([
      ...ctx.facts.problems.map((p) => p.name),
      ...lexicons()
        .problems.match(cc)
        .map((p) => p.value),
    ]);
    const treating = [...byName.values()].filter((m) => [...indicationsOf(m.name)].some((p) => problems.has(p)));
    const only = treating.length === 1 ? treating[0]! : null;
    if (only && !only.frequency) {
      if (only.dose === null) {
        only.dose = regimen.dose;
        only.unit = regimen.unit;
        only.frequency = regimen.frequency;
      } else only.unit = `${only.unit}, ${regimen.dose} ${regimen.unit} ${regimen.frequency}`;
      only.evidence = [...only.evidence, regimen.turn];
    }
  }
  return [...byName.values()].map((m) =>
    stoppedToday.has(m.name)
      ? line(medLine({ ...m, change: null }).replace(/\.$/, ' (stopped today).'), m.evidence)
      : line(medLine(m), m.evidence),
  );
}

/**
 * A whole history category asked about and denied ("any past medical history?" "no", "have you ever had surgery?"
 * "no, none", "are you taking any medications?" "no"): the question names the category, not one item of it, nor a
 * kind of it ("medications for the pain", "herbal medications").
 */
const CATEGORY_ASKED: Record<'medical' | 'surgical' | 'medications', RegExp> = {
  medical:
    /\b(?:past )?medical (?:history|conditions?|problems?|issues?)\b|\bhealth (?:problems?|conditions?|issues?)\b|\bchronic (?:conditions?|illness(?:es)?|diseases?)\b|\bp ?m ?h\b|\banything medical(?:ly)?\b/,
  surgical: /\bsurger(?:y|ies)\b|\bsurgical (?:history|procedures?)\b|\boperations?\b/,
  medications: /\b(?:medications?|medicines?|meds)\b/,
};
/** The question asks about the past or the present as a whole ("ever", "any", "in the past", "currently"). */
const CATEGORY_WHOLE = /\b(?:any|ever|past|previous|prior|history|before|currently)\b/;
/** A part of the category only ("for your pain", "herbal", "allergies to medications", "other than the thc"), or
 * its changes ("any new medications?", "any change in your medical history since the last visit?"). */
const CATEGORY_PART =
  /\bfor (?:your|the|it|this|that|these|those|him|her)\b|\bherbal\b|\bover the counter\b|\bsupplements?\b|\bvitamins?\b|\ballerg|\breactions?\b|\bintoleran|\bsensitiv|\b(?:can't|cannot|can not|couldn't|unable to) (?:take|tolerate|have)\b|\bside effects?\b|\btoday\b|\bfamily\b|\bchanges?\b|\bsince\b|\bnew\b|\brecent(?:ly)?\b|\bother than\b|\bbesides\b|\bexcept\b|\bapart from\b|\b(?:mom|mother|dad|father|sister|brother|parents?)\b/;

/** An answer that denies having any of what was asked ("I don't have any health problems", "none"). */
const CATEGORY_NONE = /^\W*(?:none\b|nothing\b|i (?:don't|do not) have any\b|i (?:have|'ve) never had\b)/;

/** The turns of a category's question and its "no" answer, when the patient denied the whole category. */
function categoryDenied(ctx: Ctx, kind: 'medical' | 'surgical' | 'medications'): number[] | null {
  for (const pair of ctx.ex.qa.values()) {
    // A bare "no", or an answer that denies having any ("I don't have any health problems").
    if (pair.polarity !== 'no' && !CATEGORY_NONE.test(pair.answer.lower)) continue;
    const q = pair.questions[pair.questions.length - 1]!;
    if (!CATEGORY_ASKED[kind].test(q.lower) || !CATEGORY_WHOLE.test(q.lower) || CATEGORY_PART.test(q.lower)) continue;
    // Medications asked as taken now ("are you taking any medications?"), not as tried ("have you taken any?").
    // Nor as given somewhere ("did they prescribe you any medications in the er?"): no word on what is taken now.
    if (
      kind === 'medications' &&
      /\b(?:taken|tried|did you (?:take|use)|prescribe[ds]?|gave|give|given|in the (?:er|hospital|emergency))\b/.test(
        q.lower,
      )
    )
      continue;
    if (
      kind === 'medications' &&
      !/\b(?:taking|take|on|using|currently)\b|\bany (?:old or new |current |other )?(?:medications?|medicines?|meds)\b/.test(
        q.lower,
      )
    )
      continue;
    return [q.turn, pair.answer.turn];
  }
  return null;
}

/** A turn about allergies, not about what is taken for them ("what are you taking for allergies?"). */
function allergyTalk(text: string): boolean {
  const l = text.toLowerCase();
  return /\ballerg/.test(l) && !TAKEN_FOR_ALLERGY.test(l);
}

function allergies(ctx: Ctx): Line[] {
  // One line per substance, its reaction from whichever mention named one, every mention's turns as evidence.
  const bySubstance = new Map<string, { reaction: string | null; evidence: number[] }>();
  let none: number[] | null = null;
  for (const a of ctx.facts.allergies) {
    if (a.subject !== 'patient') continue;
    if (a.negated) {
      if (a.substance === 'drug') none = [...(none ?? []), ...a.evidence];
      continue;
    }
    const prev = bySubstance.get(a.substance);
    if (!prev) bySubstance.set(a.substance, { reaction: a.reaction, evidence: [...a.evidence] });
    else {
      prev.reaction ??= a.reaction;
      prev.evidence.push(...a.evidence);
    }
  }
  // One allergen said two ways ("contrast", "IV contrast"; "sulfa", "sulfa drugs") is one line, under the longer name.
  const words = (sub: string) => ` ${sub} `;
  for (const [sub, a] of [...bySubstance]) {
    const wider = [...bySubstance.keys()].find((o) => o !== sub && words(o).includes(words(sub)));
    if (!wider) continue;
    const w = bySubstance.get(wider)!;
    w.reaction ??= a.reaction;
    w.evidence.push(...a.evidence);
    bySubstance.delete(sub);
  }
  const out = [...bySubstance].map(([sub, a]) =>
    line(`• ${cap(sub).replace(/\bIv\b/, 'IV')}${a.reaction ? ` (${a.reaction})` : ''}.`, a.evidence),
  );
  if (!out.length && none) out.push(line('No known drug allergies.', none));
  return out;
}

/** Immunizations named as a whole ("your vaccines", "immunizations", "shots"). */
const IMMUNIZATIONS_SAID = /\b(?:vaccin\w*|immuni[sz]\w*|shots)\b/;
const UP_TO_DATE = /\bup[ -]to[ -]date\b/;
const NOT_UP_TO_DATE = /\b(?:not|n't|never)\b[^.,;]{0,20}\bup[ -]to[ -]date\b/;
/** "I've never been vaccinated", "he is not immunized": no vaccines at all. */
const NEVER_VACCINATED =
  /\bnever (?:been |gotten |got |had (?:any |his |her |my )?)?(?:vaccinated|immuni[sz]ed|vaccines|vaccinations|immuni[sz]ations|shots)\b|\b(?:not|n't) (?:been )?(?:vaccinated|immuni[sz]ed)\b/;
/** When a vaccine was had, said after it in the same clause: "last winter", "2 years ago", "in 2019". */
const VACCINE_WHEN =
  /^[^,;.]{0,20}?\b(last (?:winter|spring|summer|fall|autumn|year|month|week|season)|this (?:year|winter|fall|season)|(?:\d+|a|one|two|three|four|five|six|a few|a couple of) (?:years?|months?|weeks?) ago|in \d{4})\b/;
/** A vaccine had, as the patient tells it ("I had a flu shot last winter", "I did get my covid vaccine"). */
const VACCINE_HAD = /\b(?:had|got|gotten|received|did get)\s+(?:a |an |my |the |his |her |their |last )*$/;
const VACCINE_TITLE: Record<string, string> = {
  'covid vaccine': 'COVID-19 vaccine',
  'hpv vaccine': 'HPV vaccine',
  'mmr vaccine': 'MMR vaccine',
};

/**
 * Immunizations told in the history: up to date ("I am up to date with my immunizations", "our records show he is up
 * to date with his vaccinations", "when did you have your last tetanus shot?" … "it's up to date"), never vaccinated,
 * or a vaccine the patient had and when ("I had a flu shot last winter"). Vaccines given or due today are the plan's.
 */
function immunizations(ctx: Ctx): Line[] {
  const turns = ctx.transcript.turns;
  const out = new Map<string, number[]>();
  const add = (text: string, evidence: number[]) => {
    if (!out.has(text)) out.set(text, evidence);
  };
  const vaccineIn = (text: string) => VACCINES.find(([, re]) => re.test(text))?.[0];
  const title = (name: string) => VACCINE_TITLE[name] ?? cap(name);
  for (const s of ctx.ex.sentences) {
    const l = s.lower;
    if (UP_TO_DATE.test(l) && !NOT_UP_TO_DATE.test(l)) {
      // The vaccines talked of in this turn or the two before ("it's up to date" after "your last tetanus shot?").
      const window = [turns[s.turn - 2]?.text, turns[s.turn - 1]?.text, turns[s.turn]?.text]
        .filter(Boolean)
        .join(' ')
        .toLowerCase();
      const named = vaccineIn(l) ?? (IMMUNIZATIONS_SAID.test(l) ? undefined : vaccineIn(window));
      if (!named && !IMMUNIZATIONS_SAID.test(l) && !IMMUNIZATIONS_SAID.test(window)) continue;
      // "The dog … he is up to date on his shots": an animal's shots, not the patient's.
      if (/\b(?:dogs?|cats?|pets?|animals?|puppy|kitten|horses?)\b/.test(window)) continue;
      // "Are you up to date on your vaccines?": the answer must say yes.
      let evidence = [s.turn];
      if (s.speaker === 'doctor' && /\?\s*$/.test(s.text)) {
        const pair = ctx.ex.qa.get(s.turn);
        if (!pair || pair.polarity !== 'yes') continue;
        evidence = [s.turn, pair.answer.turn];
      }
      add(named ? `${title(named)} up to date.` : 'Immunizations up to date.', evidence);
      continue;
    }
    if (s.speaker === 'doctor') continue;
    if (NEVER_VACCINATED.test(l)) {
      add('Never vaccinated.', [s.turn]);
      continue;
    }
    for (const [name, re] of VACCINES) {
      const m = re.exec(l);
      if (!m || !VACCINE_HAD.test(l.slice(Math.max(0, m.index - 30), m.index))) continue;
      const when = VACCINE_WHEN.exec(l.slice(m.index + m[0].length))?.[1];
      add(`${title(name)}${when ? ` ${when}` : ' received'}.`, [s.turn]);
    }
  }
  return [...out].map(([text, evidence]) => line(text, evidence));
}

/** A yes/no particle opening a quoted answer ("Yeah, a couple of beers a week." → "A couple of beers a week."). */
const ANSWER_PARTICLE = /^(?:(?:yes|yeah|yep|yup|no|nope|uh|um|so|well|but)\b[,.]?\s*)+/i;

/** How much the patient smokes, as said: "a pack and a half a day", "10 cigarettes a day". */
const PACKS = '(?:a|one|two|three|four|five|half a|\\d+(?:\\.\\d+)?)';
const SMOKING_AMOUNT = new RegExp(
  `\\b((?:about |around |almost |over |up to )?(?:${PACKS}(?: (?:to|or) ${PACKS})?(?: and a half)? packs?(?: and a half)?|(?:\\d+|a few|a couple of|(?!of\\b)\\w+) cigarettes?))(?: of cigarettes)? (?:a|per|each|every) day\\b`,
);

/** What the patient smoked before: "you were smoking two packs a day", "I used to smoke a pack a day". */
/** A doctor's question about how the patient smoked before: "how much did you used to smoke?", "did you smoke before?". */
const SMOKING_ASKED_BEFORE =
  /\b(?:did you (?:use to |used to )?smoke|used to smoke|were you smoking|before you quit|when you (?:were smoking|smoked))\b/;
const firstOfTurn = (ctx: Ctx, s: Sentence) => sentencesInTurn(ctx.ex.sentences, s.turn)[0];
const SMOKED_BEFORE =
  /\b(?:(?:you|i|he|she) (?:were|was) smoking|used to smoke|(?:you|i|he|she) smoked|(?:it|that) was)\s+$/;

/** A history line's evidence with more turns, each once, in order. */
const withTurns = (evidence: number[], ...turns: number[]) =>
  [...new Set([...evidence, ...turns])].sort((a, b) => a - b);

/** Tobacco told as chewed or dipped, never as smoked, in the habit's turns. */
function chewedOnly(ctx: Ctx, evidence: number[]): boolean {
  const said = evidence.map((t) => ctx.transcript.turns[t]?.text.toLowerCase() ?? '').join(' ');
  return /\b(?:chew\w*|dip|dipping|snuff|snus)\b/.test(said) && !/\b(?:smok\w*|cigar\w*|vap\w*)\b/.test(said);
}

/** When a habit was given up: "5 years ago", "in 1985", "in the seventies", "when I was 40". */
const QUIT_TIME =
  '(?:(?:about|around|almost|over|roughly) )?(?:\\d+|a|one|a few|a couple of|several) (?:years?|months?) ago|in (?:\\d{4}|the \\d{2,4}s|the [a-z]+ties)|when i was \\d{2}';
/** The time a habit was given up, as a note says it ("when i was 37" → "at age 37"). */
const quitAt = (said: string | undefined) => said?.replace(/^when i was /, 'at age ') ?? null;
/** When a habit was given up, as said after the verb ("I quit drinking completely in 1985"). */
const QUIT_WHEN = new RegExp(
  `^(?: (?:drinking|alcohol|it|that|completely|altogether|entirely))*(?:,? (?:like|maybe|about))? (${QUIT_TIME})\\b`,
);
/** A patient's drinking given up: said as past ("used to drink", "was a heavy drinker") and then stopped. */
const DRANK_BEFORE =
  /\b(?:i|we) (?:used?|use) to drink\b|\bi was (?:a |an )?(?:heavy |big |social |occasional )?drinker\b/;
const STOPPED = /\bi (?:quit|stopped|gave (?:it )?up)\b/g;

/**
 * The patient's word that they drank before and stopped ("I used to drink occasionally, but I stopped completely",
 * "I was a heavy drinker, but I quit in the seventies"), with when when said; null unless both are said in one
 * answer turn and nothing says the drinking goes on.
 */
function quitDrinking(ctx: Ctx, evidence: number[]): { when: string | null; turn: number } | null {
  for (const t of evidence) {
    const turn = ctx.transcript.turns[t];
    if (turn?.speaker !== 'patient') continue;
    const lower = sentencesInTurn(ctx.ex.sentences, t)
      .map((s) => s.lower)
      .join(' ');
    if (!DRANK_BEFORE.test(lower) || /\b(?:still|now and then|these days|nowadays) (?:drink|have|take)\b/.test(lower))
      continue;
    for (const m of lower.matchAll(STOPPED)) {
      if (m.index < DRANK_BEFORE.exec(lower)!.index) continue;
      const when = QUIT_WHEN.exec(lower.slice(m.index + m[0].length))?.[1];
      return { when: quitAt(when), turn: t };
    }
  }
  return null;
}

/** A count said: "one drink", "2 beers", "a couple of glasses". */
const COUNT_SAID = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|couple|few|half)\b/;
/** A doctor's question for how much or how often the patient drinks. */
const DRINK_AMOUNT_ASKED =
  /\bhow (?:much|many|often|frequently)\b[^?]*\b(?:drink|drinks|beers?|wine|alcohol|glass(?:es)?)\b|\bhow many (?:drinks|beers|glasses)\b/;

/**
 * How much the patient drinks, answered to the doctor's question for it after the habit ("how much do you drink?" —
 * "I probably have one drink per month"): the answer's own clause, as "Drinks …".
 */
function drinkingAmount(ctx: Ctx, evidence: number[]): { text: string; turns: number[] } | null {
  const from = Math.min(...evidence);
  for (let t = from; t < Math.min(ctx.transcript.turns.length - 1, from + 6); t++) {
    const q = ctx.transcript.turns[t]!;
    const a = ctx.transcript.turns[t + 1]!;
    if (q.speaker !== 'doctor' || a.speaker !== 'patient' || !DRINK_AMOUNT_ASKED.test(q.text.toLowerCase())) continue;
    for (const s of sentencesInTurn(ctx.ex.sentences, t + 1)) {
      const said = cleanSpoken(s.text).replace(ANSWER_PARTICLE, '');
      if (!DRINKS_SAID.test(said) || !AMOUNT_SAID.test(said.toLowerCase()) || NEGATED_CLAUSE.test(said.toLowerCase()))
        continue;
      const clause = said.split(ANSWER_CLAUSE_BREAK)[0]!;
      return {
        text: finishSentence(`Drinks ${toThirdPerson(clause.replace(DRINKS_SAID, ''), 'patient', ctx.sex)}`),
        turns: [t, t + 1],
      };
    }
  }
  return null;
}

/** The patient's word that they quit smoking, and when when said ("i quit about 27 years ago", "i stopped in 1990"). */
const QUIT_SMOKING = new RegExp(
  `\\bi (?:quit|stopped|gave up)(?! (?:drinking|alcohol|drugs|my|the|work|working|job)\\b)(?: smoking| cigarettes| them| it| that(?: (?:awful|bad|nasty|terrible|dirty))? habit| that)?(?:,? (?:like|maybe))? (${QUIT_TIME})?`,
);

function quitSmoking(ctx: Ctx, evidence: number[]): { when: string | null; turn: number } | null {
  for (const s of ctx.ex.sentences) {
    if (s.speaker !== 'patient' || !evidence.includes(s.turn)) continue;
    const m = QUIT_SMOKING.exec(s.lower);
    if (m) return { when: quitAt(m[1]), turn: s.turn };
  }
  // "When was the last time you had a cigarette?" — "seventeen years back": quit that long ago.
  for (const t of evidence) {
    const q = ctx.transcript.turns[t];
    const a = ctx.transcript.turns[t + 1];
    if (q?.speaker !== 'doctor' || a?.speaker !== 'patient' || !LAST_SMOKED_ASKED.test(q.text.toLowerCase())) continue;
    const m = LAST_SMOKED_SAID.exec(a.text.toLowerCase());
    if (m) return { when: `${m[1]} ago`, turn: t + 1 };
  }
  return null;
}
const LAST_SMOKED_ASKED =
  /\b(?:when was the last time you (?:had a cigarette|smoked)|when did you (?:quit|stop) smoking|how long ago did you (?:quit|stop) smoking)\b/;
const LAST_SMOKED_SAID =
  /^\W*(?:(?:oh|um|uh|well|maybe|like)[,\s]+)*((?:(?:about|around|almost|over|roughly|maybe) )?(?:\d+|a|one|a few|a couple of|several|[a-z]+(?:[- ][a-z]+)?) (?:years?|months?)) (?:ago|back)\b/;

function smokingAmount(ctx: Ctx): { said: string; turn: number; turns: number[] } | null {
  let now: { said: string; turn: number } | null = null;
  let was: string | null = null;
  let wasTurn = -1;
  for (const s of ctx.ex.sentences) {
    if (phaseOf(s, ctx.ex.phase) !== 'history') continue;
    const m = SMOKING_AMOUNT.exec(s.lower);
    if (!m) continue;
    const amount = m[1]!.replace(/^up to /, '').replace(/^(?:a )?couple (?!of)/, 'a couple of ');
    const lead = s.lower.slice(Math.max(0, m.index - 40), m.index);
    // "How much did you used to smoke?" — "about one pack per day": the amount answers a question about the past.
    const asked = s.speaker === 'patient' ? ctx.transcript.turns[s.turn - 1] : undefined;
    const askedBefore =
      asked?.speaker === 'doctor' && SMOKING_ASKED_BEFORE.test(asked.text.toLowerCase()) && s === firstOfTurn(ctx, s);
    if (SMOKED_BEFORE.test(lead) || askedBefore) {
      if (was === null) {
        was = amount;
        wasTurn = s.turn;
      }
      continue;
    }
    if (now) continue;
    // The patient's own words, or the doctor's check of an amount that the patient confirms ("just a couple
    // cigarettes a day?" — "yeah").
    const polarity = ctx.ex.qa.get(s.turn)?.polarity;
    const confirmed = s.speaker === 'doctor' && /\?\s*$/.test(s.lower) && (polarity === 'yes' || polarity === 'maybe');
    if ((s.speaker === 'patient' || confirmed) && !/\b(?:used to|quit|stopped|before|when i was)\b/.test(lead))
      now = { said: `${amount} per day`, turn: confirmed ? (ctx.ex.qa.get(s.turn)?.answer.turn ?? s.turn) : s.turn };
  }
  // The amount before is cited with the turn that said it.
  if (now && was && was !== now.said.replace(/ per day$/, ''))
    return {
      ...now,
      said: `${now.said}, down from ${was} per day`,
      turns: [...new Set([now.turn, wasTurn])].sort((a, b) => a - b),
    };
  return now && { ...now, turns: [now.turn] };
}

/** How long an amount was smoked, said straight after it ("a pack a day for twenty years"). */
const SMOKED_FOR =
  /^,?\s+(?:for|over) ((?:about |around |almost |over |nearly |like )?(?:\d+|a few|a couple of|several)(?: to \d+)? years)\b/;

/**
 * "I smoked a pack a day for twenty years", "how much did you smoke?" — "two packs a day": the amount a former smoker
 * smoked (and for how long, when said with it), as the patient said it or confirmed it; null when not said.
 */
function smokedBefore(ctx: Ctx, evidence: number[]): { said: string; turn: number } | null {
  for (const s of ctx.ex.sentences) {
    if (s.speaker !== 'patient') continue;
    if (!evidence.includes(s.turn) && phaseOf(s, ctx.ex.phase) !== 'history') continue;
    const m = SMOKING_AMOUNT.exec(s.lower);
    if (!m) continue;
    const lead = s.lower.slice(Math.max(0, m.index - 40), m.index);
    const asked = ctx.transcript.turns[s.turn - 1];
    const askedBefore =
      asked?.speaker === 'doctor' && SMOKING_ASKED_BEFORE.test(asked.text.toLowerCase()) && s === firstOfTurn(ctx, s);
    if (!SMOKED_BEFORE.test(lead) && !askedBefore) continue;
    if (/\b(?:not|no|never|nor|neither)\b|n't\b/.test(lead)) continue;
    const amount = m[1]!.replace(/^up to /, '').replace(/^(?:a )?couple (?!of)/, 'a couple of ');
    // Or in a sentence of its own in the same answer: "About one pack per day. I smoked for forty four years."
    const years =
      SMOKED_FOR.exec(s.lower.slice(m.index + m[0].length)) ??
      sentencesInTurn(ctx.ex.sentences, s.turn)
        .filter((o) => o !== s)
        .map((o) => /\bi smoked( (?:for|over) .*)$/.exec(o.lower))
        .map((o) => o && SMOKED_FOR.exec(o[1]!))
        .find(Boolean);
    return { said: `${amount} per day${years ? ` for ${years[1]}` : ''}`, turn: s.turn };
  }
  return null;
}

/** "I'll have a couple of beers during the week": how much the patient drinks, as a note says it. */
const DRINKS_SAID =
  /^(?:i|we)(?:'ll| will| usually| probably| only| just| still| do)* (?:have|drink|take) (?=(?:a|an|one|two|three|four|five|\d+|some|about|around|maybe|like|wine|beers?|glass(?:es)?|drinks?|alcohol|liquor|socially|occasionally|rarely)\b)/i;
/** How often a patient drinks, said in a word. */
const DRINK_HOW: Array<[RegExp, string]> = [
  [/\bsocial(?:ly)?\b/, 'socially'],
  [/\boccasional(?:ly)?\b|\bon occasion\b|\bonce in a while\b|\bnow and then\b/, 'occasionally'],
  [/\brarely\b|\bhardly ever\b|\bseldom\b/, 'rarely'],
  [/\bdaily\b|\bevery day\b/, 'daily'],
];
/** Clauses of an answer ("I don't smoke, but I drink a little"). */
const ANSWER_CLAUSE_BREAK = /,\s*(?:(?:but|and|so)\s+)?|;\s*|\s+but\s+/;
/** A clause said with a negation ("I can't even think of the last time…", "nor do I"). */
const NEGATED_CLAUSE = /\b(?:not|no|never|nor|neither|quit|stopped|used to)\b|n't\b/;
const drinkingHow = (said: string) => {
  const how = DRINK_HOW.find(([re]) => re.test(said.toLowerCase()))?.[1];
  return how ? `Drinks ${how}` : null;
};
/** An answer that tells how much or what is drunk: written as said. */
const AMOUNT_SAID =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|couple|few|glass(?:es)?|beers?|wine|liquor|vodka|whiskey|pack|shots?|weekends?|week|month|night)\b/;
/** A social detail that is a question, or that lists conditions besides the habit ("a history of depression,
 * smoking and chronic back pain"), is no social history as written: the habit's name stands instead. */
const ASKED = /^(?:(?:okay|so|and|then|lastly|now)[,\s]+)*(?:what|how|do|does|did|are|is|any)\b|\?\s*$/i;

/**
 * Past history sections from history facts. Medical / surgical / social items are the patient's own: denied ones
 * as "Denies …", past ones marked ("History of …", "…, resolved", "Former …"). Family history names the relative.
 */
function history(kind: 'medical' | 'surgical' | 'family' | 'social') {
  return (ctx: Ctx): Line[] => {
    const seen = new Set<string>();
    const out: Line[] = [];
    // Today's complaint is not past history: a condition that is the chief complaint or a current symptom stays in
    // the HPI ("presents today with some back pain" is no history of back pain).
    // The conditions the chief complaint names count too ("evaluation of kidney stones"), except the chronic ones a
    // visit follows up ("shortness of breath with chf and copd"), which are past history as well.
    const cc = ctx.facts.chiefComplaint?.text.toLowerCase();
    const today = new Set([
      ...(cc
        ? [
            cc,
            ...lexicons()
              .problems.match(cc)
              .map((m) => m.value)
              .filter((n) => !CHRONIC.test(n)),
          ]
        : []),
      ...ctx.facts.symptoms
        .filter((x) => x.subject === 'patient' && !x.negated && x.time !== 'past')
        .map((x) => x.name),
    ]);
    // "Diabetes" and then "it is type two diabetes, right?" "Yes.": one condition, written once by its fuller name.
    const fuller = new Map<string, ClinicalFacts['history'][number]>();
    if (kind === 'medical')
      for (const h of ctx.facts.history)
        for (const o of ctx.facts.history)
          if (
            h !== o &&
            h.kind === 'medical' &&
            o.kind === 'medical' &&
            h.subject === 'patient' &&
            o.subject === 'patient' &&
            !h.negated &&
            !o.negated &&
            FULLER_NAME.test(`${h.name}|${o.name}`) &&
            !today.has(o.name)
          )
            fuller.set(h.name, o);
    for (const g of ctx.facts.history) {
      if (g.kind !== kind || g.assertion === 'hypothetical') continue;
      if (kind !== 'family' && g.subject !== 'patient') continue;
      const h = (!g.negated && fuller.get(g.name)) || g;
      if (kind === 'medical' && today.has(h.name) && h.time !== 'past' && h.time !== 'resolved') continue;
      // A habit the answer denies ("like cocaine or anything like that." "oh that, no. no drugs.") is denied, whatever
      // the doctor's naming of it in the turn before seemed to say.
      if (
        kind === 'social' &&
        !h.negated &&
        h.time === 'current' &&
        ctx.facts.history.some(
          (o) =>
            o.kind === 'social' &&
            o.name === h.name &&
            o.negated &&
            o.subject === 'patient' &&
            Math.max(...o.evidence) === Math.max(...h.evidence),
        )
      )
        continue;
      const key = `${h.relative}|${h.name}`;
      if (seen.has(key)) continue;
      // "Brother: coronary artery disease." says all that "Family history of coronary artery disease." would.
      if (
        kind === 'family' &&
        !h.relative &&
        !h.negated &&
        ctx.facts.history.some((o) => o.kind === 'family' && o.relative && !o.negated && o.name === h.name)
      )
        continue;
      seen.add(key);
      const resolved = h.time === 'resolved';
      const past = h.time === 'past';
      let text: string;
      let evidence = h.evidence;
      if (kind === 'family') {
        // "Father: cancer." says less than the "Father: lung cancer." written beside it.
        if (
          !h.negated &&
          h.name === 'cancer' &&
          ctx.facts.history.some(
            (o) => o.kind === 'family' && o.relative === h.relative && !o.negated && CANCER_KIND.test(o.name),
          )
        )
          continue;
        const death = h.relative && !h.negated ? diedOf(ctx, h) : null;
        if (death) evidence = withTurns(evidence, ...death.turns);
        // "I think my aunt had something, maybe lupus": said as a guess, written as one.
        // A bare "cancer" of an unknown kind ("some sort of cancer, I don't know what") is still cancer.
        const possible = h.uncertain && h.name !== 'cancer' && guessedBefore(ctx, h);
        const what = `${h.negated ? 'no ' : possible ? 'possible ' : ''}${h.name}`;
        text = h.relative
          ? `${ONE_OF_GROUP.test(h.relative) ? 'One ' : ''}${ONE_OF_GROUP.test(h.relative) ? h.relative : cap(h.relative)}: ${death ? `died of ${h.name}${death.age}` : what}.`
          : `${h.negated ? 'No family' : 'Family'} history of ${possible ? 'possible ' : ''}${h.name}.`;
      } else if (kind === 'social') {
        const speaker = ctx.transcript.turns[h.evidence[h.evidence.length - 1]!]?.speaker ?? 'patient';
        // Keeping to medications, diet and exercise is the HPI's adherence, not a habit.
        if (adherenceReport((h.detail ?? '').toLowerCase(), ctx.sex)) continue;
        // "I V drugs" spelled out letter by letter is IV drugs, no pronoun "I".
        let said = cleanSpoken(h.detail ?? '')
          .replace(ANSWER_PARTICLE, '')
          .replace(/\bI\.? ?V\.?(?= drugs?\b)/g, 'IV');
        if (ASKED.test(said) || lexicons().problems.match(said.toLowerCase()).length) said = '';
        // The drinking told in a clause of its own ("I don't smoke, but I drink a little") is written on its own.
        const clauses = h.name === 'alcohol use' && speaker === 'patient' ? said.split(ANSWER_CLAUSE_BREAK) : [];
        const drinkClause = [said, ...clauses].find((c) => clauses.length && DRINKS_SAID.test(c));
        // The clause that says the patient drinks, said without a negation ("I drink, but just normal").
        const drinksSaid = clauses.find((c) => /\bdrink(?:s|er)?\b/i.test(c) && !NEGATED_CLAUSE.test(c.toLowerCase()));
        const drinks = drinkClause
          ? finishSentence(`Drinks ${toThirdPerson(drinkClause.replace(DRINKS_SAID, ''), speaker, ctx.sex)}`)
          : null;
        // "Do you smoke?" "Nope. I quit like fifteen years ago.": a former smoker, with when they quit.
        // "I used to smoke a pack a day. I quit in 1985.": a former smoker, how much and when they quit, as said.
        const quit = h.name === 'tobacco use' && (!past || !h.negated) ? quitSmoking(ctx, h.evidence) : null;
        const before = quit || (h.name === 'tobacco use' && past && !h.negated) ? smokedBefore(ctx, h.evidence) : null;
        const amount =
          h.name === 'tobacco use' && !h.negated && !resolved && !past && !quit ? smokingAmount(ctx) : null;
        // "I used to drink a lot, but I quit 5 years ago": a former drinker, with when they stopped when said.
        const stoppedDrinking = h.name === 'alcohol use' && !h.negated ? quitDrinking(ctx, h.evidence) : null;
        // "Do you drink?" "Yes." "How much?" "I probably have one drink a month.": the amount answered after.
        const drinkAmount =
          h.name === 'alcohol use' && !h.negated && !resolved && !past && !stoppedDrinking
            ? drinkingAmount(ctx, h.evidence)
            : null;
        if (stoppedDrinking) {
          text = `Former alcohol use${stoppedDrinking.when ? `; quit ${stoppedDrinking.when}` : ''}.`;
          evidence = withTurns(evidence, stoppedDrinking.turn);
        } else if (drinkAmount && !(drinks && COUNT_SAID.test(drinks.toLowerCase()))) {
          text = drinkAmount.text;
          evidence = withTurns(evidence, ...drinkAmount.turns);
        } else if (before) {
          text = `Former smoker, ${before.said}${quit?.when ? `; quit ${quit.when}` : ''}.`;
          evidence = withTurns(evidence, before.turn, ...(quit ? [quit.turn] : []));
        } else if (quit)
          // "I used to chew tobacco, but I quit when I was 37": tobacco not smoked is no smoker's.
          text = quit.when
            ? `Former ${chewedOnly(ctx, h.evidence) ? 'tobacco use' : 'smoker'}; quit ${quit.when}.`
            : 'Former tobacco use.';
        else if (amount) {
          text = `Smokes ${amount.said}.`;
          evidence = amount.turns;
        } else if (resolved || past) text = `Former ${h.name}.`;
        else if (h.negated) text = `Denies ${h.name}.`;
        else if (drinks) text = drinks;
        else if (drinksSaid && !AMOUNT_SAID.test(said.toLowerCase()))
          // "I will call myself a social drinker", "yes, I drink daily": how often, as a note says it; the habit's
          // name where the answer tells no more than that the patient drinks ("I drink, but just normal").
          text = `${drinkingHow(drinksSaid) ?? 'Alcohol use'}.`;
        // "Do you drink?" — "I do but occasionally": the answer's word for how often, said without a negation.
        else if (
          clauses.length &&
          h.evidence.length > 1 &&
          !NEGATED_CLAUSE.test(said.toLowerCase()) &&
          drinkingHow(said)
        )
          text = `${drinkingHow(said)}.`;
        else
          text =
            said.split(/\s+/).length >= 3 && !said.endsWith('?')
              ? finishSentence(cap(toThirdPerson(said, speaker, ctx.sex)))
              : `${cap(h.name)}.`;
      } else if (h.uncertain)
        continue; // "I thought I was having a heart attack" is no past history
      // A condition or an operation the patient never had: "No history of lyme disease.", as a history reads.
      else if (h.negated) text = `No history of ${h.name}.`;
      else {
        // The side said with it ("right rotator cuff problem").
        const name = h.detail ? `${h.detail} ${h.name}` : h.name;
        if (resolved) text = `${cap(name)}, resolved.`;
        else if (past && kind === 'medical') text = `History of ${name}.`;
        else text = `${cap(name)}${kind === 'surgical' ? yearOfOperation(ctx, h) : ''}.`;
      }
      out.push(line(text, evidence));
    }
    // "Any past medical history?" "No.", "Have you had any surgeries?" "No, none.": the history says there is none,
    // unless the visit names a condition or an operation the patient had.
    if ((kind === 'medical' || kind === 'surgical') && !out.some((l) => !/^No history of\b/.test(l.text))) {
      const denied = categoryDenied(ctx, kind);
      if (denied)
        out.unshift(line(kind === 'medical' ? 'No significant past medical history.' : 'No prior surgeries.', denied));
    }
    return out;
  };
}

/** A guess said before a condition in its clause: "i think", "maybe", "may have had", "possible". */
const GUESS_BEFORE =
  /\b(?:i think|i believe|maybe|may have|might have|might|possibl[ey]|probably|not sure (?:if|whether)|could have)\b[^.;!?]*$/;
/**
 * A relative's condition said as a guess ("i think my mom may have had diabetes"), not a certain one with a doubt
 * about something else after it ("my dad had kidney stones, i think he passed a couple").
 */
function guessedBefore(ctx: Ctx, h: ClinicalFacts['history'][number]): boolean {
  for (const s of ctx.ex.sentences) {
    if (s.speaker === 'doctor' || !h.evidence.includes(s.turn)) continue;
    for (const m of lexicons().problems.match(s.lower))
      if (m.value === h.name && GUESS_BEFORE.test(s.lower.slice(Math.max(0, m.start - 60), m.start))) return true;
  }
  return false;
}

/** A named kind of cancer, beside which a bare "cancer" says nothing more. */
const CANCER_KIND = /. cancer$|carcinoma|lymphoma|leukemia|melanoma|mesothelioma|myeloma|sarcoma|tumou?r/;
/** The words a relative is called by, keyed by the canonical relative. */
const RELATIVE_WORDS: Record<string, string> = {
  mother: 'mother|mom|mum|mommy',
  father: 'father|dad|daddy',
  brother: 'brother',
  sister: 'sister',
  grandmother: 'grandmother|grandma|granny',
  grandfather: 'grandfather|grandpa',
  son: 'son',
  daughter: 'daughter',
  aunt: 'aunt',
  uncle: 'uncle',
  husband: 'husband',
  wife: 'wife',
};
const DECADE: Record<string, string> = {
  twenties: '20s',
  thirties: '30s',
  forties: '40s',
  fifties: '50s',
  sixties: '60s',
  seventies: '70s',
  eighties: '80s',
  nineties: '90s',
};
const AGE_WORDS = String.raw`(\d{1,3}|[a-z]+(?:[- ][a-z]+)?)`;
const DECADE_WORDS = String.raw`(?:(early|late|mid) )?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0s)`;
/** "At 62", "at the age of 62", "when he was 62", "in his sixties": the age said after a death. */
const DIED_AT = new RegExp(
  String.raw`^[^.;]{0,25}?\b(?:at (?:the )?age (?:of )?|at |aged |when (?:he|she) was (?:only |just |about |around )?)${AGE_WORDS}(?![a-z])|^[^.;]{0,25}?\bin (?:his|her) ${DECADE_WORDS}\b`,
);
/** The next sentence giving the age: "He was only 49.", "She passed when she was 60.", "She was in her seventies." */
const AGE_NEXT = new RegExp(
  String.raw`^(?:and |so )?(?:he|she) (?:was (?:only |just |about |around )?${AGE_WORDS}(?: years old)?\s*[.!]?$|(?:died|passed(?: away)?) when (?:he|she) was (?:only |just |about |around )?${AGE_WORDS}\b|was in (?:his|her) ${DECADE_WORDS}\b)`,
);

/**
 * A relative's death from the condition, said by the patient or a relative in so many words ("my dad passed away
 * from renal cancer", "my father died from heart attack at 61", "my dad died of a brain hemorrhage. He was only
 * 49."): the age at death when said with it or in the next sentence. Only when the relative is named as the one who
 * died, before the verb and with no one else between.
 */
function diedOf(ctx: Ctx, h: ClinicalFacts['history'][number]): { age: string; turns: number[] } | null {
  const words = RELATIVE_WORDS[h.relative ?? ''];
  if (!words) return null;
  const cond = lexicons().problems;
  const DIED = new RegExp(
    String.raw`\b(?:my|our|her|his) (?:${words})\b(?:(?!\b(?:${Object.values(RELATIVE_WORDS).join('|')})\b)[^.;,])*?\b(?:died|passed away|passed|(?:did )?pass away)\s+(?:(?:from|of|due to|because of|with)\s+)(?:complications of\s+)?(?:(?:a|an|his|her|the)\s+)?(?:(?:[a-z']+\s+){0,3})?`,
    'g',
  );
  for (const [i, s] of ctx.ex.sentences.entries()) {
    if (s.speaker === 'doctor' || !h.evidence.includes(s.turn)) continue;
    for (const m of s.lower.matchAll(DIED)) {
      const start = m.index;
      // The condition named right after the verb is the one died of.
      const named = cond.match(s.lower).find((c) => c.start >= start && c.start <= m.index + m[0].length + 1);
      if (!named || named.value !== h.name) continue;
      const rest = s.lower.slice(named.end);
      const at = DIED_AT.exec(rest);
      const next = ctx.ex.sentences[i + 1];
      const after = !at && next && next.turn === s.turn ? AGE_NEXT.exec(next.lower) : null;
      const age = ageSaid(at ?? after, FEMALE_RELATIVE.test(h.relative ?? '') ? 'her' : 'his');
      return { age, turns: [s.turn] };
    }
  }
  return null;
}

/** ", died at 49" / " in his 70s" as a note writes the age matched; '' when the words are no age. */
const FEMALE_RELATIVE = /^(?:mother|sister|grandmother|daughter|aunt|wife)$/;
function ageSaid(m: RegExpExecArray | null, their: string): string {
  if (!m) return '';
  const g = m.slice(1);
  const decade = g.find((x) => x && (DECADE[x] || /^[2-9]0s$/.test(x)));
  if (decade) {
    const when = g[g.indexOf(decade) - 1];
    return ` in ${their} ${when ? `${when} ` : ''}${DECADE[decade] ?? decade}`;
  }
  const n = g.find((x) => x && numberValue(x) !== null);
  const v = n ? numberValue(n) : null;
  return v !== null && Number.isInteger(v) && v > 0 && v < 110 ? ` at ${v}` : '';
}

/**
 * The year an operation was done, when its sentence names that one operation and one year ("I had my appendix out in
 * 1988" → " in 1988"); nothing when the sentence holds two operations or two years, which could pair either way.
 */
function yearOfOperation(ctx: Ctx, h: ClinicalFacts['history'][number]): string {
  const source = h.source?.toLowerCase();
  if (!source) return '';
  const years = [...source.matchAll(/\b(?:19|20)\d\d\b/g)];
  // "Two laminectomies, one in 1990 and the other in 94": a year for one of several.
  if (years.length !== 1 || /\b(?:two|three|four|several|multiple|\d+) [a-z]+(?:ies|s)\b|\bthe other\b/.test(source))
    return '';
  const others = ctx.facts.history.filter((o) => o.kind === 'surgical' && o.source === h.source);
  if (others.length !== 1) return '';
  return /\b(?:in|since|back in|around)\s+$/.test(source.slice(Math.max(0, years[0]!.index - 10), years[0]!.index))
    ? ` in ${years[0]![0]}`
    : '';
}

/** A condition and its fuller name ("diabetes" → "type 2 diabetes", "cancer" → "stomach cancer"); "hypertension" and
 * "pulmonary hypertension" are two conditions. */
const FULLER_NAME = /^(?:diabetes\|type \w+ diabetes|cancer\|[a-z' ]+ cancer)$/;

/** The patient's own marital status ("I'm divorced", "I was married … but then my husband died"). */
const MARITAL_SAID =
  /\b(?:i'm|i am|i've been|i have been) (?:happily |now |currently )?(married|divorced|widowed|separated|single)\b|\bmy (?:husband|wife) (died|passed)\b/;
/** Who the patient lives with ("I live alone", "I am living with my sister"). */
const LIVES_SAID =
  /\bi (?:still |now |currently )?(?:live|am living|'m living) (alone|by myself|with (?:my )?(?:(?:wife|husband|spouse|partner|boyfriend|girlfriend|family|parents|mom|mother|dad|father|son|daughter|sister|brother|children|kids|grandmother|grandfather|aunt|uncle|roommates?)(?: and (?:my )?(?:wife|husband|son|daughter|children|kids|dog|cat|family))?))\b/;
/** A doctor's question about the patient's work. */
const WORK_ASKED =
  /\bwhat (?:do|did) you do (?:for (?:a )?(?:living|work)|for your (?:job|work))|\bwhat (?:kind of )?(?:work|job) (?:do|did) you\b|\bare you (?:still |currently )?working\b|\bdo you (?:still |currently )?work\b|\bwhat (?:is|was) your (?:job|occupation|profession|line of work)\b|\bwhere do you work\b/;
/** The patient's own words for their work: "I am a retired postal worker", "I was a school teacher", "I work as a
 * plumber". The words before the article say whether it is work now or before. */
const OCCUPATION_SAID =
  /\b(i am|i'm|i was|i used to be|i work as|i worked as|i used to work as|i(?:'ve| have) been working as|i(?:'m| am) working as)\s+(?:now |currently |still )?(?:a|an)\s+(retired\s+)?((?:[a-z]+\s+){0,2}?(?:[a-z]+(?:er|or|ist|ian|man|woman|ant|ent|yst)|attorney|nurse|aide|chef|cook|clerk|pilot|mechanic|secretary|missionary|executive|paralegal|barber|housekeeper|soldier|janitor|therapist))\b/;
/** The last word of an occupation. */
const OCCUPATION_NOUN = /[a-z]$/;
/** Words in that shape that are habits, states or people, not work. */
const NOT_OCCUPATION =
  /\b(?:for|or|after|over|under|ever|never|together|whatever|either|neither|rather|whether|her|per|smoker|drinker|user|abuser|sufferer|member|diabetic|patient|survivor|sleeper|eater|walker|runner|other|mother|father|brother|sister|grandmother|grandfather|daughter|partner|lover|fan|person|man|woman|gentleman|little|bit|lot|big|number|better|later|recent|different|present|current|independent|parent|client|resident)$|\b(?:little|bit|lot|heavy|social|former|big)\b/;
/** A doctor's question whether the patient has children. */
const CHILDREN_ASKED = /\b(?:do|did) you have (?:any )?(?:kids|children)\b|\bhow many (?:kids|children)\b/;
/** A count of children said: "three kids", "seven", "five in total", "a kid". */
const CHILD_COUNT =
  /\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})(?= (?:(?:\w+ ){0,2}(?:kids|children|sons|daughters|kid|child|son|daughter)\b|in total\b|of (?:my own|them)\b)|\s*[.!,]|$)(?! grand)/g;
const RETIRED_SAID = /\b(?:i'm|i am|i've been|i have been|i) (?:now )?retired\b/;
const MARITAL_WORD: Record<string, string> = { died: 'widowed', passed: 'widowed' };

/**
 * Marital status, home and retirement, said by the patient of themselves or a yes to "are you married?": a social
 * history's first lines ("Divorced.", "Lives alone.", "Retired."). A relative's marriage or retirement is not the
 * patient's: only the patient's own first-person words count.
 */
function lifeSituation(ctx: Ctx): Line[] {
  const found = new Map<string, number>();
  const note = (key: string, turn: number) => {
    if (!found.has(key)) found.set(key, turn);
  };
  const turns = ctx.transcript.turns;
  for (const s of ctx.ex.sentences) {
    if (s.speaker === 'doctor' && /\bare you married\b[^.]*\?\s*$/.test(s.lower)) {
      const next = turns[s.turn + 1];
      if (
        next?.speaker === 'patient' &&
        /^\W*(?:yes|yeah|yep|yup)\b(?![^.!?]*\b(?:divorced|widowed|separated)\b)/i.test(next.text)
      )
        note('marital:married', s.turn + 1);
      continue;
    }
    if (s.speaker !== 'patient') continue;
    const m = MARITAL_SAID.exec(s.lower);
    if (m) note(`marital:${MARITAL_WORD[m[2] ?? ''] ?? m[1]}`, s.turn);
    const l = LIVES_SAID.exec(s.lower);
    if (l)
      note(
        `lives:${
          l[1] === 'by myself'
            ? 'alone'
            : l[1]!
                .replace(/\bmy /g, '')
                .replace(/\bmom\b/, 'mother')
                .replace(/\bdad\b/, 'father')
        }`,
        s.turn,
      );
    if (RETIRED_SAID.test(s.lower)) note('work:retired', s.turn);
  }
  // "What do you do for a living?" — "I am retired now. I was a school teacher.": the work answered for.
  // "Do you have kids?" — "Yes, five in total.": how many children.
  let occupation: { what: string; turn: number } | null = null;
  let children: { n: number; turn: number } | null = null;
  for (const [i, t] of turns.entries()) {
    const a = turns[i + 1];
    if (t.speaker !== 'doctor' || a?.speaker !== 'patient') continue;
    const q = t.text.toLowerCase();
    const said = a.text.toLowerCase();
    if (!occupation && WORK_ASKED.test(q)) {
      const m = OCCUPATION_SAID.exec(said);
      // "I'm a computer programmer": the shortest match stops at "computer"; the occupation noun after it is the work.
      const more = m && /^\s+([a-z]+)\b/.exec(said.slice(m.index + m[0].length))?.[1];
      const what =
        more && /(?:er|or|ist|ian|man|woman|ant|ent|yst)$/.test(more) && !NOT_OCCUPATION.test(more)
          ? `${m[3]!.trim()} ${more}`
          : m?.[3]?.trim();
      if (m && what && OCCUPATION_NOUN.test(what) && !NOT_OCCUPATION.test(what)) {
        const past = /\b(?:was|used to be|worked|used to work)\b/.test(m[1]!);
        const retired = !!m[2] || RETIRED_SAID.test(said);
        occupation = { what: `${retired ? 'retired ' : past ? 'former ' : ''}${what}`, turn: i + 1 };
      }
    }
    // A child who died, or ages said with the count, leave the count to the clinician.
    if (
      !children &&
      CHILDREN_ASKED.test(q) &&
      !/\b(?:years?|months?|weeks?) old\b|\b(?:died|passed|lost)\b/.test(said)
    ) {
      const counts = [...said.matchAll(CHILD_COUNT)];
      // One count in the answer, no other number beside it ("a son with my wife and two from before" is not one).
      const numbers = said.match(/\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b/g)?.length ?? 0;
      const single = counts.length === 1 && numbers === (/^an?$/.test(counts[0]![1]!) ? 0 : 1);
      const n = single ? numberValue(counts[0]![1]!.replace(/^an?$/, 'one')) : null;
      if (
        n !== null &&
        Number.isInteger(n) &&
        n > 0 &&
        n < 20 &&
        /^\W*(?:yes|yeah|yep|i|we|one|two|three|four|five|six|seven|eight|nine|ten|\d)/.test(said)
      )
        children = { n, turn: i + 1 };
      else if (
        !counts.length &&
        /^\W*(?:no|nope)\W*(?:(?:i )?(?:don't|do not|have no|never had)\b[^.]*)?\W*$/.test(said)
      )
        children = { n: 0, turn: i + 1 };
    }
  }
  const smoke = householdSmoker(ctx);
  if (occupation) {
    found.delete('work:retired');
    found.set(`occupation:${occupation.what}`, occupation.turn);
  }
  if (children) found.set(`children:${children.n}`, children.turn);
  // A widow's earlier "I was married" is no current marriage: the latest word on marital status stands.
  const marital = [...found.keys()].filter((k) => k.startsWith('marital:'));
  const out: Line[] = [];
  for (const [key, turn] of found) {
    if (key.startsWith('marital:') && marital.length > 1 && key !== marital[marital.length - 1]) continue;
    const [kind, what] = key.split(':') as [string, string];
    out.push(
      line(
        kind === 'lives'
          ? `Lives ${what}.`
          : kind === 'occupation'
            ? `Occupation: ${what}.`
            : kind === 'children'
              ? `${what === '0' ? 'No children' : what === '1' ? 'One child' : `${what} children`}.`
              : `${cap(what)}.`,
        // A count said bare ("I have five.") is of what the question asked: the question is evidence too.
        kind === 'children' ? [turn - 1, turn] : [turn],
      ),
    );
  }
  if (smoke) out.push(line(`Secondhand smoke exposure: ${smoke.text}.`, [smoke.turn]));
  return out;
}

/** Whose smoking exposes the patient: someone of the household. */
const HOUSEHOLD =
  'dad|father|mom|mother|grandmother|grandma|grandfather|grandpa|stepdad|stepfather|stepmom|stepmother|uncle|aunt|brother|sister|husband|wife|partner|boyfriend|girlfriend|roommate';
/**
 * "Her dad smokes outside", "my husband smokes in the house": a household member who smokes, said by the patient or a
 * companion as a whole clause (not "smokes but not around her"). The relative's possessor says whose: "his"/"her" in
 * a companion's mouth is the patient's, "my" in the patient's.
 */
const HOUSEHOLD_SMOKER = new RegExp(
  `^(?:(?:well|yes|yeah|um|uh|so)[,\\s]+)*(my|his|her|their) (${HOUSEHOLD}) (smokes|smokes? cigarettes)( (?:outside|inside|in the (?:house|home|car)|around (?:him|her|them|the kids?)|at home))?\\s*(?:[.!;]|$)`,
);
const KIN_WRITTEN: Record<string, string> = {
  dad: 'father',
  mom: 'mother',
  grandma: 'grandmother',
  grandpa: 'grandfather',
  stepdad: 'stepfather',
  stepmom: 'stepmother',
};

/** Where the patient is exposed to someone else's smoke, as social history writes it ("her father smokes outside"). */
function secondhandSmoke(s: Sentence, sex: Sex): string | null {
  const m = HOUSEHOLD_SMOKER.exec(s.lower);
  if (!m) return null;
  const [, own, kin, , where] = m;
  // The companion's "my husband" may be no relative of the patient's (a child's stepfather, or the patient himself).
  if (s.speaker === 'other' ? own === 'my' : s.speaker !== 'patient' || own !== 'my') return null;
  const poss = own === 'my' ? pronouns(sex).poss : own!;
  return `${poss} ${KIN_WRITTEN[kin!] ?? kin} smokes${where ?? ''}`;
}

function householdSmoker(ctx: Ctx): { text: string; turn: number } | null {
  for (const s of ctx.ex.sentences) {
    if (phaseOf(s, ctx.ex.phase) !== 'history') continue;
    const text = secondhandSmoke(s, ctx.sex);
    if (text) return { text, turn: s.turn };
  }
  return null;
}

function letterOpening(ctx: Ctx): Line[] {
  const { facts } = ctx;
  const ev = [...facts.patient.evidence, ...(facts.reasonForVisit?.evidence ?? [])];
  if (!ev.length) return [];
  const who =
    facts.patient.age !== null
      ? `a ${facts.patient.age}-year-old ${facts.patient.sex ?? 'patient'}`
      : 'a patient of mine';
  const why = facts.reasonForVisit ? `, who was seen for ${facts.reasonForVisit.text}` : '';
  const name = facts.patient.name ? facts.patient.name.split(' ').map(cap).join(' ') : null;
  return [line(`I am writing about ${name ? `${name}, ` : ''}${who}${why}.`, ev)];
}

function priorAuthOpening(ctx: Ctx): Line[] {
  const { facts } = ctx;
  const req = treatmentRequested(ctx);
  if (!req.length) return letterOpening(ctx);
  const who =
    facts.patient.age !== null
      ? `my ${facts.patient.age}-year-old ${facts.patient.sex ?? ''} patient`.replace(/ +patient/, ' patient')
      : 'my patient';
  return [
    line(`I am requesting authorization of the treatment below for ${who}.`, [
      ...facts.patient.evidence,
      ...req[0]!.evidence,
    ]),
  ];
}

function treatmentRequested(ctx: Ctx): Line[] {
  const items = ctx.facts.plan.filter((p) => ['prescription', 'order', 'procedure', 'referral'].includes(p.kind));
  return items.map((p) => line(p.text, p.evidence));
}

function medicalNecessity(ctx: Ctx): Line[] {
  const out: Line[] = [];
  const sympt = ctx.facts.symptoms.filter((s) => !s.negated && s.subject === 'patient').slice(0, 6);
  if (sympt.length) {
    out.push(
      line(
        `${subjectName(ctx.sex)} reports ${sympt.map((s) => s.name).join(', ')}.`,
        sympt.flatMap((s) => s.evidence),
      ),
    );
  }
  out.push(...results(ctx).slice(0, 4));
  out.push(...exam(ctx).slice(0, 4));
  const tried = ctx.facts.medications.filter((m) => m.subject === 'patient' && !m.negated && m.change !== 'start');
  const names = [...new Set(tried.map((m) => m.name))];
  if (names.length)
    out.push(
      line(
        `Current or prior treatment includes ${names.join(', ')}.`,
        tried.flatMap((m) => m.evidence),
      ),
    );
  return out;
}

// Patient instructions: short sentences, plain words.
/** A relative read as one of a group ("one of them", of the parents): "One parent: kidney disease." */
const ONE_OF_GROUP = /^(?:parent|grandparent|sibling)$/;

const PLAIN: Record<string, string> = {
  hypertension: 'high blood pressure',
  hyperlipidemia: 'high cholesterol',
  'congestive heart failure': 'heart failure',
  'type 2 diabetes': 'diabetes',
  'type 1 diabetes': 'diabetes',
  'coronary artery disease': 'heart disease',
  'myocardial infarction': 'heart attack',
  'atrial fibrillation': 'an uneven heartbeat',
  gerd: 'acid reflux',
  copd: 'lung disease',
  osteoarthritis: 'arthritis',
  'chronic kidney disease': 'kidney disease',
  'urinary tract infection': 'a bladder infection',
  hypothyroidism: 'a slow thyroid',
  hyperthyroidism: 'a fast thyroid',
  'allergic rhinitis': 'allergies',
  'peripheral neuropathy': 'nerve damage',
  'benign prostatic hyperplasia': 'a big prostate',
};

/** "a fracture", "an ankle sprain": a single countable condition takes its article; "diabetes" does not. */
function withArticle(name: string): string {
  if (/^(?:a|an|the|some|your)\s/i.test(name) || !COUNTABLE.test(name)) return name;
  return aOrAn(name);
}

/** The indefinite article before a word as it is said: "an exam", "a urologist", "an ulcer". */
function aOrAn(words: string): string {
  return `${/^(?:[aeio]|u(?![rs]))/i.test(words) ? 'an' : 'a'} ${words}`;
}
const COUNTABLE =
  /(?:fracture|sprain|strain|tear|infection|cyst|nodule|ulcer|hernia|stone|contusion|rupture|dislocation|mass|lump|rash|polyp|murmur|headache|migraine|bite|wound|abscess|blockage|clot)$/i;

function plainName(n: string): string {
  return PLAIN[n] ?? n;
}

function piReason(ctx: Ctx): Line[] {
  const cc = ctx.facts.chiefComplaint;
  // Said to the patient: "follow-up of his chronic problems" is "your chronic problems".
  const toYou = (t: string) => t.replace(/\b(?:his|her|their)\b/gi, 'your').replace(/\b(?:he|she|they)\b/gi, 'you');
  const acronyms = (t: string) =>
    t.replace(/\b(?:stemi|nstemi|chf|copd|gerd|uti|ekg|mri|ct|er|adhd|ptsd)\b/g, (w) => w.toUpperCase());
  const reason = toYou(plainName(cc?.text.toLowerCase() ?? ''));
  const visit =
    /(?:exam|visit|consult|opinion|physical|check-?up)$/.test(reason) && !/^(?:a|an|the|your)\s/.test(reason);
  const said = visit ? aOrAn(reason) : reason;
  if (cc) return [line(`You came in for ${acronyms(said)}.`, cc.evidence)];
  return [];
}

function piFound(ctx: Ctx): Line[] {
  const out: Line[] = [];
  for (const v of ctx.facts.vitals) {
    if (v.historical || !Number.isFinite(v.value)) continue;
    if (v.kind === 'bp') out.push(line(`Your blood pressure was ${v.value} over ${v.value2}.`, v.evidence));
    if (v.kind === 'weight')
      out.push(line(`Your weight was ${v.value} ${v.unit === 'kg' ? 'kilos' : 'pounds'}.`, v.evidence));
  }
  // Only what the doctor assessed in the plan (the A&P's problem headings), or said may be the cause and is
  // being checked: never a problem merely talked about (a relative's, a risk, a past one, one ruled out).
  for (const p of planOf(ctx).headed) {
    const name = plainName(p.name);
    if (p.certainty === 'suspected')
      out.push(line(`You may have ${withArticle(name)}. The tests will tell us more.`, p.evidence));
    else out.push(line(`You have ${withArticle(name)}.`, p.evidence));
  }
  return out;
}

/** A medicine instruction in plain words, with its full dose and "as needed" as said. */
function medInstruction(d: NonNullable<PlanFact['drug']>): string {
  // No dose was said: the patient is sent to the label, never given a bare "start taking X".
  // Its schedule, course, "when you need it" and purpose still go with it ("Start taking meloxicam once a day.").
  if (!d.dose && (d.action === 'start' || d.action === 'change'))
    return `Start taking ${[d.said, d.frequency, d.duration ? `for ${d.duration}` : null, d.asNeeded ? 'when you need it' : null, d.indication].filter(Boolean).join(' ')}. Take it as the label says; ask us if the dose is not clear.`;
  const what = [
    d.said,
    d.dose,
    d.frequency,
    d.duration ? `for ${d.duration}` : null,
    d.asNeeded ? 'when you need it' : null,
    d.indication,
  ]
    .filter(Boolean)
    .join(' ');
  switch (d.action) {
    case 'start':
      return `Start taking ${what}.`;
    case 'continue':
    case 'refill':
      return `Keep taking ${what}.`;
    case 'stop':
      return `Stop taking ${d.said}.`;
    case 'increase':
      return `Take more ${d.said}: the new dose is ${[d.dose, d.frequency].filter(Boolean).join(' ') || 'as we said'}.`;
    case 'decrease':
      return `Take less ${d.said}: the new dose is ${[d.dose, d.frequency].filter(Boolean).join(' ') || 'as we said'}.`;
    case 'change':
      return `Change to ${what}.`;
  }
}

function piMedications(ctx: Ctx): Line[] {
  return planItemsOf(ctx)
    .filter((i) => i.kind === 'medication' && i.drug)
    .map((i) => essential(line(medInstruction(i.drug!), i.evidence)));
}

/** Specialties in plain words, the name the clinic uses kept in brackets. */
const PLAIN_SPECIALTY: Array<[RegExp, string]> = [
  [/\bcardiac rehab(?:ilitation)?\b/i, 'heart rehab (cardiac rehab)'],
  [/\bcardiolog(?:y|ist)\b/i, 'a heart doctor ($&)'],
  [/\bgastroenterolog(?:y|ist)\b/i, 'a stomach doctor ($&)'],
  [/\bdermatolog(?:y|ist)\b/i, 'a skin doctor ($&)'],
  [/\burolog(?:y|ist)\b/i, 'a urinary tract doctor ($&)'],
  [/\bneurolog(?:y|ist)\b/i, 'a nerve doctor ($&)'],
  [/\bendocrinolog(?:y|ist)\b/i, 'a gland and hormone doctor ($&)'],
  [/\bpulmonolog(?:y|ist)\b|\bpulmonary\b/i, 'a lung doctor ($&)'],
  [/\bnephrolog(?:y|ist)\b/i, 'a kidney doctor ($&)'],
  [/\brheumatolog(?:y|ist)\b/i, 'a joint doctor ($&)'],
  [/\bortho(?:pedics?|pedist|paedics?)?\b/i, 'a bone doctor ($&)'],
];

/** Says to the patient what was said about them ("if their symptoms continue" → "if your symptoms continue"). */
function toPatient(t: string): string {
  return t
    .replace(/\b(?:his|her|their)\b/gi, 'your')
    .replace(/\b(?:he|she|they)\b/gi, 'you')
    .replace(/\b(?:him|them)\b/gi, 'you')
    .replace(
      /\byou (is|has|does|was)\b/g,
      (_, v: string) => `you ${{ is: 'are', has: 'have', does: 'do', was: 'were' }[v]}`,
    )
    .replace(/\byou (\w+?)s\b/g, (m, v: string) => (/^(?:i|a|u|ha|doe|wa)$/.test(v) ? m : `you ${v}`));
}

/** Marks a phrase already made plain, so a later rule does not rewrite it (a character speech never holds). */
const PLACE = String.fromCharCode(1);
const PLACED = new RegExp(`${PLACE}(\\d+)${PLACE}`, 'g');

/** "Refer to ent." → "ENT", "Refer to urologist." → "a urinary tract doctor (urologist)", "physical therapy" as said. */
function referralTo(text: string): string {
  const t = text
    .replace(/^(?:consider )?(?:(?:refer(?:ral)?|follow(?:-| )?up) (?:to |for |with )*)/i, '')
    .replace(/\.$/, '')
    .replace(/^(?:the|some|a|an) /i, '')
    .replace(/ to an? (\w+)$/, ' ($1)')
    .trim();
  if (/^[a-z]{2,3}$/.test(t)) return t.toUpperCase();
  for (const [re, plain] of PLAIN_SPECIALTY)
    if (re.test(t)) {
      const m = re.exec(t)!;
      if (m.index === 0) return t.replace(re, plain.replace('$&', m[0]));
    }
  if (/(?:ist|ian|eon|or)$/.test(t)) return aOrAn(t);
  return t;
}

/**
 * Tests in plain words, the name the clinic uses kept in brackets where the patient will hear it ("hemoglobin a1c" →
 * "a blood test for your sugar average (A1c)"). Applied in order, each to what the earlier ones left.
 */
const PLAIN_TEST: Array<[RegExp, string]> = [
  [/\b(?:hemoglobin |hgb )?a1c\b/gi, 'a blood test for your sugar average (A1c)'],
  [/\b(?:echocardiogram|echocardiocardiogram|echo)(?: echocardio\w*)?\b/gi, 'an ultrasound of your heart (echo)'],
  [/\b(?:complete blood count|cbc)\b/gi, 'a blood count (CBC)'],
  [
    /\b(?:basic|comprehensive) metabolic panel\b|\b(?:bmp|cmp|chem-?(?:7|12|14))\b/gi,
    'blood tests for your kidneys and salts',
  ],
  [/\blipid panel\b/gi, 'a cholesterol blood test'],
  [/\b(?:thyroid (?:labs|panel|function tests?))\b|\btsh\b/gi, 'blood tests for your thyroid'],
  [/\bliver (?:enzymes|function tests?)\b/gi, 'blood tests for your liver'],
  [/\burinalysis\b/gi, 'a urine test'],
  [/\burine culture\b/gi, 'a urine test for infection'],
  [/\bpsa\b/gi, 'a blood test for your prostate (PSA)'],
  [/\bpulmonary function tests?\b|\bpfts?\b/gi, 'a breathing test'],
  [/\b(?:ekg|ecg|electrocardiogram)\b/gi, 'a heart tracing (EKG)'],
  [/\bemg\b/gi, 'a nerve test (EMG)'],
  [/\bcardiac catheterization\b/gi, 'a heart catheter test (cath)'],
  [/\bstress test\b/gi, 'a heart stress test'],
  [/\b(?:upper )?endoscopy\b|\begd\b/gi, 'a scope test of your stomach (endoscopy)'],
  [/\bcolonoscopy\b/gi, 'a scope test of your colon (colonoscopy)'],
  [/\bmammogram\b/gi, 'a mammogram'],
  [/\b(?:few |more |routine |some )?(?:labs|lab work|blood work(?: drawn)?|blood tests)\b/gi, 'blood tests'],
  [/\bmri\b/gi, 'an MRI scan'],
  [/\bct(?: scan)?\b/gi, 'a CT scan'],
  [/\bx-?rays?\b/gi, 'an X-ray'],
  [/\brenal artery ultrasound\b/gi, 'an ultrasound scan of your kidney arteries'],
  [/\barterial ultrasound\b/gi, 'an ultrasound scan of your arteries'],
  [/\bultrasound\b/gi, 'an ultrasound scan'],
  [/\babdomen\b/gi, 'belly'],
  [/\bwithout contrast\b/gi, 'without dye'],
  [/\bwith contrast\b/gi, 'with dye'],
  [/\brenal\b/gi, 'kidney'],
  [/\bhepatic\b/gi, 'liver'],
  [/\blower extremities\b/gi, 'legs'],
  [/\bupper extremities\b/gi, 'arms'],
  [/\bright upper quadrant\b/gi, 'belly'],
];

/** A test as the patient is told it: what it is in plain words, when, and the condition it waits on. */
function testInstruction(text: string): { line: string; key: string } {
  const considered = /^Consider /.test(text);
  let t = text
    .replace(/^(?:Order|Consider|Schedule|Get|Check|Repeat|Recheck) /, (m) =>
      /^Re(?:peat|check)/.test(m) ? 'repeat ' : '',
    )
    .replace(/\s*\((?:due|pending|ordered)\)/i, '')
    .replace(/\.$/, '');
  // A condition it waits on ("if they are still having symptoms") makes it a test the patient may need.
  const cond = / (if|unless) (.+)$/.exec(t);
  if (cond) t = t.slice(0, cond.index);
  t = t
    .replace(/ to (?:further )?(?:evaluate|assess)$/i, ' to learn more')
    .replace(/ to (?:further )?(?:evaluate|assess|rule out)(?: for)?(?: any)?\b/gi, ' to check for')
    .replace(/ for the future$| for next time$| next time$/i, '');
  // Each name is replaced once: a plain phrase put in is held out of the later rules ("an ultrasound of your heart").
  let key = '';
  const put: string[] = [];
  for (const [re, plain] of PLAIN_TEST)
    t = t.replace(re, () => {
      key += `|${plain}`;
      put.push(plain);
      return `${PLACE}${put.length - 1}${PLACE}`;
    });
  t = t.replace(PLACED, (_, i: string) => put[Number(i)]!);
  t = t
    .replace(/\b(?:repeat|another|follow-up) (?:a|an) /gi, 'another ')
    .replace(/\b(?:blood test|test) (another|a|an) /gi, '$1 ')
    .replace(/\b(?:a|an) (a|an|another) /gi, '$1 ')
    .replace(/\b(\w+) (?:a|an) (ultrasound scan|CT scan|MRI scan|X-ray)\b/g, (m, w: string, scan: string) =>
      /^(?:and|or|the|get|your)$/i.test(w) ? m : `${aOrAn(`${w} ${scan}`)}`,
    )
    .replace(/ (an? )?(ultrasound scan|CT scan|MRI scan|X-ray) of (?:the|your) /g, ' $1$2 of your ')
    .replace(/ of your arteries of (?:the|your) /g, ' of the arteries in your ')
    .trim();
  const when = cond ? ` ${cond[1]} ${toPatient(cond[2]!)}` : '';
  const named = /^(?:a|an|another|blood tests)\b/i.test(t);
  const body = named ? t : `this test: ${t}`;
  return {
    line: considered || cond ? `You may need ${body}${when}.` : `Get ${body}.`,
    key: key || t.toLowerCase(),
  };
}

function piPlan(ctx: Ctx): Line[] {
  const out: Line[] = [];
  const tests = new Map<string, Line>();
  for (const it of planItemsOf(ctx)) {
    if (it.kind === 'test') {
      // The same test said twice ("another hemoglobin a1c", "hemoglobin a1c") is told once, in its cleaner words.
      const { line: said, key } = testInstruction(it.text);
      const seen = tests.get(key);
      if (seen) {
        if (said.length < seen.text.length) seen.text = said;
        seen.evidence = [...new Set([...seen.evidence, ...it.evidence])].sort((a, b) => a - b);
        continue;
      }
      const l = essential(line(said, it.evidence));
      tests.set(key, l);
      out.push(l);
    } else if (it.kind === 'referral') {
      const cond = / (if|unless) (.+?)\.?$/.exec(it.text);
      const to = referralTo(cond ? it.text.slice(0, cond.index) : it.text);
      out.push(
        essential(
          line(
            /^consider /i.test(it.text) || cond
              ? `We may send you to ${to}${cond ? ` ${cond[1]} ${toPatient(cond[2]!)}` : ''}.`
              : `We are sending you to ${to}.`,
            it.evidence,
          ),
        ),
      );
    } else if (it.kind === 'procedure')
      out.push(
        line(
          /brace|splint|cast|boot|sling|crutches|cane|walker|stockings/.test(it.target)
            ? `You will get ${/s$/.test(it.target) ? '' : /^[aeiou]/.test(it.target) ? 'an ' : 'a '}${it.target}.`
            : `We plan: ${it.target}.`,
          it.evidence,
        ),
      );
    else if (it.kind === 'follow-up')
      out.push(
        essential(
          line(
            `Come back ${/^the /.test(it.target) ? 'after ' : /^(?:next|in|on|after|this)\b/.test(it.target) ? '' : 'in '}${it.target}.`,
            it.evidence,
          ),
        ),
      );
    else if (it.kind === 'counselling' && it.advice)
      out.push(line(finishSentence(cap(it.advice.replace(/\b(?:his|her|their)\b/g, 'your'))), it.evidence));
  }
  return out;
}

/** Lines the readability pass never drops: a medicine, a test, a referral, the follow-up, a warning. */
const ESSENTIAL = new WeakSet<object>();
function essential(l: Line): Line {
  ESSENTIAL.add(l);
  return l;
}

function piWarning(ctx: Ctx): Line[] {
  const r = planItemsOf(ctx).find((i) => i.kind === 'return-precautions');
  if (!r) return [];
  // The doctor's own warning signs ("call me if you gain more than 3 pounds in a day or get short of breath"), in the
  // patient's words, when they were said as a short clause; else the general warning.
  const said = ctx.ex.sentences.find((x) => x.turn === r.at.turn && x.pos === r.at.pos);
  const when = said && warningSigns(said.text);
  if (when)
    return [
      essential(
        line(r.target === 'emergency' ? `Go to the emergency room if ${when}.` : `Call us if ${when}.`, r.evidence),
      ),
    ];
  return [
    essential(
      line(
        r.target === 'emergency'
          ? 'If you get worse, go to the emergency room.'
          : 'Call us if you get worse or if you have new problems.',
        r.evidence,
      ),
    ),
  ];
}

/** The condition of a return precaution, as said to the patient ("you gain more than 3 pounds in a day"). */
function warningSigns(text: string): string | null {
  const clean = cleanSpoken(text).toLowerCase();
  const m =
    /\b(?:if|when)\s+((?:you\s+(?:have|get|gain|notice|develop|start|feel|see|are|experience|can't|cannot|don't)|(?:your|the)\s+(?:\w+\s+){0,2}(?:gets?|becomes?|is|are|starts?|worsens?|increases?|goes))\b[^.?!;]*)/.exec(
      clean,
    );
  if (!m) return null;
  let clause = m[1]!
    .split(/\s(?:okay|alright|and then|so|please|give us|call|come|go to|let (?:me|us) know)\b/)[0]!
    .replace(/[,\s]+$/, '')
    .trim();
  clause = trimHanging(clause).replace(/[.]$/, '');
  const words = clause.split(/\s+/);
  if (words.length < 3 || words.length > 20 || /\b(?:i|we|me|my)\b/.test(clause)) return null;
  // "if you have any issues" says less than the general warning; a sign is a symptom, a change for the worse or a
  // number to watch.
  if (
    !/\b(?:wors\w*|severe|fever|pain|bleed\w*|breath|swell\w*|gain|pounds?|red|numb\w*|dizz\w*|faint\w*|vomit\w*|chest|vision|weak\w*|rash|\d)/.test(
      clause,
    )
  )
    return null;
  return clause;
}

type Source = (ctx: Ctx) => Line[];

/** Content sources a template section can name. */
export const SOURCES: Record<string, Source> = {
  chief_complaint: chiefComplaint,
  hpi: (c) => hpi(c),
  hpi_brief: (c) => hpi(c, true),
  ros,
  exam,
  vitals,
  results,
  objective,
  assessment_plan: assessmentPlan,
  assessment,
  plan,
  medications,
  allergies,
  immunizations,
  medical_history: history('medical'),
  surgical_history: history('surgical'),
  family_history: history('family'),
  social_history: (ctx) => [...history('social')(ctx), ...lifeSituation(ctx)],
  letter_opening: letterOpening,
  letter_closing: () => [],
  prior_auth_opening: priorAuthOpening,
  treatment_requested: treatmentRequested,
  medical_necessity: medicalNecessity,
  pi_reason: piReason,
  pi_found: piFound,
  pi_medications: piMedications,
  pi_plan: piPlan,
  pi_warning: piWarning,
};

/** What an empty section kept by its template says in a note (a letter's closing stays bare). */
export const NOT_DISCUSSED = 'Not discussed.';

/**
 * Renders sections as note text: heading on its own line, a blank line between sections. With `notDiscussed`, a
 * section kept empty says so rather than standing as a bare heading.
 */
export function renderNote(sections: DraftSection[], notDiscussed = false): string {
  return sections
    .map((s) => {
      const lines: string[] = [];
      let cur: string[] = [];
      let curPara: number | undefined;
      for (const x of s.sentences as Line[]) {
        if (x.para !== undefined && x.para === curPara && cur.length) cur.push(x.text);
        else {
          if (cur.length) lines.push(cur.join(' '));
          cur = [x.text];
        }
        curPara = x.para;
      }
      if (cur.length) lines.push(cur.join(' '));
      if (!lines.length && notDiscussed) lines.push(NOT_DISCUSSED);
      return lines.length ? `${s.title}\n${lines.join('\n')}` : s.title;
    })
    .join('\n\n');
}

/**
 * Keeps patient instructions at or below grade 8: drops the hardest sentences while the grade is above 8, but never a
 * medicine, a test, a referral, the follow-up or a warning (safety before reading level).
 */
function enforceReadability(sections: DraftSection[], maxGrade = 8): void {
  const text = () => sections.flatMap((s) => s.sentences.map((x) => x.text)).join('\n');
  let guard = 0;
  while (fleschKincaid(text()).grade > maxGrade && guard++ < 200) {
    let worst: { s: DraftSection; i: number; g: number } | null = null;
    for (const s of sections)
      s.sentences.forEach((x, i) => {
        if (ESSENTIAL.has(x)) return;
        const g = fleschKincaid(x.text).grade;
        if (!worst || g > worst.g) worst = { s, i, g };
      });
    if (!worst) break;
    const w = worst as { s: DraftSection; i: number };
    w.s.sentences.splice(w.i, 1);
  }
}

/** Which content sources hold the doctor's own voice (the plan) and which hold findings and history. */
const REGISTER_SECTION: Record<string, RegisterSection | undefined> = {
  hpi: 'history',
  hpi_brief: 'history',
  exam: 'exam',
  objective: 'exam',
  results: 'results',
  vitals: 'results',
  assessment_plan: 'plan',
  plan: 'plan',
};

/**
 * Where a copied sentence the register model (register-model.ts) reads as speech is dropped, below what likelihood of
 * reading as a note; one with a number, a condition, an operation or a drug (and outside the history a symptom, and in
 * the plan a plan word) is kept however it reads. Tuned on the train split (key facts 87.9 → 87.6 %, 25 fewer words
 * per note): the history loses its run-ons, the other sections only speech with nothing clinical in it.
 */
const SPEECH_BELOW: Partial<Record<RegisterSection, { below: number; keep: 'clinical' | 'conditions' }>> = {
  history: { below: 0.1, keep: 'conditions' },
  plan: { below: 0.05, keep: 'clinical' },
  exam: { below: 0.05, keep: 'clinical' },
  results: { below: 0.05, keep: 'clinical' },
};

/**
 * A family's report read as the patient's own ("The family reports that he …" as "He reports that he …"): who told it
 * does not make it more or less a note's sentence, and the register model has seen few such tellers.
 */
function asToldByPatient(text: string): string {
  return text.replace(
    /^The family (reports|states) that (she|he|they)\b/,
    (_, verb: string, pron: string) => `${cap(pron)} ${verb} that ${pron}`,
  );
}

/** Whether the register model reads a line as speech turned into the third person rather than a note's sentence. */
function readsAsSpeech(text: string, section?: RegisterSection): boolean {
  const rule = section ? SPEECH_BELOW[section] : undefined;
  if (!rule) return false;
  const body = splitLabel(text).body;
  // In the history, a condition named only as the story's time or setting ("during COVID") anchors nothing.
  const lower = section === 'history' ? withoutIncidental(body.toLowerCase()) : body.toLowerCase();
  const lex = lexicons();
  // A number, a condition, an operation or a drug is kept however it reads; with 'clinical', a symptom too.
  if (
    /\d/.test(body) ||
    lex.problems.match(lower).length ||
    lex.surgeries.match(lower).length ||
    lex.medications.match(lower).length ||
    (rule.keep === 'clinical' && lex.symptoms.match(lower).length) ||
    (section === 'plan' && PLAN_CONTENT.test(lower)) ||
    // A diagnosis the lexicon does not know ("IgA deficiency") or how an injury happened ("bitten by a tick").
    lower.split(/\s+/).some((w) => DIAGNOSIS_HEAD.test(w.replace(/[^a-z']/g, ''))) ||
    MECHANISM.test(lower) ||
    // Exertion, the night, missed doses and function lost, with a symptom they qualify (see HISTORY_MODIFIER).
    (section === 'history' && HISTORY_MODIFIER.test(lower) && lex.symptoms.match(lower).length > 0)
  )
    return false;
  return noteLikelihood(asToldByPatient(body)) < rule.below;
}

/** The study a review announcement ends on ("… at the results of his chest x-ray."), which labels the next finding. */
const ANNOUNCED_STUDY = /((?:chest )?x-?rays?|mri|ct scan|echo(?:cardiogram)?|ultrasound)\W*$/i;

/** A study named in a sentence, which then needs no label. */
const STUDY_NAMED = /\b(?:x-?rays?|mri|ct|scan|echo\w*|ultrasound|labs?|results?)\b/;

/** Where a run-on's clause can end: before a new subject or a conjunction that starts another clause. */
const CLAUSE_BREAK =
  /\s(?=(?:and|but|so|because|if|when|that's|which|or|they|he|she|it|it's|i|we|then|especially|otherwise|like)\s)/g;

/**
 * The longest opening clause of a sentence the register model reads as speech that reads as a note by itself and
 * still names something clinical ("They don't remember an injury if it was something that they injured they think…"
 * → "They don't remember an injury."); null when no clause does.
 */
function salvage(text: string): string | null {
  const { label, body } = splitLabel(text);
  const cuts = [...body.matchAll(CLAUSE_BREAK)].map((m) => m.index).reverse();
  for (const at of cuts) {
    const head = body
      .slice(0, at)
      .replace(/[\s,;:-]+$/, '')
      .trim();
    if (head.split(/\s+/).length < 4) continue;
    const cand = `${head}.`;
    if (!lexicalAnchor(cand.toLowerCase()) && !HPI_TERMS.test(cand.toLowerCase())) continue;
    if (noteLikelihood(asToldByPatient(cand)) >= 0.5 && readsAsNote(cand)) return label + cand;
  }
  return null;
}

/** How a drug class is named in speech and notes, and which lexicon classes (medications.json) it takes in. */
const CLASS_WORDS: Array<[string, (drugClass: string) => boolean]> = [
  ['blood[- ]?thinn\\w*|anti-?coagula\\w*', (c) => c === 'anticoagulant' || c === 'antiplatelet'],
  ['anti-?platelets?(?: agents?| therapy)?', (c) => c === 'antiplatelet'],
  ['(?:oral |inhaled |topical )?(?:cortico)?steroids?', (c) => c.includes('corticosteroid')],
  ['insulin', (c) => c === 'insulin'],
  ['nsaids?|anti-?inflammator(?:y|ies)|non-?steroidals?', (c) => c === 'nsaid'],
  ['antibiotics?', (c) => c.endsWith('antibiotic')],
  ['opioids?|opiates?|narcotics?', (c) => c === 'opioid'],
  ['statins?', (c) => c === 'statin'],
  ['diuretics?|water pills?', (c) => c.endsWith('diuretic')],
  ['antidepressants?', (c) => /^(?:ssri|snri|tricyclic antidepressant|antidepressant)$/.test(c)],
  ['antihistamines?', (c) => c === 'antihistamine'],
];
/**
 * A sentence denying any drug of a class the patient takes now: "denies any blood thinners", "no steroids", "not on
 * insulin" (null when the patient takes none of the classes).
 */
function classDenials(facts: ClinicalFacts): RegExp | null {
  const taken = new Set(
    facts.medications
      .filter(
        (m) =>
          m.subject === 'patient' &&
          !m.negated &&
          m.assertion !== 'hypothetical' &&
          m.time !== 'past' &&
          m.change !== 'stop' &&
          m.drugClass,
      )
      .map((m) => m.drugClass!),
  );
  const words = CLASS_WORDS.filter(([, of]) => [...taken].some(of)).map(([w]) => w);
  if (!words.length) return null;
  return new RegExp(
    `\\b(?:denies|denied|denying|no|not (?:currently )?(?:on|taking|using)|never (?:taken|been on|used)|(?:does|do)(?: not|n't) (?:take|use)|(?:is|are)n't (?:on|taking)|without)(?: (?:any|current|currently|regular|prior|known|use of|history of|other|of))* (?:${words.join('|')})\\b`,
  );
}

/**
 * A note section's lines in a note's register (see register.ts): each repaired, and dropped if it still reads as
 * speech. A dropped line's bullet label ("• Medical Reasoning: ") passes to the next line of its paragraph.
 */
function inNoteRegister(lines: Line[], section?: RegisterSection, deniedTaken: RegExp | null = null): Line[] {
  const out: Line[] = [];
  let carry: CarriedLabel | null = null;
  let pendingStudy: { name: string; para: number | undefined } | null = null;
  // A run-on sentence is read clause by clause: each clause is a sentence with the evidence of the whole.
  const clauses = lines.flatMap((l) =>
    splitRunOn(l.text).map((text, i) =>
      i === 0 ? Object.assign(l, { text }) : { ...l, text, evidence: [...l.evidence] },
    ),
  );
  for (const l of clauses) {
    let text = repairRegister(l.text);
    if (section === 'exam') text = examRegister(text);
    // A clause the model reads as speech may keep its opening clause, which salvage() checks reads as a note.
    let speech = readsAsSpeech(text, section);
    const saved = speech ? salvage(text) : null;
    if (saved) {
      text = saved;
      speech = false;
    }
    // A clause that only announces a review ("Looking here at the results of his chest x-ray.") says nothing itself;
    // the study it names labels the finding that follows ("Chest x-ray: it does look like he has some fluid…").
    const body = splitLabel(text).body;
    const announces = REVIEW_ANNOUNCE.test(body.toLowerCase());
    if (announces) {
      const study = ANNOUNCED_STUDY.exec(body.toLowerCase());
      pendingStudy = study ? { name: study[1]!, para: l.para } : null;
    } else if (pendingStudy) {
      if (pendingStudy.para === l.para && !STUDY_NAMED.test(body.toLowerCase()) && readsAsNote(text, section))
        text = `${splitLabel(text).label}${cap(pendingStudy.name)}: ${body.charAt(0).toLowerCase()}${body.slice(1)}`;
      pendingStudy = null;
    }
    if (
      announces ||
      speech ||
      !readsAsNote(text, section) ||
      (section === 'plan' && emptyDirective(body)) ||
      deniedTaken?.test(body.toLowerCase())
    ) {
      carry = carriedLabel(l) ?? carry;
      continue;
    }
    l.text = withCarried(text, l.para, carry);
    carry = null;
    out.push(l);
  }
  return section === 'plan' ? withoutRestatedTalk(out) : section === 'exam' ? withoutRestatedFindings(out) : out;
}

/** Below this likelihood of reading as a note, an A&P sentence must name something the rest of the A&P does not. */
const RESTATED_BELOW = 0.1;

/** What a plan sentence names that a note must keep: numbers, conditions, operations, drugs, studies, procedures. */
function planAnchors(lower: string): string[] {
  const lex = lexicons();
  return [
    ...(lower.match(/\d+(?:\.\d+)?/g) ?? []),
    ...lex.problems.match(lower).map((m) => m.value),
    ...lex.surgeries.match(lower).map((m) => m.value),
    ...lex.medications.match(lower).map((m) => m.value.name),
    ...lex.symptoms.match(lower).map((m) => m.value.name),
    ...(lower.match(new RegExp(RESULT_TEST.source, 'g')) ?? []),
    ...(lower.match(PROCEDURE_WORDS) ?? []),
    ...lower.split(/[^a-z']+/).filter((w) => DIAGNOSIS_HEAD.test(w) || /^(?:exacerbation|flare)s?$/.test(w)),
    // An interval: "how about in a month they come back".
    ...(lower.match(/\b(?:a|one|two|three|four|six|\d+) (?:days?|weeks?|months?|years?)\b/g) ?? []),
    // When to come back: "if it's not getting better come on back and see me".
    ...(/\b(?:not|n't) (?:get(?:ting)? |feel(?:ing)? )?better|\bworse/.test(lower) &&
    /\bcome (?:on )?(?:back|in)|\bcall|\bsee (?:me|us|them|him|her)\b|\bhospital|\bemergency|\bsooner\b/.test(lower)
      ? ['return']
      : []),
  ];
}
const PROCEDURE_WORDS =
  /\b(?:injections?|shots?|surgery|splint|brace|sling|cast|crutches|boot|physical therapy|therapy|biopsy|excision|referral|refer\w*|specialist|emergency|er|diet|exercise|weights?|photos?|pictures?|log|record|strainer|risks?|avoid \w+|salt|alcohol|foods?|smok\w*|stress)\b/g;

/**
 * The A&P's talk that only restates what its other lines say ("Will see her back in 4 weeks if it's not if the
 * headache is not better…" after "Follow up in a month.") or names nothing at all ("Have a good rest of their day and
 * give us a call…"): a line the register model reads as speech goes when every number, condition, drug, study and
 * procedure it names is stated elsewhere in the A&P. A line that carries one of its own stays, however it reads.
 */
function withoutRestatedTalk(lines: Line[]): Line[] {
  const split = lines.map((l) => splitLabel(l.text));
  // Each line's anchors, read once; a line's are checked against those of the lines still kept.
  const anchors = split.map(({ body }) => planAnchors(body.toLowerCase()));
  const drop = new Set<number>();
  split.forEach(({ label, body }, i) => {
    // A finding labelled with its study ("Chest x-ray: it does look like he has some fluid…") is a result.
    const study = label.trim() && !label.startsWith('•');
    if (lines[i]!.fact || study || noteLikelihood(body) >= RESTATED_BELOW) return;
    const rest = new Set(anchors.filter((_, j) => j !== i && !drop.has(j)).flat());
    if (anchors[i]!.every((a) => rest.has(a))) drop.add(i);
  });
  if (!drop.size) return lines;
  // A dropped line's bullet label passes to the next line of its paragraph, as inNoteRegister does.
  const out: Line[] = [];
  let carry: CarriedLabel | null = null;
  lines.forEach((l, i) => {
    if (drop.has(i)) {
      carry = carriedLabel(l) ?? carry;
      return;
    }
    l.text = withCarried(l.text, l.para, carry);
    carry = null;
    out.push(l);
  });
  return out;
}

type CarriedLabel = { label: string; para: number | undefined };

/** Words that carry no finding of their own when one finding is compared with another. */
const RESTATED_FILLER = new Set(
  'the a an of on in at to with and or both some his her their is are was were there as well also'.split(' '),
);
/** Words that say where a finding is: a line that adds one ("between the big toe and the second toe") is elsewhere. */
const RESTATED_PLACE =
  /^(?:between|medial|lateral|left|right|proximal|distal|anterior|posterior|upper|lower|dorsal|plantar|first|second|third|fourth|fifth|inside|outside|top|bottom|base|tip|over|along|around|above|below|near|bilateral\w*)$/;

/**
 * A finding that another finding of the same system states in full goes ("Pain with flexion of the knee." beside "…
 * pain on both flexion and extension on the knee."): its words, less fillers, are all in that one, which says more,
 * but not more about where. Polarity, side and grade words count, so "No pain with flexion" is not "pain with
 * flexion". Findings are compared within their bullet (one system); a dropped bullet's label passes to the next.
 */
function withoutRestatedFindings(lines: Line[]): Line[] {
  const words = lines.map((l) => {
    const said =
      splitLabel(l.text)
        .body.toLowerCase()
        .match(/[a-z0-9+/'-]+/g) ?? [];
    return new Set(said.filter((w) => !RESTATED_FILLER.has(w)));
  });
  const out: Line[] = [];
  let carry: CarriedLabel | null = null;
  lines.forEach((l, i) => {
    const w = words[i]!;
    const restated =
      w.size >= 2 &&
      lines.some((o, j) => {
        const ow = words[j]!;
        if (j === i || o.para !== l.para || ow.size < w.size || (ow.size === w.size && j > i)) return false;
        if (![...w].every((x) => ow.has(x))) return false;
        return ![...ow].some((x) => !w.has(x) && RESTATED_PLACE.test(x));
      });
    if (restated) {
      carry = carriedLabel(l) ?? carry;
      return;
    }
    const text = withCarried(l.text, l.para, carry);
    carry = null;
    out.push(
      text === l.text
        ? l
        : { ...l, text: text.replace(/^(• [^:]+: )([a-z])/, (_, a: string, b: string) => a + b.toUpperCase()) },
    );
  });
  return out;
}

/** The bullet label ("• Medical Reasoning: ") a dropped line hands to the next line of its paragraph, if it has one. */
function carriedLabel(l: Line): CarriedLabel | null {
  const { label } = splitLabel(l.text);
  return label.startsWith('•') && label.includes(':') ? { label, para: l.para } : null;
}

/** A kept line with the label a dropped line before it in its paragraph handed on (unless it has its own). */
function withCarried(text: string, para: number | undefined, carry: CarriedLabel | null): string {
  return carry && carry.para === para && !text.startsWith('•') ? carry.label + text : text;
}

/** The content sources that write the patient's history in a section of its own. */
const HISTORY_SOURCES = new Set([
  'medical_history',
  'surgical_history',
  'family_history',
  'social_history',
  'medications',
  'allergies',
  'immunizations',
]);

/**
 * A habit, circumstance or allergy said in the HPI and in a history section alike, by topic: the words that say it in
 * a sentence, and the history lines that can say it (by their words, or by the section they stand in).
 */
const HISTORY_TOPICS: Array<{ words: RegExp; source?: string; habit: boolean }> = [
  // "Not allergic to any drugs": the drugs are the allergy's, not a habit.
  {
    words: /\b(?:allerg\w*|react\w*)\b(?:\s+to(?:\s+any)?\s+(?:drugs?|medicines?|medications?)\b)?/g,
    source: 'allergies',
    habit: false,
  },
  { words: /\b(?:smok\w*|cigar\w*|tobacco|nicotine|vap\w*)\b/g, habit: true },
  { words: /\b(?:drink\w*|drank|alcohol\w*|beers?|wine|liquor|booze|sip)\b/g, habit: true },
  { words: /\b(?:drugs?|marijuana|weed|pot|cocaine|heroin|meth\w*|substances?|illicit|recreational)\b/g, habit: true },
  { words: /\b(?:married|marriage|widow\w*|divorc\w*|separated)\b/g, habit: false },
  { words: /\b(?:retired|retirement|job|employ\w*|unemployed|occupation)\b/g, habit: false },
];

/** Words that carry no fact of their own beside the history fact a sentence names. */
const HISTORY_FILLER =
  /^(?:the|a|an|patient|she|he|they|them|their|theirs|his|her|hers|themselves|themself|himself|herself|reports?|states?|that|also|about|around|approximately|roughly|some|any|all|and|or|but|so|of|for|in|on|at|to|with|by|as|is|are|was|were|been|be|being|has|have|had|having|do|does|did|take|takes|taking|took|taken|use|uses|used|using|consumes?|get|gets|got|currently|current|now|still|time|history|diagnosed|suffer\w*|from|dealing|issues?|problems?|conditions?|too|either|well|there|this|these|those|just|only|ever|finally|other|past|before|since|then|out|up|done|surgery|surgeries|removed|medications?|medicines?|pills?|regular|basis|who|which|will|would|very|pretty|really|quite|day|per|yes|yeah|okay|same|life)$/;
/** A vague time that says nothing a history line must carry: "a few years ago", "some time back", "for a while now". */
const VAGUE_TIME =
  /\b(?:(?:a few|few|several|many|some|a couple of|couple of|couple) )?years (?:ago|back)\b|\bsome time (?:ago|back)\b|\b(?:for )?(?:a while|some time|a long time|years)(?: now)?\b|\bgrowing up\b|\bit looks like\b/g;

/** Words of speech around a habit that say nothing of it: "in my entire life", "nor do I plan on it", "at a party". */
const SPOKEN_AROUND_HABIT =
  /^(?:entire|whole|life|ever|plan|planning|party|parties|really|actually|touched|anything|stuff|things?|if|like|even|never|once)$/;

/** A drug said as taken before, not now. */
const PAST_DRUG = /\b(?:has|have|had) (?:taken|tried|been on)\b|\b(?:took|tried|before|previously|prior)\b/;

/** A clause that denies, or a history line that records a denial. */
const DENIED_CLAUSE = /\b(?:not|no|never|none|nor|without|denies|denied|cannot)\b|n't\b/;
/** A clause or a history line about a habit given up. */
const GIVEN_UP = /\b(?:quit|stopped|used to|use to|no longer|any ?more|former(?:ly)?|in the past)\b/;

/** A habit line the drafter writes itself ("Former smoker, 2 packs per day for 30 years; quit 8 years ago."), not speech. */
const WRITTEN_HABIT = /^former (?:smoker|alcohol use|tobacco use)\b/;
/** A habit told in the past tense. */
const HABIT_PAST = /\b(?:smoked|used to smoke|was smoking|were smoking|drank|used to drink)\b/;
/** Whether a history line and an HPI clause say the habit or condition with the same polarity (and, for a habit, time). */
function samePolarity(clause: string, historyLine: string, habit: boolean): boolean {
  const formerH = GIVEN_UP.test(historyLine);
  // "They smoked a pack a day for 20 years" beside "Former smoker, …": the habit told in the past tense is the former one.
  const formerC = GIVEN_UP.test(clause) || (formerH && HABIT_PAST.test(clause));
  const deniedC = !formerC && DENIED_CLAUSE.test(clause);
  const deniedH = !formerH && DENIED_CLAUSE.test(historyLine);
  if (deniedC !== deniedH) return false;
  return !habit || formerC === formerH;
}

/**
 * An HPI sentence that only restates a history fact its own section writes from the same turn ("The patient reports
 * that they smoke about 2 packs of cigarettes a day." beside "Smokes about 2 packs per day."; "…had their gallbladder
 * removed a few years ago." beside "Cholecystectomy."; "…are taking Atenolol and Mevacor." beside the medication
 * list) is not the present illness: it goes from the HPI. Each clause that names a condition, operation, drug, habit
 * or allergy must be named so, with the same polarity, by a history line citing one of the sentence's turns and say
 * nothing more (no symptom, number or other word that line does not carry); a clause naming none must say nothing
 * those lines do not. A sentence that tells the illness stays.
 */
function withoutRestatedHistory(
  hpiLines: Line[],
  historyLines: Array<{ line: Line; source: string }>,
  triedDrugs: ReadonlySet<string> = new Set(),
): Line[] {
  if (!historyLines.length) return hpiLines;
  const lex = lexicons();
  const lowered = hpiLines.map((l) => l.text.toLowerCase());
  // Whether the HPI tells a present illness at all (a symptom in any line): what was tried for it is its course.
  const illness = lowered.some((t) => lex.symptoms.match(t).length > 0);
  const stem = (w: string) => w.replace(/(?:'s|ly|s)$/, '');
  const wordsOf = (t: string) => new Set((t.match(/[a-z0-9]+/g) ?? []).map(stem));
  return hpiLines.filter((l, i) => {
    // A line the next one leans on ("… have type 2 diabetes." "Their numbers always come high.") stays with it.
    const next = hpiLines[i + 1];
    if (next && next.para === l.para && /^(?:it|this|that|these|those|their|his|her)\b/i.test(next.text)) return true;
    // A history line copied from speech at length ("There are times when she is walking…") is no fact written in its
    // own section: the HPI is where that story stays.
    const near = historyLines
      .filter((h) => h.line.evidence.some((t) => l.evidence.includes(t)))
      .map((h) => ({ text: splitLabel(h.line.text).body.toLowerCase(), source: h.source }))
      .filter(
        (h) =>
          (h.text.split(/\s+/).length <= 10 || WRITTEN_HABIT.test(h.text)) &&
          !/^(?:she|he|they|it|i|we|you|some|there)\b/.test(h.text),
      );
    if (!near.length) return true;
    const body = splitLabel(l.text).body.toLowerCase();
    if (/\b(?:presents?|year-old)\b/.test(body)) return true;
    const allSaid = wordsOf(near.map((h) => h.text).join(' '));
    const clauses = body
      .replace(/[.!?]+$/, '')
      .split(/\s*[,;]\s*|\s+(?:and|so|because)\s+(?=(?:she|he|they|it|now|then)\b)|\s+but\s+/)
      .filter((c) => c.trim());
    let anchored = 0;
    for (const clause of clauses) {
      let rest = clause.replace(VAGUE_TIME, (m) => ' '.repeat(m.length));
      const covering: string[] = [];
      const cover = (start: number, end: number, lines: string[]) => {
        rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
        covering.push(...lines);
        anchored++;
      };
      const named = (
        matcher: { match(t: string): Array<{ value: unknown; start: number; end: number }> },
        key: (v: unknown) => string,
        sources: RegExp,
      ): boolean => {
        for (const m of matcher.match(clause)) {
          const want = key(m.value).toLowerCase();
          const by = near
            .filter((h) => sources.test(h.source))
            .map((h) => h.text)
            .filter(
              (h) =>
                (h.includes(want) || matcher.match(h).some((x) => key(x.value).toLowerCase() === want)) &&
                samePolarity(clause, h, false),
            );
          if (!by.length) return false;
          cover(m.start, m.end, by);
        }
        return true;
      };
      // Each in its own section: a drug in the medications or allergies, an operation or condition in the history.
      // A drug taken before ("They have taken Lexapro before.") is not today's list; one tried for the complaint is
      // the illness's course, unless another HPI line says so ("The patient has tried ibuprofen.").
      const drugs = lex.medications.match(clause);
      if (drugs.length && PAST_DRUG.test(clause)) return true;
      const tried =
        illness &&
        drugs.some(
          (m) =>
            triedDrugs.has(m.value.name) &&
            !lowered.some((o, j) => j !== i && (o.includes(m.value.name) || o.includes(m.phrase))),
        );
      if (tried) return true;
      if (!named(lex.medications, (v) => (v as { name: string }).name, /^(?:medications|allergies)$/)) return true;
      if (!named(lex.surgeries, (v) => v as string, /^(?:surgical|medical)_history$/)) return true;
      if (!named(lex.problems, (v) => v as string, /^(?:medical|surgical)_history$/)) return true;
      for (const topic of HISTORY_TOPICS) {
        const hits = [...rest.matchAll(topic.words)];
        if (!hits.length) continue;
        const said = new RegExp(topic.words.source);
        const by = near
          .filter((h) => h.source === (topic.source ?? 'social_history') && (!!topic.source || said.test(h.text)))
          .map((h) => h.text)
          .filter((h) => samePolarity(clause, h, topic.habit));
        if (!by.length) return true;
        for (const m of hits) cover(m.index, m.index + m[0].length, by);
      }
      // A symptom the history line does not name (an allergy's reaction it does) is the present illness.
      const have = covering.length ? wordsOf(covering.join(' ')) : allSaid;
      // A symptom is the present illness, unless it is the reaction an allergy line names ("Sulfa (rash).").
      const reactions = wordsOf(
        near
          .filter((h) => h.source === 'allergies')
          .map((h) => h.text)
          .join(' '),
      );
      for (const m of lex.symptoms.match(rest))
        if (!(m.value.name.match(/[a-z0-9]+/g) ?? []).every((w) => reactions.has(stem(w)))) return true;
      // With no present illness told, the words of speech around a habit said ("never smoked in my entire life",
      // "if I'm at a party") carry no fact the social history line must: the HPI invents no illness from them.
      const left = (rest.match(/[a-z0-9']+/g) ?? []).filter(
        (w) =>
          !HISTORY_FILLER.test(w) &&
          !DENIED_CLAUSE.test(w) &&
          !GIVEN_UP.test(w) &&
          !have.has(stem(w)) &&
          (illness || !SPOKEN_AROUND_HABIT.test(w)),
      );
      if (left.length) return true;
    }
    if (anchored) return false;
    // Naming nothing itself ("The patient reports that they quit 15 years ago."), it goes only where the history lines
    // of its turn carry every word of it ("Former smoker; quit 15 years ago.").
    const words = (body.replace(VAGUE_TIME, ' ').match(/[a-z0-9']+/g) ?? []).filter((w) => !HISTORY_FILLER.test(w));
    return words.length < 2 || !words.every((w) => allSaid.has(stem(w)));
  });
}

/**
 * The HPI as a clinician writes it, once each line is in a note's register: intensifiers and fillers out ("pretty
 * sore" → "sore"), a sentence speech left cut off trimmed to its last whole clause or left out when it names nothing
 * clinical, the patient's reasoning written as a belief or an attribution (see withReasoningAsNote), a subjectless
 * "Not …" answer naming nothing left out, and a bare symptom report another line already states left out (see
 * hpi.ts).
 */
function readableHpi(lines: Line[]): Line[] {
  const anchored = (lower: string) => lexicalAnchor(lower);
  const kept: Line[] = [];
  for (const l of lines) {
    const cut = withoutCutOffEnd(withoutIntensifiers(l.text), anchored);
    // The patient's reasoning as a note writes it: a belief, an attribution; an aside on what they cannot tell out.
    const text = cut && withReasoningAsNote(cut, anchored);
    if (!text || subjectlessNot(text, anchored)) continue;
    l.text = text;
    kept.push(l);
  }
  return withoutRepeatedReports(kept);
}

export function draftNote(transcript: Transcript, options: DraftOptions = {}): Draft {
  forgetCleaned();
  const template: NoteTemplate =
    typeof options.template === 'object' ? options.template : loadTemplate(options.template ?? 'outpatient');
  const ex = extractionContext(transcript);
  applyLearnedSections(ex, options.utterances); // learned utterance sections (core/clinical/learned/hook.ts); none → rules
  const facts = options.facts ?? extractFacts(transcript, ex);
  const sex = facts.patient.sex ?? ex.sex;
  const ctx: Ctx = { transcript, facts, ex, sex, cache: new Map(), kin: patientKinOf(transcript, sex) };
  const sections: DraftSection[] = [];
  for (const sec of template.sections) {
    const source = SOURCES[sec.source];
    if (!source) throw new Error(`template '${template.id}' names an unknown content source '${sec.source}'`);
    const lines = source(ctx);
    const omit = sec.omitIfEmpty ?? defaultOmitIfEmpty(sec.source);
    if (!lines.length && omit) continue;
    sections.push({ id: sec.id, title: sec.title, sentences: lines });
  }
  // Sentences copied from speech keep none of its marks: a leading link or an empty word goes; a sentence still
  // conversational, hanging or spoken to the patient after that is not written (a note is not a transcript).
  const kindOf = new Map(template.sections.map((t) => [t.id, REGISTER_SECTION[t.source]]));
  // A denial of a drug class the patient takes ("He denies any blood thinners." with "I am taking eliquis") is not
  // written, whoever said it.
  const deniedTaken = classDenials(facts);
  if (template.style === 'note')
    for (const sec of sections) sec.sentences = inNoteRegister(sec.sentences, kindOf.get(sec.id), deniedTaken);
  // The HPI tells the present illness: a sentence that only restates a history fact written in its own section from
  // the same turn goes (see withoutRestatedHistory).
  if (template.style === 'note') {
    const sourceOf = new Map(template.sections.map((t) => [t.id, t.source]));
    const historyLines = sections
      .filter((s) => HISTORY_SOURCES.has(sourceOf.get(s.id) ?? ''))
      .flatMap((s) => (s.sentences as Line[]).map((line) => ({ line, source: sourceOf.get(s.id)! })));
    for (const sec of sections)
      if (/^hpi/.test(sourceOf.get(sec.id) ?? ''))
        sec.sentences = readableHpi(withoutRestatedHistory(sec.sentences as Line[], historyLines, triedOf(ctx).drugs));
  }
  // Instructions and letters keep their voice; a line cut off mid-phrase ("Get this test: a1c and cbc and a.") loses
  // its hanging end.
  else for (const sec of sections) for (const l of sec.sentences) l.text = trimHanging(l.text);
  // A side corrected in the visit ("it's not the right knee, it's the left knee") is the corrected side everywhere.
  const corrections = sideCorrections(transcript);
  // The correction itself is conversation, not note content.
  if (corrections.length)
    for (const sec of sections) {
      sec.sentences = sec.sentences.filter((l) => !SIDE_CORRECTION.test(l.text.toLowerCase()));
      for (const l of sec.sentences) {
        const { text, turns } = withCorrectedSides(l.text, corrections);
        if (text === l.text) continue;
        l.text = text;
        l.evidence = [...new Set([...l.evidence, ...turns])].sort((a, b) => a - b);
      }
    }
  // A side said in a slip, against the side the rest of the visit uses, is in doubt and not written; where the visit
  // is unclear which side it is about, neither is (a wrong side is worse than none).
  const slips = sideSlips(transcript);
  if (slips.length)
    for (const sec of sections) for (const l of sec.sentences) l.text = withoutDoubtedSides(l.text, slips);
  // Abbreviations as clinicians write them ("Copd." → "COPD.", "mri of the knee" → "MRI of the knee").
  for (const sec of sections) for (const l of sec.sentences) l.text = withAbbreviations(l.text);
  // A note spells contractions out ("doesn't" → "does not"); instructions to the patient keep their plain voice.
  if (template.style === 'note')
    for (const sec of sections) for (const l of sec.sentences) l.text = expandContractions(l.text);
  // The patient's name as the introduction gave it, with capitals wherever the note writes it ("Daniel alvarez").
  const name = facts.patient.name;
  if (name && /^[a-z][a-z'-]+(?: [a-z][a-z'-]+)?$/i.test(name)) {
    const said = new RegExp(`\\b${name.replace(/ /g, '\\s+')}\\b`, 'gi');
    const written = name.replace(/\b[a-z]/g, (c) => c.toUpperCase());
    for (const sec of sections) for (const l of sec.sentences) l.text = l.text.replace(said, written);
  }
  // Faithfulness: each sentence is checked against its own evidence turns (numbers, drugs, doses, side, polarity,
  // person); one that fails is marked unsupported with its problems.
  verifyDraft(transcript, { template: template.id, sections, note: '' }, facts);
  if (template.style === 'instructions') enforceReadability(sections);
  // Sections emptied by the readability pass go too, unless the template keeps them when empty.
  const keepEmpty = new Set(
    template.sections.filter((t) => !(t.omitIfEmpty ?? defaultOmitIfEmpty(t.source))).map((t) => t.id),
  );
  const clean = sections.filter((s) => s.sentences.length > 0 || keepEmpty.has(s.id));
  const note = renderNote(clean, template.style === 'note');
  return {
    template: template.id,
    sections: clean.map((s) => ({
      id: s.id,
      title: s.title,
      sentences: s.sentences.map((x) => ({
        text: x.text,
        evidence: x.evidence,
        supported: x.supported,
        ...(x.problems?.length ? { problems: x.problems } : {}),
      })),
    })),
    note: note,
  };
}
