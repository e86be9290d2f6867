/**
 * Clinical fact extraction: demographics, chief complaint, symptoms (with negation, hedging, family subject,
 * duration, severity), history, medications (dose, unit, route, frequency, change), allergies, vitals, exam findings,
 * results, assessment problems and plan items. Every fact carries the turn indices it was read from.
 *
 * Rules work sentence by sentence; yes/no answers are attached to the doctor's question before them
 * ("any chest pain?" / "no." → chest pain, negated, evidence [question turn, answer turn]).
 */
import { numbersIn } from './numbers.js';
import { bareStrength, lexicons } from './lexicon.js';
import { asksCareGiven, CARE_SETTING_SAID, recountsCareGiven } from './plan.js';
import { assignSentencePhases, phases, sentencesInTurn, sentencesOf, type Phase, type Sentence } from './discourse.js';
import {
  hedged,
  isFamily,
  legacyFlags,
  pairQuestions,
  PROBLEM_FRAME_FIRST,
  readMention,
  reassignedTo,
  relativeChain,
  settleByAnswer,
  type MentionAssertion,
  type QA,
  isQuestion,
  answerPolarity,
} from './assertion.js';
import { cleanSpoken, toThirdPerson, finishSentence, type Sex } from './rewrite.js';
import { doctorLogOdds } from './roles.js';
import { sideCorrections, withCorrectedSides } from './sides.js';
import type {
  Allergy,
  ClinicalFacts,
  ExamFinding,
  HistoryItem,
  Medication,
  MedicationChange,
  PlanItem,
  PlanKind,
  Problem,
  ResultItem,
  Symptom,
  Transcript,
  Turn,
  Vital,
} from './types.js';

export function emptyFacts(): ClinicalFacts {
  return {
    patient: { name: null, age: null, sex: null, evidence: [] },
    chiefComplaint: null,
    reasonForVisit: null,
    symptoms: [],
    history: [],
    medications: [],
    allergies: [],
    vitals: [],
    exam: [],
    results: [],
    problems: [],
    plan: [],
  };
}

/** A doctor's sentence about the patient (not small talk, not a question about something else). */
const ABOUT_PATIENT = /\b(you|your|he|she|his|her|patient)\b/;
/** Words that make a doctor's mention of a condition a history statement ("history of", "diagnosed with"). */
/** Other people said to have the condition named next ("patients with covid", "people who have diabetes"). */
const OTHERS_WITH =
  /\b(?:patients|people|folks|clients|customers|students|residents|others|everybody|everyone|kids|children)\s+(?:with|who (?:have|had|has|got)|that (?:have|had|has))\s+(?:[a-z'-]+\s+){0,2}$/;
/** A place, a vaccine or a test named by the condition before it ("covid clinic", "covid vaccine", "covid test"). */
const NAMED_BY_CONDITION =
  /^[\s-]*(?:19\s+)?(?:clinics?|units?|wards?|centers?|centres?|floors?|vaccines?|vaccinations?|shots?|boosters?|tests?|testing|swabs?|patients|pandemic)\b/;
/** A reply that gives a chart item to someone else: "no, that was my mother", "not me". */
const CHART_OTHERS =
  /\b(?:(?:that|it)(?:'s| is| was) (?:my|his|her) (?:mom|mother|dad|father|brother|sister|son|daughter|wife|husband|grand\w+|aunt|uncle|cousin)|not me)\b/;
/** A question that only checks what was just said: "is that correct?", "does that sound right?", "right?". */
const CONFIRM_TAG =
  /^(?:(?:and|so|okay|ok)[\s,]+)?(?:(?:is|was) (?:that|this|it|all (?:of )?that) (?:correct|right|true|accurate)|(?:does|do) (?:that|this|it|those|these|all (?:of )?(?:those|these|that)) (?:sound|seem|look) (?:right|correct|familiar|accurate)|(?:right|correct|true|yes)|am i (?:right|correct))[\s?.!]*$/;
/** A condition operated away: "they removed a cataract", "the mole was taken out". */
const TAKEN_OUT = /\b(?:removed|removal|excised|excision|taken out|took out|cut out|repaired|repair)\b/;
/** A "no" that corrects a detail of a chart item (when, which side), not the item itself. */
const CHART_DETAIL = /\b(?:ago|years?|months?|weeks?|in (?:19|20)\d\d|\d+|left|right|other)\b/;
/** A cue that a condition is a diagnosis of the past, not only a symptom had ("history of", "diagnosed with"). */
/** A mention in a history list: "past medical history significant for gout and …", "a history of …". */
const HISTORY_LIST =
  /\b(?:(?:past )?medical history|pmh|history)(?: (?:significant|notable|remarkable))?(?: for| of| includes?)\b(?![^.?!;]*\b(?:presents?|presenting|comes? in|here|complain\w*|reports?|now)\b)[^.?!;]*$/;
const STRONG_HISTORY_CUE = /\b(?:history|diagnosed|told (?:me|you) (?:i|you) had|been dealing with|suffer\w*)\b/;
const HISTORY_CUE = /\b(history|diagnosed|told (?:me|you) (?:i|you) had|have had|had|been dealing with|suffer)\b/;
/**
 * A procedure still to come, said just before it: due, planned, recommended or being arranged ("we should think about
 * getting you a colonoscopy", "you're overdue for a colonoscopy", "I'll refer you for a colonoscopy"). It is the plan,
 * not surgical history.
 */
const PROCEDURE_TO_COME =
  /\b(?:get(?:ting)? you(?: in)?(?: for)?|schedul(?:e|ing)|set (?:you )?up(?: for| with)?|arrang(?:e|ing)|refer(?:ring)?(?: you)?(?: for| to)?|recommend(?:s|ing)?|consider(?:ing)?|think(?:ing)? about|plan(?:ning)? (?:on|to|for)|(?:over)?due for|needs?(?: to (?:have|get|do))?|should (?:have|get|do)|(?:going to|gonna|gon na|wan na|want to|would like to|(?:we|i)'ll|(?:we|i) will) (?:\w+ ){0,2}(?:have|get|do|order|book)|(?:you|we|i|she|he) (?:can|could|may|might|will|should|'ll) (?:\w+ ){0,2}(?:get|have|do|schedule)(?: it| that| one)?,?|upcoming|next)\s+(?:(?:a|an|the|your|that|this|another|screening|repeat|\w+ing)\s+){0,3}$/;
/** A past-tense word between a cue and the procedure ("refer you back to the surgeon who did your colonoscopy"). */
const DONE_BEFORE = /\b(?:had|did|done|was|were|last|prior|previous)\b/;
/** A sentence that says a procedure was had ("I had a lumbar fusion", "status post", "underwent", "last year"). */
const DONE_SAID =
  /\b(?:had|have had|did|done|underwent|history|prior|previous|status post|s\/p|after|since|post|ago|last|was|were|went|got)\b/;
/** Organs whose removal is an operation of its own name ("my gallbladder removed" → cholecystectomy). */
const ORGAN_OPERATION: Record<string, string> = {
  appendix: 'appendectomy',
  gallbladder: 'cholecystectomy',
  'gall bladder': 'cholecystectomy',
  uterus: 'hysterectomy',
  womb: 'hysterectomy',
  tonsils: 'tonsillectomy',
  adenoids: 'adenoidectomy',
  ovaries: 'oophorectomy',
  ovary: 'oophorectomy',
  spleen: 'splenectomy',
  thyroid: 'thyroidectomy',
  prostate: 'prostatectomy',
};
const ORGAN = '(?:appendix|gall ?bladder|uterus|womb|tonsils|adenoids|ovar(?:y|ies)|spleen|thyroid|prostate)';
const OWNER = '(?:(?:my|her|his|their|your|the|both)\\s+)?';
const ORGANS = `${OWNER}${ORGAN}(?:(?:,|,? and)\\s+${OWNER}${ORGAN})*`;
/** A run of organs taken out ("had my gallbladder, appendix, and uterus removed", "they took out my ovaries",
 * "appendix surgery"): each organ names its operation. Only the appendix and the gallbladder name one by "surgery". */
const ORGANS_REMOVED = new RegExp(
  `\\b${ORGANS}(?=\\s+(?:removed|taken out|out(?!\\s+of\\b))\\b)|\\b(?:took|taken|removed)\\s+(?:out\\s+)?${ORGANS}|\\b${OWNER}(?:appendix|gall ?bladder)(?:,? and\\s+${OWNER}(?:appendix|gall ?bladder))*(?=\\s+surger(?:y|ies)\\b)`,
  'g',
);
function organsRemoved(lower: string): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  for (const m of lower.matchAll(ORGANS_REMOVED)) {
    const organ = new RegExp(ORGAN, 'g');
    for (const o of m[0].matchAll(organ)) {
      const start = m.index + o.index;
      out.push({ value: ORGAN_OPERATION[o[0]]!, start, end: start + o[0].length });
    }
  }
  return out;
}
/** The patient's own procedure by a possessive ("how are you doing with your knee replacement"). */
const OWN_PROCEDURE = /\b(?:your|my|his|her|their)\s+(?:[a-z'-]+\s+){0,2}$/;
/** Asked about ever having the condition ("any history of fractures?", "have you ever had…"): history, even in results. */
const ASKED_HISTORY = /\b(?:history of|ever (?:had|been)|never had|have you had)\b/;
/** The side said right before a condition or an operation ("your right rotator cuff", "a left knee replacement"). */
const SIDE_BEFORE = /\b(right|left)\s+$/;

/** A mention read in its dialogue context, with the turns and words it was read from. */
interface Reading extends MentionAssertion {
  evidence: number[];
  source: string;
  /** Settled by the answer to a doctor's question. */
  answered: boolean;
}

/**
 * Reads a mention at [start, end) of sentence `s` in context: its own sentence, and for a mention the doctor asked
 * about, the answer (`namesIn` lists the canonical names of the same kind in a text, to tell whether the answer
 * names the item itself). Null when the mention is not a statement of anything: a question taken as given ("does
 * the pain radiate?") or one the answer leaves open.
 */
function readInContext(
  ctx: ExtractionContext,
  s: Sentence,
  start: number,
  end: number,
  name: string,
  namesIn: (lower: string) => string[],
  keepOwn = false,
): Reading | null {
  const r = readMention(s, start, end, ctx.previous.get(s));
  const own = { assertion: r.assertion, experiencer: r.experiencer, time: r.time };
  // Without a settled reading: null, or (keepOwn) the sentence's own reading, whatever question it sits in.
  const fallback = () => (keepOwn ? { ...own, evidence: [s.turn], source: s.text, answered: false } : null);
  if (r.question === null) {
    // A patient's answer that names an item of the question is evidenced by the question too.
    const qa = ctx.answered.get(s.turn);
    const asked = qa?.answerSentences.includes(s) && qa.questions.some((q) => namesIn(q.lower).includes(name));
    // "What conditions run in your family?" — "I have high blood pressure, diabetes and depression": the answer lists
    // the family's conditions, whatever its pronoun.
    // So does "someone had heart disease", "almost everyone had diabetes" said in answer to it.
    if (
      (own.experiencer === 'patient' || (own.experiencer === 'other' && !NAMED_OTHER_PERSON.test(s.lower))) &&
      answersFamilyQuestion(ctx, s)
    )
      own.experiencer = 'family';
    // "Any coughing?" — "No, coughing at this moment.": a "no" answer naming just the item asked, with nothing
    // between, is the denial said without its "no" ("no coughing"), not a report of it.
    if (
      asked &&
      qa!.polarity === 'no' &&
      qa!.answer === s &&
      own.assertion === 'present' &&
      BARE_NO.test(s.lower.slice(0, start))
    )
      own.assertion = 'absent';
    return { ...own, evidence: asked ? [qa!.questions[0]!.turn, s.turn] : [s.turn], source: s.text, answered: false };
  }
  // "Any family history of heart disease?" … "How about diabetes?": a follow-up that names nobody asks on about
  // the family.
  if (
    s.speaker === 'doctor' &&
    (r.experiencer === 'patient' || (r.experiencer === 'other' && !NAMED_OTHER_PERSON.test(s.lower))) &&
    !SECOND_PERSON.test(s.lower) &&
    asksOnAboutFamily(ctx, s)
  ) {
    r.experiencer = 'family';
    own.experiencer = 'family';
  }
  if (r.question === 'presupposed') return fallback();
  const qa = ctx.qa.get(s.turn);
  if (!qa || !qa.questions.includes(s)) return fallback();
  const answerNames = new Set(qa.answerSentences.flatMap((a) => namesIn(a.lower)));
  const askedNames = qa.questions.flatMap((q) => namesIn(q.lower));
  // "Any cough, muscle aches or fever?" — "yes": a bare yes to a list does not say which; none is settled.
  const last = qa.questions[qa.questions.length - 1]!;
  // But "you are on norvasc daily and carvedilol twice a day, are those the medicines you're on?" — "yes": a list
  // joined by "and" is confirmed whole.
  // So is "any nausea or vomiting?" — "yes to both": an answer that says all were had ("both" only of two).
  const lastNames = new Set(namesIn(last.lower)).size;
  const confirmsAll =
    (/ and /.test(last.lower) && !/\bor\b/.test(last.lower) && !/\bany\b/.test(last.lower)) ||
    (qa.polarity === 'yes' &&
      qa.answer.turn === qa.answerSentences[0]?.turn &&
      YES_TO_ALL.test(qa.answer.lower) &&
      !/\b(?:not|never|no)\b|n't\b/.test(qa.answer.lower) &&
      (lastNames === 2 || !/\bboth\b/.test(qa.answer.lower)));
  if (
    qa.polarity === 'yes' &&
    new Set(namesIn(last.lower)).size >= 2 &&
    !askedNames.some((n) => answerNames.has(n)) &&
    !confirmsAll
  )
    return fallback();
  const settled = settleByAnswer(
    r,
    qa,
    s,
    answerNames.has(name),
    askedNames.some((n) => answerNames.has(n)),
  );
  if (!settled) return fallback();
  return { ...settled, evidence: [s.turn, qa.answer.turn], source: `${s.text} ${qa.answer.text}`, answered: true };
}

/** Given there: "they gave", "was given", "got", "received", "administered". */
const GIVEN_THERE =
  /\b(?:they|she|he|the (?:nurse|doctor|paramedics?)) (?:gave|give|administered|put (?:me|him|her|you|them) on)\b|\b(?:was|were|been|got|get) given\b|\b(?:i|he|she|you|they) (?:got|received)\b|\bgave (?:me|him|her|you|them)\b/;
/** A drug still taken or sent home with: not only a dose given there. */
const STILL_TAKEN =
  /\b(?:still|prescri\w*|sent (?:me|him|her|you|them) home (?:on|with)|every day|daily|twice a day)\b/;

/**
 * A drug named as given in the emergency department, a hospital or an ambulance: said so in its sentence, or in the
 * doctor's question the sentence answers ("What was he given in the E R?").
 */
function givenInCareSetting(s: Sentence, qa: QA | undefined, recent: string[], turnBefore = ''): boolean {
  if (STILL_TAKEN.test(s.lower)) return false;
  // The doctor answering a colleague's "What was he given in the E R?": no question-and-answer pair, the turn before.
  if (recountsCareGiven(s, turnBefore)) return true;
  if (CARE_SETTING_SAID.test(s.lower) && GIVEN_THERE.test(s.lower)) return true;
  // "I went to the ER." … "They gave me fluids and some morphine and sent me home.": "they" are the staff there.
  if (
    /\bthey (?:gave|administered|put (?:me|him|her|you|them) on)\b/.test(s.lower) &&
    recent.some(
      (r) =>
        CARE_SETTING_SAID.test(r) && /\b(?:went|came|go|taken|took (?:me|him|her)|brought|rushed|was|were)\b/.test(r),
    )
  )
    return true;
  const asked = qa && qa.answerSentences.includes(s) ? qa.questions.map((q) => q.lower).join(' ') : '';
  return !!asked && asksCareGiven(asked);
}

/** A yes that says every item asked was had: "yes to both", "yeah, both of them", "yes, all of those". */
const YES_TO_ALL =
  /^\W*(?:(?:yes|yeah|yep|yup|um|uh|oh|well)\W+)+(?:(?:to|i have|i do|i did|i've had)\s+)?(?:both|all (?:of )?(?:them|those|these|three|the above)|all three)\b(?:\s+(?:of (?:them|those|these)|actually|really))?(?:,?\s+(?:unfortunately|sadly|actually|i'm afraid))?\s*[.!]?\s*$/;

/** An answer that opens "no," and goes straight on to a mention (after interjections, and "any / a / some"). */
const BARE_NO = /^(?:(?:um|uh|well|oh|so|okay)\W+)*(?:no|nope|nah)\s*,\s*(?:any |a |some |the )?$/;

const FAMILY_QUESTION =
  /\b(?:run|runs|running) in (?:your|the) family\b|\bfamily (?:history|medical history)\b|\b(?:anyone|anybody|someone) (?:else )?in (?:your|the) family\b|\bin (?:your|the) family\b|\byou(?:r)? family\b[^.?!]{0,30}\b(?:have|has|had|history|medical|health|problems?|conditions?|issues?|illness(?:es)?|diseases?)\b/;
/** Persons named in the lexicon's "others" who are not the generic someone / anyone / everyone. */
const NAMED_OTHER_PERSON =
  /\b(?:friends?|co-?workers?|colleagues?|neighbou?rs?|roommates?|boss|boyfriend|girlfriend|teammates?|classmates?)\b/;
/** A short follow-up question naming no one ("how about diabetes?", "anyone with heart disease?"). */
const FOLLOW_UP_NAMING_NO_ONE =
  /^(?:(?:and|so|okay|ok|alright|um|uh)[,\s]+)*(?:what about|how about|any|anyone|anybody|someone|somebody)\b/;
const SECOND_PERSON = /\b(?:you|your|you're|you've|yourself)\b/;
/** A question that only offers a name ("oh, emphysema?", "you mean coronary artery disease?"). */
const BARE_NAME_QUESTION = /^(?:(?:oh|so|okay|ok|ah|um|uh|and|you mean|do you mean|like)[,\s]+)*[a-z][a-z' -]{2,40}\?$/;
const ASKS_VERB = /\b(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|any)\b/;
/** A question about what a relative had ("what kind of heart problem did he have?", "what was her cancer?"). */
const ABOUT_RELATIVE =
  /\b(?:he|she|they) (?:had|has|have|got|died)\b|\bdid (?:he|she|they) have\b|\b(?:his|her|their) (?!own\b)/;

/**
 * The doctor's question asks about the family: it says so, or it is a follow-up naming no one ("what about any heart
 * disease?") right after a family question and its answer.
 */
function asksOnAboutFamily(ctx: ExtractionContext, q: Sentence): boolean {
  if (FAMILY_QUESTION.test(q.lower)) return true;
  // "Do you know what kind of heart problem he had?" — "it's called co-" — "oh, coronary artery disease?": a bare
  // name offered to finish the patient's word is the relative's condition the doctor asked about.
  if (
    BARE_NAME_QUESTION.test(q.lower.trim()) &&
    !ASKS_VERB.test(q.lower) &&
    (lexicons().problems.match(q.lower).length || lexicons().symptoms.match(q.lower).length)
  ) {
    const asked = lastSentenceOf(ctx, q.turn - 2);
    if (asked?.speaker === 'doctor' && (FAMILY_QUESTION.test(asked.lower) || ABOUT_RELATIVE.test(asked.lower)))
      return true;
  }
  if (!FOLLOW_UP_NAMING_NO_ONE.test(q.lower) || SECOND_PERSON.test(q.lower)) return false;
  for (let turn = q.turn - 2, hops = 0; turn >= 0 && hops < 2; turn -= 2, hops++) {
    const before = lastSentenceOf(ctx, turn);
    if (!before || before.speaker !== 'doctor') return false;
    // Asked, not told ("since you have a family history of heart disease, let me check your risk factors").
    if (FAMILY_QUESTION.test(before.lower)) return /\?\s*$/.test(before.text);
    if (!FOLLOW_UP_NAMING_NO_ONE.test(before.lower) || SECOND_PERSON.test(before.lower)) return false;
  }
  return false;
}
/** The patient speaking of themself inside such an answer ("no, but I do have asthma myself"). */
const OWN_CONTRAST = /\b(?:but|myself|me too|i also|as well|personally)\b/;

/** A patient's sentence answering the doctor's question about the family's conditions (not their own). */
export function answersFamilyQuestion(ctx: ExtractionContext, s: Sentence): boolean {
  if (s.speaker !== 'patient' || s.pos > 2 || OWN_CONTRAST.test(s.lower)) return false;
  // Unpunctuated speech asks without a question mark ("what conditions would you say run in your family"): the
  // doctor's last sentence just before the answer is read, whether or not it was paired as a question.
  const asked = lastSentenceOf(ctx, s.turn - 1);
  return !!asked && asked.speaker === 'doctor' && asksOnAboutFamily(ctx, asked);
}

const lastSentences = new WeakMap<ExtractionContext, Map<number, Sentence>>();
function lastSentenceOf(ctx: ExtractionContext, turn: number): Sentence | undefined {
  let m = lastSentences.get(ctx);
  if (!m) {
    m = new Map();
    for (const x of ctx.sentences) m.set(x.turn, x);
    lastSentences.set(ctx, m);
  }
  return m.get(turn);
}

/** The assertion fields every fact carries, with the older flags kept in step. */
function assertionFields(r: MentionAssertion) {
  return { ...legacyFlags(r), assertion: r.assertion, experiencer: r.experiencer, time: r.time };
}

const WORD_NUM =
  '(?:(?<![\\d,.])\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|(?<![\\d,.])\\d+(?:\\.\\d+)?|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|a)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine|hundred|and|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))*)(?![a-z])';

function firstNumber(s: string): number | null {
  const n = numbersIn(s);
  return n.length ? n[n.length - 1]! : null;
}

/** Value of a spoken number phrase: the largest composite value found ("one twenty" read as 120 for vitals). */
function spokenValue(s: string, colloquial = false): number | null {
  const t = s.trim().toLowerCase();
  if (/^\d/.test(t)) return Number(t.replace(/,/g, ''));
  const words = t.split(/[\s-]+/);
  const vals = numbersIn(t);
  if (!vals.length) return null;
  if (colloquial && words.length === 2 && !/hundred/.test(t)) {
    // "one twenty" = 120, "ninety eight" = 98
    const a = numbersIn(words[0]!)[0];
    const b = numbersIn(words[1]!)[0];
    if (a !== undefined && b !== undefined && a < 10 && b >= 10) return a * 100 + b;
  }
  return Math.max(...vals);
}

const UNIT_MAP: Record<string, string> = {
  mg: 'mg',
  milligram: 'mg',
  milligrams: 'mg',
  mcg: 'mcg',
  microgram: 'mcg',
  micrograms: 'mcg',
  g: 'g',
  gram: 'g',
  grams: 'g',
  ml: 'mL',
  milliliter: 'mL',
  milliliters: 'mL',
  cc: 'mL',
  unit: 'units',
  units: 'units',
  puff: 'puffs',
  puffs: 'puffs',
  tablet: 'tablets',
  tablets: 'tablets',
  pill: 'tablets',
  pills: 'tablets',
};

const FREQ_RE =
  /\b(once a day|once daily|twice a day|twice daily|(?:three|four|five|six|two|[2-6]) times (?:a|per) (?:day|week)|(?:three|four|two|[2-6]) times daily|daily|every day|a day|every morning|in the morning|every night|at night|at bedtime|before bed|every (?:\w+ )?hours?|as needed|when needed|prn|weekly|once a week|every week|monthly|once a month|bid|tid|qid|qd)\b/;
/** "One in the morning and one in the evening": twice a day, not "in the morning". */
const MORNING_AND_EVENING =
  /\b(?:(?:one|1|a) )?in the morning and (?:(?:one|1|another) )?(?:in the evening|at night|at bedtime|before bed)\b/;
/** How often a text says a drug is taken, as a note writes it. */
function frequencyIn(text: string): string | null {
  if (MORNING_AND_EVENING.test(text)) return 'twice a day';
  return FREQ_RE.exec(text)?.[1] ?? null;
}
const ROUTE_RE =
  /\b(by mouth|orally|oral|topical(?:ly)?|cream|ointment|inhaler|inhaled|injection|injected|shot|subcutaneous(?:ly)?|intramuscular(?:ly)?|intravenous(?:ly)?|iv|nasal spray|patch|eye drops|drops)\b/;

function medChange(lower: string): MedicationChange {
  if (/\b(increase|increasing|go up on|bump (?:you |it )?up|up the dose|higher dose|double)\b/.test(lower))
    return 'increase';
  if (/\b(decrease|decreasing|lower the dose|reduce|reducing|cut back|taper|wean)\b/.test(lower)) return 'decrease';
  if (/\b(stop|stopping|discontinue|discontinuing|come off|get off|hold off on|quit)\b/.test(lower)) return 'stop';
  if (
    /\b(start|starting|prescribe|prescribing|put you on|try you on|give you|begin|initiate|send (?:in )?a prescription|write (?:you )?a prescription|new prescription)\b/.test(
      lower,
    )
  )
    return 'start';
  if (/\b(continue|continuing|keep taking|stay on|remain on|refill)\b/.test(lower)) return 'continue';
  return null;
}

/** The change cue closest before a medication mention (within the text since the previous mention). */
/**
 * The patient's own words that a course of a drug is over, said just before it: "I just finished the course for
 * Minocin", "I had to stop Advair because …", "I came off the prednisone".
 */
const FINISHED_DRUG =
  /\b(?:(?:had|have|needed) to stop|finished|completed|came off|got off|stopped taking)\b(?:\s+(?:the|my|a|that|this|taking|course|of|for|with|all|up))*\s*$/;

/** A drug stopped before this visit, said just before its name ("since we stopped your", "discontinuation of her"). */
const STOPPED_BEFORE_DRUG =
  /\b(?:(?:we|you|i|he|she|they|dr\.? [a-z]+)(?: had| have|'ve)? (?:stopped|discontinued)|(?:since|after) (?:the )?(?:discontinuation|stopping) of)\s+(?:(?:the|your|his|her|their|my)\s+)?$/;
/** "… that I was taking before", "… which she was on previously": said after a drug taken before, not now. */
const TAKEN_BEFORE_AFTER =
  /^\s*(?:that|which)?\s*(?:i|you|he|she|they) (?:was|were|used to be) (?:taking|using|on)\b[^.?!,]{0,12}?\b(?:before|previously|in the past)\b/;

function lastMedChange(window: string): MedicationChange {
  let best: MedicationChange = null;
  let bestAt = -1;
  for (const [change, re] of CHANGE_CUES) {
    for (const m of window.matchAll(re)) {
      if (m.index >= bestAt) {
        bestAt = m.index;
        // "Since we've put you on the protonix", "Dr. Brown put you on buspar": started before today, not now.
        best =
          change === 'start' && STARTED_BEFORE.test(window.slice(Math.max(0, m.index - 25), m.index)) ? null : change;
      }
    }
  }
  return best;
}

/** What comes before a start verb when someone started the drug before this visit: "we've", "dr. brown", "she". */
const STARTED_BEFORE = /(?:'ve|\b(?:have|has|had|already|he|she|they|dr\.? [a-z]+|doctor [a-z]+))\s+$/;

const CHANGE_CUES: Array<[Exclude<MedicationChange, null>, RegExp]> = [
  ['increase', /\b(increase|increasing|go up on|bump (?:you |it )?up|up the dose|higher dose|double)\b/g],
  ['decrease', /\b(decrease|decreasing|lower the dose|reduce|reducing|cut back|taper|wean)\b/g],
  ['stop', /\b(stop|stopping|discontinue|discontinuing|come off|get off|hold off on|quit)\b/g],
  [
    'start',
    /\b(start|starting|get (?:you|him|her|them) started (?:on|with)|prescribe|prescribing|put you on|try you on|give you|begin|initiate|send (?:in )?a prescription|write (?:you )?a prescription|new prescription)\b/g,
  ],
  ['continue', /\b(continue|continuing|keep taking|stay on|remain on|refill)\b/g],
];

const VITAL_PATTERNS: Array<{ kind: Vital['kind']; re: RegExp; unit: string; colloquial?: boolean }> = [
  {
    kind: 'hr',
    re: new RegExp(`\\b(?:heart rate|pulse)(?:'s)?(?: is| was| of|,)*(?: about| around)? (${WORD_NUM})`, 'i'),
    unit: 'bpm',
    colloquial: true,
  },
  {
    kind: 'rr',
    re: new RegExp(
      `\\b(?:respiratory rate|respirations?)(?:'s)?(?: is| was| are| were| of|,)*(?: about)? (${WORD_NUM})`,
      'i',
    ),
    unit: 'breaths/min',
  },
  {
    kind: 'temp',
    re: new RegExp(
      // "your temperature you're running normal 97.1": the reading after how it runs.
      `\\b(?:temperature|temp|fever)(?:'s)?(?: is| was| of| up to|,)*(?: (?:you're|you are|he's|he is|she's|she is|they're|it's|is|was)? ?running(?: at)?(?: a)?(?: normal)?)?(?: about| around)? (${WORD_NUM}(?: point \\w+)?)`,
      'i',
    ),
    unit: '°F',
    colloquial: true,
  },
  {
    kind: 'spo2',
    re: new RegExp(
      `\\b(?:oxygen(?: saturation| sat(?:uration)?s?| levels?)?|o2(?: sat(?:uration)?s?)?|pulse ox(?:imetry)?|sat(?:uration)?s?|satting|saturating)(?:'s)?(?: here| today| now| right now| in the office| on room air)?(?: is| was| are| were| of| at|,)*(?: reading| reads| showing| shows| looks? (?:pretty |really |very )?(?:good|great|fine|okay|normal))?(?: at| like| about| around| only| still)*? (${WORD_NUM})(?: ?%| percent)?`,
      'i',
    ),
    unit: '%',
  },
  {
    kind: 'weight',
    re: new RegExp(
      `\\b(?:weigh(?:s|ed|t is|t was|t of)?|weight)(?: about| around)? (${WORD_NUM}) ?(pounds|lbs?|kilograms|kg|kilos)`,
      'i',
    ),
    unit: 'lb',
    colloquial: true,
  },
  {
    kind: 'bmi',
    re: new RegExp(`\\b(?:bmi|body mass index)(?:'s)?(?: is| was| of|,)*(?: about)? (${WORD_NUM})`, 'i'),
    unit: 'kg/m2',
  },
];

// A pulse felt on exam ("dorsalis pedis pulse is intact") is a finding, not the vital sign.
const VITALS_TALK =
  /\b(blood pressure|heart rate|(?<!(?:pedis|pedal|radial|tibial|carotid|femoral|distal|popliteal) )pulse|temperature|oxygen saturation|respiratory rate|vital signs|vitals)\b/;

/** A reading taken elsewhere, not at this visit ("when you went into the emergency room"). */
export const VITAL_ELSEWHERE =
  /\b(?:in|at|into|to) (?:the )?(emergency room|emergency department|er|ed|urgent care|hospital|ambulance)\b/;

/** What the clinician says while examining, not a finding ("let me take a look", "take a deep breath"). */
const EXAM_PROCEDURE =
  /^(?:(?:okay|so|alright|all right|now|and)[,.]?\s+)*(?:let me|let's|i'm going to|i am going to|i'm gonna|i want to|i'd like to|i wanna|i will|take a deep breath|lie back|lay back|sit up|can you|could you|go ahead)\b/;

const DOSE_BEFORE_RE = new RegExp(
  `\\b(${WORD_NUM}) ?(mg|milligrams?|mcg|micrograms?|grams?|g|units?)\\s+(?:of\\s+)?(?:the\\s+|your\\s+|his\\s+|her\\s+)?$`,
  'i',
);
const DOSE_RE = new RegExp(
  `^(?:[^.?!]{0,20}?|[^.?!]{0,30}?\\b(?:increased|decreased|changed|raised|lowered|titrated|went|gone)(?: up| down)? to |[^.?!]{0,30}?\\b(?:have|has|had|keep|kept) (?:you|him|her|them) on )\\b(${WORD_NUM}) ?(mg|milligrams?|mcg|micrograms?|grams?|g|ml|milliliters?|cc|units?|puffs?|tablets?|pills?)\\b`,
  'i',
);
/** "20mg", "0.5mg": a strength written against its unit. */
const GLUED_UNIT = /\b(\d+(?:\.\d+)?)(mg|mcg|ml|cc)\b/g;
/** "10 m g", "20 m c g": a unit spelled letter by letter after its number, read as the unit. */
const SPELLED_UNIT = /(\d) ?\bm (c )?g\b/g;
/** A drug's text with its strength's unit as written: "20mg" and "20 m g" both read "20 mg". */
const unitsWritten = (t: string) =>
  t
    .replace(GLUED_UNIT, '$1 $2')
    .replace(SPELLED_UNIT, (_, d: string, c: string | undefined) => `${d} m${c ? 'c' : ''}g`)
    // "a point 6 mg": a strength under one, its leading zero unsaid (never read as 6 mg).
    .replace(POINT_STRENGTH, '$10.$2');
/** "a point 6 mg", "point 5 milligrams": a fraction of a unit said from its decimal point. */
const POINT_STRENGTH = /(^|\s)(?:(?:a|zero) )?point (\d+)(?= ?(?:mg|milligrams?|mcg|micrograms?|m c g|m g)\b)/g;
/** A strength anywhere in a sentence ("it is 10 mg", "is that 20 mg once a day?"), in a weight or units only. */
const STRENGTH_RE = new RegExp(`\\b(${WORD_NUM}) ?(mg|milligrams?|mcg|micrograms?|units?)\\b`, 'gi');
/** A route said of the drug itself: "the cream", "my inhaler" after it is another product, not the drug's route. */
const OWN_ROUTE_RE = new RegExp(`(?<!\\b(?:the|my|your|his|her|a|an|that|this|other) )${ROUTE_RE.source}`);
/** "take 2 ibuprofen", "like a two tylenol": a small count of tablets right before the drug's name. */
const COUNT_BEFORE_RE =
  /\b(?:take|takes|taking|took|like(?: a)?|about|maybe|just)\s+(one|two|three|four|[1-4])\s+(?:of\s+)?(?:the\s+|my\s+|his\s+|her\s+)?$/;
const AGE_RE = new RegExp(`\\b(${WORD_NUM}) ?[- ](?:year|yr)s?[- ]old\\b`, 'i');
const AGE_RE_ALL = new RegExp(AGE_RE.source, 'gi');

/** The doctor asking the patient's age ("how old are you?", "could you verify your age?"). */
const AGE_ASKED = /\bhow old (?:are you|is (?:he|she)|you are|(?:he|she) is)\b|\b(?:your|his|her) age\b/;
/** A sentence of the answer that is the age alone: "I am forty five.", "Twenty nine.", "I'm seventy five now." */
const AGE_ANSWER = new RegExp(
  `^(?:(?:well|so|yeah|yes|um|uh|oh|sorry|okay|ok),?\\s+)*(?:i am|i'm|i'll be|i will be|i just turned|i turned|he is|he's|she is|she's)?\\s*(${WORD_NUM})(?:\\s+years?(?:\\s+old)?)?(?:\\s+(?:now|today|this year))?(?:,?\\s+(?:doctor|sir|ma'am))?\\s*[.!]?$`,
  'i',
);
function ageAnswered(text: string): number | null {
  for (const sentence of text.trim().split(/(?<=[.!?])\s+/)) {
    const m = AGE_ANSWER.exec(sentence.trim());
    if (!m || /^(?:a|half)$/i.test(m[1]!)) continue;
    const v = spokenValue(m[1]!);
    if (v !== null && Number.isInteger(v) && v > 0 && v < 120) return v;
  }
  return null;
}

/** Relatives and other persons an age may be said of ("her sixteen year old brother", "my mom is eighty years old"). */
const AGE_OTHER_PERSON =
  /(?<![a-z'])(?:he|she|they|him|his|her|their|them|mom|mother|mommy|dad|father|daddy|parents?|grand\w+|sisters?|brothers?|siblings?|aunts?|uncles?|cousins?|wife|husband|spouse|sons?|daughters?|kids?|child|children|eldest|oldest|youngest|friends?|niece|nephew)(?![a-z'])/g;
const AGE_SELF = /(?<![a-z'])(?:i|i'm|i've|me|myself)(?![a-z'])/g;
/**
 * An age said of someone other than the patient: in the patient's own words, a clause about a relative ("my mom is
 * eighty years old", "he passed away when he was nine years old", "my eldest is seven years old", "I have a four year
 * old and a six year old"), or, from anyone, an age that qualifies a relative ("her sixteen year old brother").
 */
function ageOfSomeoneElse(t: Turn, at: number, said: string): boolean {
  const lower = t.text.toLowerCase();
  const after = lower.slice(at + said.length);
  const before = lower.slice(Math.max(0, at - 12), at);
  if (
    /(?<![a-z'])(?:my|your|his|her|their|our)\s+$/.test(before) &&
    /^\s*(?:grand\w+|sisters?|brothers?|siblings?|aunts?|uncles?|cousins?|mom|mother|dad|father|parents?|wife|husband|friends?)(?![a-z'])/.test(
      after,
    )
  )
    return true;
  if (t.speaker !== 'patient') return false;
  if (
    /^\s*(?:sons?|daughters?|kids?|child|children|boys?|girls?|ones?|twins?|and an? (?:\w+[- ])+(?:year|yr)s?[- ]old)(?![a-z'])/.test(
      after,
    )
  )
    return true;
  const clause = lower
    .slice(0, at)
    .split(/[.!?;]\s/)
    .pop()!;
  if (/\b(?:have|had|got)\s+(?:a|an)\s+$|(?:year|yr)s?[- ]old\s+and\s+(?:a|an)\s+$/.test(clause)) return true;
  const lastOf = (re: RegExp) => Math.max(-1, ...[...clause.matchAll(re)].map((x) => x.index));
  const other = lastOf(AGE_OTHER_PERSON);
  return other >= 0 && other > lastOf(AGE_SELF);
}

const BP_RE = new RegExp(`\\b(${WORD_NUM})(?: over |/)(${WORD_NUM})\\b`, 'i');

const EXAM_SYSTEMS: Array<[string, RegExp]> = [
  // Edema of the legs, or graded as pitting, is the heart's sign (fluid), not the limb's ("one plus pitting edema on
  // the lower extremities", "trace edema in both ankles", "some lower extremity edema on the right side", "your
  // extremities i don't see any swelling or edema"); swelling at one injured joint stays the joint's.
  [
    'Cardiovascular',
    /\b(?<!\b(?:left|right) (?:[a-z]+ )?)((?:non-?)?pitting edema|(?:lower extremity|pedal|peripheral|leg|ankle) edema|edema (?:of|in|to|on) (?:the |his |her |their |both (?:of (?:his|her|their) )?)?(?:bilateral )?(?:lower extremities|legs|ankles|feet)|(?:lower extremities|legs|ankles|feet) (?:show|shows|have|has|with) (?:(?:just|only|some|no|a little|slight|mild|trace|\w+ plus|\d\+)\s+)*edema|extremit(?:y|ies),? (?:(?:i (?:do not|don't) (?:see|appreciate|notice)|there (?:is|are)(?: not|n't)?|with(?:out)?|ha(?:ve|s)|show(?:s)?|no|any|some|trace|mild|swelling|or|and)\s+)+edema)\b/,
  ],
  // Perfusion of a limb is cardiovascular wherever on the limb it is checked ("strong dorsalis pedis pulse").
  ['Cardiovascular', /\b(capillary refill|pulses?)\b/],
  ['Cardiovascular', /\b(heart|murmurs?|rhythm|pulses?|edema|regular rate)\b/],
  // A breast finding is the breast's, even when it is of the breast's skin ("skin thickening of the right breast").
  ['Breast', /\b(breasts?|nipples?|areolae?)\b/],
  // Nodes beyond the neck ("no axillary, cervical, or supraclavicular lymphadenopathy", "no enlarged lymph nodes").
  ['Lymphatic', /\b(axillary|supraclavicular|inguinal|lymph nodes?)\b/],
  ['Respiratory', /\b(lungs?|breath sounds|wheez\w*|crackles|rales|rhonchi|clear to auscultation)\b/],
  // Costovertebral-angle (flank) tenderness is a kidney sign.
  [
    'Genitourinary',
    /\b(cva|costovertebral(?: angle)?|flank|over (?:the |their |his |her |your |both )?kidneys?|bladder|suprapubic|adnexa\w*|labia|vaginal vault|cervix|uterus|testicles?|scrotum)\b/,
  ],
  [
    'Gastrointestinal',
    /\b(abdomen|abdominal|belly|bowel sounds|liver|spleen|quadrant|epigastric|epigastrium|rebound|guarding|peritoneal signs|murphy's|hepatosplenomegaly|hepatomegaly|splenomegaly)\b/,
  ],
  // Strength is the muscles' (musculoskeletal) unless a neurological word names it ("no focal motor weakness").
  // A reflex or sensation is neurological whichever limb it was tested on.
  ['Neurological', /\b(reflex(?:es)?|sensation)\b/],
  ['Neurological', /\b(reflex(?:es)?|sensation|motor|neuro(?!vascular)\w*|cranial nerves|gait|balance)\b/],
  // A "bull's eye" rash is skin, wherever it is.
  [
    'Head, Eyes, Ears, Nose and Throat',
    /\b((?<!bull'?s? )eyes?(?! contact)|pupils|ears?|ear ?drums?|tympanic membranes?|ear canals?|nose|throat|tonsils|sinus\w*|mouth|teeth)\b/,
  ],
  // Skin morphology names the system even on a limb or the back ("scaly plaques across the back of the skull"); so
  // do a bite and a fluctuant swelling ("right knee shows erythema and an insect bite with associated fluctuance").
  [
    'Integumentary',
    /\b((?:cath(?:eter(?:ization)?)?|puncture|access|insertion|incision|surgical|port) sites?|scalp|plaques?|scaly|scaling|erythematous|papules?|papular|vesicles?|vesicular|pustules?|macules?|ulcers?|ulcerat\w*|psoria\w*|eczema\w*|biopsy site|dermis|pigment\w*|moles?|nev(?:us|i)|(?:irregular|regular|smooth|uneven|well[- ]defined|ill[- ]defined) borders?|bull'?s[- ]eye|(?:insect|tick|spider|bug|dog|cat) bites?|fluctuan\w*|abscess(?:es)?|cellulitis|indurat\w*)\b/,
  ],
  [
    'Musculoskeletal',
    /\b(knee|kneecap|patella|shoulder|elbow|wrist|ankle|malleolus|hip|back|spine|neck|joint|range of motion|tender\w*|muscle|foot|hand|finger|toe|leg|arm|extremit(?:y|ies)|metacarp\w*|metatars\w*|phalan\w*|crepitus|thumb|heel|calf|thigh|piano key|drawer|lachman|mcmurray|spurling's?|phalen's?|tinel's?|finkelstein|hawkins|neer|varus|valgus|straight leg raise|supination|pronation|dorsiflexion|plantar ?flexion|strength)\b/,
  ],
  [
    'Integumentary',
    /\b(skin|rash|lesions?|lacerations?|abrasions?|wound|incisions?|scars?(?! tissue)|bruis\w*|ecchymosis|erythema|redness)\b/,
  ],
  // A carotid bruit is heard over the neck, and a note files it there; so are distended neck veins.
  [
    'Neck',
    /\b(thyroid|thyromegaly|lymph nodes|lymphadenopathy|adenopathy|supple|jvd|jugular venous|jugular veins?|neck veins?|carotid|bruits?)\b/,
  ],
  ['Psychiatric', /\b(mood|affect|eye contact|thought process|insight and judgment)\b/],
];

/** EXAM_SYSTEMS with every match found, not only the first. */
const EXAM_SYSTEMS_ALL: Array<[string, RegExp]> = EXAM_SYSTEMS.map(([n, re]) => [n, new RegExp(re.source, 'g')]);

/**
 * Entries of EXAM_SYSTEMS that outrank the body part where the finding was found, named by the first word they match:
 * skin morphology, a pulse and the breast outrank the limb or the back ("scaly plaques across the back", "strong
 * dorsalis pedis pulse of the right foot"), a reflex or sensation outranks the limb tested ("sensation in the left foot
 * is intact"), and the breast outranks its skin.
 */
const OUTRANKS: Map<number, Set<string>> = new Map(
  (
    [
      ['pitting edema', ['Musculoskeletal']],
      ['plaques', ['Musculoskeletal']],
      ['capillary refill', ['Musculoskeletal']],
      ['breast', ['Musculoskeletal', 'Integumentary']],
      ['reflexes', ['Musculoskeletal']],
      ['axillary', ['Musculoskeletal']],
    ] as Array<[string, string[]]>
  ).map(([word, over]) => [EXAM_SYSTEMS.findIndex(([, re]) => re.test(word)), new Set(over)]),
);

/** Where one dictated sentence moves to another body part ("his neck is supple and his lungs are clear"). */
const FINDING_SPLIT =
  /,?\s+and\s+(?=(?:his|her|their|the) (?:[a-z]+ ){1,2}(?:is|are|was|were|has|have|does|do|looks?|sounds?|shows?|seems?)\b)|;\s*|,?\s+(?:and\s+)?(?=(?:on|for|in) (?:(?:his|her|their|the|a|an) )?(?:[a-z]+ ){1,2}exam(?:ination)?\b|(?:on|for) (?:exam(?:ination)?|auscultation|palpation) of (?:his|her|their|the)\b|(?:his|her|their) (?!physical\b)[a-z]+ exam(?:ination)? (?:shows?|reveals?|is|was|he|she|they|there|his|her|their)\b|otherwise\b|the rest of (?:his|her|their|the) (?:physical )?exam)/i;

/**
 * What the doctor explains to the patient while dictating ("…negative Homans sign, that means no blood clots",
 * "lungs are clear, that's good news"): not a finding. Cut from where it starts to the end of the finding.
 */
const EXPLANATION =
  /,?\s+(?:and\s+)?(?:so\s+)?(?:that|which|this|that's|it's)\s+(?:just\s+)?(?:(?:is\s+)?(?:(?:probably|likely|most likely|possibly|maybe)\s+)?(?:from|due to|because of|caused by|related to|secondary to)\b|means?|is (?:good|great|reassuring|really interesting|interesting)|is a good thing|(?:really )?(?:good|great|reassuring|interesting)(?: news)?|is a good sign|'s a good sign)\b.*$/i;

/**
 * Words that state an exam finding (a sign, its absence, a grade, a quality): a dictated clause without one is the
 * maneuver, the frame or talk ("On physical examination of the abdomen.", "They should the same as the other knee.").
 */
export const EXAM_FINDING_WORDS =
  /\d|\b(?:tender\w*|nontender|non tender|swell\w*|swollen|bruis\w*|ecchymosis|effusion|murmurs?|gallops?|rubs?|clicks?|rales|crackles|wheez\w*|rhonchi|stridor|edema|erythema\w*|red|redness|rash|lesions?|plaques?|scaly|papules?|vesicles?|pustules?|ulcer\w*|mass(?:es)?|nodules?|dens(?:e|er|ity)|lumps?|bumps?|cysts?|firm\w*|enlarge\w*|\w+megaly|lymphadenopathy|adenopathy|bruits?|jvd|distention|distended|nondistended|fracture|deformity|crepitus|laxity|normal|abnormal|unremarkable|benign|negative|positive|elevated|decreased|reduced|limited|full|range of motion|strength|weak\w*|reflex\w*|pulses?|sensation|intact|clear|soft|supple|stable|regular|irregular|rhythm|symmetric\w*|equal|reactive|midline|discharge|exudates?|pain\w*|guarding|rebound|healed|scar|tight\w*|warm|fluctuan\w*|gait|limp|spasm|atrophy|grip|good|fine|great|okay|no(?! (?:his|her|their|he|she|they|i|it)\b)|not|without|don't|doesn't|isn't)\b/i;

/** Where a clause of one dictated sentence may end: a comma, an "and"/"but", or a new subject said without a pause. */
const CLAUSE_EDGE =
  /,\s+(?:(?:and|but|so)\s+)?|\s+(?:and|but)\s+(?:then\s+)?|\s+(?=(?:there(?:'s| is| are)|(?:his|her|their) (?:[a-z]+ ){0,2}(?:is|are|has|have|does|do|shows?|looks?|sounds?|seems?|feels?)|(?:lungs?|heart|abdomen|belly|neck) (?:is|are|sounds?|looks?|seems?)|(?:his|her|their) [a-z]+ exam(?:ination)?|(?:he|she|they) (?:do |does )?(?:has|have)|i (?:do not |don't |do |can )?(?:appreciate|hear|see|notice|feel)|let me|i am going to|listen(?:ing)? to|neurologically|no (?:[a-z]+ )?[a-z]+|(?:on|at|over) (?:his|her|their|the) (?:(?:left|right) )?(?:[a-z]+ ){0,3}?(?:the )?(?:[a-z]+ )?(?:sites?|incisions?|wounds?))\b)|\s+with\s+(?=motor and sensation\b)/gi;
/** A word after which the clause goes on, whatever follows ("there is | no…", "tenderness of | their knee"). */
const CLAUSE_GOES_ON =
  /\b(?:is|are|was|were|there|of|to|with|the|a|an|and|or|for|in|on|at|has|have|does|do|some|any|that|if|when|i|he|she|they|which|their|his|her|like|as|no|not|any|than|by|from|into|over|around)$/i;

/** The doctor's own talk, not the exam: "we'll have to look into that", "I think". */
const TALK = /^[\s,]*(?:(?:and|but|so|then)\s+)*(?:we|we'll|we will|i|i'll|let's)\b/i;

/** What follows a comma that is a list's next item: "cervical, or supraclavicular …". */
const LIST_GOES_ON = /^(?:[a-z'-]+\s+){0,2}?[a-z'-]+,?\s+(?:or|and|nor)\s/i;

/** A sign seen on the skin, wherever it is. */
const SKIN_SIGN = /\b(?:erythema\w*|redness|red|rash|warmth)\b/i;
/** A place on the body named in a clause. */
const BODY_PLACE =
  /\b(?:knee|shoulder|elbow|wrist|ankle|hip|back|spine|neck|foot|feet|hand|finger|toe|leg|arm|extremit(?:y|ies)|thumb|heel|calf|thigh|face|chest|abdomen|scalp|head)s?\b/;

/** The system a clause names by an organ, not by a generic word like "tenderness". */
function organSystem(lower: string): string | null {
  const sys = examSystemOf(lower);
  return sys?.organ ? sys.name : null;
}

/**
 * One dictated sentence cut where it moves from one system to another ("No adenopathy no thyromegaly their lungs are
 * clear", "some fine crackles at the bases, and his lower extremities have 1+ pitting edema"): a clause that names
 * another system's organ and states a finding starts a new piece; a clause without a finding (a maneuver, a place)
 * goes with the finding after it, or, at the end, with the one before it; a clause without an organ goes with the
 * piece before it.
 */
function systemPieces(text: string): string[] {
  const cuts = [0];
  for (const m of text.matchAll(CLAUSE_EDGE)) {
    if (!m.index || CLAUSE_GOES_ON.test(text.slice(0, m.index))) continue;
    // "no axillary, cervical, or supraclavicular lymphadenopathy": a comma inside a list.
    const after = text.slice(m.index + m[0].length);
    if (m[0].startsWith(',') && (LIST_GOES_ON.test(after) || /^(?:or|nor)\s/i.test(after))) continue;
    cuts.push(m.index);
  }
  if (cuts.length === 1) return [text];
  const groups: Array<{ text: string; sys: { name: string; organ: boolean } | null }> = [];
  let pending = '';
  for (let i = 0; i < cuts.length; i++) {
    const piece = text.slice(cuts[i]!, cuts[i + 1] ?? text.length);
    if (!EXAM_FINDING_WORDS.test(piece)) {
      // "We'll have to look into that | and then her right knee looks swollen": talk naming no body part goes.
      if (!pending && TALK.test(piece) && !examSystem(piece.toLowerCase())) continue;
      pending += piece;
      continue;
    }
    const said = pending + piece;
    pending = '';
    const last = groups[groups.length - 1];
    const sys = organSystem(said.toLowerCase());
    // "Right knee shows some erythema | and an insect bite with associated fluctuance": skin morphology that names no
    // place of its own, after a skin sign, is the same skin finding at the same place.
    const sameSkin =
      sys === 'Integumentary' && !!last && SKIN_SIGN.test(last.text) && !BODY_PLACE.test(said.toLowerCase());
    if (last && (sameSkin || !sys || !last.sys || !last.sys.organ || last.sys.name === sys)) {
      last.text += said;
      last.sys = examSystemOf(last.text.toLowerCase());
    } else groups.push({ text: said, sys: examSystemOf(said.toLowerCase()) });
  }
  if (pending) {
    if (groups.length) groups[groups.length - 1]!.text += pending;
    else groups.push({ text: pending, sys: null });
  }
  return groups.map((g) =>
    g.text
      .replace(/^[\s,;]*(?:(?:and|but|so|then|only|neurologically|with(?= motor\b))\s+)*/i, '')
      .replace(/[\s,;]+$/, ''),
  );
}

/** The clinician announcing a maneuver: "let me listen", "I am going to go ahead and take a look", "listen". */
const NARRATE_LEAD =
  '(?:let me|i am (?:just )?going to|i will|i would like to|i want to)\\s+(?:(?:just|quickly|quick|go ahead and|also|now)\\s+)*(?:listen|take a listen|look|take a look|check|feel)|(?:(?:just|quickly)\\s+)*(?:listen|listening|take a listen)';

/**
 * The clinician narrating the exam rather than stating its finding ("Looking at him, his neck is supple", "I am going
 * to go ahead and listen to their lungs are clear", "let me listen quickly to their heart I do hear a murmur", "right
 * where I am pressing"): the narration goes, the finding stays.
 */
const NARRATION: Array<[RegExp, string]> = [
  // "When I listen to your lungs I hear crackles at the left base": the maneuver before the finding.
  [
    /^(?:(?:so|and|now|okay|then)\s+)*when i (?:listen(?:ed)? to|examine|examined|feel|felt|look(?:ed)? at|press(?:ed)? on) (?:his|her|their|your|the) [a-z]+(?: and (?:his|her|their|your|the )?[a-z]+)?,?\s+(?=i (?:do |can |do not |don't )?(?:hear|see|appreciate|notice|feel)\b)/i,
    '',
  ],
  [/\b(?:i (?:do )?)?notice that\s+/gi, ''],
  // "I do however still appreciate that murmur": the hedge words between the doctor and the verb.
  [/\bi (?:do )?(?:(?:however|still|also),? )+(?=(?:appreciate|hear|see|notice|feel)\b)/gi, 'I '],
  [
    /^(?:(?:so|and|but|now|okay|then)\s+)*(?:when i (?:look|looked) at|looking at|listening to|feeling) (?:him|her|them),?\s+/i,
    '',
  ],
  // "Feel his neck here no jugular venous distention": the maneuver before the finding.
  [
    /^(?:(?:so|and|now)\s+)*(?:feel(?:ing)?|palpating|looking at|listening to|examining) (?:his|her|their|the) [a-z]+(?: and (?:his|her|their|the) [a-z]+)?(?: here)?,?\s+(?=no\b|there\b|(?:his|her|their) [a-z]+ (?:is|are)\b|i (?:do not |don't |do |can )?(?:appreciate|hear|see|notice|feel)\b)/i,
    '',
  ],
  [
    /^(?:(?:so|and|now)\s+)*(?:when i (?:look at|examine|inspect)) (?:his|her|their|the) ((?:left |right )?[a-z]+),?\s+(?:here\s+)?(?:(?:he|she|they) (?:do |does )?(?:has|have)\s+)?(?=there\b|\S+\s+\S)/i,
    'On inspection of the $1, ',
  ],
  [
    /^(?:i would like to|i am going to|let me|i will|i want to)\s+(?:go ahead and\s+)?(?:do|perform)\s+(?:a |my )?(?:quick |focused )?(?:[a-z]+ )?exam(?:ination)?\s+(?:of|on)\s+(?:his|her|their|the)\s+((?:left |right )?[a-z]+)\s+(?:the\s+)?(?=there|his|her|their|\w+ (?:is|are)\b)/i,
    '$1: ',
  ],
  // "I am going to check reflexes and they're all normal": the finding.
  [
    /^(?:i am going to|let me|i will) (?:just )?(?:check|test) (?:(?:his|her|their|the) )?([a-z]+(?: [a-z]+)?) and (?:they're|they are|they were)\s+/i,
    '$1 are ',
  ],
  [
    new RegExp(
      `\\b(?:${NARRATE_LEAD})\\s+(?:(?:quickly|quick)\\s+)?(?:to|at)\\s+(?=(?:his|her|their|the) (?:[a-z]+ )?(?:is|are|sounds?|seems?)\\b)`,
      'gi',
    ),
    '',
  ],
  [
    new RegExp(
      `\\b(?:${NARRATE_LEAD})\\s+(?:(?:quickly|quick)\\s+)?(?:(?:to|at)\\s+)?(?:his|her|their|the)\\s+[a-z]+(?:\\s+(?:quickly|quick|first|now|here))?\\s+(?:if (?:he|she|they) (?:can )?take a deep breath\\s+)?(?=i (?:do |can |do not |don't )?(?:hear|see|appreciate|notice|feel)\\b|there (?:is|are)\\b|(?:his |her |their |the )?(?:[a-z]+ )?(?:is|are|sounds?|seems?)\\b)`,
      'gi',
    ),
    '',
  ],
  // "Everything seems to look really good lungs are nice and clear": the summary before the first finding.
  [
    /^(?:on (?:physical )?exam(?:ination)?,?\s+)?(?:everything|it all) (?:else )?(?:seems to |appears to )?(?:looks?|sounds?|is) (?:really |pretty |very )?(?:good|great|fine|okay)\s+(?=(?:his |her |their )?[a-z]+ (?:is|are)\b)/i,
    '',
  ],
  [/\s*,?\s*(?:right )?where i(?: am)? (?:pressing|pushing|touching)(?: right)?(?: there| here)?\b/gi, ''],
  [/\bi (?:also )?recognize(?: that)?\s+/gi, ''],
  // "…grind test when they stood up I could feel that": how the doctor found it, which the finding says already.
  [/,?\s+when (?:he|she|they) (?:[a-z]+ ){1,3}?i (?:could |can )?(?:feel|felt|see|hear)(?: (?:that|it))?\b/gi, ''],
  // "…as we went through there they did say they had knee pain with squatting": the history, not the finding.
  [
    /,?\s+(?:as we went through(?: (?:there|that|it))? )?(?:he|she|they) (?:did )?(?:say|said|mentioned|told me|reported)\b.*$/gi,
    '',
  ],
  // "It I have got about 10 degrees of plantar flexion": the doctor measuring; the measure is the finding.
  [
    /(?<=^|,\s)(?:it )?i(?:'ve| have) got (?=(?:about |approximately |roughly |around )?(?:\d+|[a-z]+) degrees\b)/gi,
    '',
  ],
  // "…swelling when I touch on their midfoot": where it was found.
  [
    /\bwhen i (?:touch|press|push|palpate)(?: (?:on|along|over|around))? (?=(?:his|her|their|the) )/gi,
    'on palpation of ',
  ],
  [/\bi do (?=(?:he|she|they) (?:do |does )?(?:has|have)\b)/gi, ''],
  [/\bi can (?=appreciate\b)/gi, 'I '],
];

function withoutNarration(text: string): string {
  let t = text;
  for (const [re, to] of NARRATION) t = t.replace(re, to);
  return t.replace(/\s{2,}/g, ' ').trim();
}

/** "On her exam.": an exam named, no finding. */
const EXAM_FRAME_ONLY =
  /^(?:(?:and|so|otherwise)\s+)*(?:(?:on|for|in)\s+)?(?:(?:his|her|their|the)\s+)?(?:[a-z]+\s+)?exam(?:ination)?[.]?$/;

/** A skin lesion measured, said of "it" ("it is about 8 millimeters irregular borders…"). */
const LESION_SIZE =
  /^(?:it|this|that)(?:'s| is| measures)( about| around| approximately| roughly| maybe)? (\d+(?:\.\d+)?) ?(mm|millimeters?|cm|centimeters?)\b,?\s*/i;

/**
 * Lengths in a finding as a note writes them ("3 centimeters" → "3 cm"), and a skin lesion measured as "it": "It is
 * about 8 millimeters irregular borders" → "Lesion measures approximately 8 mm, irregular borders".
 */
function lesionSize(text: string, sys: string): string {
  // Lengths as a note writes them: "3 centimeters" → "3 cm".
  const units = text.replace(
    /\b(\d+(?:\.\d+)?) ?(centi|milli)meters?\b/gi,
    (_, n: string, scale: string) => `${n} ${scale.toLowerCase() === 'centi' ? 'cm' : 'mm'}`,
  );
  if (sys !== 'Integumentary') return units;
  return units.replace(
    LESION_SIZE,
    (all, approx: string | undefined, n: string, unit: string, at: number, whole: string) => {
      const rest = whole.slice(at + all.length);
      const sep = !rest || /^(?:and|with|but)\b/i.test(rest) ? ' ' : ', ';
      return `lesion measures ${approx ? 'approximately ' : ''}${n} ${/^m/i.test(unit) ? 'mm' : 'cm'}${rest ? sep : ''}`;
    },
  );
}

/**
 * A vital sign read out before a finding ("their oxygen is 93 percent and …", "temp is 100.4, …"): what follows it in
 * the same breath is the exam's, though no exam was announced.
 */
const VITAL_CLAUSE =
  /^(?:(?:okay|so|and|now|well)[,\s]+)*(?:(?:your|his|her|their|the) )?(?:oxygen(?: saturation| sat\w*| levels?)?|o2(?: sat\w*)?|sats?|pulse ox\w*|heart rate|pulse|temperature|temp|respiratory rate|blood pressure)(?:'s| is| was| are)? (?:about |around |at )?\d+(?:\.\d+)?(?:\/\d+)?(?: ?%| percent| degrees)?(?: on room air)?(?:,\s*|,?\s+and\s+)(?=\S+\s+\S+)/i;

/** The findings of one dictated sentence, one per body part, each filed under its own system. */
function examFindings(third: string, base: Omit<ExamFinding, 'system' | 'finding' | 'negated'>): ExamFinding[] {
  const out: ExamFinding[] = [];
  const said = third
    // "there is also cva tinnitus on the right": ASR's word for the costovertebral-angle tenderness.
    .replace(/\b(cva) tinnitus\b/gi, '$1 tenderness')
    // "Lungs sound pretty good to me so keep doing what you're doing": the finding, without who heard it or the advice.
    .replace(/,?\s+(?:and |so )(?:just )?(?:keep|continue) (?:doing|up|taking|using|working)\b.*$/i, '')
    .replace(
      /\b(sounds?|looks?|seems?|feels?) (?:pretty |really )?(good|great|fine|normal|okay|clear) to me\b/gi,
      '$1 $2',
    )
    // "…murmur, but we've heard that in the past": known, as a note says it.
    .replace(
      /,?\s+(?:but|and) (?:we've|we have|i've|i have) (?:heard|seen|noted) (?:that|this|it) (?:before|in the past)\b/gi,
      ', unchanged from prior',
    )
    // "…murmur that we talked about in the past", "…murmur she has had that in the past": known before, as a note says it.
    .replace(
      /,?\s+(?:and\s+)?(?:(?:that|which)(?: we(?:'ve| have)? (?:talked about|knew about|discussed)(?: (?:that|it))?| (?:he|she|they) (?:has |have )?had)|(?:he|she|they) (?:has |have )?had (?:that|this|it))(?: (?:in the past|already|before|previously))\b/gi,
      ', previously noted',
    )
    // "…normal pulses, and everything else is normal": the rest of the exam, said after a finding.
    .replace(
      /,?\s+(?:and\s+)?everything else (?:is|was|looks|seems)(?: to be)? (?=normal|unremarkable)/gi,
      ', the rest of the exam is ',
    )
    // "their patella and their achilles reflex are symmetrical": one finding of two reflexes, not two findings.
    .replace(/\b(?:his|her|their) ([a-z]+) and (?:his|her|their) ([a-z]+ reflex(?:es)?)\b/gi, '$1 and $2')
    .replace(
      /\b((?:his|her|their|the) (?:[a-z]+ )?[a-z]+) otherwise (?=(?:is|are|sounds?|looks?|seems?|feels?)\b)/gi,
      '$1 ',
    );
  // "Their oxygen is 93 percent and they have some scattered wheezes": the reading is a vital sign, written with the
  // vitals; the finding after it is the exam's.
  const text = said.replace(VITAL_CLAUSE, '');
  const parts: Array<{ said: string; sep: string }> = [];
  let last = 0;
  for (const m of text.matchAll(new RegExp(FINDING_SPLIT.source, 'gi'))) {
    parts.push({ said: text.slice(last, m.index), sep: m[0] });
    last = m.index + m[0].length;
  }
  parts.push({ said: text.slice(last), sep: '' });
  // A part with no finding after one with ("…no bony tenderness | on palpation of the foot") says where it was
  // found, and a part that names no system ("…and | their achilles reflex are symmetrical") goes on the one before:
  // each stays with the part before it, joined as said.
  const joined: string[] = [];
  let prevSep = '';
  let prevCut = false;
  for (const { said, sep } of parts) {
    // "…pain to palpation of epigastric area how about now": the question to the patient after the finding.
    const unexplained = said.replace(EXPLANATION, '').replace(/(?<=(?:\S+\s+){3}\S+)\s+(?:how|what) about\b.*$/i, '');
    const part = unexplained.replace(/^(?:and |so )?otherwise,?\s+/i, '').trim();
    const prev = joined[joined.length - 1];
    const lower = part.toLowerCase();
    const goesOn =
      prev !== undefined &&
      EXAM_FINDING_WORDS.test(prev) &&
      !prevCut &&
      part.split(' ').length >= 2 &&
      !EXAM_FRAME_ONLY.test(lower) &&
      (!EXAM_FINDING_WORDS.test(part) || (!examSystem(lower) && !WHOLE_EXAM.test(lower)));
    if (goesOn)
      joined[joined.length - 1] = `${prev.replace(/[.!]$/, '')}${/;/.test(prevSep) ? ',' : prevSep.trimEnd()} ${part}`;
    else if (part.split(' ').length >= 2) joined.push(part);
    else continue;
    prevSep = sep;
    prevCut = unexplained !== said;
  }
  for (const said of joined) {
    for (const piece of systemPieces(said)) {
      const lower = piece.toLowerCase();
      // "The rest of her exam is normal": the whole exam, filed as general.
      const sys = examSystem(lower) ?? (WHOLE_EXAM.test(lower) ? 'General' : null);
      if (!sys) continue;
      const part = lesionSize(withoutNarration(piece) || piece, sys);
      if (part.split(' ').length < 2) continue;
      const finding = finishSentence(part.charAt(0).toUpperCase() + part.slice(1));
      out.push({ ...base, system: sys, finding, negated: /\b(no|not|without|normal|clear)\b/.test(lower) });
    }
  }
  return out;
}

/** Exam words that name no organ: they decide the system only when nothing else does. */
const GENERIC_EXAM = /^(?:tender\w*|range of motion|muscle|joint|strength|edema|redness|erythema|bruis\w*|ecchymosis)$/;

/** "on your lung exam", "heart exam": the system the doctor names for the finding. */
const NAMED_EXAM: Array<[RegExp, string]> = [
  [/\b(?:heart|cardiac|cardiovascular)\b/, 'Cardiovascular'],
  [/\b(?:lungs?|respiratory|chest)\b/, 'Respiratory'],
  [/\b(?:abdominal|abdomen|belly|stomach)\b/, 'Gastrointestinal'],
  [/\b(?:neuro(?!vascular)\w*)\b/, 'Neurological'],
  [/\b(?:skin)\b/, 'Integumentary'],
  [/\b(?:breasts?)\b/, 'Breast'],
  [/\b(?:heent|head|eyes?|ears?|nose|throat)\b/, 'Head, Eyes, Ears, Nose and Throat'],
  [/\b(?:neck|thyroid)\b/, 'Neck'],
  [/\b(?:prostate|rectal|genital\w*|testic\w*|scrot\w*|pelvic|vaginal|bimanual|cervix|bladder)\b/, 'Genitourinary'],
  [/\b(?:knee|shoulder|elbow|wrist|ankle|hip|back|spine|foot|hand|musculoskeletal|extremit\w*)\b/, 'Musculoskeletal'],
];

/**
 * The system of an exam finding: the one the doctor names ("on your lung exam …"), else the system whose cue word
 * comes first in the sentence (not the first system in a fixed list: "lungs clear; heart regular" is respiratory first).
 */
export function examSystem(lower: string): string | null {
  return examSystemOf(lower)?.name ?? null;
}

/** examSystem, and whether an organ (not a generic word like "tenderness") named it. */
function examSystemOf(lower: string): { name: string; organ: boolean } | null {
  const named = /\b(?:on (?:your|his|her|their|the) )?([a-z]+(?: [a-z]+)?) exam(?:ination)?\b/.exec(lower);
  if (named) for (const [re, name] of NAMED_EXAM) if (re.test(named[1]!)) return { name, organ: true };
  // An organ named anywhere outranks a generic word ("tenderness … of his abdomen" is an abdominal finding).
  let best: { name: string; at: number; organ: boolean; over: Set<string> | undefined } | null = null;
  for (const [i, [name, re]] of EXAM_SYSTEMS_ALL.entries()) {
    // The first organ word of a system, else its first generic word ("tenderness in the lower back" is the back's).
    let m: RegExpExecArray | null = null;
    for (const x of lower.matchAll(re)) {
      m ??= x;
      if (!GENERIC_EXAM.test(x[0])) {
        m = x;
        break;
      }
    }
    if (!m) continue;
    // "Feeling your neck, your thyroid is enlarged": the neck is where the thyroid is, not a joint.
    if (
      name === 'Musculoskeletal' &&
      m[0] === 'neck' &&
      /\b(?:thyroid|lymph|adenopathy|jvd|jugular|carotid|supple|neck veins?\b)/.test(lower)
    )
      continue;
    const organ = !GENERIC_EXAM.test(m[0]);
    // Skin morphology names the system wherever on the body it is ("on the back there's a biopsy site").
    const over = OUTRANKS.get(i);
    const beats =
      !best ||
      (organ && !best.organ) ||
      (organ === best.organ && (over?.has(best.name) === true || (best.over?.has(name) !== true && m.index < best.at)));
    if (beats) best = { name, at: m.index, organ, over };
  }
  return best ? { name: best.name, organ: best.organ } : null;
}

/** The doctor seeing what is named next ("looks a little swollen", "appears red"). */
const OBSERVED =
  /\b(?:looks?|appears?|seems?|i (?:can )?(?:see|notice|feel))\s+(?:(?:a little|a bit|very|really|kind of|pretty|still|quite|slightly|mildly|some)\s+)*$/;

/**
 * Where a finding starts after an announcement of the exam ("… I do appreciate", "there is", "you are positive"), or
 * the part looked at and how it looks ("let's take a look at that knee, right knee looks like it has some swelling").
 */
const FINDING_START =
  /\b(?:i (?:do )?(?:appreciate|see|notice|hear|feel)|there (?:is|are|was|were)|(?:your|his|her|their) (?:lungs?|heart|abdomen|belly|neck|skin|throat|ears?|eyes?) (?:is|are|sounds?|looks?|feels?)\b|you (?:are|have|do have) (?:some|a|an|positive|negative|no)|on (?:your|his|her|the) (?:[a-z]+ )?exam|looks like (?:your|his|her|the|you)|(?:your|his|her|the) [a-z']+(?: [a-z']+)? (?:test|sign|maneuver) (?:is|was)|(?:(?:left|right) )?(?:knee|ankle|foot|wrist|elbow|shoulder|hip|hand|finger|toe|leg|arm)s? (?:looks?|appears?|seems?) (?:like (?:it|they|there)|(?:a little |a bit |very |really |kind of |pretty |slightly |mildly |quite )?(?:swollen|red|bruised|warm|deformed|normal)))\b/;

/**
 * The doctor explaining or advising, not dictating a finding: what "we" like or want to do, what is done for people
 * with a condition, what something can help ("we often like to keep people with heart problems on magnesium", "we want
 * that 2-ish range because it can help stabilize the heart muscle").
 */
const COUNSELLING =
  /\bwe (?:often |usually |generally |typically |normally |always |really )?(?:like|want|try|recommend|prefer|tend)(?: to| that| you| people| patients)\b|\b(?:people|patients|folks) (?:with|who)\b|\b(?:it|that|this|which) (?:can|will|may|might|should) help\b/;

/** The doctor announcing what they will listen to: "i'm gonna listen to your heart and lungs". */
const LISTEN_TO =
  /\blisten to (?:your|his|her|their|the) (heart|lungs?)(?: and (?:(?:your|his|her|their|the) )?(heart|lungs?))?\b/;
/** A verdict on what was listened to that names no organ: "all right, everything sounds good, no concerns there". */
const HEARD_VERDICT =
  /^(?:(?:okay|ok|alright|all right|so|and|well|good|great)[,\s]+)*(?:everything|it all|that all|all|both) (?:sounds?|sounded) (?:(?:really|very|pretty|nice and)\s+)?(good|great|fine|normal|clear)\b/;

/**
 * The doctor's reading of the findings, not a finding: "it seems to me you do have that kidney stone", "that tenderness
 * is telling me", "i think you have…". A finding said before it stays; from the cue on, it is the assessment's.
 */
const INTERPRETATION =
  /(?:^|,?\s+)(?:(?:and|so|but)\s+)*(?:(?:it|that|this) (?:seems|sounds) to me\b|(?:it |that )?seems like (?:you|he|she|they) (?:do |does )?(?:have|has)\b|(?:is|are) (?:(?:is|are) )?telling me\b|(?:that|this|which) tells me\b|tells me (?:that|you)\b|i (?:think|believe|suspect) (?:that )?(?:you|he|she|they|this|that|it)(?:'s| is| are| do| does| have| has)\b)/i;

/** A finding without the doctor's reading of it: the words before the reading, or null when it starts with it. */
function withoutInterpretation(text: string): string | null {
  const m = INTERPRETATION.exec(text);
  if (!m) return text;
  const before = text.slice(0, m.index).trim();
  return before.split(/\s+/).length >= 3 && EXAM_FINDING_WORDS.test(before) ? finishSentence(before) : null;
}

/** The doctor repeating the history during the exam ("I know that you said it hurts…"): no finding. */
const RECAP = /\b(?:you (?:said|told me|mentioned)|you've (?:said|told me|mentioned))\b/;

/**
 * A dictated finding that runs on into a question to the patient ("…mild swelling and bruising with your knee, are
 * you able to bend it"): the question is cut off; a sentence that is only a question stays as it is.
 */
function withoutTrailingQuestion(text: string): string | null {
  // Not after a subject: "on their lung exam I do, they do have some fine rales" is a false start, not a question.
  // "…pain with torsion and twisting supination, what about pronation": a question on to the next maneuver.
  const m =
    /(?:^|(?<!\b(?:i|we|they|he|she|it|there)),?\s+)\b(?:(?:are|do|does|did|can|could|is|would|will) (?:you|they|he|she|them|that|it|this)|(?:what|how) about)\b/i.exec(
      text,
    );
  // "How is her back then, has that been…": a question from start to end.
  if (/^(?:how|what|where|why|when) (?:is|are|does|do|did|has|have|was|were|about)\b/i.test(text)) return null;
  if (!m) return text;
  // Little or nothing before the question ("If they pull back, does that hurt?"): no finding was dictated.
  if (m.index < 25) return null;
  return finishSentence(text.slice(0, m.index));
}

const PRESS_RE =
  /\b(?:when|if|as|so) (?:i|we) (?:press|push|palpate|touch|feel|squeeze|tap|poke)(?: down)?(?: on| along| over| around)? ((?:the |your |his |her )?[a-z' ]{2,60}?),? (?:does|did|is|do) (?:that|this|it) (?:hurt|feel (?:tender|sore|painful)|tender|painful|sore)\b/;
const CHOICE_RE =
  /\b(?:when|if|as|so) (?:i|we) (?:press|push|palpate|touch|feel)(?: on| along| over)? ((?:the |your |his |her )[a-z ]{2,30}?),? does (?:it|that) hurt (?:more )?(?:on|in) the ([a-z]+) or (?:does it hurt )?(?:more )?(?:on|in) the ([a-z]+)\b/;
const MOVE_RE =
  /\b(?:when|if|as|so) (?:i|you|we) (move|bend|straighten|rotate|twist|turn|lift|raise|flex|extend) ((?:the |your |his |her )[a-z' ]{2,40}?),? (?:does|did|is|do) (?:that|this|it) (?:hurt|feel (?:tender|sore|painful)|painful|sore)\b/;
const MOVE_NOUN: Record<string, string> = {
  move: 'movement',
  bend: 'flexion',
  flex: 'flexion',
  straighten: 'extension',
  extend: 'extension',
  rotate: 'rotation',
  twist: 'rotation',
  turn: 'rotation',
  lift: 'elevation',
  raise: 'elevation',
};
const MANEUVER_YES =
  /^(?:(?:um|uh|oh|well|ouch|ow)[,.\s]+)*(?:yes|yeah|yep|yup|ouch|ow|it does|that does|a little|a bit|kind of|sort of|mm-hmm|uh-huh)\b/;
const MANEUVER_NO = /^(?:(?:um|uh|oh|well)[,.\s]+)*(?:no|nope|nah|not really|it doesn't|that doesn't|not at all)\b/;

/** The body part of a maneuver as a note names it: "the inside of your knee" → "the inside of the knee". */
function maneuverPart(raw: string): string | null {
  // A side corrected on the spot ("the outside of your left of your right knee sorry") keeps the last one said.
  const part = raw
    .replace(/\b(?:sorry|i mean|excuse me)\b/g, ' ')
    .replace(/\b([a-z]+) \1\b/g, '$1')
    .replace(/\b(?:your|his|her|their)\b/g, 'the')
    .replace(/\b(left|right) of the (left|right)\b/g, '$2')
    // The part, not where it is moved: "your knee back towards you" is the knee.
    .replace(/\s+\b(?:back|away|towards?|up|down|forward|out|over|like|all the way)\b.*$/, '')
    .replace(/\s+and (?:move|bend|push|pull|twist|turn|rotate|lift|press)\b.*$/, '')
    .replace(/\b(?:right )?(?:here|there)\b/g, ' ')
    .replace(/^\s*(?:in |down )?(?:on |along |over )?/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?!the |between )/, 'the ');
  // Only a body part (an exam system's word), not "right here" or "there".
  return examSystem(part) ? part : null;
}

/**
 * A doctor's exam maneuver asked as a question ("when I press on the inside of your knee, does that hurt?") read
 * with the patient's answer: tenderness or pain with the movement, present or absent. Null when the sentence is no
 * maneuver or the answer is neither yes nor no.
 */
export function examManeuver(
  lower: string,
  answerTurn: { speaker: string; text: string } | undefined,
): { finding: string; negated: boolean; start: number } | null {
  if (!answerTurn || answerTurn.speaker === 'doctor') return null;
  const answer = answerTurn.text.toLowerCase().trim();
  // "Does it hurt more on the inside or on the outside?" "…hurts on the outside": the option the answer names.
  const choice = CHOICE_RE.exec(lower);
  if (choice) {
    const part = maneuverPart(choice[1]!);
    const picked = [choice[2]!, choice[3]!].filter((o) => new RegExp(`\\b${o}\\b`).test(answer));
    if (!part || picked.length !== 1) return null;
    const side = new RegExp(`\\b(left|right) ${part.replace(/^the /, '')}\\b`).exec(answer)?.[1];
    const sided = side && !/\b(?:left|right)\b/.test(part) ? part.replace(/^the /, `the ${side} `) : part;
    return {
      finding: `Tenderness to palpation of the ${picked[0]} of ${sided}.`,
      negated: false,
      start: choice.index,
    };
  }
  const yes = MANEUVER_YES.test(answer);
  if (!yes && !MANEUVER_NO.test(answer)) return null;
  const press = PRESS_RE.exec(lower);
  if (press) {
    const part = maneuverPart(press[1]!);
    if (!part) return null;
    return {
      finding: `${yes ? 'Tenderness' : 'No tenderness'} to palpation ${part.startsWith('between') ? '' : 'of '}${part}.`,
      negated: !yes,
      start: press.index,
    };
  }
  const move = MOVE_RE.exec(lower);
  if (move) {
    const part = maneuverPart(move[2]!);
    if (!part) return null;
    return {
      finding: `${yes ? 'Pain' : 'No pain'} with ${MOVE_NOUN[move[1]!]} of ${part}.`,
      negated: !yes,
      start: move.index,
    };
  }
  return null;
}

/** An allergy of the patient's, now: "drug" with 'absent' is "no known drug allergies". */
function allergy(
  substance: string,
  reaction: string | null,
  evidence: number[],
  source: string,
  assertion: 'present' | 'absent',
): Allergy {
  return {
    substance,
    reaction,
    evidence,
    ...assertionFields({ assertion, experiencer: 'patient', time: 'current' }),
    source,
  };
}

const ALLERGENS = /\b(?:penicillin|sulfa|latex|peanuts?|shellfish|codeine|iodine|contrast|eggs?|bee stings?)\b/g;
const REACTION =
  /\b(rash|hives|swelling|anaphylaxis|itching|shortness of breath|throat (?:closing|swelling)|nausea|vomiting)\b/;

/** A reaction said of a drug ("made me itch", "causes his heart to race"), and the word the note gives it. */
const DRUG_REACTION: [RegExp, string][] = [
  [/\bheart (?:to )?(?:race|races|raced|racing|pound\w*)|\bpalpitations?\b/, 'palpitations'],
  [/\bitch(?:ed|es|ing|y)?\b/, 'itching'],
  [/\bhives\b/, 'hives'],
  [/\brash(?:es)?\b|\bbr(?:oke|eak|eaks) (?:me |him |her )?out\b(?! in hives)/, 'rash'],
  [/\bswell(?:ing|ed)?\b|\bswollen\b/, 'swelling'],
  [
    /\bnause\w*|\bsick to (?:my|his|her|their) stomach\b|\b(?:upset (?:my |his |her )?stomach|stomach upset)\b/,
    'nausea',
  ],
  [/\bvomit\w*|\bthr(?:ow|ew|owing) up\b/, 'vomiting'],
  [/\bdiarrh?ea\b/, 'diarrhea'],
  [/\bdizz\w*|\blight-?headed\w*/, 'dizziness'],
  [/\bdrows\w*/, 'drowsiness'],
  [/\bcough\w*/, 'cough'],
  [/\bheadaches?\b/, 'headache'],
  [/\bshort(?:ness)? of breath\b/, 'shortness of breath'],
  [/\banaphyla\w*|\bthroat (?:closing|closed|swelling|swelled)\b/, 'anaphylaxis'],
];
/** The first reaction said in a text, its note word and where it ends. */
function drugReactionIn(text: string): { reaction: string; start: number; end: number } | null {
  let best: { reaction: string; start: number; end: number } | null = null;
  for (const [re, reaction] of DRUG_REACTION) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.start)) best = { reaction, start: m.index, end: m.index + m[0].length };
  }
  return best;
}
/** Said just before a drug: the patient reacted to it or does not tolerate it ("a reaction to dexamethasone"). */
const INTOLERANT_BEFORE =
  /\b(?:reactions? to|react(?:s|ed|ing)?(?: badly| poorly)? to|intoleran(?:t|ce) (?:of|to)|(?:can't|cannot|can not|couldn't|could not) (?:take|tolerate)|(?:didn't|did not|doesn't|does not|don't|do not) tolerate|sensitiv(?:e|ity) to)\s+(?:(?:the|any|his|her|my|your|a|an|some|uh|um),?\s+)*$/;
/** Said just after a drug: what it did to the patient ("and that itched me like crazy", "made me dizzy"). */
const INTOLERANT_AFTER =
  /^[\s,]*(?:(?:uh|um|and|but|which|that|it|this|one|they|really|always|just|also|only|kind of|sort of)[\s,]+)*(?:made|makes|make|gave|gives|give|causes?|caused|causing|itched|itches|upset|upsets|broke)\b/;
/** Said just after a drug: the reason it is avoided is a reaction ("avoid the dexamethasone, because of the reaction"). */
const AVOIDED_FOR_REACTION =
  /^[\s,]*(?:because|due to|given)\b[^.?!]{0,40}?\b(?:reactions?|react\w*|allerg\w*|intoleran\w*)\b/;
/** "When it gets (really) …" / "whenever they flare …" just before a symptom: the occasion of a habit. */
const PRN_WHEN =
  /\b(?:when|whenever) (?:it|they|that|my [a-z]+) (?:gets?|is|are|starts?|flares?(?: up)?|feels?)(?: (?:really|very|so|too|a (?:little )?bit|kind of|real))? $/;
/** …followed by what the patient does then ("I'll use that", "I just put some cream on", "she takes her …"). */
const PRN_USE =
  /^[\s,]*(?:(?:i|she|he|they|we)(?:'ll| will| just| usually| normally| would)?[\s-]+(?:[a-z'-]+[\s-]+){0,3}?(?:use|uses|apply|applies|put|puts|take|takes|rub|rubs)\b)/;
const EASY_BRUISING = /\b(?:eas(?:y|ily)|bruises? (?:so |very |really )?easily)\b/;
/** A symptom said to be improving, not gone ("it's a bit better", "not as bad", "under control"). */
const IMPROVING =
  /\b(?:(?:a (?:little |lot )?bit|much|somewhat|a little|a lot|slightly|way|getting|gotten|doing|it's|it is) better|improv(?:ed|ing)|not as bad|under (?:better )?control)\b/;
const RELIEVED = /\b(?:relie\w*|better|help\w*|less|improv\w*|control\w*|stop\w*|rid|ease\w*|calm\w*)\b/;
const RELIEVED_AFTER = /^\s*(?:to )?(?:go(?:es)? |went |get |got )?(?:down|away|better|improve\w*|less|go\b)/;
/** A reaction denied, asked about or supposed just before the cue ("no reaction to", "if you react to"). */
const REACTION_DENIED = /\b(?:no|never|not|without|any)\b[^,.?!]{0,14}$/;
const REACTION_SUPPOSED = /\b(?:if|in case|should|might|could|may)\b[^,.?!]{0,14}$/;
const INTOLERANCE_WORDS =
  /\breact|\bintoleran|\btolerate|\b(?:can't|cannot|can not|couldn't|could not) take|\bsensitiv|\bmade|\bmakes?\b|\bgave|\bgives?\b|\bcaus|\bitch|\bupset|\bbroke|\bwith\b/;

/** A drug the patient reacted to, where its mention says so: the drug, the reaction if named, and the words' span. */
interface DrugReaction {
  name: string;
  /** Where the drug is named in the sentence. */
  start: number;
  end: number;
  reaction: string | null;
  /** The span of the sentence the intolerance is said in, the reaction included. */
  from: number;
  to: number;
  /** Said as not had ("no reaction to the amoxicillin", "any reaction to it?"): neither an allergy nor a drug taken. */
  denied: boolean;
}

/**
 * Drugs a sentence names as ones the patient reacted to or does not tolerate ("did not want any steroid because of
 * the reaction to dexamethasone, which causes his heart to race", "you suffer from itching with the
 * methylprednisolone", "methylprednisolone, and that itched me like crazy", "I can't take codeine, it makes me sick
 * to my stomach"): an intolerance, read with the allergies, not a medication taken or a symptom now.
 */
function drugReactionsIn(
  lower: string,
  mentions: readonly { start: number; end: number; value: { name: string } }[],
  following = '',
): DrugReaction[] {
  if (!(INTOLERANCE_WORDS.test(lower) || /\breact|\ballerg|\bintoleran/.test(following))) return [];
  // Allergens that are no drug of the lexicon ("a bad reaction to sulfa") are read the same way.
  const named = [
    ...mentions,
    ...[...lower.matchAll(ALLERGENS)]
      .map((a) => ({ start: a.index, end: a.index + a[0].length, value: { name: a[0] } }))
      .filter((a) => !mentions.some((m) => m.start < a.end && m.end > a.start)),
  ].sort((a, b) => a.start - b.start);
  if (!named.length) return [];
  const out: DrugReaction[] = [];
  for (const [k, m] of named.entries()) {
    const lead = lower.slice(Math.max(named[k - 1]?.end ?? 0, m.start - 60), m.start);
    const tailEnd = Math.min(named[k + 1]?.start ?? lower.length, m.end + 60);
    const after = lower.slice(m.end, tailEnd);
    const leadFrom = m.start - lead.length;
    const before = INTOLERANT_BEFORE.exec(lead);
    // "itching with the methylprednisolone": the reaction just before the drug.
    const withLead = /\bwith (?:the |his |her |my |your )?$/.exec(lead);
    const withReaction = withLead ? drugReactionIn(lead.slice(Math.max(0, withLead.index - 25), withLead.index)) : null;
    const withOk =
      withReaction && !/\w/.test(lead.slice(Math.max(0, withLead!.index - 25) + withReaction.end, withLead!.index));
    const causes = INTOLERANT_AFTER.exec(after);
    let causedReaction = causes ? drugReactionIn(after.slice(0, Math.min(after.length, causes[0].length + 30))) : null;
    // "Gave me some relief from the itching", "made the swelling go down": what the drug helped, not a reaction.
    if (
      causedReaction &&
      (RELIEVED.test(after.slice(causes![0].length, causedReaction.start)) ||
        RELIEVED_AFTER.test(after.slice(causedReaction.end)))
    )
      causedReaction = null;
    // The reason may be said as the next sentence ("i would avoid the dexamethasone, | because i saw you have a little
    // reaction to that").
    const avoided = AVOIDED_FOR_REACTION.exec(/\w/.test(after) ? after : `${after} ${following}`);
    if (!before && !withOk && !causedReaction && !avoided) continue;
    const cueAt = before ? leadFrom + before.index : withOk ? leadFrom + withLead!.index : m.start;
    if (REACTION_SUPPOSED.test(lower.slice(0, cueAt))) continue;
    const denied = REACTION_DENIED.test(lower.slice(0, cueAt));
    let reaction: string | null = null;
    let to = m.end;
    let from = cueAt;
    if (withOk) {
      reaction = withReaction!.reaction;
      from = leadFrom + Math.max(0, withLead!.index - 25) + withReaction!.start;
    } else {
      const r = causedReaction ?? drugReactionIn(after);
      if (r) {
        reaction = r.reaction;
        to = m.end + r.end;
      }
      if (avoided) to = Math.max(to, Math.min(lower.length, m.end + avoided[0].length));
    }
    out.push({ name: m.value.name, start: m.start, end: m.end, reaction, from, to, denied });
  }
  return out;
}

const WHOLE_EXAM = /\b(?:physical )?exam(?:ination)? (?:is|was|looks|looked) (?:\w+ )?(?:normal|unremarkable|benign)\b/;

const REASON_WORDS =
  /\b(?:pain|ache|injur\w*|history of|follow[- ]?up|check[- ]?up|physical|exam|evaluation|visit|annual|wellness|consult\w*|refill|results?|labs?|abnormal|swelling|rash|cough|fever|lump|mass|fracture|sprain|infection|problem|issue|concern|symptoms?|management|care|knee|back|shoulder|hip|ankle|foot|hand|wrist|elbow|neck|chest|head|eye|ear|throat|skin|stomach|abdomen|urin\w*|bleed\w*|blood|pressure|sugar|weight|headaches?|dizz\w*|numb\w*|tingl\w*|weak\w*|fatigue|tired\w*)\b/;

/** Where a reason for the visit stops in a run-on sentence. */
const REASON_END =
  /\s(?:and also|and (?:he|she|they) (?:has|have|is|are)|(?:he|she|they|who) (?:is|are|has|have|was) (?:accompanied|here|also)|[a-z]+ (?:is|are|was) accompanied by|who|hi|hello|how are|how's|how is|can (?:you|them|him|her) tell|tell me|so|okay|alright|with (?:a |his |her |their )?(?:past )?(?:medical )?history|also|now status post|(?:your )?you(?:r \w+)? (?:said|told|had|have|think|were|was|are|mentioned))\b/;

/**
 * The reason said as what the visit follows up or is about, early in the visit ("we're here to check in on your blood
 * pressure", "we're following up on your thyroid", "so you're here about the anxiety").
 */
const FOLLOWING_UP_ON =
  /\b(?:(?:here|in|coming in) (?:today )?(?:about|to (?:check in on|follow up on|talk about))|(?:following|follow(?:ing)?[- ]up|checking in) (?:on|about))(?: your| the| his| her| their)? ([^.?!]+)/;

/** What opens a chronic condition as the visit's topic, said just before it. */
const TOPIC_BEFORE =
  /\b(?:how(?:'s| is| are| has| have)|tell me about|(?:doing|going) with|for|about) (?:your|the)\s+(?:chronic\s+)?$/;
/** A condition named after "for your" is the topic only when the doctor asks how it is going ("… for your afib, how's that going"). */
const TOPIC_ASKED = /^[^.]{0,40}\bhow(?:'s| is| are)\b/;
/** Conditions a primary care visit follows up. */
const FOLLOWED_CONDITION =
  /^(?:hypertension|hyperlipidemia|type [12] diabetes|diabetes|congestive heart failure|heart failure|coronary artery disease|copd|asthma|depression|anxiety|hypothyroidism|hyperthyroidism|chronic kidney disease|kidney disease|atrial fibrillation|gout|osteoporosis|osteoarthritis|arthritis|gerd)$/;
const RELATIVE_SAID =
  /\b(?:mother|mom|father|dad|brother|sister|son|daughter|wife|husband|grand\w+|aunt|uncle|family)\b/;

export function followedUpCondition(sentences: Sentence[], phase: Phase[], sex: Sex): ClinicalFacts['chiefComplaint'] {
  for (const s of sentences) {
    if (s.speaker !== 'doctor' || phaseOf(s, phase) !== 'history' || RELATIVE_SAID.test(s.lower)) continue;
    const f = FOLLOWING_UP_ON.exec(s.lower);
    if (f) {
      // "following up on your blood pressure today": the time of the visit is not part of what it follows up.
      const text = f[1]!
        .split(REASON_END)[0]!
        .replace(/,$/, '')
        .trim()
        .replace(/\s+(?:today|this morning|this afternoon|again)$/, '');
      if (text.split(' ').length <= 5 && isReason(text))
        return { text: `${toThirdPerson(text, 'doctor', sex)} follow-up`, evidence: [s.turn] };
    }
    for (const m of lexicons().problems.match(s.lower))
      if (
        FOLLOWED_CONDITION.test(m.value) &&
        TOPIC_BEFORE.test(s.lower.slice(Math.max(0, m.start - 40), m.start)) &&
        (!/(?<!\btell me )\b(?:for|about) (?:your|the)\s+(?:chronic\s+)?$/.test(
          s.lower.slice(Math.max(0, m.start - 40), m.start),
        ) ||
          TOPIC_ASKED.test(s.lower.slice(m.end)))
      )
        return { text: `${s.lower.slice(m.start, m.end)} follow-up`, evidence: [s.turn] };
  }
  return null;
}

/** Whether the words after "presents for" name a reason for the visit. */
function isReason(text: string): boolean {
  if (REASON_WORDS.test(text)) return true;
  const lex = lexicons();
  return lex.symptoms.match(text).length > 0 || lex.problems.match(text).length > 0;
}

/**
 * A lesion the examiner measures ("it is about 8 millimeters", "the mole measures 6 mm", "there is a 2 cm
 * laceration"): a finding, though no exam was announced. One said as there now, not one biopsied or seen before.
 */
/** Lesions an examiner measures. */
const LESION = 'mole|lesion|spot|lump|mass|nodule|wound|cut|laceration|bump|cyst|ulcer|rash|growth|abrasion|scar';
const MEASURED_LESION = String.raw`(?:(?:it|this|that|the (?:${LESION}))(?:'s| is| measures| looks)(?: about| around| approximately| roughly| like| maybe)? \d+(?:\.\d+)? ?(?:mm|millimeters?|cm|centimeters?)|(?:there(?:'s| is)|i (?:can )?(?:see|feel|notice|appreciate)|you (?:do )?have|(?:he|she|they) (?:do |does )?(?:has|have)) (?:a|an) (?:about |approximately |roughly )?\d+(?:\.\d+)?[- ]?(?:mm|millimeters?|cm|centimeters?)(?: [a-z]+)? (?:${LESION}))`;

/** A sentence that states an exam finding, whatever the phase of its turn. */
const EXAM_FINDING = new RegExp(
  String.raw`\b(?:on (?:your |his |her |the )?(?:physical |heart |lung |abdominal |neck |skin |neuro(?:logical)? |musculoskeletal |knee |back |foot |ankle |shoulder |eye )?exam(?:ination)?|exam (?:shows|is|was|reveals|today)|(?:i|we) (?:do )?(?:hear|appreciate|notice|palpate)|tender(?:ness)? (?:to|on|with) palpation|(?:no|some|mild|moderate|severe|trace|(?:a )?(?:small|large|slight)) (?:tenderness|swelling|edema|erythema|effusion|bruising|ecchymosis)|range of motion|lungs are clear|clear to auscultation|regular rate and rhythm|(?:systolic|diastolic) (?:ejection )?murmur|pulses are|wheezes|crackles|rales|rhonchi|${MEASURED_LESION})\b`,
);

/** A finding said before the vitals in one breath ("… scattered wheezes but no crackles your oxygen saturation …"). */
function findingBeforeVitals(lower: string): boolean {
  const f = EXAM_FINDING.exec(lower);
  const v = VITALS_TALK.exec(lower);
  return !!f && !!v && f.index < v.index;
}

const RESULT_RE =
  /\b(x-?rays?|mri|ct scan|cat scan|ct|ultrasound|echocardiogram|echo|ekg|ecg|stress test|labs?|lab work|blood work|blood test|a1c|hemoglobin a1c|hemoglobin|cholesterol|lipid panel|urinalysis|urine (?:test|culture|sample|dip(?:stick)?)|dipstick|culture|biopsy|mammogram|colonoscopy|pft|pulmonary function test|cbc|metabolic panel|creatinine|potassium|sodium|glucose|thyroid|tsh|vitamin d|pathology|inr|uric acid|t[- ]?score|bone density(?: scan)?|dexa(?: scan)?|ldl|hdl|triglycerides|e?gfr|free t4|microalbumin|ferritin)\b/;
/** A named exam maneuver ("varus stress test", "mcmurray test"), which is a finding, not a study's result. */
export const EXAM_MANEUVER_TEST =
  /\b(?:varus|valgus|drawer|lachman|mcmurray|grind|piano key|leg raise|spurling|phalen|tinel)\b/;
const RESULT_VERB =
  /\b(show(?:s|ed|ing)?|reveal(?:s|ed)?|demonstrat\w+|came back|was|were|is|are|looks?|looked|normal|elevated|high|low|negative|positive)\b/;

function planKind(lower: string): PlanKind | null {
  if (/\b(refer(?:ral|ring)?|send you to (?:see|a)|see a specialist|physical therapy|pt referral)\b/.test(lower))
    return 'referral';
  if (/\b(follow[ -]?up|come back|see you (?:again|back|in)|return (?:in|to clinic)|check in with)\b/.test(lower))
    return 'follow-up';
  if (/\b(order(?:ing)?|get (?:a|an|some)|check (?:a|an|your|some)|draw|repeat)\b/.test(lower) && RESULT_RE.test(lower))
    return 'order';
  if (
    /\b(prescri\w+|put you on|start you on|refill|medication|medicine|mg|milligrams)\b/.test(lower) ||
    medChange(lower)
  )
    return 'prescription';
  if (/\b(injection|surgery|procedure|inject|shot|cast|splint|brace|drain|remove)\b/.test(lower)) return 'procedure';
  if (
    /\b(recommend|want you to|make sure|should|try to|avoid|ice|rest|elevate|exercise|diet|stretch|call (?:me|us|the office)|go to the er|emergency)\b/.test(
      lower,
    )
  )
    return 'education';
  return null;
}

function uniq(a: number[]): number[] {
  return [...new Set(a)].sort((x, y) => x - y);
}

/** Evidence arrays made by mergeEvidence: sorted, without repeats, owned by their fact (safe to extend in place). */
const mergedEvidence = new WeakSet<number[]>();

/**
 * `uniq([...into, ...add])` without copying and re-sorting the whole array at each merge (that made a symptom said
 * in many sentences quadratic): turn indices mostly arrive in order and are appended; others are inserted in place.
 */
function mergeEvidence(into: number[], add: readonly number[]): number[] {
  const out = mergedEvidence.has(into) ? into : uniq(into);
  mergedEvidence.add(out);
  for (const x of add) {
    const last = out[out.length - 1];
    if (last === undefined || x > last) {
      out.push(x);
      continue;
    }
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (out[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (out[lo] !== x) out.splice(lo, 0, x);
  }
  return out;
}

/** Sex from explicit words ("50-year-old female", "mrs.") or, failing that, from he/she in the clinician's speech. */
function detectSex(turns: Turn[]): { sex: Sex; evidence: number[] } {
  for (const t of turns) {
    const l = t.text.toLowerCase();
    // A race or origin may stand between ("a twenty nine year old white male", "you identify as a white female").
    const m =
      /\b(?:year[- ]old|yo|identify as an?|identifies as an?) (?:(?:white|black|caucasian|hispanic|latino|latina|asian|african[- ]american|[a-z]+ese|[a-z]+ian)\s+)?(female|woman|lady|girl|male|man|gentleman|boy)\b/.exec(
        l,
      );
    if (m) return { sex: /^(female|woman|lady|girl)$/.test(m[1]!) ? 'female' : 'male', evidence: [t.index] };
  }
  let she = 0;
  let he = 0;
  const ev: number[] = [];
  // Where only doctor and patient speak, the doctor's "sir" or "ma'am" addresses the patient.
  const twoParty = turns.every((t) => t.speaker === 'doctor' || t.speaker === 'patient');
  for (const t of turns) {
    if (t.speaker !== 'doctor') continue;
    const l = t.text.toLowerCase();
    if (twoParty && turns[t.index + 1]?.speaker === 'patient') {
      const ma = (l.match(/\b(?:ma'am|madam|young lady)\b/g) ?? []).length;
      const sir = (l.match(/\b(?:sir|young man)\b/g) ?? []).length;
      if (ma || sir) ev.push(t.index);
      she += 2 * ma;
      he += 2 * sir;
    }
    // A title names the patient ("hi mrs. smith"). A pronoun does only in dictation about the patient: said to the
    // patient ("your doctor said she…", "your wife, is she…") it is someone else.
    let s = (l.match(/\b(mrs|ms|miss)\b/g) ?? []).length;
    let h = (l.match(/\bmr\b/g) ?? []).length;
    for (const sentence of l.split(/[.?!]+/)) {
      if (/\b(?:you|your|you're|you've)\b/.test(sentence)) continue;
      s += (sentence.match(/\b(she|her|hers|herself)\b/g) ?? []).length;
      h += (sentence.match(/\b(he|him|his|himself)\b/g) ?? []).length;
    }
    if (s || h) ev.push(t.index);
    she += s;
    he += h;
  }
  if (she >= 2 && she >= 2 * he) return { sex: 'female', evidence: ev.slice(0, 3) };
  if (he >= 2 && he >= 2 * she) return { sex: 'male', evidence: ev.slice(0, 3) };
  return { sex: null, evidence: [] };
}

/**
 * A symptom asked about during the exam and denied ("any numbness or tingling in that right arm?" "no."): a pertinent
 * negative of the history, though asked after it.
 */
const BARE_NO_ANSWER = /^\W*(?:(?:no|nope|nah|none)\b\W*)+$/;
function deniedDuringExam(ctx: ExtractionContext, s: Sentence): boolean {
  if (s.speaker !== 'doctor' || !/\bany\b/.test(s.lower) || phaseOf(s, ctx.phase) !== 'exam') return false;
  const qa = ctx.qa.get(s.turn);
  // Only a bare "no": an answer that goes on ("no fever, but I'm bringing up yuck") may answer part of the question.
  return (
    !!qa &&
    qa.polarity === 'no' &&
    qa.questions.includes(s) &&
    qa.answerSentences.every((a) => BARE_NO_ANSWER.test(a.lower))
  );
}

/** What follows "numbing" when it names an anaesthetic ("numbing medicine", "a numbing shot"). */
const NUMBING_AGENT = /^\s+(?:medicine|medication|cream|gel|spray|shot|injection|agent|stuff|drops?)\b/;

/** A sentence's phase (per sentence where the context set it, else its turn's). */
export function phaseOf(s: Sentence, phase: Phase[]): Phase {
  return s.phase ?? phase[s.turn] ?? 'history';
}

export interface ExtractionContext {
  sentences: Sentence[];
  phase: Phase[];
  /** Doctor's questions and their answers, by question turn. */
  qa: Map<number, QA>;
  /** The same pairs by answer turn. */
  answered: Map<number, QA>;
  /** The sentence before each sentence in its own turn (pronouns: "my dad had a stroke. he has diabetes."). */
  previous: Map<Sentence, Sentence>;
  sex: Sex;
}

/**
 * What only the clinician says: an order, prescription or referral in the first person, a problem opened by its
 * order, an assessment. Diarization sometimes puts the end of the doctor's long turn under the patient's tag
 * ("[patient] most likely due to a rotator cuff tendinopathy … i'm gonna order an mri of your left shoulder").
 */
const CLINICIAN_ONLY =
  /\b(?:i'm (?:gonna|going to) (?:order|prescribe|refer you|send you|start you|put you on)|i (?:want|would like|wanna) to (?:order|prescribe|refer you)|refer you to|for your (?:first|second|third|next|last) problem|my (?:assessment|impression) (?:is|of)|assessment and plan|most likely due to|on (?:your )?(?:physical )?exam(?:ination)?,? (?:i|there|your))\b/;

/** A patient-tagged sentence that only the clinician would say is read as the clinician's. */
function retagClinicianSentences(sentences: Sentence[]): void {
  // When a patient-tagged turn opens with the clinician's words, the whole turn is the clinician's continuation.
  let wholeTurn = -1;
  for (const s of sentences) {
    if (s.speaker !== 'patient') continue;
    if (s.turn === wholeTurn || CLINICIAN_ONLY.test(s.lower)) {
      s.speaker = 'doctor';
      if (s.pos === 0) wholeTurn = s.turn;
    }
  }
}

/** Words that speak to the listener or for the care team: a clause holding one is not the patient's story. */
const ADDRESSEE = /^(?:you|your|you're|you've|you'll|you'd|yours|yourself|we|we're|we'll|we've|us|let's)$/;
/** Whether word `k` speaks to the listener ("you know" is a filler, not the listener addressed). */
function addressed(lw: string[], k: number): boolean {
  return ADDRESSEE.test(lw[k]!) && !(lw[k] === 'you' && lw[k + 1] === 'know');
}
/** Words a first-person clause may open with ("so i lift…", "yeah yeah i've been…"). */
const LEAD_IN = /^(?:so|yeah|yes|well|um|uh|actually|and|but)$/;
/** Where the clinician's next question starts ("… my elbow is extremely sore which elbow is it"). */
const QUESTION_OPENER = /^(?:which|what|what's|where|how|who|why)$/;
/** Words a span does not end on: they open the next clause. */
const OPEN_END = /^(?:so|and|but|or|okay|alright|do|does|did|is|are|have|has|can|when|the|a|to|of|in|on|now)$/;
/** First person as the clinician uses it: introductions, intentions, reading the chart, the exam, opinions. */
const CLINICIAN_FIRST =
  /^(?:i(?:'m| am) (?:gonna|going to|doctor|dr|sorry|glad|just|here|your)|i(?:'ll|'d| will| would| want| wanna| think| see| saw| looked| look| recommend| can| could| know| understand| agree| hear| appreciate| (?:don't|do not|do) (?:think|see|appreciate|want)| need| read| was (?:notified|told|asked|looking|reading|gonna|going)| have (?:your|the|a look))|my (?:name|assessment|impression|plan|exam|notes|nurse|assistant|office|recommendation|hand|fingers?|colleague|team))\b/;
/** The clinician's first person that ends the patient's clause it follows. */
const CLINICIAN_TURN =
  /^(?:i(?:'m| am) (?:gonna|going to)|i(?:'ll| will| want| wanna| would| recommend| see| saw| looked)|my (?:assessment|impression|plan|exam|notes))\b/;
/** First person telling the body, a symptom or an activity: "i've been lifting heavy", "my elbow is extremely sore". */
const PATIENT_STORY = new RegExp(
  `\\b(?:i(?:'ve| have) been \\w+ing|i(?:'ve| have) had|i (?:lift|run|jog|play|swim|bike|work out|train|started|noticed|felt|fell|hurt|injured|twisted|get|got|wake|take|took|tried|iced|used|(?:like|love) to (?:run|jog|play|swim|bike|lift|hike|walk|work out|exercise|train|dance|ski|skate|climb))|i'm (?:having|feeling|getting|not feeling)|it(?:'s| has) been going on|it (?:hurts|started|aches)|my (?:(?:left|right|lower|upper) )?(?:knee|back|shoulder|hip|neck|chest|head|stomach|belly|foot|feet|ankle|wrist|elbow|hand|arm|leg|toe|finger|thumb|throat|ear|eye|jaw|heel|calf|thigh|forearm|groin|breathing|sugars?|blood sugar|pain|symptoms?)s?\\b)`,
);

/**
 * The patient's first-person story inside a doctor-tagged sentence of the history: diarization merges the
 * clinician's opening question, the patient's answer and the next question into one turn ("hey dylan what's going on
 * so i lift quite a bit of weights … and my elbow is extremely sore which elbow is it"). Returns the word range of
 * the patient's clause: it opens at a first person that is not the clinician's (an introduction, an intention, a
 * reading of the chart), runs until the listener is addressed or the next question opens, tells of the body, a
 * symptom or an activity, and reads as the patient's to the role model.
 */
function patientSpan(words: string[]): [number, number] | null {
  const lw = words.map((w) => w.toLowerCase().replace(/[,.?!;:]+$/, ''));
  for (let i = 0; i < lw.length; i++) {
    // An answer word opens the patient's clause as well ("… some knee pain yes that's true it's been going on…").
    if (!/^(?:i|i've|i'm|my|yes|yeah)$/.test(lw[i]!)) continue;
    if (CLINICIAN_FIRST.test(lw.slice(i, i + 4).join(' '))) continue;
    let j = i;
    while (j < lw.length) {
      const w = lw[j]!;
      if (addressed(lw, j)) break;
      if (QUESTION_OPENER.test(w) && j > i) break;
      if (j > i && CLINICIAN_TURN.test(lw.slice(j, j + 4).join(' '))) break;
      j++;
    }
    let start = i;
    while (start > 0 && LEAD_IN.test(lw[start - 1]!)) start--;
    let end = j;
    while (end > i && OPEN_END.test(lw[end - 1]!)) end--;
    if (end - i < 5) {
      i = j;
      continue;
    }
    const span = lw.slice(start, end).join(' ');
    if (PATIENT_STORY.test(span) && doctorLogOdds(span) <= -1) return [start, end];
    i = j;
  }
  return null;
}

/** A clause that goes on the patient's story: no listener addressed, no question, no clinician's first person. */
function continuesStory(s: Sentence): boolean {
  if (s.text.endsWith('?')) return false;
  const lw = s.lower
    .replace(/[,.?!;:]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (lw.some((w, k) => addressed(lw, k) || QUESTION_OPENER.test(w))) return false;
  if (lw.some((w, k) => /^(?:i|i'm|i'll|i'd|my)$/.test(w) && CLINICIAN_FIRST.test(lw.slice(k, k + 4).join(' '))))
    return false;
  return lw.length >= 3 && doctorLogOdds(s.text) < 0;
}

/** Words after which a first person goes on the same clause ("as much as i can", "because i'm"). */
const GOVERNS_NEXT =
  /^(?:as|that|if|when|because|cause|and|but|so|than|where|while|whether|what|which|how|since|until|before|after|like|or|know)$/;

/**
 * An unpunctuated story cut where the speaker starts over with "i" ("i lift quite a bit of weights | i try to stay in
 * shape as much as i can | i'm not like normal people | i lift heavy weights and my elbow is extremely sore"), each
 * piece four words or more.
 */
function storyClauses(words: string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!.toLowerCase();
    const prev = (words[k - 1] ?? '').toLowerCase().replace(/[,.;:]+$/, '');
    if (
      /^(?:i|i'm|i've)$/.test(w) &&
      cur.length >= 4 &&
      words.length - k >= 4 &&
      !GOVERNS_NEXT.test(prev) &&
      prev !== w
    ) {
      out.push(cur);
      cur = [];
    }
    cur.push(words[k]!);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Doctor-tagged sentences of the history that tell the patient's own story are read as the patient's: a sentence
 * whose words are the patient's first person is split from the clinician's question around it, and the clauses after
 * it in the same turn that go on with the story follow it. The HPI is built from the patient's sentences; without this
 * it lost them ("i lift heavy weights and my elbow is extremely sore").
 */
function retagPatientSentences(sentences: Sentence[], phase: Phase[]): Sentence[] {
  const out: Sentence[] = [];
  let storyTurn = -1;
  for (const s of sentences) {
    if (s.speaker !== 'doctor' || (phase[s.turn] ?? 'history') !== 'history') {
      out.push(s);
      continue;
    }
    if (s.turn === storyTurn && continuesStory(s)) {
      out.push({ ...s, speaker: 'patient' });
      continue;
    }
    storyTurn = -1;
    const words = s.text.split(' ');
    const span = patientSpan(words);
    if (!span) {
      out.push(s);
      continue;
    }
    const [a, b] = span;
    const parts: Array<[string[], Sentence['speaker']]> = [
      [words.slice(0, a), 'doctor'],
      [words.slice(a, b), 'patient'],
      [words.slice(b), 'doctor'],
    ];
    for (const [w, speaker] of parts) {
      for (const piece of speaker === 'patient' ? storyClauses(w) : [w]) {
        if (!piece.length) continue;
        const text = piece.join(' ');
        out.push({ ...s, speaker, text, lower: text.toLowerCase() });
      }
    }
    // The story goes on in the next clauses only when it ran to the end of the sentence.
    if (b === words.length) storyTurn = s.turn;
  }
  // Positions within each turn, renumbered after the splits.
  let turn = -1;
  let pos = 0;
  for (const s of out) {
    pos = s.turn === turn ? pos + 1 : 0;
    turn = s.turn;
    s.pos = pos;
  }
  return out;
}

/** A question about a relative ("and your grandfather?", "what about your mom's side?"). */
const RELATIVE_ASKED =
  /\b(?:your|his|her|their) (?:mom|mother|dad|father|brother|sister|grandfather|grandmother|grandpa|grandma|uncle|aunt|son|daughter|parents|siblings|cousin)s?\b/;

const THIRD_PERSON = /\b(?:he|he's|she|she's|they|they're|him|her|them|his|their)\b/;
/** How many sentences back a pronoun may find its relative. */
const CHAIN_REACH = 4;

export function extractionContext(transcript: Transcript): ExtractionContext {
  const phase = phases(transcript);
  const sentences = retagPatientSentences(sentencesOf(transcript), phase);
  retagClinicianSentences(sentences);
  const qa = pairQuestions(sentences, transcript.turns);
  const answered = new Map<number, QA>();
  for (const pair of qa.values()) answered.set(pair.answer.turn, pair);
  const previous = new Map<Sentence, Sentence>();
  sentences.forEach((s, i) => {
    const before = sentences[i - 1];
    if (before && before.turn === s.turn) previous.set(s, before);
    // "And your grandfather?" — "He had a heart attack in his sixties.": the answer's "he" is the relative asked
    // about, so the doctor's question is the sentence before the answer's first one.
    else if (
      before &&
      s.speaker === 'patient' &&
      before.speaker === 'doctor' &&
      /\?\s*$/.test(before.text) &&
      RELATIVE_ASKED.test(before.lower)
    )
      previous.set(s, before);
    // "How is your mother?" — "I lost her too. She had ALS.": a patient's "he" / "she" / "they" may name a relative
    // a few sentences back, across sentences that name nobody new (see relativeChain).
    if (s.speaker === 'patient' && THIRD_PERSON.test(s.lower) && relativeChain(s) !== 'relative') {
      const near = previous.get(s);
      if (near && relativeChain(near) === 'relative') return;
      for (let j = i - 1; j >= Math.max(0, i - CHAIN_REACH); j--) {
        const link = relativeChain(sentences[j]!);
        if (link === 'stop') break;
        // A sentence that names nobody new may have found its relative further back already ("he had cancer").
        const found = link === 'relative' ? sentences[j]! : previous.get(sentences[j]!);
        if (found && (found === sentences[j] || relativeChain(found) === 'relative')) {
          previous.set(s, found);
          break;
        }
      }
    }
  });
  assignSentencePhases(sentences, phase);
  return { sentences, phase, qa, answered, previous, sex: detectSex(transcript.turns).sex };
}

type SymptomMention = { name: string; system: string | null; start: number; end: number; bodySite: string | null };
const symptomCache = new Map<string, SymptomMention[]>();

const PAIN_SCALE_Q =
  /\b(?:(?:on )?a scale (?:of|from) (?:0|1|zero|one) to (?:10|ten)|rate (?:your|the) pain|pain (?:level|score)|(?:out of|on a scale of) (?:10|ten))\b/;

/** The score in an answer to a pain scale: the one said for now ("it was bad, but now it's at like a 6"), 0–12. */
function painScore(answer: string): number | null {
  const now = /\bnow\b/.exec(answer);
  const from = now ? answer.slice(now.index) : answer;
  for (const text of [from, answer]) {
    const n = numbersIn(text.replace(/\b(?:1|one|0|zero) to (?:10|ten)\b/g, ' ')).find(
      (x) => Number.isInteger(x) && x >= 0 && x <= 12,
    );
    if (n !== undefined) return n;
  }
  return null;
}

const SIDED = /\b(?:left|right)\b/;

/** A body part with its side and position, as said: "right middle finger", "left ankle", "lower back". */
const BODY_SITE =
  /\b(?:(left|right) )?(?:(upper|lower|middle|index|ring|little|big|inner|outer|mid) )?(knee|back|shoulder|hip|neck|chest|head|stomach|belly|foot|ankle|wrist|elbow|hand|arm|leg|toe|finger|thumb|throat|ear|eye|jaw|heel|calf|thigh|forearm|groin)s?\b/;

/** "The right hand side" is a side, not the hand: the words a body site is read from, with such sides as "right side". */
const sitePhrase = (text: string) => text.replace(/\b(left|right)[- ]hand(?:ed)? side\b/g, '$1 side');

/** A site the pain goes to, not where it is: "it radiated almost down to my groin", "shoots down to the foot". */
const RADIATION_TO =
  /\b(?:radiat\w*|spread\w*|shoot\w*|travel\w*|mov(?:es|ed|ing)|go(?:es|ing)|went|way)\b[^.,;]{0,25}?\bto (?:my|the|his|her|your|their) (?:(?:left|right|lower|upper) )*$|\b(?:almost|all the way|down|up|over) to (?:my|the|his|her|your|their) (?:(?:left|right|lower|upper) )*$/;

const BODY_SITES = new RegExp(BODY_SITE.source, 'g');

/** A body part used, as what brings a pain on: "use my hands", "using my hands or my arms". */
const USED_PART =
  /\b(?:use|uses|using|used)\s+(?:my|his|her|your|their|the|both)\s+(?:[a-z]+ (?:or|and) (?:my|his|her|your|their|the)\s+)?$/;

/**
 * "Back" that is not the body part: a motion or return ("it went back", "bent back", "the pain is back again", "you
 * are back for a follow up", "back to normal", "back in march"). The part needs a possessive, article or position
 * before it ("my back", "the lower back", "neck and back") or a complaint after it ("back pain", "back hurts").
 */
const ADVERBIAL_BACK =
  /(?<!\b(?:my|his|her|your|their|our|the|a|this|that|any|some|low|lower|upper|mid|middle|left|right|sore|bad|stiff|and|or|neck) )\bback\b(?!'s|\s+(?:pain|ache|aches|aching|achy|hurt\w*|spasms?|problems?|issues?|injur\w*|strain\w*|sprain\w*|stiffness|surgery|brace|and (?:neck|leg|legs|hip|hips|buttocks?|shoulders?|side|flank)|(?:is|was|has been|has|had|started|keeps|gets) (?:hurting|sore|killing|bothering|stiff|painful|aching|achy|out|acting)))/g;

/** The sentence with a "back" that is not the body part upper-cased, so that BODY_SITE does not read it (same length). */
const partsOnly = (lower: string) => (lower.includes('back') ? lower.replace(ADVERBIAL_BACK, 'BACK') : lower);

/**
 * The first body site in `near` that is where a pain or swelling is, not where it radiates to (`lead`: the words just
 * before `near`, where the radiation may be said).
 */
function painSite(near: string, lead: string, at = near.length): RegExpExecArray | null {
  BODY_SITES.lastIndex = 0;
  for (let site = BODY_SITES.exec(near); site; site = BODY_SITES.exec(near)) {
    // The regexp's own side and position words are read with the site, so the test looks before them.
    if (RADIATION_TO.test(`${lead}${near.slice(0, site.index)}`.slice(-40))) continue;
    // "The more I use my hands or my arms, the more it hurts": a part named before the pain as what brings it on is
    // no site of it.
    if (site.index < at && USED_PART.test(`${lead}${near.slice(0, site.index)}`.slice(-50))) continue;
    return site;
  }
  return null;
}

/** The system of pain or swelling at a site that is not a joint or limb: throat pain is ENT, chest pain is chest. */
const SITE_SYSTEM: Record<string, string> = {
  throat: 'Ears, Nose, Mouth and Throat',
  ear: 'Ears, Nose, Mouth and Throat',
  jaw: 'Ears, Nose, Mouth and Throat',
  eye: 'Eyes',
  head: 'Neurological',
  chest: 'Cardiovascular',
  stomach: 'Gastrointestinal',
  belly: 'Gastrointestinal',
};

/** A study, programme or service named by the symptom before it ("weight loss study", "pain clinic"). */
const NAMED_BY_SYMPTOM =
  /^[\s-]*(?:stud(?:y|ies)|trials?|programs?|programmes?|clinics?|centers?|centres?|specialists?|management|surgery|surgeon)\b/;

/** Symptom mentions of a sentence; generic "pain"/"swelling" only with a body site next to it ("my knee hurts"). */
function symptomMentions(lower: string): SymptomMention[] {
  const hit = symptomCache.get(lower);
  if (hit) return hit;
  const out: SymptomMention[] = [];
  // Where a body site is read from: "went back" is no site.
  const parts = partsOnly(lower);
  for (const m of lexicons().symptoms.match(lower)) {
    // "The weight loss study", "a weight loss program", "the pain clinic": a study, programme or service named by the
    // symptom, not the symptom had.
    if (NAMED_BY_SYMPTOM.test(lower.slice(m.end, m.end + 20))) continue;
    let { name, system } = m.value;
    let bodySite: string | null = null;
    const before = lower.slice(Math.max(0, m.start - 25), m.start);
    // "Is your urination stream weak": the stream is weak, not the patient.
    if (name === 'weakness' && /\b(?:stream|flow)\b(?: is)?\s*$/.test(before)) {
      name = 'weak urinary stream';
      system = 'Genitourinary';
    }
    // An ulcer of the skin is named by its site ("this ulcer on your foot"); one of the stomach is a problem.
    if (name === 'ulcer') {
      const site = BODY_SITE.exec(parts.slice(Math.max(0, m.start - 30), m.end + 30));
      if (!site || /^(?:stomach|belly|throat|chest)$/.test(site[3]!)) continue;
      name = `${site[3]} ulcer`;
      bodySite = [site[1], site[2], site[3]].filter(Boolean).join(' ');
    } else if (name === 'pain' || name === 'swelling') {
      // "pain at the end of my right middle finger": the part may come some words after the symptom.
      // "pain in the back of my head" is head pain: "back of" names where on the part, not the back.
      const sited = (t: string) => sitePhrase(t).replace(/\b(?:the )?back of (?:my|the|his|her|your|their) /g, '');
      const ahead = sited(parts.slice(Math.max(0, m.start - 45), m.start));
      const near = ahead + sited(parts.slice(m.start, m.end + 45));
      const site = painSite(near, parts.slice(Math.max(0, m.start - 85), Math.max(0, m.start - 45)), ahead.length);
      if (!site) continue;
      // "Any radiating pain through the knees?" asks whether a pain spreads, not whether the part hurts: a "no" to it
      // does not deny the knee pain.
      if (name === 'pain' && /\bradiat\w*\s+$/.test(before) && lower.includes('?')) continue;
      // SITE_SYSTEM files the head as neurological already; pain of the head is the headache the lexicon names.
      name = site[3] === 'head' && name === 'pain' ? 'headache' : `${site[3]} ${name}`;
      system = SITE_SYSTEM[site[3]!] ?? 'Musculoskeletal';
      bodySite = [site[1], site[2], site[3]].filter(Boolean).join(' ');
    } else if (/^[a-z]+ pain$/.test(name)) {
      // "my right knee has been hurting" / "pain in my left shoulder": a named site's side, when said with it.
      const part = name.split(' ')[0]!;
      const site = BODY_SITE.exec(sitePhrase(parts.slice(Math.max(0, m.start - 45), m.end + 45)));
      if (site && site[3] === part && site[1]) bodySite = [site[1], site[2], site[3]].filter(Boolean).join(' ');
    }
    out.push({ name, system, start: m.start, end: m.end, bodySite });
  }
  if (symptomCache.size > 4000) symptomCache.clear();
  symptomCache.set(lower, out);
  return out;
}

const SOCIAL: Array<[string, RegExp]> = [
  ['tobacco use', /\b(smok\w*|cigarettes?|tobacco|vap\w+)\b/],
  // Drinking named by the bare verb is alcohol when asked or told as a habit ("do you smoke or drink?", "I drink a
  // little", "a social drinker"), not when it is food and fluids ("eat or drink", "drink plenty of water").
  [
    'alcohol use',
    /\b(alcohol|drink(?:s|ing)? (?:beer|wine|alcohol|socially)|beers?|glass(?:es)? of wine|(?:social|heavy|occasional) drinker|(?<!\b(?:eat|eating|to) (?:or|and) )drink(?:s|ing)?(?=\s*(?:[?!,;]|$| but\b| either\b| or (?:smoke|use)\b)| (?:at all|a little|occasionally|rarely|socially|on (?:the )?weekends?)\s*(?:[?!.,;]|$| but\b)))/,
  ],
  // Drugs asked or told as a habit ("any drugs?", "harder drugs", "drug use"), not medicines ("allergic to any drugs").
  [
    'substance use',
    /\b(marijuana|cannabis|recreational drugs|i ?v drugs?|intravenous drugs?|cocaine|heroin|(?:illicit|street|illegal|hard|harder) (?:drugs?|substances?)|drug (?:use|abuse|user)|(?<=\b(?<!\ballergic to )(?:any|no) (?:other )?)drugs(?=\s*(?:[?.!,]|$|either\b|and stuff\b|or (?:alcohol|smok\w*|drink\w*)\b| like (?:coke|cocaine|crack|marijuana|weed|pot|heroin|meth)\b))|(?<=\b(?:do|use|used|using|doing) )drugs\b)/,
  ],
  // The patient's own activity ("I like to walk in the evening, about 2 miles"); a clinician's hobbies are not.
  [
    'physical activity',
    /\b(exercis\w*|work(?:ing)? out|walk(?:ing)? (?:in the|every|each|for|about|a few|\d)|(?:run|running|jog\w*|bik(?:e|ing)|swim\w*|hik(?:e|ing)) (?:\d|a few|about|every|in the)|gym)\b/,
  ],
];

const TOPIC_OPENING =
  /\b(?:talk|go over|discuss|chat|check in|touch base)\w*(?: (?:a little|a little bit|a bit|briefly|quickly))?(?: more)? (?:about|on|regarding|with) (?:your|his|her|their|the)\b|\bhow (?:are|is) (?:you|he|she|they|it) doing with\b/;

/**
 * Symptom mentions of a sentence, with the site of a pain said in the sentence just before it by the same speaker:
 * "It's my right upper arm. It hurts really, really bad." is right upper arm pain.
 */
function sitedMentions(s: Sentence, prev: Sentence | undefined): SymptomMention[] {
  const own = symptomMentions(s.lower);
  if (
    !prev ||
    prev.speaker !== s.speaker ||
    !/^(?:and |but |so )?(?:it|it's|that|that's|this|they)\b/.test(s.lower) ||
    prev.lower.split(' ').length > 10 ||
    !BODY_SITE.test(sitePhrase(partsOnly(prev.lower)))
  )
    return own;
  const off = prev.lower.length + 1;
  const joint = symptomMentions(`${prev.lower} ${s.lower}`)
    .filter((m) => m.start >= off)
    .map((m) => ({ ...m, start: m.start - off, end: m.end - off }));
  return joint.length >= own.length ? joint : own;
}

/** The noun "depression", which the symptom lexicon also reads as a depressed mood. */
const isDepressionWord = (lower: string, m: { name: string; start: number; end: number }) =>
  m.name === 'depressed mood' && lower.slice(m.start, m.end) === 'depression';

const symptomNames = (lower: string) => symptomMentions(lower).map((m) => m.name);
const problemNames = (lower: string) =>
  lexicons()
    .problems.match(lower)
    .map((m) => m.value);
const surgeryNames = (lower: string) =>
  lexicons()
    .surgeries.match(lower)
    .map((m) => m.value);
const medicationNames = (lower: string) =>
  lexicons()
    .medications.match(lower)
    .map((m) => m.value.name);
const socialNames = (lower: string) => SOCIAL.filter(([, re]) => re.test(lower)).map(([name]) => name);

/** The doctor not catching what was said, or denying it outright, at the start of the next turn. */
const UNHEARD_OR_DENIED =
  /^\W*(?:(?:i'm |i am )?sorry,? )?(?:(?:can|could|would) you (?:please )?(?:repeat|say) that(?: again)?|(?:say that|come) again|pardon(?: me)?\?|what was that|what did you say|no[,.!]? no[,.!]? no\b)/;
function unheardOrDenied(turns: Transcript['turns'], turn: number): boolean {
  const next = turns[turn + 1];
  return !!next && next.speaker === 'doctor' && UNHEARD_OR_DENIED.test(next.text.toLowerCase());
}

/** A patient's question ("is that related to lyme disease?", "could it be gout?"). */
const PATIENT_QUESTION =
  /^(?:(?:so|and|but|okay|well),?\s+)?(?:is|are|was|does|do|did|could|can|would|will|should|what|how|why|which|you mean)\b[^.!]*\?\s*$/;
/** A patient's question said without its question mark: "is that golfer's elbow", "could it be arthritis". */
const PATIENT_ASKS =
  /^(?:(?:so|and|but|okay|oh|well),?\s+)*(?:is (?:that|this|it)|are (?:those|these|they)|(?:does|would) (?:that|this|it) mean|(?:could|can|would|might) (?:that|this|it) be)\b[^.!]*$/;

/** "got a little nervous", "was scared", "nervous about that", "makes me nervous": a passing reaction to something. */
const REACTION_BEFORE =
  /\b(?:got|get|gets|getting|was|were|became|become|make|makes|made|making) (?:me |him |her |them )?(?:a (?:little|bit) |a little bit |really |very |so |kind of |pretty |super )?$/;
const REACTION_AFTER =
  /^ (?:about (?:that|it|this)|to (?:go|have|do|get|see|come)|when (?:it|that|this)|that (?:it|something))\b/;
/** Said of a lasting state ("feeling nervous", "been anxious", "nervous all the time"): a symptom. */
const LASTING_STATE =
  /\b(?:feel|feels|feeling|felt|been)\b[^.,]{0,20}$|^[^.,]{0,20}\b(?:all the time|lately|constantly|every day)\b/;

/** A symptom said to have long been there: "been now for a long time", "for years", "it's chronic". */
const LONG_STANDING =
  /\b(?:for|been|had (?:it|this|that|them))\b[^.?!]{0,20}?\b(?:a (?:long|very long|really long) (?:time|while)|ages|forever)\b|\b(?:for|been) (?:many |several |so many )?years\b|\b(?:long[- ]standing|as long as i can remember)\b/;
const ACK = /^(?:okay|ok|alright|all right|mm-hmm|mhm|uh-huh|i see|got it|right|sure)[.!,]?$/;

/**
 * The patient's next turn past the doctor's bare acknowledgment ("okay"), adding to what they said of a symptom in
 * turn `at`, when it names no other symptom.
 */
function patientAddsAfterAck(turns: Turn[], at: number, name: string): Turn | null {
  const ack = turns[at + 1];
  const more = turns[at + 2];
  if (!ack || !more || ack.speaker !== 'doctor' || more.speaker !== 'patient' || turns[at]?.speaker !== 'patient')
    return null;
  if (!ACK.test(ack.text.trim().toLowerCase())) return null;
  const lower = more.text.toLowerCase();
  return symptomMentions(lower).some((x) => x.name !== name) ? null : more;
}

/** A symptom's duration as said ("for about 4 days"); not "over the years", which says no span. */
export const DURATION =
  /\b(?:for|about|over|past|last|since)(?: the)?(?: past| last)? ((?:(?:about|around|almost|nearly|over) )?(?:a|an|few|couple(?: of)?|several|\d+|(?!the\b|these\b|those\b|my\b|this\b)[a-z]+)(?: (?!for\b|about\b|over\b|since\b)[a-z]+)? (?:days?|weeks?|months?|years?|hours?))\b/;

const DURATIONS = new RegExp(DURATION.source, 'g');

/**
 * How long a symptom has lasted, as said. A time "after" or "before" an event places the onset and is no duration
 * ("about 6 hours after we got home, i felt dizzy", "two days later"), unless said with "for" ("sore for 2 days after").
 */
export function durationIn(text: string): string | null {
  DURATIONS.lastIndex = 0;
  for (let m = DURATIONS.exec(text); m; m = DURATIONS.exec(text)) {
    if (!m[0].startsWith('for') && /^,? (?:after|later|before|earlier|prior)\b/.test(text.slice(m.index + m[0].length)))
      continue;
    // "over the first day": which day, not how long.
    if (/^(?:first|second|third)\b/.test(m[1]!)) continue;
    return m[1]!;
  }
  return null;
}

/** A point in time said of one symptom ("a fever last night", "on tuesday", "since yesterday"). */
const POINT_IN_TIME =
  /\b(?:last night|yesterday|this (?:morning|afternoon|evening)|tonight|today|since|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:last|this past) (?:week|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:a|one|two|three|four|five|six|a few|a couple(?: of)?|several|\d+) (?:days|weeks|months) ago)\b/;

/**
 * "Ear pain for two days and a fever last night": a symptom whose own clause says when it was takes no duration said
 * in another clause of the sentence for another symptom. `own` is whether the sentence is the symptom's own words.
 */
function ownTimeElsewhere(own: boolean, lower: string, end: number): boolean {
  if (!own) return false;
  const clause = /^[^,.;!?]*?(?=,| and | but |[.;!?]|$)/.exec(lower.slice(end))?.[0] ?? '';
  return POINT_IN_TIME.test(clause) && durationIn(clause) === null && durationIn(lower) !== null;
}

function reactionOnly(lower: string, start: number, end: number): boolean {
  const before = lower.slice(Math.max(0, start - 40), start);
  const after = lower.slice(end, end + 40);
  if (LASTING_STATE.test(before) || LASTING_STATE.test(after)) return false;
  return REACTION_BEFORE.test(before) || REACTION_AFTER.test(after);
}

/** A past episode dated in the story: "on saturday", "last week", "two days ago", "when I was in the ER". */
const EPISODE_DATED =
  /\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:last|this past) (?:week|weekend|night|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|over the weekend|the other day|(?:a|one|two|three|four|five|six|a few|a couple(?: of)?|several|\d+) (?:days|weeks|months) ago|when i was (?:in|at) the (?:er|emergency room|emergency department|hospital|urgent care))\b/;
/** Said of the episode afterwards: it ended ("then, sunday, I felt fine", "it went away", "back to normal"). */
const EPISODE_OVER =
  /\b(?<!\b(?:not|never|n't)\s+(?:\w+\s+)?)(?:(?:i|he|she|it|everything)(?: (?:felt|was|has been|have been|had been)|'s been|'ve been) (?:totally |completely |perfectly |just )?(?:fine|okay|ok|normal|better)(?! until| till| but| except)|went away|(?:it|they|that|symptoms?) resolved|back to normal|(?:has|have|'s|'ve) been fine (?:ever )?since|fine ever since)\b/;
/** What keeps the story in the present ("still", "now", "again"): not an episode over and done with. */
const EPISODE_GOES_ON =
  /\b(?:still|now|currently|again|anymore|keeps?|keep on|ever since(?! then,? (?:i|it)(?:'s| has| have|'ve) been fine))\b/;
/** Sentences of the patient's that tell a dated episode the same story ends with its resolution. */
function resolvedEpisodeSentences(sentences: Sentence[], phase: Phase[]): Set<Sentence> {
  const out = new Set<Sentence>();
  let from = -1;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    if (s.speaker !== 'patient') continue;
    // The story lasts a few turns: an anchor too far back no longer dates what is said.
    if (from >= 0 && s.turn - sentences[from]!.turn > 4) from = -1;
    // It is told in the history; how it ended may come as the exam begins.
    if (from < 0 && phaseOf(s, phase) === 'history' && EPISODE_DATED.test(s.lower)) from = i;
    if (from >= 0 && EPISODE_OVER.test(s.lower)) {
      for (let j = from; j <= i; j++) if (sentences[j]!.speaker === 'patient') out.add(sentences[j]!);
      from = -1;
    }
  }
  return out;
}
/** A reply that takes up the drug asked about without naming it. */
/** A medicine asked about as taken for allergies ("what are you taking for allergies?"). */
export const TAKEN_FOR_ALLERGY =
  /\b(?:tak(?:e|es|ing)|us(?:e|es|ing)|on)\b[^?]*\bfor (?:your |the |his |her |those |these |that |this )?(?:\w+ )?allerg/;
/** The doctor asking what a drug does to the patient ("what happens when you take sulfa drugs?"). */
const REACTION_ASKED =
  /\bwhat (?:happens|happened|kind of reaction|reaction|does it do|did it do|did that do)\b[^?]*\b(?:take|took|taking|have|had|get|got|use|used)\b/;
/** An allergy presupposed by the question ("any other allergies besides penicillin?"): what follows the word. */
const ALLERGY_BESIDES = /\b(?:besides|other than|apart from|aside from|except(?: for)?)\s+(.*)$/;
/** The drugs and allergens a text names, as the allergy list names them. */
function allergensIn(lower: string): string[] {
  const drugs = lexicons().medications.match(lower);
  const others = [...lower.matchAll(ALLERGENS)].filter(
    (a) => !drugs.some((d) => d.start < a.index + a[0].length && d.end > a.index),
  );
  return [...new Set([...drugs.map((d) => d.value.name), ...others.map((a) => a[0])])];
}
/** A reaction question answered with a reaction: its turn is an allergy history, not symptoms now. */
function answersReactionAsked(previous: string | undefined): boolean {
  const l = previous?.toLowerCase() ?? '';
  return REACTION_ASKED.test(l) && allergensIn(l).length > 0;
}
/** Allergies that are not to drugs: "seasonal allergies", "hay fever", "allergic to pollen". */
const OTHER_ALLERGY =
  /\b(?:seasonal|environmental|outdoor|indoor|food|pollen|dust|pets?|animals?|cats?|dogs?|grass|trees?|hay fever|latex|bees?)\b/;
/** Allergies to drugs: "drug allergies", "allergic to any medications". */
const DRUG_ALLERGY = /\b(?:drugs?|medications?|medicines?|meds|antibiotics?|penicillin)\b/;
/** A patient asking for a change: "can we go up", "what about increasing", "I'd like to lower". */
const PATIENT_REQUEST =
  /\b(?:(?:can|could|should|would) (?:we|you|i)|what about|how about|i (?:want|wanna|would like|'d like) to)\b/;
/** The change a patient asks for, said before the drug: "what about increasing my …", "could we go up on the …". */
function askedChange(window: string): MedicationChange {
  if (/\b(?:increase|increasing|go(?:ing)? up|bump(?:ing)? (?:it |that )?up|raise|raising|higher)\b/.test(window))
    return 'increase';
  if (
    /\b(?:decrease|decreasing|go(?:ing)? down|lower|lowering|reduce|reducing|cut(?:ting)? (?:back|down))\b/.test(window)
  )
    return 'decrease';
  return null;
}
/** A dose changed or offered, not the one taken: "we lowered it to 20", "should I go up to 20 mg?". */
const DOSE_CHANGE_TALK =
  /\b(?:increas\w*|decreas\w*|lower\w*|rais\w*|go up|went up|go down|went down|chang\w*|switch\w*|instead|start\w*|stop\w*|prescribe|prescribing|recommend\w*|should|supposed to|was told)\b/;
/** "I take it once a day", "it is 10 mg", "is that 20 mg?": a sentence about the drug just named. */
const ABOUT_THE_DRUG =
  /^(?:(?:yes|yeah|yep|oh|um|uh|well|so|and|okay|ok|i think|it's|it is|it was|that's|that is|is that|is it|and it's)\b[\s,]*)*(?:it(?:'s| is| was)?|that(?:'s| is| was)?|is (?:that|it)|i (?:take|took|use|am taking|'m taking)|i'm (?:taking|on)|i am (?:taking|on)|\d+(?:\.\d+)?)\b|\b(?:take|taking|took|use|using|on) (?:it|that|them|one)\b|\b(?:its|the) (?:strength|dose|dosage)\b/;

/**
 * The strength and schedule of the one drug named in sentence `i`, said in the sentences after it (up to three turns
 * on, before any drug is named again): the patient's own words ("it is 10 mg tablet", "I take it once a day") or a
 * doctor's question the patient confirms ("is that 20 mg once a day?" "it is."). A sentence with two strengths, a
 * change of dose, a denial or another speaker's talk ends the search.
 */
function regimenSaidAfter(
  sentences: Sentence[],
  i: number,
  medMentions: Map<Sentence, ReadonlyArray<unknown>>,
  qa: Map<number, QA>,
): { dose: number | null; unit: string | null; frequency: string | null; turns: number[]; texts: string[] } | null {
  const s = sentences[i]!;
  const out = { dose: null as number | null, unit: null as string | null, frequency: null as string | null };
  const turns: number[] = [];
  const texts: string[] = [];
  for (let j = i + 1; j < sentences.length && sentences[j]!.turn <= s.turn + 3; j++) {
    const t = sentences[j]!;
    if (medMentions.get(t)!.length) break;
    const l = unitsWritten(t.lower);
    const strengths = [...l.matchAll(STRENGTH_RE)];
    const freq = frequencyIn(l);
    if (t.speaker === 'doctor') {
      // "Did you take your daily medications today?": a schedule of no drug in particular.
      if (!strengths.length && !ABOUT_THE_DRUG.test(l)) {
        // "Is that so?", "How many milligrams?", "Okay.": the exchange goes on.
        if (isQuestion(t) || l.split(/\s+/).length <= 3) continue;
        break;
      }
      // "Is that 20 mg once a day?" "It is.": the doctor's numbers, confirmed.
      const pair = qa.get(t.turn);
      if (!isQuestion(t) || !pair?.questions.includes(t) || pair.polarity !== 'yes' || DOSE_CHANGE_TALK.test(l)) break;
      if (strengths.length > 1) break;
      if (strengths[0] && out.dose === null) {
        out.dose = spokenValue(strengths[0][1]!);
        out.unit = UNIT_MAP[strengths[0][2]!.toLowerCase()] ?? strengths[0][2]!.toLowerCase();
      }
      out.frequency ??= freq;
      turns.push(t.turn, pair.answer.turn);
      texts.push(t.text, pair.answer.text);
      break;
    }
    if (t.speaker !== 'patient') break;
    // "No, …", "I don't take it every day", a question, a change of dose: not the regimen taken.
    if (/^(?:no|nope)\b|\b(?:not|never|forget|forgot|miss|skip)\b|n't\b/.test(l)) break;
    if (/\?\s*$/.test(l) || DOSE_CHANGE_TALK.test(l)) break;
    if (!ABOUT_THE_DRUG.test(l)) {
      if (strengths.length || freq) break;
      continue;
    }
    if (strengths.length > 1) break;
    let took = false;
    if (strengths[0] && out.dose === null) {
      out.dose = spokenValue(strengths[0][1]!);
      out.unit = UNIT_MAP[strengths[0][2]!.toLowerCase()] ?? strengths[0][2]!.toLowerCase();
      took = true;
    }
    if (freq && !out.frequency) {
      out.frequency = freq;
      took = true;
    }
    if (took) {
      turns.push(t.turn);
      texts.push(t.text);
    }
    if (out.dose !== null && out.frequency) break;
  }
  return turns.length ? { ...out, turns, texts } : null;
}

/** "I'm at 140 now": the dose taken now, said after asking for another one of the same drug. */
const DOSE_NOW = new RegExp(
  `^(?:(?:and|but|so|well|because|'cause)[,]?\\s+)?(?:i'm|i am) (?:currently |only |just )?(?:at|on|taking) (${WORD_NUM})(?: ?(mg|milligrams?|mcg|micrograms?|ml|milliliters?|units?))?(?: (?:right )?now| currently| at the moment)\\b`,
);
const TAKES_IT = /\b(?:take|taking|took|on|use|using|used) (?:it|that|them|those|that one)\b/;
/** Drugs named as alternatives ("ibuprofen or tylenol", "advil, aleve, or tylenol"): separators between them only. */
const DRUG_LIST_SEP = /^[\s,]*(?:(or|and)\s+)?(?:(?:the|some|any|maybe|even)\s+)?$/;
/** Whether the k-th drug mention sits in a list of drugs joined by "or". */
function drugAlternative(lower: string, mentions: ReadonlyArray<{ start: number; end: number }>, k: number): boolean {
  let from = k;
  while (from > 0 && DRUG_LIST_SEP.test(lower.slice(mentions[from - 1]!.end, mentions[from]!.start))) from--;
  let to = k;
  while (to + 1 < mentions.length && DRUG_LIST_SEP.test(lower.slice(mentions[to]!.end, mentions[to + 1]!.start))) to++;
  for (let j = from; j < to; j++)
    if (DRUG_LIST_SEP.exec(lower.slice(mentions[j]!.end, mentions[j + 1]!.start))![1] === 'or') return true;
  return false;
}

/** The patient's story of being taken to or admitted into hospital. */
const ADMITTED =
  /\b(?:(?:took|taken|brought|rushed|sent|went|came|go|going|got) (?:me |him |her |myself )?(?:in)?to the (?:er|emergency room|emergency department|hospital)|admitted|hospitali[sz]ed|(?:was|were|been|stayed) in the hospital|ambulance)\b/;
/** Said in the same turn: better now, or the symptom gone. */
const BETTER_NOW =
  /\b(?:(?:doing|feeling|feel|feels|been|much|lot|lots|way) (?:a lot |a little |a bit |so much |much |way )?better|(?:it'?s|they'?re|that'?s|has|have) (?:all )?gone|went away|went down|resolved|cleared up|no longer)\b/;
function admittedThenBetter(turn: string): boolean {
  return ADMITTED.test(turn) && BETTER_NOW.test(turn);
}
/** What keeps a symptom going today ("still", "keeps", "again"). */
const ONGOING = /\b(?:still|keeps?|again|anymore|every day|everyday)\b/;
/** A past tense at the mention ("my ankles were swelling", "i had swelling", "started having problems …"). */
const PAST_VERB_BEFORE = /\b(?:was|were|had|felt|got|became|started|began|developed)\b/;
/** The doctor repeating what the patient said ("you said your ankles were swelling"). */
const RESTATES = /\byou (?:said|mentioned|told me|noted|reported)\b/;

/** A mention told in the past tense ("I was very short of breath", "I felt dizzy"), nothing of today in it. */
function toldAsPast(lower: string, start: number): boolean {
  return (
    /\b(?:was|were|felt|got|had|became|started|began|developed)\b(?:\s+\S+){0,4}\s*$/.test(
      lower.slice(Math.max(0, start - 40), start),
    ) && !EPISODE_GOES_ON.test(lower)
  );
}

export function extractFacts(
  transcript: Transcript,
  ctx: ExtractionContext = extractionContext(transcript),
): ClinicalFacts {
  const facts = emptyFacts();
  const lex = lexicons();
  const { sentences, phase, qa } = ctx;
  const turns = transcript.turns;
  // The drugs each sentence names, and those named as ones the patient reacted to ("a reaction to dexamethasone"):
  // allergies, not medications taken, and their reactions are not symptoms now.
  const medMentions = new Map(sentences.map((s) => [s, lex.medications.match(s.lower)] as const));
  const drugReactions = new Map<Sentence, DrugReaction[]>();
  for (const [i, s] of sentences.entries()) {
    const next = sentences[i + 1];
    const found = drugReactionsIn(s.lower, medMentions.get(s)!, next?.turn === s.turn ? next.lower : '');
    if (found.length) drugReactions.set(s, found);
  }

  // Demographics.
  const sex = detectSex(turns);
  facts.patient.sex = sex.sex;
  facts.patient.evidence = [...sex.evidence];
  for (const t of turns) {
    const m = [...t.text.matchAll(AGE_RE_ALL)].find((x) => !ageOfSomeoneElse(t, x.index, x[0]));
    if (m) {
      const v = spokenValue(m[1]!);
      if (v !== null && v > 0 && v < 120) {
        facts.patient.age = v;
        facts.patient.evidence = uniq([...facts.patient.evidence, t.index]);
        const name = /(?:^|[.,]\s*|so,?\s+)([a-z]+(?: [a-z]+)?) is an? (?:\w+ ?[- ])+(?:year|yr)s?[- ]old/i.exec(
          t.text,
        );
        if (name && !/^(he|she|patient|this|the patient|which|who|it)$/i.test(name[1]!)) facts.patient.name = name[1]!;
        break;
      }
    }
  }

  // The age said as the answer to the doctor's question ("how old are you?" — "I am forty five." / "Twenty nine.").
  if (facts.patient.age === null) {
    for (const t of turns) {
      if (t.speaker !== 'doctor' || !AGE_ASKED.test(t.text.toLowerCase())) continue;
      const answer = turns[t.index + 1];
      if (!answer || answer.speaker === 'doctor') continue;
      const v = ageAnswered(answer.text);
      if (v !== null) {
        facts.patient.age = v;
        facts.patient.evidence = uniq([...facts.patient.evidence, t.index, answer.index]);
        break;
      }
    }
  }

  // Chief complaint / reason for visit: the clinician's "presents (today) for/with ..." or "here for/with ...".
  for (const [i, s] of sentences.entries()) {
    // Fillers and "and" may stand between the verb and the reason ("presents today, uh, for…", "coming in and for
    // evaluation of…"); a new patient is here "to establish care for" a condition. Early in the history, the doctor
    // also names the reason as a visit type alone ("looking here in my notes for evaluation of kidney stones",
    // "was called for a follow-up with me for chronic heart failure").
    const m =
      /\b(?:presents?|presenting|here|coming in|came in|in|to establish care) (?:(?:today|here|to the clinic|to clinic|uh|um|and)\s*,?\s*|,\s*)*(?:for|with)(?: an?| the| his| her| a)? ([^.?!]+)/.exec(
        s.lower,
      ) ??
      (i < 15 && phaseOf(s, phase) === 'history'
        ? /\bfor ((?:an? )?(?:evaluation|follow-up|follow up|followup)(?: with me)? (?:of|for) [^.?!]+)/.exec(s.lower)
        : null);
    // The reason ends where unpunctuated speech goes on to something else: a greeting, a question, the history.
    const end = m ? m[1]!.search(REASON_END) : -1;
    if (
      m &&
      (s.speaker === 'doctor' || s.speaker === 'other') &&
      m[1]!.slice(0, end > 0 ? end : undefined).split(' ').length <= 20
    ) {
      let text = (end > 0 ? m[1]!.slice(0, end) : m[1]!)
        .replace(/\b(today|here|as well|with me)\b/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/,$/, '');
      // A reason names a complaint, a condition, a visit type or a body part ("that prescription" does not). One
      // offered as alternatives in a question ("here for your hip today, or your leg?") is not settled: a later
      // statement names it.
      if (text.length > 2 && isReason(text) && !(/,? or\b/.test(text) && s.lower.trimEnd().endsWith('?'))) {
        // "evaluation of that right elbow pain": the pointing word goes ("Evaluation of right elbow pain.").
        text = toThirdPerson(
          text.replace(/^(?:some|the|a|an)\s+/, '').replace(/\b(of|for|with) (?:that|this|those|these)\s+/g, '$1 '),
          'doctor',
          ctx.sex,
        );
        // "we're following up on your thyroid": the reason is a follow-up of the condition named.
        // "To establish care for a history of DCIS" names the complaint; the HPI's "presents for" would misread it.
        // A side said wrong and corrected ("here for left leg pain. right leg pain") is the corrected side.
        const corrected = withCorrectedSides(text, sideCorrections(transcript));
        text = corrected.text;
        const evidence = [...new Set([s.turn, ...corrected.turns])];
        if (!m[0].startsWith('to establish care')) facts.reasonForVisit = { text, evidence };
        facts.chiefComplaint = { text: text.split(/,| and (?:a|to)\b/)[0]!.trim(), evidence };
        break;
      }
    }
  }

  // Symptoms: the patient's own, as stated or as settled by the answer to the doctor's question.
  const symptomSeen = new Map<string, Symptom>();
  // Symptoms read only from a past episode that resolved: a later mention of the same symptom today makes it current.
  const episodeOnly = new Set<Symptom>();
  const resolvedEpisode = resolvedEpisodeSentences(sentences, phase);
  const addSymptom = (sym: Symptom, inEpisode = false) => {
    const key = `${sym.name}|${sym.assertion}|${sym.experiencer}`;
    const prev = symptomSeen.get(key);
    if (prev && episodeOnly.has(prev) && !inEpisode && sym.time === 'current') {
      prev.time = 'current';
      prev.historical = false;
      episodeOnly.delete(prev);
    }
    if (prev) {
      prev.evidence = mergeEvidence(prev.evidence, sym.evidence);
      prev.duration ??= sym.duration;
      prev.severity ??= sym.severity;
      prev.onset ??= sym.onset;
      // A site said with its side ("my right knee") refines one said without ("knee pain?").
      if (sym.bodySite && (!prev.bodySite || (!SIDED.test(prev.bodySite) && SIDED.test(sym.bodySite))))
        prev.bodySite = sym.bodySite;
      return;
    }
    symptomSeen.set(key, sym);
    facts.symptoms.push(sym);
    if (inEpisode) episodeOnly.add(sym);
  };
  for (const s of sentences) {
    if (phaseOf(s, phase) !== 'history' && !deniedDuringExam(ctx, s)) continue;
    // A doctor's statement counts when it is about the patient ("you've had knee pain"), not advice or small talk.
    // Opening a topic ("let's talk a little bit about your migraines") reports no symptom today.
    const doctorStatement =
      s.speaker === 'doctor' &&
      ABOUT_PATIENT.test(s.lower) &&
      !/\b(when|unless|should)\b/.test(s.lower) &&
      !TOPIC_OPENING.test(s.lower);
    // Reactions named in an allergy history ("it gives me hives") are not current symptoms.
    if (/\ballerg/.test(s.lower) || /\ballerg/.test(turns[s.turn - 1]?.text.toLowerCase() ?? '')) continue;
    // "What happens when you take sulfa drugs?" "I get a really ugly looking rash.": the drug's reaction, not now.
    if (s.speaker === 'patient' && answersReactionAsked(turns[s.turn - 1]?.text)) continue;
    const reactions = drugReactions.get(s);
    for (const m of sitedMentions(s, ctx.previous.get(s))) {
      // "You suffer from itching with the methylprednisolone": a reaction the drug caused, not a symptom now.
      if (reactions?.some((d) => !d.denied && m.start < d.to && m.end > d.from)) continue;
      // The word "depression" names the diagnosis (history, a problem), not a depressed mood today; "feeling sad" or
      // "feeling down" does. (The lexicon keeps the word, so the verifier still reads "denies depression".)
      if (isDepressionWord(s.lower, m)) continue;
      // "She gave me some numbing medicine": a local anaesthetic, not numbness.
      if (m.name === 'numbness' && NUMBING_AGENT.test(s.lower.slice(m.end))) continue;
      // "I got a little nervous about that", "that scared me": a reaction to an event, not an anxiety symptom.
      if (m.name === 'anxiety' && reactionOnly(s.lower, m.start, m.end)) continue;
      // "When it gets really itchy, I'll use that": a known condition's symptom said as the habit of treating it, not a
      // complaint today.
      if (
        PRN_WHEN.test(s.lower.slice(Math.max(0, m.start - 50), m.start)) &&
        PRN_USE.test(s.lower.slice(m.end, m.end + 60))
      )
        continue;
      let r = readInContext(ctx, s, m.start, m.end, m.name, symptomNames);
      if (!r || r.assertion === 'hypothetical' || r.experiencer === 'doctor' || r.experiencer === 'other') continue;
      // "On saturday … I was very short of breath … and then, sunday, I felt fine": that episode's symptom is over.
      const inEpisode =
        r.assertion === 'present' &&
        r.time === 'current' &&
        !r.answered &&
        resolvedEpisode.has(s) &&
        toldAsPast(s.lower, m.start);
      // "My ankles were swelling … they took me into the ER" with "I'm doing better now": a symptom of the story that
      // led to the admission, told as over, is not a complaint today.
      const beforeAdmission =
        !inEpisode &&
        s.speaker === 'patient' &&
        r.assertion === 'present' &&
        r.time === 'current' &&
        !r.answered &&
        admittedThenBetter(turns[s.turn]?.text.toLowerCase() ?? '') &&
        !ONGOING.test(s.lower) &&
        PAST_VERB_BEFORE.test(s.lower.slice(Math.max(0, m.start - 40), m.end + 12));
      if (inEpisode || beforeAdmission) r = { ...r, time: 'resolved' };
      // "I think it's a bit better. I don't get up at night anymore with reflux": said of a symptom that is improving,
      // "not anymore" is the improvement (no longer waking with it), not a denial of the symptom.
      if (
        r.assertion === 'absent' &&
        r.time === 'resolved' &&
        !r.answered &&
        IMPROVING.test(turns[s.turn]?.text.toLowerCase() ?? '')
      )
        continue;
      // A relative's condition is family history (read below), never the patient's symptom.
      if (isFamily(r.experiencer)) continue;
      if (s.speaker === 'doctor' && !r.answered && !doctorStatement) continue;
      // "Reflux into your throat or are you actually vomiting?" "Actually vomiting.": an answer that names another
      // symptom of the question affirms that one, not this one.
      if (s.speaker === 'doctor' && !r.answered && isQuestion(s)) {
        const qa = ctx.qa.get(s.turn);
        const answered = qa?.questions.includes(s) ? qa.answerSentences.flatMap((a) => symptomNames(a.lower)) : [];
        if (answered.length && !answered.includes(m.name) && symptomNames(s.lower).some((n) => answered.includes(n)))
          continue;
      }
      // "A 44-year-old female with a past medical history significant for arthritis, gout, and reflux": a condition
      // listed in the history is history, not a complaint today.
      if (
        s.speaker === 'doctor' &&
        !r.answered &&
        HISTORY_LIST.test(s.lower.slice(Math.max(0, m.start - 120), m.start))
      )
        continue;
      // "Your right knee still looks a little swollen": the doctor's observation is an exam finding, not a symptom
      // the patient reported.
      if (s.speaker === 'doctor' && OBSERVED.test(s.lower.slice(Math.max(0, m.start - 40), m.start))) continue;
      const ctxText = r.answered ? ctx.qa.get(s.turn)!.answer.lower : s.lower;
      // "The whole foot is numb." "Okay." "But been now for a long time.": a symptom the patient says has long been
      // there (in the answer, or in the patient's next turn past the doctor's acknowledgment) is long-standing.
      const saidAt = r.answered ? ctx.qa.get(s.turn)!.answer.turn : s.turn;
      const more = s.speaker === 'patient' || r.answered ? patientAddsAfterAck(turns, saidAt, m.name) : null;
      const own = r.answered ? (ctxText.length < 80 ? ctxText : '') : s.lower.slice(m.start, m.end + 40);
      const longStanding = LONG_STANDING.test(own) || (!!more && LONG_STANDING.test(more.text.toLowerCase()));
      const dur = ownTimeElsewhere(ctxText === s.lower, s.lower, m.end)
        ? null
        : (durationIn(ctxText) ?? (longStanding ? 'a long time' : null));
      const since = /\bsince ([a-z0-9 ]{3,25}?)(?:[,.]|$)/.exec(ctxText);
      const sev =
        /\b(mild|moderate|severe|excruciating|terrible|(?<!\bnot (?:too |that |so |very )?)bad|(?:\d+|[a-z]+) out of (?:10|ten)|\d{1,2}(?: to \d{1,2})?\/10)\b/.exec(
          ctxText,
        );
      addSymptom(
        {
          name: m.name,
          // A bruise the patient has (from an injury) is a skin complaint; easy bruising is hematologic.
          system:
            m.name === 'bruising' && r.assertion === 'present' && !EASY_BRUISING.test(s.lower) ? 'Skin' : m.system,
          bodySite: m.bodySite,
          onset: since ? since[1]!.trim() : null,
          duration: dur,
          severity: sev ? sev[1]! : null,
          evidence: longStanding && more && !LONG_STANDING.test(own) ? [...r.evidence, more.index] : r.evidence,
          ...assertionFields(r),
          source: r.source,
        },
        // The doctor restating it ("you said your ankles were swelling") tells nothing new of when it was.
        inEpisode || beforeAdmission || (s.speaker === 'doctor' && RESTATES.test(s.lower.slice(0, m.start))),
      );
    }
  }

  // A pain score asked on a scale and answered with a number ("on a scale of 1 to 10 how severe is your pain?" "it's
  // a 7"): the severity of the patient's pain, when no severity was read yet.
  for (let i = 0; i + 1 < turns.length; i++) {
    const q = turns[i]!;
    const a = turns[i + 1]!;
    if (q.speaker !== 'doctor' || a.speaker === 'doctor' || !PAIN_SCALE_Q.test(q.text.toLowerCase())) continue;
    const score = painScore(a.text.toLowerCase());
    const pain = facts.symptoms.find(
      // A score says more than a word ("bad").
      (f) =>
        /\bpain\b/.test(f.name) && f.assertion === 'present' && f.subject === 'patient' && !/\d/.test(f.severity ?? ''),
    );
    if (score === null) continue;
    // "/10" only where the scale was said: every number in the note was said in the visit.
    const said = [q, a, turns[i + 2], turns[i + 3]].map((t) => t?.text ?? '').join(' ');
    const severity = /\b(?:10|ten)\b/.test(said.toLowerCase()) ? `${score}/10` : String(score);
    if (pain) {
      pain.severity = severity;
      pain.evidence = mergeEvidence(pain.evidence, [q.index, a.index]);
    } else if (!facts.symptoms.some((f) => /\bpain\b/.test(f.name) && f.subject === 'patient')) {
      // A pain rated on a scale is the patient's pain, though it was never named in the lexicon's words ("it's been
      // killing me").
      facts.symptoms.push({
        name: 'pain',
        system: null,
        bodySite: null,
        onset: null,
        duration: null,
        severity,
        evidence: [q.index, a.index],
        ...assertionFields({ assertion: 'present', experiencer: 'patient', time: 'current' }),
        source: `${q.text} ${a.text}`,
      });
    }
  }

  // History (medical, surgical, family, social). A relative's condition is family history, never the patient's.
  const histSeen = new Set<string>();
  // Each turn's first and last sentences: a doctor's closing statement and the reply that takes it up.
  const ofTurn = new Map<number, Sentence[]>();
  for (const s of sentences) (ofTurn.get(s.turn) ?? ofTurn.set(s.turn, []).get(s.turn)!).push(s);
  for (const s of sentences) {
    if (phaseOf(s, phase) === 'plan' && s.speaker === 'doctor') continue;
    // The patient asking about a condition ("is that related to lyme disease?") does not say they have it.
    // Unpunctuated, the word order says it: "is that golfer's elbow".
    if (s.speaker === 'patient' && (PATIENT_QUESTION.test(s.lower) || PATIENT_ASKS.test(s.lower))) continue;
    // What the doctor did not catch ("can you repeat that?") or at once denied ("no no no") is not history.
    if (s.speaker === 'patient' && unheardOrDenied(turns, s.turn)) continue;
    const statementReply = (st: Sentence): 'confirmed' | 'denied' | null => {
      if (st.speaker !== 'doctor' || phaseOf(st, phase) !== 'history' || isQuestion(st)) return null;
      // The turn closes with it, or with no more than a check of it ("is that correct?", "do those sound familiar?").
      const own = ofTurn.get(st.turn)!;
      if (!own.slice(own.indexOf(st) + 1).every((x) => CONFIRM_TAG.test(x.lower))) return null;
      const first = ofTurn.get(st.turn + 1)?.[0];
      if (!first || first.speaker !== 'patient') return null;
      const polarity = answerPolarity(first.lower);
      if (polarity === 'yes') return 'confirmed';
      // "No, that was my mother": someone else's; "no, two years ago" or one that names it again corrects a detail.
      if (polarity === 'no' && (CHART_OTHERS.test(first.lower) || !CHART_DETAIL.test(first.lower))) return 'denied';
      return null;
    };
    const add = (
      kind: HistoryItem['kind'],
      name: string,
      start: number,
      end: number,
      namesIn: (lower: string) => string[],
      needsCue: 'never' | 'unless-answered' | 'always' = 'never',
    ) => {
      // "Working at home during covid", "since the pandemic": the time, not a condition of the patient.
      if (
        /^covid/.test(name) &&
        /\b(?:during|since|before|after|through|because of|with all)\s+(?:the\s+)?(?:whole\s+)?$/.test(
          s.lower.slice(Math.max(0, start - 30), start),
        )
      )
        return;
      // "The covid 15": the weight put on during the pandemic, not the infection.
      if (/^covid/.test(name) && /^[\s-]*(?:15|fifteen)\b/.test(s.lower.slice(end))) return;
      // "Delivering results to patients with covid", "the covid clinic", "the covid vaccine": other people's illness,
      // a workplace or a vaccine named by the condition, not a condition of the patient.
      if (
        OTHERS_WITH.test(s.lower.slice(Math.max(0, start - 60), start)) ||
        NAMED_BY_CONDITION.test(s.lower.slice(end))
      )
        return;
      let r = readInContext(ctx, s, start, end, name, namesIn);
      if (!r || r.assertion === 'hypothetical' || r.experiencer === 'doctor' || r.experiencer === 'other') return;
      // The chart read out to the patient ("as per your chart, I see you have COPD and hypertension") and the reply:
      // "yes, that is right" confirms it as the patient's history; "no, that was my mother" takes it back.
      // So does "your dad had stomach cancer, right?" — "no, that was my uncle", which gives it to the uncle.
      const reply =
        (kind === 'medical' || kind === 'surgical') &&
        !r.answered &&
        (r.experiencer === 'patient' || isFamily(r.experiencer)) &&
        r.assertion === 'present'
          ? statementReply(s)
          : null;
      if (reply === 'denied') {
        const to = reassignedTo(ofTurn.get(s.turn + 1)!);
        if (!to || to === r.experiencer) return;
        r = { ...r, experiencer: to, evidence: [...new Set([...r.evidence, s.turn + 1])] };
      }
      // "They removed a cataract from your eye": an operation, not a condition the patient has.
      const confirmed =
        reply === 'confirmed' &&
        (kind !== 'medical' || !TAKEN_OUT.test(s.lower.slice(Math.max(0, start - 30), end + 20)));
      // A procedure due, planned or recommended ("we should think about getting you a colonoscopy") is not one had.
      if (kind === 'surgical') {
        const lead = s.lower.slice(Math.max(0, start - 60), start);
        const cue = PROCEDURE_TO_COME.exec(lead);
        if (cue && !DONE_BEFORE.test(cue[0])) return;
        // Nor is one named with no sign that it was had ("completing a colonoscopy would not delay your surgery",
        // "other reasons to have a colonoscopy").
        // The turn before may say it ("what surgery they did today?" "It is Lap Band.").
        if (
          !r.answered &&
          !confirmed &&
          !DONE_SAID.test(s.lower) &&
          !OWN_PROCEDURE.test(lead) &&
          !DONE_SAID.test(turns[s.turn - 1]?.text.toLowerCase() ?? '')
        )
          return;
      }
      // An imaging or exam result read out ("there's no acute fracture") is a finding, not a history without the
      // condition.
      if (
        kind === 'medical' &&
        s.speaker === 'doctor' &&
        (r.assertion === 'absent' || r.assertion === 'ruled-out') &&
        phaseOf(s, phase) !== 'history' &&
        !ASKED_HISTORY.test(s.lower)
      )
        return;
      if (
        needsCue !== 'never' &&
        !(needsCue === 'unless-answered' && (r.answered || confirmed)) &&
        !HISTORY_CUE.test(s.lower) &&
        !answersFamilyQuestion(ctx, s) &&
        // "Anyone in the family with migraines?" answered for a relative: the family's history, asked as such.
        !(s.speaker === 'doctor' && r.answered && isFamily(r.experiencer) && FAMILY_QUESTION.test(s.lower))
      )
        return;
      // "Have you had any back pain?" — "no": today's denial of a symptom, not a lifetime without the condition; the
      // bare verb "had" is the question's tense, not a history cue.
      if (needsCue === 'always' && r.assertion === 'absent' && !STRONG_HISTORY_CUE.test(s.lower)) return;
      const family = isFamily(r.experiencer);
      // A relative's habits ("my husband smokes") are not the patient's social history.
      if (family && kind === 'social') return;
      const k = family ? 'family' : kind;
      const relative = family && r.experiencer !== 'family' ? r.experiencer : null;
      // A surgery is a past event.
      const flags = assertionFields(kind === 'surgical' && r.time === 'current' ? { ...r, time: 'past' } : r);
      const key = `${k}|${name}|${flags.negated}|${relative}`;
      if (histSeen.has(key)) return;
      histSeen.add(key);
      let answer = r.answered ? ctx.qa.get(s.turn)!.answer.text : null;
      let evidence = confirmed ? [...new Set([...r.evidence, s.turn + 1])] : r.evidence;
      // "What kind of alcohol intake do you have" — "I'll have a couple of beers during the week": the habit is
      // told in the patient's answer, which names it too, not in the doctor's question.
      const next = turns[s.turn + 1];
      if (kind === 'social' && !answer && s.speaker === 'doctor' && next?.speaker === 'patient') {
        const said = next.text.toLowerCase();
        if (socialNames(said).includes(name) && !PATIENT_QUESTION.test(said)) {
          answer = next.text;
          evidence = [...new Set([...evidence, next.index])];
        }
      }
      facts.history.push({
        kind: k,
        name,
        relative,
        // The side of the patient's own condition or operation ("right rotator cuff") is kept with it.
        detail:
          kind === 'social'
            ? (answer ?? s.text)
            : !family && (kind === 'medical' || kind === 'surgical')
              ? (SIDE_BEFORE.exec(s.lower.slice(Math.max(0, start - 8), start))?.[1] ?? null)
              : null,
        evidence,
        ...flags,
        source: r.source,
      });
    };
    // A condition the doctor names is history with a history cue ("history of", "diagnosed") or an answer; one
    // that is also a symptom ("back pain") only with a history cue, else it is a symptom of this visit.
    // The word "depression" is the diagnosis, not the symptom it is also a variant of (see the symptom loop above).
    const symptomSpans = symptomMentions(s.lower).filter((x) => !isDepressionWord(s.lower, x));
    for (const m of lex.problems.match(s.lower)) {
      // "Any flu like symptoms?": a kind of symptom, not the condition.
      if (/^[- ]like\b/.test(s.lower.slice(m.end))) continue;
      // "You had that rotator cuff repaired": the operation (surgical history), not a condition besides it.
      if (/^\s*(?:repair|repaired|reconstruction|reconstructed)\b/.test(s.lower.slice(m.end))) continue;
      const symptom = symptomSpans.some((x) => x.start < m.end && x.end > m.start);
      add(
        'medical',
        m.value,
        m.start,
        m.end,
        problemNames,
        symptom ? 'always' : s.speaker === 'doctor' ? 'unless-answered' : 'never',
      );
    }
    for (const m of [...lex.surgeries.match(s.lower), ...organsRemoved(s.lower)])
      add('surgical', m.value, m.start, m.end, surgeryNames);
    for (const [name, re] of SOCIAL) {
      if (name === 'physical activity' && s.speaker !== 'patient') continue;
      const m = re.exec(s.lower);
      if (m) add('social', name, m.index, m.index + m[0].length, socialNames);
    }
  }

  // Medications.
  // The drugs each patient turn names: what an answer takes up of the drugs a question offered.
  const patientDrugs = new Map<number, Set<string>>();
  // Turns that take up what was asked, named or not: "yes, …", "I take it every morning".
  const confirming = new Set<number>();
  for (const [i, s] of sentences.entries()) {
    if (s.speaker !== 'patient') continue;
    for (const m of medMentions.get(s)!)
      (patientDrugs.get(s.turn) ?? patientDrugs.set(s.turn, new Set()).get(s.turn)!).add(m.value.name);
    const first = sentences[i - 1]?.turn !== s.turn;
    if ((first && /^(?:yes|maybe)$/.test(answerPolarity(s.lower))) || TAKES_IT.test(s.lower)) confirming.add(s.turn);
  }
  for (const [i, s] of sentences.entries()) {
    let prevEnd = 0;
    const mentions = medMentions.get(s)!;
    // The patient's reply to this doctor's sentence, and the drugs it names.
    const replyDrugs = s.speaker === 'doctor' ? patientDrugs.get(s.turn + 1) : undefined;
    const endsTurn = sentences[i + 1]?.turn !== s.turn;
    for (const [k, m] of mentions.entries()) {
      const window = s.lower.slice(prevEnd, m.end);
      const prevStart = prevEnd;
      prevEnd = m.end;
      // An allergy is not a medication ("allergic to penicillin", "penicillin allergy").
      if (
        /\ballerg\w*\s+(?:to\s+)?(?:\w+\s+)?$/.test(window.slice(0, m.start - (m.end - window.length))) ||
        /^\s*allerg/.test(s.lower.slice(m.end))
      )
        continue;
      // A drug the patient reacted to ("a reaction to dexamethasone") is an allergy, read below; one asked or denied a
      // reaction to ("any reaction to the amoxicillin?") is not said to be taken either.
      if (drugReactions.get(s)?.some((d) => d.start === m.start)) continue;
      // A drug corrected at once ("penicillin or, I'm sorry, amoxicillin") was never meant.
      if (
        /^[\s,]*(?:or[\s,]+)?(?:i'm sorry|i am sorry|sorry|i mean|rather|actually)\b/.test(
          s.lower.slice(m.end, m.end + 25),
        )
      )
        continue;
      const nextStart = mentions[k + 1]?.start ?? s.lower.length;
      // "prozac 20mg a day": a strength written against its unit reads as one said apart.
      // "10 m g": a unit spelled out letter by letter reads the same.
      const after = unitsWritten(s.lower.slice(m.end, Math.min(nextStart, m.end + 60)));
      const lead40 = unitsWritten(s.lower.slice(Math.max(prevStart, m.start - 40), m.start));
      // "500 milligrams of metformin": the dose said before the drug.
      const doseM = DOSE_RE.exec(after) ?? DOSE_BEFORE_RE.exec(lead40);
      // "the metformin 500 twice a day": a bare strength of a tablet dosed in milligrams.
      const bare = doseM ? null : bareStrength(after, m.value.drugClass);
      const freq = frequencyIn(after);
      // "I take like a 2 ibuprofen a day": a count of tablets said before the drug, with how often.
      const count = doseM || bare || !freq ? null : COUNT_BEFORE_RE.exec(lead40);
      // The route said with the drug, after it or in its own clause before it ("50 mg of benadryl intramuscularly",
      // not the "subcutaneously" of the drug before it; "amoxicillin …, and I use the cream": another product).
      const route = OWN_ROUTE_RE.exec(after) ?? ROUTE_RE.exec(s.lower.slice(prevStart, m.start));
      // "Since we stopped your birth control", "since discontinuation of her birth control": stopped before today.
      const stoppedBefore = STOPPED_BEFORE_DRUG.test(s.lower.slice(Math.max(prevStart, m.start - 40), m.start));
      // "What about increasing my testosterone to 175 milligrams?": a dose the patient asks for is a change asked
      // for, not the dose taken now.
      const asked =
        s.speaker === 'patient' && (isQuestion(s) || PATIENT_REQUEST.test(s.lower)) ? askedChange(window) : null;
      const change =
        s.speaker === 'doctor'
          ? (lastMedChange(window) ?? (stoppedBefore ? 'stop' : null))
          : /\b(stopped|quit|ran out)\b/.test(s.lower) || FINISHED_DRUG.test(lead40)
            ? 'stop'
            : asked === 'increase' || asked === 'decrease'
              ? asked
              : null;
      // A question the answer does not settle keeps the sentence's own reading ("are you still on lisinopril?").
      const r = readInContext(ctx, s, m.start, m.end, m.value.name, medicationNames, true)!;
      // A drug the doctor offers that the reply does not take up is not the patient's: one of alternatives ("when you
      // take that ibuprofen or tylenol, …?" "maybe a seven"), or one asked about and answered with other drugs ("did
      // she give you prednisone?" "she gave me a numbing medicine and gabapentin").
      if (
        s.speaker === 'doctor' &&
        !r.answered &&
        !replyDrugs?.has(m.value.name) &&
        ((phaseOf(s, phase) === 'history' && drugAlternative(s.lower, mentions, k)) ||
          (!!replyDrugs?.size && endsTurn && isQuestion(s) && !confirming.has(s.turn + 1)))
      )
        continue;
      // "Stop the ibuprofen" / "I'm not taking it anymore, I stopped": the change says it; the drug is named.
      // "I was also on lisinopril before": a drug the patient took once, not now.
      // "'Cause you were on the progesterone": the past tense says the same.
      const lead = s.lower.slice(Math.max(0, m.start - 30), m.start);
      const before =
        (/\b(?:was|were) (?:also |previously |once )?on\s+(?:the\s+|some\s+)?$/.test(lead) &&
          /^\s*(?:before|previously|in the past|at one point|for a while)\b/.test(s.lower.slice(m.end, m.end + 20))) ||
        (/\b(?:you|i|he|she|they) (?:were|was) on\s+(?:the\s+|some\s+)?$/.test(lead) && !/\bstill\b/.test(s.lower)) ||
        // "The birth control that I was taking before": a drug taken before, not now.
        (TAKEN_BEFORE_AFTER.test(s.lower.slice(m.end, m.end + 50)) && !/\bstill\b/.test(s.lower));
      // "They gave me fluids and some morphine in the ER", "what was he given in the E R?" — "epinephrine": a dose
      // given there before this visit, not a drug the patient takes.
      const givenThere = givenInCareSetting(
        s,
        ctx.answered.get(s.turn),
        [s.turn - 3, s.turn - 2, s.turn - 1].flatMap((t) => sentencesInTurn(sentences, t)).map((x) => x.lower),
        sentencesInTurn(sentences, s.turn - 1)
          .map((x) => x.text)
          .join(' '),
      );
      const fields = assertionFields(
        change === 'stop' && (r.assertion === 'absent' || r.assertion === 'ruled-out')
          ? { ...r, assertion: 'present' }
          : before || givenThere
            ? { ...r, time: 'past' }
            : r,
      );
      facts.medications.push({
        name: m.value.name,
        mentionedAs: m.phrase !== m.value.name ? m.phrase : null,
        dose: doseM ? spokenValue(doseM[1]!) : bare ? Number(bare) : count ? spokenValue(count[1]!) : null,
        unit: doseM
          ? (UNIT_MAP[doseM[2]!.toLowerCase()] ?? doseM[2]!.toLowerCase())
          : bare
            ? 'mg'
            : count
              ? 'tablets'
              : null,
        route: route ? route[1]! : null,
        frequency: freq,
        change,
        drugClass: m.value.drugClass,
        evidence: r.evidence,
        ...fields,
        source: r.source,
      });
      // "Are you taking citalopram?" "Yes, I take it once a day. It is 10 mg.": the strength and schedule said of the
      // one drug just named, in the sentences that follow it before any other drug is named.
      const pushed = facts.medications[facts.medications.length - 1]!;
      if (
        (pushed.dose === null || pushed.frequency === null) &&
        (change === null || change === 'continue') &&
        r.assertion === 'present' &&
        mentions.every((x) => x.value.name === m.value.name)
      ) {
        const later = regimenSaidAfter(sentences, i, medMentions, qa);
        if (later && (later.dose !== null || later.frequency)) {
          if (pushed.dose === null && later.dose !== null) {
            pushed.dose = later.dose;
            pushed.unit = later.unit;
          }
          pushed.frequency ??= later.frequency;
          pushed.evidence = [...new Set([...pushed.evidence, ...later.turns])];
          pushed.source = [pushed.source, ...later.texts].join(' ');
        }
      }
      // "… to 175 milligrams? I'm at 140 now.": the dose taken now, in the unit the request used.
      const next = sentences[i + 1];
      const now = next && next.turn === s.turn && !!asked && asked === change ? DOSE_NOW.exec(next.lower) : null;
      const unitSaid = now?.[2] ?? doseM?.[2];
      if (now && unitSaid && !medMentions.get(next!)!.length)
        facts.medications.push({
          ...facts.medications[facts.medications.length - 1]!,
          dose: spokenValue(now[1]!),
          unit: UNIT_MAP[unitSaid.toLowerCase()] ?? unitSaid.toLowerCase(),
          change: null,
          ...assertionFields({ ...r, assertion: 'present', time: 'current' }),
          source: `${s.text} ${next!.text}`,
        });
    }
  }

  // Allergies.
  for (const s of sentences) {
    const l = s.lower;
    const pair = s.speaker === 'doctor' ? qa.get(s.turn) : undefined;
    // The doctor's question the patient confirmed ("you're allergic to augmentin, is that right?" "yes").
    const confirmed = !!pair && pair.questions.includes(s) && pair.polarity === 'yes';
    // An allergy already read from this turn (an answer to "any allergies?") is not read twice.
    const known = (substance: string) =>
      facts.allergies.some((a) => a.substance === substance && a.evidence.includes(s.turn));
    // A drug the patient reacted to, said by the patient or the doctor ("because of the reaction to dexamethasone"),
    // or asked by the doctor and confirmed ("you suffer from itching with the methylprednisolone?" "that's correct").
    for (const d of drugReactions.get(s) ?? []) {
      if (d.denied || (s.speaker === 'doctor' && isQuestion(s) && !confirmed)) continue;
      if (known(d.name)) continue;
      if (readMention(s, d.start, d.end, ctx.previous.get(s)).experiencer !== 'patient') continue;
      const evidence = confirmed ? [s.turn, pair!.answer.turn] : [s.turn];
      const source = confirmed ? `${s.text} ${pair!.answer.text}` : s.text;
      // "Have you had a reaction to the amoxicillin?" "Yes, I got a rash.": the answer names the reaction.
      const reaction = d.reaction ?? (confirmed ? (drugReactionIn(pair!.answer.lower)?.reaction ?? null) : null);
      facts.allergies.push(allergy(d.name, reaction, evidence, source, 'present'));
    }
    // "Any history of seasonal allergies?" "No, never had problems with allergies": allergies to pollen, food or
    // animals denied are not drug allergies denied.
    const asked =
      s.speaker === 'doctor'
        ? l
        : (qa
            .get(s.turn - 1)
            ?.questions.map((q) => q.lower)
            .join(' ') ?? '');
    const otherKind = OTHER_ALLERGY.test(asked) && !DRUG_ALLERGY.test(asked);
    // "What happens when you take clonidine?" "I get a really bad rash.": the drug and the reaction it gives.
    if (pair && pair.questions.includes(s) && REACTION_ASKED.test(l)) {
      const reaction = drugReactionIn((transcript.turns[pair.answer.turn]?.text ?? '').toLowerCase());
      if (reaction)
        for (const sub of allergensIn(l))
          facts.allergies.push(
            allergy(sub, reaction.reaction, [s.turn, pair.answer.turn], `${s.text} ${pair.answer.text}`, 'present'),
          );
    }
    // "Any other allergies besides penicillin?" "No.": the penicillin allergy stands, and no other is known.
    const besides = s.speaker === 'doctor' && /\ballerg/.test(l) ? ALLERGY_BESIDES.exec(l) : null;
    const presupposed = besides ? allergensIn(besides[1]!) : [];
    if (presupposed.length) {
      for (const sub of presupposed)
        if (!known(sub)) facts.allergies.push(allergy(sub, null, [s.turn], s.text, 'present'));
      continue;
    }
    if (/\bno (?:known )?(?:drug |medication )?allergies\b|\bnkda\b/.test(l) && !otherKind) {
      facts.allergies.push(allergy('drug', null, [s.turn], s.text, 'absent'));
      continue;
    }
    // "What are you taking for allergies?" "Claritin.": a medication for allergies, not an allergy to it.
    if (pair && pair.questions.includes(s) && /\ballerg/.test(l) && !TAKEN_FOR_ALLERGY.test(l)) {
      if (otherKind && pair.polarity === 'no') continue;
      // "Any allergies to medications?" "Yes, penicillin. It gives me hives.": each drug or allergen the answer names.
      if (pair.polarity !== 'no') {
        const answer = (transcript.turns[pair.answer.turn]?.text ?? '').toLowerCase();
        const named = [...lex.medications.match(answer).map((x) => x.value.name), ...(answer.match(ALLERGENS) ?? [])];
        const reaction = REACTION.exec(answer);
        for (const sub of new Set(named))
          facts.allergies.push(
            allergy(sub, reaction?.[1] ?? null, [s.turn, pair.answer.turn], `${s.text} ${pair.answer.text}`, 'present'),
          );
        if (named.length) continue;
      }
      if (pair.polarity === 'no') {
        facts.allergies.push(
          allergy('drug', null, [s.turn, pair.answer.turn], `${s.text} ${pair.answer.text}`, 'absent'),
        );
        continue;
      }
    }
    const m =
      /\ballergic to ([a-z][a-z -]{1,40}?)(?=[,.?!]|$| and | but | which | so | as well| too\b| also\b)|\ballergy to ([a-z][a-z -]{1,40}?)(?=[,.?!]|$| and | but )|\b([a-z]+) allergy\b/.exec(
        l,
      );
    // The patient's own words, or the doctor stating it ("because you're allergic to penicillin"), not asking it —
    // unless the patient confirms what the doctor read out.
    if (m && (s.speaker !== 'doctor' || !isQuestion(s) || confirmed)) {
      const sub = (m[1] ?? m[2] ?? m[3] ?? '').replace(/^(any|some|the|a)\s+/, '').trim();
      if (sub && !/^(any|anything|medications?|nothing|food|seasonal)$/.test(sub)) {
        const reaction = REACTION.exec(l);
        const r = readMention(s, m.index, m.index + m[0].length, ctx.previous.get(s));
        // A relative's allergy ("my son is allergic to peanuts") is not the patient's.
        if (r.experiencer === 'patient' && !known(sub))
          facts.allergies.push({
            substance: sub,
            reaction: reaction ? reaction[1]! : null,
            evidence: confirmed ? [s.turn, pair!.answer.turn] : [s.turn],
            ...assertionFields(r),
            source: s.text,
          });
      }
    }
  }

  // "I am allergic to … it's called Napro-" "Naprosyn?" "Yes, Naprosyn.": a drug the doctor names in a short question
  // while the patient tells an allergy, and the patient confirms, is an allergy too (so is the next one asked so).
  for (const [t, turn] of turns.entries()) {
    const said = turn.text.toLowerCase();
    if (
      turn.speaker !== 'patient' ||
      !/\ballergic to\b/.test(said) ||
      /\b(?:not|n't|never)\b[^.,]{0,12}\ballergic to\b/.test(said)
    )
      continue;
    for (let k = t + 1; k + 1 < Math.min(turns.length, t + 5); k += 2) {
      const asked = turns[k]!;
      const reply = turns[k + 1]!;
      if (asked.speaker !== 'doctor' || reply.speaker !== 'patient') break;
      const al = asked.text.toLowerCase().trim();
      if (!/\?$/.test(al) || al.split(/\s+/).length > 8) break;
      const named = allergensIn(al);
      if (!named.length || answerPolarity(reply.text.toLowerCase()) !== 'yes') break;
      for (const sub of named)
        if (!facts.allergies.some((a) => a.substance === sub))
          facts.allergies.push(
            allergy(sub, null, [t, k, k + 1], `${turn.text} ${asked.text} ${reply.text}`, 'present'),
          );
    }
  }

  // Vitals.
  const vitalSeen = new Set<string>();
  // "Did they say anything about your blood pressure in the ER? … I see here it was about 180 over 95": a reading
  // said as "N over M" takes its blood pressure from the talk of the last two turns.
  let bpTalkAt = -Infinity;
  // The last other setting talked of ("you were in the hospital for some heart failure"), and the turn it was said in:
  // a reading said in the past tense while the history is about it ("your blood pressure was high, it was 200/90") was
  // taken there, not today.
  let elsewhere: { place: string; turn: number } | null = null;
  const settingOf = (s: Sentence, l: string, here: string | undefined, placeSaidIsEnough: boolean) => {
    const past = /\b(?:was|were|had been)\b/.test(l) && !/\b(?:today|now|right now|here)\b/.test(l);
    // "so we need to send you over to the hospital": a place the patient goes next is not where the reading was taken.
    if (here) return placeSaidIsEnough || past ? here : undefined;
    if (!elsewhere || s.turn - elsewhere.turn > 6 || phaseOf(s, phase) !== 'history') return undefined;
    return past ? elsewhere.place : undefined;
  };
  for (const s of sentences) {
    const l = s.lower;
    const place = VITAL_ELSEWHERE.exec(l)?.[1];
    if (place) elsewhere = { place, turn: s.turn };
    const bpSaid = /\b(blood pressure|bp|pressure)\b/.test(l);
    if (bpSaid) bpTalkAt = s.turn;
    const bpCtx = bpSaid || s.turn - bpTalkAt <= 2;
    if (bpCtx) {
      const m = BP_RE.exec(l);
      if (m) {
        const sys = spokenValue(m[1]!, true);
        const dia = spokenValue(m[2]!, true);
        if (sys !== null && dia !== null && sys >= 60 && sys <= 260 && dia >= 30 && dia <= 160 && sys > dia) {
          const key = `bp|${sys}|${dia}`;
          if (!vitalSeen.has(key)) {
            vitalSeen.add(key);
            const setting = settingOf(s, l, place, true);
            facts.vitals.push({
              ...(setting ? { setting } : {}),
              kind: 'bp',
              value: sys,
              value2: dia,
              unit: 'mmHg',
              qualifier: null,
              evidence: [s.turn],
              negated: false,
              uncertain: false,
              historical:
                /\b(last time|before|previous|at home|usually|the other day|yesterday|last (?:week|night|month)|as high as|as low as)\b/.test(
                  l,
                ) || setting !== undefined,
              subject: 'patient',
              source: s.text,
            });
          }
        }
      }
    }
    for (const p of VITAL_PATTERNS) {
      const m = p.re.exec(l);
      if (!m) continue;
      let v = spokenValue(m[1]!, p.colloquial);
      if (v === null) continue;
      const pointM = /point (\w+)/.exec(m[1]!);
      if (pointM && p.kind === 'temp') {
        const frac = firstNumber(pointM[1]!);
        const whole = spokenValue(m[1]!.replace(/ point \w+/, ''), true);
        if (frac !== null && whole !== null) v = Number(`${whole}.${frac}`);
      }
      let unit = p.unit;
      if (p.kind === 'weight' && m[2] && /^(kilograms|kg|kilos)$/.test(m[2])) unit = 'kg';
      if (p.kind === 'temp' && v < 45) unit = '°C';
      const ok =
        (p.kind === 'hr' && v >= 20 && v <= 250) ||
        (p.kind === 'rr' && v >= 4 && v <= 60) ||
        (p.kind === 'temp' && ((v >= 90 && v <= 110) || (v >= 32 && v <= 43))) ||
        (p.kind === 'spo2' && v >= 50 && v <= 100) ||
        (p.kind === 'weight' && v >= 2 && v <= 700) ||
        (p.kind === 'bmi' && v >= 10 && v <= 80);
      if (!ok) continue;
      const key = `${p.kind}|${v}`;
      if (vitalSeen.has(key)) continue;
      vitalSeen.add(key);
      const setting = settingOf(s, l, place, false);
      facts.vitals.push({
        ...(setting ? { setting } : {}),
        kind: p.kind,
        value: v,
        value2: null,
        unit,
        // "Sats are 95 on room air": how the saturation was taken.
        qualifier:
          p.kind === 'spo2' && /^(?: ?%| percent)?,? on room air\b/.test(l.slice(m.index + m[0].length))
            ? 'on room air'
            : null,
        evidence: [s.turn],
        negated: false,
        uncertain: false,
        // "She had a fever of 101 last night", "he's been running a temperature of 102": a temperature the patient or
        // someone with them reports was taken at home, not in the office; it is history, not a vital sign.
        historical: setting !== undefined || (p.kind === 'temp' && (s.speaker === 'patient' || s.speaker === 'other')),
        subject: 'patient',
        source: s.text,
      });
    }
  }

  // Exam findings, results, problems and plan items come from the clinician's sentences by phase.
  const probSeen = new Set<string>();
  // The organs the doctor last said they would listen to ("i'm gonna listen to your heart and lungs"), for a verdict
  // that names none ("everything sounds good").
  let listened: { organs: string[]; turn: number } | null = null;
  for (const whole of sentences) {
    if (whole.speaker !== 'doctor') continue;
    let s = whole;
    if (phaseOf(s, phase) === 'exam') {
      const organs = LISTEN_TO.exec(s.lower);
      if (organs) listened = { organs: [organs[1]!, organs[2]].filter((o): o is string => !!o), turn: s.turn };
      const verdict = listened && s.turn - listened.turn <= 6 ? HEARD_VERDICT.exec(s.lower) : null;
      if (verdict && listened) {
        // "Everything sounds good, no concerns there": each organ listened to is normal, in the doctor's word where
        // it is one a note uses.
        const word = /^(?:normal|clear)$/.test(verdict[1]!) ? verdict[1]! : 'normal';
        for (const organ of listened.organs) {
          const heart = organ === 'heart';
          facts.exam.push({
            system: heart ? 'Cardiovascular' : 'Respiratory',
            finding: heart ? `Heart sounds ${word === 'clear' ? 'normal' : word}.` : `Lungs sound ${word}.`,
            negated: true,
            evidence: [listened.turn, s.turn],
            uncertain: false,
            historical: false,
            subject: 'patient',
            source: s.text,
          });
        }
        listened = null;
        continue;
      }
    }
    // "When I press on the inside of your knee, does that hurt?" "Yes": a finding, in the answer's polarity.
    const maneuver = examManeuver(s.lower, transcript.turns[s.turn + 1]);
    if (maneuver) {
      const sys = examSystem(maneuver.finding.toLowerCase()) ?? 'Musculoskeletal';
      facts.exam.push({
        system: sys,
        finding: maneuver.finding,
        negated: maneuver.negated,
        evidence: [s.turn, s.turn + 1],
        uncertain: false,
        historical: false,
        subject: 'patient',
        source: s.text,
      });
      // What was dictated before the maneuver ("there is no redness… now when I push on your knee…") is read on.
      if (maneuver.start < 20) continue;
      s = { ...s, text: s.text.slice(0, maneuver.start), lower: s.lower.slice(0, maneuver.start) };
    }
    if (s.text.endsWith('?')) {
      // "For your last issue, your epilepsy, … you must be due to see her again?": the problem its frame opens is
      // stated, though the sentence ends in a question.
      const frame = PROBLEM_FRAME_FIRST.exec(s.lower);
      if (!frame || phaseOf(s, phase) !== 'plan') continue;
      const end = frame.index + frame[0].length;
      s = { ...s, text: s.text.slice(0, end), lower: s.lower.slice(0, end) };
    }
    // "Now I'm gonna do a focused exam on your right ankle, I do appreciate some ecchymosis…": the announcement
    // is not a finding; what follows it is.
    if (EXAM_PROCEDURE.test(s.lower)) {
      const at = FINDING_START.exec(s.lower);
      if (at && at.index > 0) {
        // "It doesn't look like when I extend it … that you have a full range of motion": the finding is denied by
        // the words before it, which the cut would lose.
        const denied =
          /\b(?:doesn't|does not|don't|do not|didn't)\s+(?:look|seem|appear|feel|sound)\s+like\b/.test(
            s.lower.slice(Math.max(0, at.index - 80), at.index),
          ) && /^you (?:do )?have\b/.test(s.lower.slice(at.index));
        let text = s.text.slice(at.index);
        if (denied) text = text.replace(/^you (?:do )?have\b/i, 'you do not have');
        s = { ...s, text, lower: text.toLowerCase() };
      }
    }
    const ph = phaseOf(s, phase);
    const clean = cleanSpoken(s.text);
    if (clean.split(' ').length < 3) continue;
    const third = finishSentence(toThirdPerson(clean, 'doctor', ctx.sex));
    const base = {
      evidence: [s.turn],
      uncertain: hedged(s),
      historical: false,
      subject: 'patient' as const,
      source: s.text,
    };
    // A finding dictated inside a long turn of another phase ("…on your heart exam I hear a murmur… so for your
    // first problem…") is still a finding: phases are per turn, findings are per sentence.
    // "Your physical exam is normal without any significant findings": a whole-exam finding, filed as general.
    if (WHOLE_EXAM.test(s.lower)) {
      // Dictated findings before "…otherwise the rest of her exam is normal" keep their own systems.
      const found = examFindings(third, base);
      facts.exam.push(...(found.length ? found : [{ system: 'General', finding: third, negated: true, ...base }]));
      continue;
    }
    const namedManeuver = EXAM_MANEUVER_TEST.test(s.lower);
    const maneuverSaid = namedManeuver && /\b(?:positive|negative)\b/.test(s.lower);
    // "We often like to keep people with heart problems on magnesium…": counselling said during the exam, no finding.
    const counsel = COUNSELLING.test(s.lower);
    if (
      !counsel &&
      ph !== 'exam' &&
      ph !== 'results' &&
      (EXAM_FINDING.test(s.lower) || maneuverSaid || VITAL_CLAUSE.test(s.lower)) &&
      !EXAM_PROCEDURE.test(s.lower)
    ) {
      const finding = RESULT_RE.test(s.lower) && !namedManeuver ? null : withoutTrailingQuestion(third);
      if (finding) facts.exam.push(...examFindings(finding, base));
    }
    if (ph === 'exam' || ph === 'results') {
      // "A negative varus and valgus stress test": an exam maneuver, not a study.
      const r = namedManeuver ? null : RESULT_RE.exec(s.lower);
      if (r && RESULT_VERB.test(s.lower)) {
        const kind: ResultItem['kind'] = /x-?ray|mri|ct|ultrasound|echo|mammogram|cat scan/.test(r[1]!)
          ? 'imaging'
          : 'lab';
        facts.results.push({
          kind,
          name: r[1]!,
          finding: third,
          negated: /\b(normal|negative|no )\b/.test(s.lower),
          ...base,
        });
      } else if (
        ph === 'exam' &&
        !counsel &&
        // Vitals read out are vitals; a finding said with them ("… wheezes but no crackles your oxygen saturation is
        // 96 percent") is still a finding.
        (!VITALS_TALK.test(s.lower) || findingBeforeVitals(s.lower)) &&
        !EXAM_PROCEDURE.test(s.lower) &&
        !RECAP.test(s.lower)
      ) {
        const finding = withoutTrailingQuestion(third);
        const found = finding && withoutInterpretation(finding);
        if (found) facts.exam.push(...examFindings(found, base));
      }
    }
    // A result read out with its conclusion ("your tsh is high … so your thyroid is underactive") states the
    // diagnosis: the mention after the conclusion cue counts as assessed, also where a short visit's phases read the
    // result as history.
    const concluded =
      ph !== 'plan' && s.speaker === 'doctor' && (ph === 'results' || RESULT_RE.test(s.lower))
        ? RESULT_CONCLUSION.exec(s.lower)
        : null;
    if (ph === 'plan' || concluded) {
      for (const m of lex.problems.match(s.lower)) {
        if (probSeen.has(m.value)) continue;
        if (concluded && m.start < concluded.index) continue;
        // "The national comprehensive cancer network guidelines": the name of a body, not a problem.
        if (INSTITUTION_AFTER.test(s.lower.slice(m.end))) continue;
        const r = readMention(s, m.start, m.end, ctx.previous.get(s));
        // Denied or ruled out ("no fracture", "you're not diabetic"), advice or risk ("risk of stroke"), asked
        // about, or someone else's: not a problem of this visit. A later confirming mention still counts.
        if (r.assertion !== 'present' && r.assertion !== 'possible') continue;
        if (r.experiencer !== 'patient' || r.question !== null) continue;
        probSeen.add(m.value);
        facts.problems.push({
          name: m.value,
          status:
            r.time === 'resolved' ? 'resolved' : /\b(chronic|history|continue)\b/.test(s.lower) ? 'chronic' : null,
          certainty: r.assertion === 'possible' ? 'suspected' : 'confirmed',
          ...base,
          ...assertionFields(r),
        });
      }
      const kind = planKind(s.lower);
      if (kind) {
        const tgt = lex.medications.match(s.lower)[0]?.value.name ?? RESULT_RE.exec(s.lower)?.[1] ?? null;
        facts.plan.push({
          kind,
          text: third,
          target: tgt,
          problem: facts.problems[facts.problems.length - 1]?.name ?? null,
          ...base,
          negated: false,
        });
      }
    }
  }
  return facts;
}

/** A condition's name that names an institution ("cancer network", "heart association", "cancer center"). */
const INSTITUTION_AFTER = /^ (?:network|center|centre|institute|society|association|foundation|clinic|unit)\b/;

/** The conclusion a doctor draws from a result ("…so your thyroid is underactive", "which means you have anemia"). */
export const RESULT_CONCLUSION =
  /\b(?:so|which means|that means|this means|consistent with|which shows|that shows)\s+(?:that\s+)?(?:you have|you've got|your|this is|it's|it is)\b/;

export type { Allergy, ExamFinding, Medication, PlanItem, Problem, ResultItem, Symptom, Vital };
