/**
 * The plan as structured items: medications (drug, dose, frequency, duration, as needed, action), tests ordered,
 * referrals, procedures, follow-up and return precautions, each phrased as a note states it ("Start amoxicillin
 * 500 mg three times a day for 10 days.", "Order an x-ray of the right knee.", "Follow up in 2 weeks.") and
 * linked to the turn it was read from and the problem being discussed.
 *
 * Items are read from the doctor's plan-phase sentences, including EHR voice commands ("hey dragon, order a
 * western blot"), whose wording never reaches the note but whose order does. Nothing is composed that was not said:
 * every drug, dose, test and interval is copied from the sentence (spoken units shortened: "milligrams" → "mg").
 */
import { escapeRe } from './regex.js';
import { sentencesInTurn, type Sentence } from './discourse.js';
import { voiceCommand } from './acts.js';
import { bareStrength, MG_CLASSES, lexicons } from './lexicon.js';
import { cleanSpoken, toThirdPerson, type Sex } from './rewrite.js';

export type PlanFactKind =
  | 'medication'
  | 'test'
  | 'referral'
  | 'procedure'
  | 'follow-up'
  | 'return-precautions'
  | 'counselling'
  | 'disposition';

export interface PlanFact {
  kind: PlanFactKind;
  /** Where it was first said: the turn and the sentence's position in it. */
  at: { turn: number; pos: number };
  /** Every sentence that stated it (the first one and each repeat merged into it). */
  mentions: Array<{ turn: number; pos: number }>;
  /** The item as the note states it (a full sentence). */
  text: string;
  evidence: number[];
  /** The assessed problem under discussion when it was said (canonical name), if any. */
  problem: string | null;
  /** Drug (canonical), test, specialty or interval: what the item is about, for de-duplication and instructions. */
  target: string;
  /** Advice (counselling items), as the patient is told it: "ice your knee for 20 minutes 3 times a day". */
  advice?: string;
  /** Medication details, as said. */
  drug?: {
    name: string;
    said: string;
    dose: string | null;
    frequency: string | null;
    duration: string | null;
    asNeeded: boolean;
    /** What it is for, as said ("for pain"). */
    indication: string | null;
    action: MedAction;
  };
}

export type MedAction = 'start' | 'continue' | 'increase' | 'decrease' | 'stop' | 'refill' | 'change';

const NUM =
  '(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|(?:a |one |two |three |four |five |six |seven |eight |nine |ten |eleven |twelve |fifteen |twenty |twenty-five |thirty |forty |fifty |sixty |seventy |eighty |ninety |hundred |thousand |half |point |and )+)';
const DOSE_RE = new RegExp(
  `(${NUM})\\s*((?:mg|milligrams?|mcg|micrograms?)(?:\\s*(?:per|a|/)\\s*(?:kilograms?|kilos?|kg))?|mg|milligrams?|mcg|micrograms?|grams?|g|units?|ml|milliliters?|cc|puffs?|tablets?|pills?|capsules?|drops?|percent|%)\\b`,
  'i',
);
const FREQ_RE =
  /\b(once a day|once daily|twice a day|twice daily|(?:one|two|three|four|1|2|3|4) times (?:a|per) day|(?:three|four) times daily|every day|daily|every morning|in the morning|every night|at night|at bedtime|before bed|every (?:\d+|two|three|four|six|eight|twelve)(?: to (?:\d+|four|six|eight))? hours|once a week|weekly|every week|twice a week|once a month|monthly|with meals|with food|a day|per day)\b/i;
/** A drug referred to by a pointer with how to take it ("take that daily", "use it twice a day"). */
const POINTER_SIG =
  /\b(?:take|use|apply)\s+(?:that|it|this|them|those|one)\b|\b(?:it|that)(?:'s| is) (?:supposed|meant) to be (?:taken )?(?=\S)/;
/** A schedule of once a day, which a time of day can pin down ("once a day … first thing in the morning"). */
const ONCE_DAILY = /^(?:once a day|once daily|every day|daily|a day|per day)$/;
/** The time of day a once-daily drug is taken, said with its schedule. */
const TIME_OF_DAY =
  /\b(in the morning|every morning|in the evening|every evening|at night|every night|at bedtime|before bed)\b(?! and\b)/;

/**
 * The schedule said of a drug in `text` (its clause, read from the drug on): the frequency, read past the dose's window
 * when a pointer carries it ("protonix, it's 40 mg, you're gonna take that once a day"), and for a once-daily drug the
 * time of day it is taken ("… take it first thing in the morning" → "once daily in the morning").
 */
function scheduleOf(freq: RegExpExecArray | null, text: string): { freq: string; end: number } | null {
  let f = freq ? { freq: freq[1]!, end: freq.index + freq[0].length } : null;
  if (!f) {
    const ptr = POINTER_SIG.exec(text);
    const said = ptr ? FREQ_RE.exec(text.slice(ptr.index, ptr.index + ptr[0].length + 25)) : null;
    if (!ptr || !said) return null;
    f = { freq: said[1]!, end: ptr.index + said.index + said[0].length };
  }
  if (!ONCE_DAILY.test(f.freq.toLowerCase())) return f;
  const when = TIME_OF_DAY.exec(text.slice(f.end, f.end + 60));
  // "once a day … and then another at night" is not a time of day for the one dose.
  if (!when || /\b(?:another|again|second|twice|and then)\b/.test(text.slice(f.end, f.end + when.index))) return f;
  return { freq: onceDailyAt(when[1]!), end: f.end + when.index + when[0].length };
}

/** "every night" → "once daily at night", "first thing in the morning" → "once daily in the morning". */
function onceDailyAt(when: string): string {
  return `once daily ${when.replace(/^every (morning|evening|night)$/, (_, t: string) => (t === 'night' ? 'at night' : `in the ${t}`))}`;
}
/** How long a course runs: "for 10 days", "for a full week", "for 7 to 10 days", "for a couple of weeks". */
const DURATION_RE = new RegExp(
  `\\bfor ((?:the next |another |a full |a total of |at least |about |up to )?(?:(?:${NUM})(?:\\s*(?:to|or|-)\\s*(?:${NUM}))?|a (?:couple|few)(?: of)? )?)\\s*(days?|weeks?|months?)\\b`,
  'i',
);
const INDICATION_RE =
  /\bfor (?:the |any |your |his |her )?(?:pain|breakthrough pain|nausea|sleep|anxiety|itching|cough|fever|spasms?|swelling|headaches?|heartburn|constipation|flare-ups?)\b/;
const AS_NEEDED_RE =
  /\b(as needed|when needed|if needed|as necessary|prn|when you need it|as you need (?:it|them|to)|when (?:he|she|they) needs? it)\b/i;

const TESTS =
  'x-?rays?|mri|mr arthrogram|ct(?: scan)?|cat scan|ultrasound|echo(?:cardiogram)?|ekg|ecg|electrocardiogram|stress test|holter(?: monitor)?|event monitor|labs?|lab work|blood work|blood tests?|(?:hemoglobin )?a1c|lipid panel|cholesterol panel|cbc|complete blood count|cmp|bmp|metabolic panel|urinalysis|urine (?:test|culture|sample)|culture|biopsy|mammogram|colonoscopy|endoscopy|egd|pft|pulmonary function tests?|sleep study|nerve conduction(?: study)?|emg|dexa(?: scan)?|bone density|tsh|thyroid (?:panel|function tests?)|vitamin d(?: level)?|psa|western blot|pcr|covid test|strep test|pap smear|ankle-brachial index|abi|doppler|angiogram|cath(?:eterization)?|elastography|renal function|kidney function|liver function tests?|lfts?|iron studies|b12|ferritin|aldosterone|renin|24-hour urine|swab|chem-?(?:7|12|14)|chemistry panel|chemistries|alkaline phosphatase|ggt|liver enzymes|hepatic function panel|(?:depression |anxiety |mood )?screening questionnaires?|phq-?9|gad-?7|(?:pro-?)?bnp|d-dimer|troponins?|(?:urine |serum |blood )?pregnancy test|(?:serum |quantitative )?hcg|cologuard|fit test|stool (?:dna )?test|fecal occult blood test|fobt|spirometry|(?:urine )?microalbumin';
const TEST_RE = new RegExp(`\\b(${TESTS})\\b`, 'i');
/** Words that open an order's object but are not part of the test's name. */
const ORDER_JUNK =
  /^(?:that|this|by|ordering|order|to|we|i|get|getting|do|so|and|also|just|going|gonna|want|like|be|will|can|for|the|a|an|some|with|you|your|him|her|them|is|are)$/;

/** One name per test, so "cbc" and "complete blood count" said twice make one order. */
const TEST_SYNONYM: Record<string, string> = {
  'cat scan': 'ct scan',
  ct: 'ct scan',
  'complete blood count': 'cbc',
  'metabolic panel': 'cmp',
  bmp: 'cmp',
  'hemoglobin a1c': 'a1c',
  ecg: 'ekg',
  electrocardiogram: 'ekg',
  echocardiogram: 'echo',
  'x-rays': 'x-ray',
  xray: 'x-ray',
  'blood work': 'labs',
  'lab work': 'labs',
  lab: 'labs',
  'blood tests': 'labs',
  'blood test': 'labs',
};

const ORDER_VERB =
  /\b(order(?:ing|ed)?|get(?:ting)?|(?:re-?)?check(?:ing)?|draw|repeat(?:ing)?|schedule|obtain|do|send (?:you |him |her |them )?(?:out )?(?:for|to get)|set (?:you |him |her )?up (?:for|with)|go for|swab (?:you |him |her |them )?for|send(?: off| out)?(?= (?:(?:a|an|the|some) )?(?:(?:urine |blood |wound |throat |stool )?(?:cultures?|sample|swab|pcr)\b|$)|$))\b/i;
const MED_VERBS: Array<[MedAction, RegExp]> = [
  ['increase', /\b(increase|increasing|go up on|bump (?:you |it |that )?up|up the dose|uptitrate|higher dose)\b/i],
  [
    'decrease',
    /\b(decrease|decreasing|lower the dose|lower(?:ing)?(?= )(?! (?:(?:the|your|his|her|their|that|this) )?(?:back|extremit\w*|legs?|abdomen|belly|body|half|part|end|lobe|pole|quadrant|left|right|blood pressure|pressure|bp|cholesterol|sugars?|a1c|weight|risk|chance|numbers?|levels?)\b)|(?:go|come) down on|drop (?:the dose|it|that) (?:down )?to|reduce|reducing|cut back|taper|wean)\b/i,
  ],
  [
    'stop',
    /\b(stop|stopping|discontinue|discontinuing|come off|get off|(?:get|take|keep) (?:you|him|her|them) off|hold off on|hold(?:ing)? (?:the|your|his|her|their)|quit)\b/i,
  ],
  ['change', /\b(switch|switching|change (?:you|it) to|instead of)\b/i],
  ['refill', /\b(refill|refilled|refills)\b/i],
  [
    'start',
    /\b(start|starting|restart|restarting|resume|go back on|get (?:you|him|her|them) started (?:on|with)|prescribe|prescribing|prescription|add|adding|put (?:you|him|her) on|try (?:you |him |her )?on|give (?:you|him|her)|begin|initiate|send (?:in|over|that|it)|order|treat (?:you|him|her|it) with|recommend|(?:you can|you should|want you to|like you to|need to|going to|have (?:you|him|her|them)) (?:take|use|try)|want (?:you|him|her|them) (?:to be )?(?:taking|using))\b/i,
  ],
  [
    'continue',
    /\b(continue|continuing|(?<=\b(?:see if|whether|(?:don't|do not|won't|will not) (?:have|need) to) (?:we )?(?:need to |have to )?)make (?:any )?adjustments? to (?:the|your|his|her|their)(?= *$)|(?<=(?:^|\band|\bthen|\bjust|,) )(?:use|take) (?:the|your|his|her|their)(?= *$)|keep (?:taking|on|using)|keep (?:the|your|his|her|their)(?= *$)|keep (?:you|him|her|them) on|stay on|remain on|same dose|stick with|(?:on top of|along with|in addition to) (?:the|your|his|her|their)(?= *$))\b/i,
  ],
];
const REFERRAL_RE =
  /\b(?:refer(?:ral)?(?:ring)? (?:you |him |her |them )?(?:back )?(?:to|for)(?: see| for)?|send (?:you|him|her) to(?: see)?|referral to|consult(?:ation)? with|get (?:you|him|her) (?:in )?(?:to see|with)|(follow up|followup|follow-up) with|connect (?:you|him|her|them) with|(?:give|get) (?:you|him|her|them) (?:the |a )?(?:number|name|contact(?: info(?:rmation)?)?|phone number) (?:for|of)|(?:want|like|need) (?:you|him|her|them) to (?:go )?see|(?:want|like|need) (?:you|him|her|them) to (?:meet|talk|speak) with)\s+(?:a |an |the |our )?((?:[a-z-]+ ){0,3}?(?:[a-z]+ologist|[a-z]+ology|surgeon|surgery|specialist|therapy|therapist|physical therapy|pt|nutritionist|dietitian|dietician|(?:diabetes |diabetic )?educator|podiatrist|podiatry|orthopedics|orthopedist|ent|ob-gyn|gyn|counselor|psychiatrist|neurosurgery|clinic|obstetrics|obstetrician|behavioral health|mental health|allergy|allergist))\b/i;
const THERAPY_RE =
  /\b(physical therapy|occupational therapy|cardiac rehab(?:ilitation)?|pulmonary rehab(?:ilitation)?)\b/i;
const FOLLOW_RE = new RegExp(
  `\\b(?:see (?:you|him|her|them) (?:back )?(?:here )?(?:again )?|check (?:on )?(?:you|him|her|them) (?:again )?|follow(?:[- ]up)?(?: with (?:me|us|you|him|her|them))? |come back |check back |touch base (?:with (?:you|him|her|them) )?(?:again )?|return |recheck )(?:in|after)\\s+(?:(?:about|around|approximately|roughly|maybe|like)\\s+)?((?:(?:${NUM})\\s*(?:days?|weeks?|months?|years?)|a (?:week|month|year)|(?:a )?(?:couple|few) (?:of )?(?:days|weeks|months))(?:\\s*(?:to|or|-)\\s*(?:${NUM})\\s*(?:days?|weeks?|months?))?|the (?:mri|x-ray|ultrasound|results|test|surgery|procedure|labs))`,
  'i',
);
const RETURN_RE =
  /\b(?:if|should)\b[^.]*\b(?:worse|worsens|worsening|not (?:better|improving|improve)|doesn't (?:get better|improve)|new|develop|fever|any (?:problems|concerns|issues))\b[^.]*\b(call|go to the (?:er|emergency (?:room|department))|come (?:back|in)|let (?:me|us) know|seek)\b|\b(call|go to the (?:er|emergency (?:room|department))|let (?:me|us) know)\b[^.]*\bif\b/i;
const PROCEDURE_RE =
  /\b(?:(?:do|give|perform|schedule) (?:you |him |her )?(?:an? |the )?)((?:steroid |cortisone |knee |shoulder |joint )?injection|surgery|procedure|cast|splint|brace|boot|sling|aspiration|drainage|excision|biopsy|stitches|sutures)\b/i;

/**
 * An injection planned with other treatment or recommended ("we'll start with physical therapy and a steroid injection
 * today", "we'll go ahead with a cortisone shot"): the injection named after the plan verb in the same clause.
 */
const INJECTION_PLANNED =
  /\b(?:(?:do|give|perform|schedule|start with|go ahead with|get you)\b[^.;?]{0,40}?\b(?:an? |the )?|(?:we(?:'ll| will)|i(?:'ll| will)) (?:do|give you|start with) [^.;?]{0,40}?\b(?:an? |the )?)((?:steroid|cortisone|corticosteroid|trigger point|epidural|joint|knee|shoulder|hip) (?:injection|shot))\b/i;

/** A procedure the doctor raises as an option ("we should talk about an arthroscopy", "let's discuss a knee replacement"). */
const PROCEDURE_DISCUSSED =
  /\b(?:we|i)(?: should| need to|'d like to| would like to| want to|'ll| will)? (?:talk about|discuss) (?:an? |the |doing (?:an? |the )?|having (?:an? |the )?)?((?:knee |hip |shoulder |diagnostic )?arthroscopy|(?:total )?(?:knee|hip|shoulder) (?:replacement|arthroplasty)|(?:carpal tunnel|rotator cuff|acl|meniscus|spinal|back|hernia|gallbladder) (?:release|repair|surgery|reconstruction)|surgery|surgical options?)\b/;

/** A device the doctor puts the patient in or gives ("put you in a knee brace", "give you some crutches"). */
const DEVICE_RE =
  /\b(?:put (?:you|him|her|them) (?:in|on)(?: to)?|place (?:you|him|her|them) in|give (?:you|him|her|them)|get (?:you|him|her|them)|fit (?:you|him|her|them) (?:for|with)|prescribe(?: (?:you|him|her|them))?|wear|use|using|need|be in)\s+((?:a |an |the |some |your )?(?:(?:long arm |short arm |wrist |thumb spica |knee |hinged knee |ankle |back |walking |air |compression |straight leg |finger |post-?op |cam |knee immobilizer )?(?:brace|splint|cast|boot|sling|crutches|cane|walker|stockings|air cast|aircast|immobilizer)))\b/gi;

// A condition on the plan; not a frequency ("once a day"), not a purpose ("to see if you have any"), not "if needed".
const CONDITION_RE =
  /(?<!\b(?:see|check|know|find out|tell|determine|sure|look at|evaluate|assess|whether|even)\s)\b(?:if|once|unless|in case|depending on)\b(?! (?:a |an |per |every )?(?:day|daily|hour|night|morning|week|weekly|month|monthly|needed|necessary|you need it|that's okay|that's ok|that sounds good|you want|you'd like|not before))[^,.;]{3,60}/;

/**
 * "if that's positive" said right after a test ("swab you for a rapid strep test and if that's positive"): the
 * pointer is the test, named so the condition reads on its own ("if the rapid strep test is positive").
 */
function aboutTest(clause: string, before: string): string {
  const ptr = /^(if|once|unless) (?:that|it|this)(?:'s| is| comes back| shows)\b/.exec(clause);
  if (!ptr) return clause;
  const near = before.slice(-80);
  const tests = [...near.matchAll(new RegExp(TEST_RE.source, 'gi'))];
  const t = tests[tests.length - 1];
  if (!t) return clause;
  const mod = /([a-z0-9-]+) $/.exec(near.slice(0, t.index))?.[1];
  const name = `${mod && !ORDER_JUNK.test(mod) && !/^(?:of|on|in|at|up|out|some|any)$/.test(mod) ? `${mod} ` : ''}${t[0]}`;
  const verb = /comes back|shows/.exec(ptr[0])?.[0] ?? 'is';
  return `${ptr[1]} the ${name} ${verb}${clause.slice(ptr[0].length)}`;
}

/** A condition of no improvement before a possible order: "if it's not getting better", "if you still have pain". */
const NOT_IMPROVING =
  /\b(?:if|once|unless)\b[^.?]*\b(?:not (?:getting |feeling |doing )?(?:any )?better|not improv\w*|(?:doesn't|does not|don't|do not) (?:get|feel) (?:any )?better|(?:still|continue to|continues to) (?:have|has|having) (?:pain|symptoms)|gets? worse|worsen\w*)\b/;

/** Words that make an order a possibility ("potentially ordering", "we may need to get"). */
/** A sentence that opens with a condition ("if you cannot bear weight …"), up to a later clause. */
const CONDITION_OPENS =
  /^(?:(?:and|so|but|okay|ok|now|then|um|uh)[, ]+)*(?:if|should|in case)\b(?![^.;]*\b(?:otherwise|either way|regardless|in the meantime|for now|today)\b)/;
const TEST_HEDGE =
  /\b(?:potentially|possibly|probably|might|may (?:need to|want to|have to|do|try)|consider(?:ing)?|if we need to|if needed|if necessary|depending on)\b/;

/** "milligrams" → "mg", "percent" → "%": how clinicians write units; the number is kept as said. */
function unitShort(u: string): string {
  const l = u.toLowerCase();
  // "90 milligrams per kilogram": a weight-based dose keeps its per-kilogram.
  const perKg = /(?:per|a|\/)\s*(?:kilo|kg)/.test(l) ? '/kg' : '';
  if (perKg) return `${/^(?:microgram|mcg)/.test(l) ? 'mcg' : 'mg'}${perKg}`;
  if (/^milligram|^mg$/.test(l)) return 'mg';
  if (/^microgram|^mcg$/.test(l)) return 'mcg';
  if (/^milliliter|^ml$|^cc$/.test(l)) return 'mL';
  if (/^gram|^g$/.test(l)) return 'g';
  if (/^percent|^%$/.test(l)) return '%';
  return l;
}

function cleanNum(n: string): string {
  return n.trim().replace(/\s+/g, ' ');
}

/** How much of a course a medication item states: dose, schedule, duration, as needed, what for. */
function drugDetail(it: PlanFact): number {
  const d = it.drug;
  return d ? [d.dose, d.frequency, d.duration, d.asNeeded || null, d.indication].filter(Boolean).length : 0;
}

/** Where in its (cleaned) sentence each item was said, so a condition governs only the items it is said with. */
const SAID_AT = new WeakMap<PlanFact, number>();

/** Items that only say how to take a drug ("take the metformin with dinner"): detail for the same drug's order. */
const TAKE_ONLY = new WeakSet<PlanFact>();

/** A plan item first said in sentence `s`, at character `where` of it. */
function item(
  s: Sentence,
  kind: PlanFactKind,
  text: string,
  target: string,
  drug?: PlanFact['drug'],
  where?: number,
): PlanFact {
  const at = { turn: s.turn, pos: s.pos };
  const it: PlanFact = {
    kind,
    at,
    mentions: [at],
    text,
    evidence: [s.turn],
    problem: null,
    target,
    ...(drug ? { drug } : {}),
  };
  if (where !== undefined) SAID_AT.set(it, where);
  return it;
}

function firstSentenceCap(s: string): string {
  const t = s
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.])/g, '$1');
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}

/** A drug joined to the one before it in a list: "…, and the aspirin", "and your metoprolol". */
const LIST_LINK = /(?:,|\band)\s+(?:also\s+)?(?:the |your |his |her |their )?$/;

/** The medication items of one sentence. */
/**
 * "Have you …" as a question, not as an instruction ("we're gonna have you continue your aspirin"): the lookbehind
 * every "asked, not ordered" check below shares.
 */
const HAVE_YOU =
  "(?<!(?:gonna|going to|want to|wanna|i'll|we'll|let's|to) )have you(?! (?:use|take|try|start|continue|stop|keep|check|do|come|go|get|wear|see)\\b)";
const askedOr = (more: string) => new RegExp(`\\b(?:${HAVE_YOU}|${more})\\b`);
/** A drug asked about or already tried, not a plan item. */
const ASKED_TAKEN = askedOr('did you|are you|were you');
/** A dose change said of "it" with the new dose ("lower it to 5 mg", "bump that up to 40 milligrams"). */
const DOSE_CHANGE_OF_IT =
  /\b(?:increase|decrease|lower|reduce|cut|bump|drop|go up on|come down on|change)\s+(it|that)\b(?:\s+(?:up|down|back))?\s+to\s+(?:\d|one|two|three|four|five|six|ten|twenty|half)/;
/**
 * The drug the doctor named last before sentence `upTo` of `said`, in any phase ("the swelling is probably from the
 * amlodipine"), for a dose change said of "it" in the plan; read back only when such a change is said.
 */
function lastDrugSaid(said: Sentence[], upTo: number): { turn: number; name: string } | null {
  for (let i = upTo - 1; i >= 0; i--) {
    const drugs = lexicons().medications.match(said[i]!.lower);
    if (drugs.length) return { turn: said[i]!.turn, name: drugs[drugs.length - 1]!.phrase };
  }
  return null;
}
/** A test already done, or not needed. */
const DONE_OR_NOT_NEEDED = askedOr(
  "did you|did they|you had|you did|you got|we did|we got|we had to|they did|before (?:you|i|we|he|she|they) came|had (?:the nurse|the tech|them|someone) do|came back|showed|shows|results?|no need|don't need|do not need|not going to|won't",
);
const ASKED_ADVICE = askedOr('did you|are you|were you|do you');
const ASKED_DEVICE = askedOr('did you|had|do you');
const ASKED_PROCEDURE = askedOr('did you|had');
/**
 * A device or procedure the doctor says the patient will not get ("we're not going to put you in a cast, just a
 * brace", "I don't think you need surgery", "we'll hold off on the injection"): read in the clause before it only,
 * so the brace offered after "just" is still placed.
 */
const WITHHELD_RE =
  /\b(?:not (?:going to|gonna)|(?:don't|do not|doesn't|does not|won't|will not|wouldn't)(?: (?:really )?think (?:that )?(?:you|he|she|they|we)(?: will)?)? (?:needs?|do|put|place|give|get|recommend|want|have to)|no need (?:for|to)|hold(?:ing)? off (?:on|with)|instead of|rather than|without|not (?:a|an|the))\b/;
const INSTEAD_DEVICE =
  /^\s*,?\s*(?:(?:but|just|only|instead|rather)\s+)+(?:(?:in|with|use|wear|put (?:you|him|her|them) in)\s+)?(?:a |an |the )?((?:(?:long arm|short arm|wrist|thumb spica|knee|hinged knee|ankle|back|walking|air|compression|finger|cam) )?(?:brace|splint|boot|sling|wrap|immobilizer))\b/;
function withheld(before: string): boolean {
  const clause = before.split(/[,;:]|\b(?:but|just|instead|rather|so)\b(?! of| than)/).pop() ?? before;
  return WITHHELD_RE.test(clause);
}

/** An order said and then taken back by the doctor: what it was, where it was said, and the sentence that took it back. */
export interface WithdrawnOrder {
  target: string;
  kind: PlanFactKind;
  mentions: Array<{ turn: number; pos: number }>;
  by: { turn: number; pos: number };
}
const WITHDRAWN = new WeakMap<PlanFact[], WithdrawnOrder[]>();
/** The orders the visit took back, of a list `planFacts` returned (none for any other list). */
export const withdrawnOrders = (items: PlanFact[]): WithdrawnOrder[] => WITHDRAWN.get(items) ?? [];

/** Opens a sentence that takes back what was just said ("actually", "on second thought", "no wait", "hmm"). */
const TAKE_BACK_OPENING =
  /^\s*(?:(?:oh|no|hmm+|um+|uh+|well|okay|ok|you know what|so)\s*[,.]?\s*)*(?:actually|on second thought|wait|scratch that|never mind|forget (?:that|it))\b/;
/** Says the previous sentence's orders are withdrawn as a whole. */
const WITHDRAW_ALL =
  /^\s*(?:(?:oh|no|hmm+|um+|uh+|well|actually|wait)\s*[,.]?\s*)*(?:scratch that|never mind|forget (?:that|it)|strike that|cancel that)\s*(?:[,.;]|$)/;
/** Withholds the thing named after it ("hold off on the splint", "let's not do the prednisone", "skip the mri"). */
const WITHDRAW_CUE =
  /\b(?:hold(?:ing)? off (?:on|with)|let(?:'s| us) not(?: (?:do|get|go with|use|start|order|bother with|give you))?|(?:don't|do not|won't|will not) (?:need|do|get|bother with|order|start|give you)|skip|cancel|no need for|not (?:going to|gonna) (?:do|get|start|order|use|give you))\b/;
/** Said after a take-back opening: the thing named was had already ("actually, you had the lipid panel in march"). */
const ALREADY_HAD = /\b(?:you|he|she|they)(?: just| already)? had\b/;
/** An order that was meant and is no longer: "I was going to do an injection today, but …". */
const MEANT_BUT =
  /\b(?:i|we) (?:was|were) (?:going to|gonna|planning (?:to|on)|thinking (?:about|of)(?: doing| getting)?)\b(.*?)\bbut\b/;

/** Removes from a test item listing several studies ("Order TSH and lipid panel.") those named in `clause`. */
function withoutListed(o: PlanFact, clause: string): boolean {
  const m = /^(Order|Check|Obtain) ([a-z0-9 ,-]+?)\.$/i.exec(o.text);
  if (!m) return false;
  const listed = m[2]!.split(/,? and |, /).map((x) => x.trim());
  if (listed.length < 2 || listed.some((x) => !x || x.split(' ').length > 3)) return false;
  const named = (x: string) => new RegExp(`\\b${escapeRe(x.toLowerCase())}\\b`).test(clause);
  const left = listed.filter((x) => !named(x));
  if (!left.length || left.length === listed.length) return false;
  const list = left.length === 1 ? left[0]! : `${left.slice(0, -1).join(', ')} and ${left[left.length - 1]}`;
  o.text = `${m[1]} ${list}.`;
  if (named(o.target)) o.target = left[0]!.toLowerCase();
  return true;
}

/** The word a target is named by ("splint" of "thumb spica splint"). */
const headOf = (target: string) => target.toLowerCase().split(/\s+/).pop() ?? '';

/**
 * Takes back orders the doctor withdraws (see the call): items of `out` said in this turn or the doctor's turn
 * before, named after a withholding cue, or (after "scratch that", or "actually … instead" of the same kind) said in
 * the sentence just before; items of `items` said in a plan the doctor says they meant and then did not.
 */
function withdrawOrders(
  s: Sentence,
  said: string,
  prev: Sentence | null,
  items: PlanFact[],
  out: PlanFact[],
  withdrawn: WithdrawnOrder[],
): void {
  const lower = s.lower;
  const meant = MEANT_BUT.exec(lower);
  if (meant) {
    const butAt = meant.index + meant[0].length;
    for (let i = items.length - 1; i >= 0; i--) {
      const at = SAID_AT.get(items[i]!);
      if (at !== undefined && at < butAt && items[i]!.kind !== 'follow-up') items.splice(i, 1);
    }
  }
  const recent = (o: PlanFact) => s.turn - o.at.turn <= 2 && o.kind !== 'follow-up' && o.kind !== 'return-precautions';
  const drop = (pred: (o: PlanFact) => boolean) => {
    for (let i = out.length - 1; i >= 0; i--)
      if (recent(out[i]!) && pred(out[i]!)) {
        const [o] = out.splice(i, 1);
        withdrawn.push({ target: o!.target, kind: o!.kind, mentions: o!.mentions, by: { turn: s.turn, pos: s.pos } });
      }
  };
  const opening = TAKE_BACK_OPENING.test(said);
  const cue = WITHDRAW_CUE.exec(lower) ?? (opening ? ALREADY_HAD.exec(lower) : null);
  if (cue && !/\?\s*$/.test(s.text)) {
    const named = lower.slice(cue.index + cue[0].length);
    // Up to the next clause: "hold off on the splint, the brace is enough" names the splint only.
    const clause = named.split(/[,;.]|\b(?:but|so|and then|instead)\b/)[0] ?? named;
    // "Check a TSH and a lipid panel. Actually, you had the lipid panel in March": the study taken back leaves the
    // list it was ordered in.
    const narrowed = new Set(out.filter((o) => o.kind === 'test' && recent(o) && withoutListed(o, clause)));
    drop((o) => {
      if (narrowed.has(o)) return false;
      const head = headOf(o.target);
      return head.length > 2 && new RegExp(`\\b${escapeRe(head)}s?\\b`).test(clause);
    });
  }
  if (!prev || prev.speaker !== 'doctor' || s.turn - prev.turn > 2) return;
  const samePrev = (o: PlanFact) => o.mentions.some((m) => m.turn === prev.turn && m.pos === prev.pos);
  if (WITHDRAW_ALL.test(said)) drop((o) => samePrev(o) && o.at.turn === prev.turn && o.at.pos === prev.pos);
  else if (opening && /\binstead\b(?! of)/.test(said)) {
    const kinds = new Set(items.map((i) => i.kind));
    drop((o) => kinds.has(o.kind) && o.at.turn === prev.turn && o.at.pos === prev.pos);
  }
}

/** The action of the medication verb said last in a text ("start lasix …, continue toprol" → continue). */
function lastMedVerb(text: string): MedAction | null {
  let action: MedAction | null = null;
  let at = -1;
  for (const [a, re] of MED_VERBS)
    for (const v of text.matchAll(new RegExp(re.source, 'gi')))
      if (v.index > at) {
        at = v.index;
        action = a;
      }
  return action;
}

/** The procedure a drug is stopped before ("before surgery", "prior to the colonoscopy"). */
const BEFORE_PROCEDURE =
  /\b(?:before|prior to|ahead of) (?:the |your |his |her |their |that |this )?((?:[a-z]+ )?(?:surgery|procedure|operation|colonoscopy|endoscopy|biopsy|replacement|repair|cath(?:eterization)?))\b/;
/** How long before it ("for a week beforehand", "5 days before", "a week prior"). */
const HOLD_PERIOD = new RegExp(
  `\\b(?:for )?(${NUM}|a couple of |a few )\\s*(days?|weeks?)\\s*(?:before|prior|ahead|beforehand)\\b`,
  'i',
);
const PROCEDURE_WORD =
  /^(?:surgery|procedure|operation|colonoscopy|endoscopy|biopsy|replacement|repair|cath(?:eterization)?)$/;

/**
 * "Hold clopidogrel 1 week before surgery" from a stop said with the time before a procedure ("get you off your
 * clopidogrel for a week beforehand", "stop the aspirin 5 days before the procedure"); null when no procedure and time
 * before it are said.
 */
function heldBefore(lower: string): string | null {
  const period = HOLD_PERIOD.exec(lower);
  if (!period) return null;
  const proc = BEFORE_PROCEDURE.exec(lower);
  if (!proc && !/\bbeforehand\b/.test(lower)) return null;
  const words = proc ? proc[1]!.split(' ') : [];
  // "before your knee replacement": the procedure's own word heads it; a word before it that is not one of its kind
  // ("before the surgery") is dropped with the article.
  const what = proc
    ? words.length > 1 && !PROCEDURE_WORD.test(words[0]!) && !/^(?:next|upcoming|scheduled)$/.test(words[0]!)
      ? proc[1]!
      : words[words.length - 1]!
    : (/\b(surgery|procedure|operation|colonoscopy|endoscopy)\b/.exec(lower)?.[1] ?? 'procedure');
  // "before the procedure": a word that names no procedure of its own keeps its article; "before surgery" needs none.
  const named = /^(?:procedure|operation)$/.test(what) ? `the ${what}` : what;
  // "a week" stays in words ("for a week before surgery"): the note states no number the visit did not say.
  const n = period[1]!.trim().replace(/^one$/, '1');
  const unit = n === '1' || n === 'a' ? period[2]!.replace(/s$/, '') : period[2]!.replace(/s?$/, 's');
  return `${n === 'a' ? 'for a' : n} ${unit} before ${named}`;
}

/** Said just before the drug a switch moves away from ("switch you from the …", "instead of your …"). */
const SWITCHED_FROM =
  /\b(?:switch(?:ing)?|chang(?:e|ing))\b[^.;]{0,30}\bfrom (?:the |your |his |her |their |that )?$|\binstead of (?:the |your |his |her |their |that )?$/;

/** A dose the course steps up to after a first period ("… for a week then go up to 50", "and then increase to 100 mg"). */
const TITRATION =
  /\b(?:and )?then (?:we(?:'ll| will| can) |you(?:'ll| will| can) )?(?:go up|increase|bump (?:it |that )?up|move up|titrate up|step up|go)(?: it| that)? to (\d+(?:\.\d+)?)(?: ?(mg|milligrams?|mcg|micrograms?|units?))?\b/;

/** A drug said as injected (or as a shot) in the sentence. */
const OFFICE_INJECTION = /\b(?:inject(?:ed|ing|ion)?|shot)\b/;
/** The amount injected, said before the drug ("one cc of celestone", "2 ml of the lidocaine"). */
const INJECTED_AMOUNT =
  /\b(\d+(?:\.\d+)?|one|two|three|half an?|a half) ?(cc|ml|milliliters?|mg|milligrams?) of (?:the )?$/;
const WORD_AMOUNT: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  // A half said in words stays in words: the note states no number the visit did not say.
  'half a': 'half a',
  'half an': 'half a',
  'a half': 'half a',
};

/**
 * When a drug is taken, said as part of its order: at the onset of what it treats ("at the onset of a headache" →
 * "at headache onset"), or a time before a meal or bedtime ("30 minutes before breakfast").
 */
const ORDER_TIMING = new RegExp(
  `\\bat the (?:(onset|start|beginning)|(first signs?)) of (?:a |an |the |your |his |her |any )?(?!(?:day|week|month|year|morning|evening|night|school|summer|winter|season|visit|course|treatment|cycle)\\b)([a-z-]+(?: (?:attack|episode|flare|pain|headache))?)(?=\\s*(?:[,;.]|$|\\b(?:and|or|you|then|if|so|but)\\b))|\\b(${NUM})\\s*(minutes?|hours?) (before|after) (?:a |an |the |your )?(breakfast|lunch|dinner|supper|meals?|eating|bed(?:time)?|sex|intercourse|exercise|activity|flying|travel)\\b`,
  'i',
);
function orderTiming(tail: string): string | null {
  const t = ORDER_TIMING.exec(tail);
  if (!t) return null;
  if (t[3]) {
    const what = t[3].replace(/^symptoms$/, 'symptom');
    return t[1] ? `at ${what} onset` : `at the first sign of ${what}`;
  }
  return `${cleanNum(t[4]!)} ${t[5]} ${t[6]} ${t[7]}`;
}
/**
 * A repeat allowed with the order ("you can repeat once after 2 hours if needed" → "may repeat once after 2 hours if
 * needed"): said with "can" or "may", and with how often or how long after.
 */
const REPEAT_RULE = new RegExp(
  `\\b(?:can|may|could|okay to|ok to) (?:repeat|take (?:another|a second)(?: dose| one| pill| tablet)?)(?: (?:it|that|this|the dose|a dose|one))?(?: (once|one time|twice|2 times))?(?: (?:after|in|within) (?:another )?(${NUM})\\s*(hours?|minutes?))?(?: (if needed|as needed|if (?:it|that|the [a-z]+|you|your [a-z]+|symptoms) (?:doesn't|does not|isn't|is not|hasn't|has not|don't|do not|still|comes back|returns)[^,.;]{0,25}))?`,
  'i',
);
function repeatRule(tail: string): { text: string; at: number; end: number } | null {
  const r = REPEAT_RULE.exec(tail);
  if (!r || (!r[1] && !r[2])) return null;
  const times = r[1] ? (/^one time$/.test(r[1]) ? 'once' : /^2 times$/.test(r[1]) ? 'twice' : r[1]) : null;
  const after = r[2] ? `after ${cleanNum(r[2])} ${r[3]}` : null;
  const when = r[4] ? toThirdPerson(r[4], 'doctor', null) : null;
  return {
    text: ['may repeat', times, after, when].filter(Boolean).join(' '),
    at: r.index,
    end: r.index + r[0].length,
  };
}
/** The most that may be taken ("no more than 3 times a day", "a maximum of 4 tablets a day"). */
const MAX_RULE = new RegExp(
  `\\b(?:no more than|not more than|(?:do not|don't|never) (?:take|use) more than|(?:a |at )?max(?:imum)?(?: of)?) (${NUM})\\s*(times|tablets?|pills?|doses?|capsules?|days)? ?(?:a|per|in a|in any|each|every) (day|week|24 hours)\\b`,
  'i',
);
/** A limit put on a drug already taken ("limit the excedrin to 2 days a week"). */
const LIMIT_BEFORE = /\blimit (?:the |your |his |her |their )?$/;
const LIMIT_TO = new RegExp(
  `^\\s*(?:use )?to (?:no more than |at most |only )?(${NUM})\\s*(days?|times?|doses?|tablets?|pills?)? ?(?:a|per|each|in a) (day|week|month)\\b`,
  'i',
);
/** Why a limit is put on a drug ("so we don't get rebound headaches", "to avoid stomach upset"). */
const LIMIT_WHY =
  /\b(?:so (?:that )?(?:we|you|he|she|they) (?:don't|do not|won't|will not) (?:get|have|develop|cause)|to (?:avoid|prevent)|because of)(?: any| more| those| the)? ([a-z-]+(?: [a-z-]+){0,2})(?=\s*(?:[,.;!?]|$))/;
/** "try to take the metformin with dinner": how to take a drug already taken, said as an instruction. */
const TAKE_INSTRUCTION =
  /(?:^|\b(?:try to|make sure (?:you |to )?|be sure to|remember to|please|should|need to|want you to|like you to|just|and|so))\s*(?:take|use) (?:the |your |his |her |their )?$/;

const STRENGTH_UNIT = /^(?:mg|milligrams?|mcg|micrograms?|grams?|g)$/i;
const COUNT_WORD: Record<string, string> = { two: '2', three: '3', four: '4', '2': '2', '3': '3', '4': '4' };
/**
 * The count of tablets a strength is taken as: said just before the drug ("2 tylenol 500 milligrams", "two of the
 * ibuprofen 200 mg") or just after the strength ("ibuprofen 200 mg, take 2 tablets", "200 mg tablets, 2 of them").
 */
function tabletCount(before: string, window: string, dose: RegExpExecArray): string | null {
  const lead = /(?:^|[\s,])(two|three|four|[2-4])\s+(?:of\s+)?(?:the\s+|your\s+|those\s+)?$/.exec(before);
  if (lead && !/\b(?:for|in|every|about|last|past|than|over|of)\s*$/.test(before.slice(0, lead.index + 1)))
    return COUNT_WORD[lead[1]!]!;
  const rest = window.slice(window.indexOf(dose[0]) + dose[0].length);
  const trail =
    /^\s*(?:tablets?|pills?|capsules?)?,?\s*(?:(?:and )?(?:take|takes|taking)\s+)?(two|three|four|[2-4])\s+(?:tablets?|pills?|capsules?|of (?:them|those|these))\b/.exec(
      rest,
    );
  return trail ? COUNT_WORD[trail[1]!]! : null;
}

/** The doctor asking whether the patient needs a refill ("do you need a refill of that?"). */
const REFILL_ASKED = /\b(?:need|want|like)\b[^.?!]{0,20}\brefills?\b[^.!]*\?/;
/** The patient saying they do ("yes, I do actually", "actually, I do need a refill"). */
const REFILL_YES =
  /^(?:(?:actually|um|uh|oh|so)[, ]+)*(?:yes|yeah|yep|yup|sure|please|i do\b|that would be (?:great|good)|i (?:do |would )?need)/;

/** A form said just after the drug that the order names it by: a taper or dose pack, a swish-and-swallow rinse. */
const DRUG_FORM =
  /^\s*(?:(?:uh|um),?\s+)?((?:taper(?:ing)? |dose )pac?k|dose ?pak|taper|swish and swallow|swish and spit|mouthwash|mouth rinse)\b/;

function medicationItems(s: Sentence, carried: { action: MedAction | null } = { action: null }): PlanFact[] {
  const out: PlanFact[] = [];
  const lower = s.lower;
  const meds = lexicons().medications.match(lower);
  let prevEnd = 0;
  for (const [k, m] of meds.entries()) {
    // A drug's dose, frequency and duration are read up to the next drug or the end of the clause.
    const next = meds[k + 1]?.start ?? lower.length;
    const clauseEnd = lower.slice(m.end).search(/[;!?]|\.(?!\d)|\b(?:and then|but|because)\b/);
    // Unpunctuated speech runs on ("mobic … and ice it once an hour for 15 minutes"): read at most ~50 characters.
    const stop = Math.min(next, m.end + 50, clauseEnd >= 0 ? m.end + clauseEnd : lower.length);
    const window = lower.slice(m.start, stop);
    const before = lower.slice(Math.max(0, m.start - 70), m.start);
    // "from 10 mg to 20 mg": the new dose is the one after "to".
    const change = new RegExp(`\\bfrom\\s+${NUM}\\s*(?:mg|milligrams?|mcg|units?)?\\s+to\\s+`, 'i').exec(window);
    const after = DOSE_RE.exec(change ? window.slice(change.index + change[0].length) : window.slice(m.end - m.start));
    // "keep you on that 2.5 norvasc", "the 500 of metformin": a dose said before the drug, unit as said (or none).
    const pre = after ? null : /\b(\d+(?:\.\d+)?) ?(mg|milligrams?|mcg|units?)? (?:of )?(?:the )?$/.exec(before);
    // "continue the losartan 50": a bare strength said after the drug.
    const bare = after || pre ? null : bareStrength(lower.slice(m.end, stop), m.value.drugClass);
    const dose: [string, string, string | undefined] | null = after
      ? [after[0], after[1]!, after[2]!]
      : pre
        ? [pre[0], pre[1]!, pre[2]]
        : bare
          ? [bare, bare, undefined]
          : null;
    const freqSaid = FREQ_RE.exec(window);
    // "as needed" and what for are said after the schedule, often past the ~50 characters the dose is read in
    // ("oxycodone 5 mg, you can take that every 6 to 8 hours as needed for pain"): read them to the next drug.
    const tail = lower.slice(m.start, Math.min(next, m.end + 120, clauseEnd >= 0 ? m.end + clauseEnd : lower.length));
    // "90 mg per kilogram per day divided twice a day for 10 days": a course said past the dose's window.
    const spanned = DURATION_RE.exec(window) ?? DURATION_RE.exec(tail);
    const dur = spanned && spanned[1]!.trim() ? spanned : null;
    // "You can take Tylenol" is permission, not a schedule: as needed.
    // "three times a day with food": how to take it is part of the schedule.
    // So is "before breakfast", "after meals".
    const howSaid =
      /\b(with (?:food|meals?|a meal|breakfast|lunch|dinner|supper)|on an empty stomach|(?:before|after) (?:breakfast|lunch|dinner|supper|meals|eating))\b/.exec(
        tail,
      )?.[1] ?? null;
    // "at the onset of a headache", "30 minutes before breakfast": when it is taken is part of the order.
    const timing = orderTiming(tail);
    const how = howSaid && !timing?.includes(howSaid) ? howSaid : null;
    // "you can repeat once after 2 hours if needed", "no more than 3 times a day": the rules that go with the order.
    const repeat = repeatRule(tail);
    const most = MAX_RULE.exec(tail);
    // The window and the tail both start at the drug, so the frequency's place in one is its place in the other.
    // A frequency said as the most that may be taken is no schedule.
    const inMost = most && freqSaid && freqSaid.index >= most.index && freqSaid.index < most.index + most[0].length;
    const freq = inMost ? null : (scheduleOf(freqSaid, tail)?.freq ?? null);
    const schedule = [freq, how && !freq?.includes(how) ? how : null, timing].filter(Boolean).join(' ') || null;
    const rules = [
      repeat?.text,
      most
        ? `no more than ${cleanNum(most[1]!)}${most[2] ? ` ${most[2]}` : ''} ${/^24/.test(most[3]!) ? 'in' : 'a'} ${most[3]}`
        : null,
    ].filter(Boolean);
    // An "if needed" said of the repeat is the repeat's, not the whole order's.
    const needed = AS_NEEDED_RE.exec(tail);
    // "You can take ibuprofen" is permission, as needed; "you can take ibuprofen 600 mg three times a day for a week"
    // is a schedule, and "as needed" was never said.
    const asNeeded =
      (!!needed && !(repeat && needed.index >= repeat.at && needed.index < repeat.end)) ||
      (/\b(?:you|he|she|they) (?:can|may) (?:take|use|try|give (?:her|him|them))\b[^.]*$/.test(before) &&
        !(schedule && dur));
    // The action is the verb said closest before the drug ("start lasix …, continue toprol" → toprol continues).
    let action = lastMedVerb(before);
    // "limit the excedrin to 2 days a week": a limit on a drug taken; "try to take the metformin with dinner": how to
    // take one. Both go on with the drug (no dose said).
    const limit = LIMIT_BEFORE.test(before) ? LIMIT_TO.exec(lower.slice(m.end, stop + 40)) : null;
    const takeHow = !action && !limit && !dose && (freq || how || timing) && TAKE_INSTRUCTION.test(before);
    if (limit || takeHow) action = 'continue';
    const ownVerb = action !== null;
    // "stop the amoxicillin, take zyrtec 10 mg daily": a new "take" after the drug before starts this one; the verb
    // said before that drug was its own.
    if (k > 0 && action) {
      const since = lower.slice(meds[k - 1]!.end, m.start);
      if (!lastMedVerb(since) && /\b(?:take|use|apply|try)\b/.test(since)) action = 'start';
    }
    // "we give you a little bit of anti-inflammatory medication or a drug called meloxicam": a drug named after its
    // description takes the verb said before the description, however far back in the sentence.
    if (!action && /\b(?:drug|medication|medicine|pill|cream|ointment|inhaler|spray) called $/.test(before))
      action = lastMedVerb(lower.slice(0, m.start));
    // No verb of its own: a drug listed after another takes its action ("continue toprol …, and your lisinopril").
    // A drug listed after another with no verb or dose takes its action too ("continue the lipitor 40 mg a day and
    // the aspirin and the metoprolol").
    // (A bare number alone is no plan: "that's the amlodipine 10" names the drug the patient takes.)
    if (!action && dose && !bare) action = carried.action ?? 'start';
    else if (!action && carried.action && LIST_LINK.test(before)) action = carried.action;
    // "switch you from the flovent to symbicort", "instead of the lisinopril": the drug switched from is stopped,
    // not the one changed to.
    if (action === 'change' && SWITCHED_FROM.test(before)) action = 'stop';
    if (action) carried.action = action;
    // "… with 1 cc of celestone and half a cc of lidocaine": a drug given with its amount in the injection just
    // written is part of that injection.
    const withInjection =
      !action &&
      OFFICE_INJECTION.test(lower) &&
      INJECTED_AMOUNT.test(before) &&
      out.at(-1)?.kind === 'procedure' &&
      out.at(-1)!.at.pos === s.pos;
    if (withInjection) action = 'start';
    if (!action) continue;
    // A question or a drug the patient already tried and that failed is not a plan item.
    // ("we're gonna have you continue your aspirin" is an instruction, not a question).
    if (ASKED_TAKEN.test(before)) continue;
    // An allergy or intolerance named in the plan ("because you're allergic to penicillin") is not a plan item.
    if (/\b(allergic|allergy|allergies|intolerant|reaction)\b[^.,;]*$/.test(before)) continue;
    // A drug corrected at once ("penicillin or, i'm sorry, amoxicillin") is not a plan item.
    if (
      /^[\s,]*(?:or[\s,]+)?(?:i'm sorry|i am sorry|sorry|i mean|rather|actually)\b/.test(lower.slice(m.end, m.end + 25))
    )
      continue;
    // "prednisone taper pack", "lidocaine swish and swallow": the form said with the drug is part of the order.
    const form = DRUG_FORM.exec(lower.slice(m.end, stop));
    const said = form ? `${lower.slice(m.start, m.end)} ${form[1]}` : lower.slice(m.start, m.end);
    // "we attempted a second time … using the same technique with one cc of celestone": a drug injected once in the
    // office, with no order verb and no schedule of its own, is a procedure done, not a drug started.
    if (action === 'start' && !ownVerb && !schedule && !dur && OFFICE_INJECTION.test(lower)) {
      const amount = INJECTED_AMOUNT.exec(before);
      const given = amount ? `${WORD_AMOUNT[amount[1]!] ?? amount[1]} ${unitShort(amount[2]!)} ` : '';
      const prior = out.at(-1);
      if (withInjection && prior) {
        prior.text = `${prior.text.replace(/ injection\.$/, '')} and ${said} ${given}injection.`;
        prior.mentions.push({ turn: s.turn, pos: s.pos });
      } else
        out.push(
          item(s, 'procedure', firstSentenceCap(`${said} ${given}injection.`), m.value.name, undefined, m.start),
        );
      prevEnd = m.end;
      continue;
    }
    // "ibuprofen or any other anti-inflammatories, aleve or any of those, as you need it": one choice, not two drugs
    // to take together. The alternative joins the item before it.
    const prev = out[out.length - 1];
    const between = prev ? lower.slice(prevEnd, m.start) : '';
    if (
      prev?.drug &&
      prev.at.pos === s.pos &&
      /\bor\b/.test(between) &&
      between.length < 70 &&
      !MED_VERBS.some(([, re]) => re.test(between)) &&
      !dose &&
      !prev.drug.dose
    ) {
      prev.drug.said = `${prev.drug.said} or ${said}`;
      prev.drug.asNeeded = prev.drug.asNeeded || asNeeded;
      // "tylenol or motrin for fever": what the choice is for is said after the last drug of it.
      const altFor = prev.drug.indication ? null : (INDICATION_RE.exec(tail)?.[0] ?? null);
      if (altFor) prev.drug.indication = altFor;
      prev.text = firstSentenceCap(
        `${prev.text.replace(/\.$/, '').replace(/ as needed\b/, '')} or ${said}${prev.drug.asNeeded ? ' as needed' : ''}${altFor ? ` ${altFor}` : ''}`,
      );
      prevEnd = m.end;
      continue;
    }
    prevEnd = m.end;
    // "the 500 of metformin", "that 2.5 norvasc": a bare strength of a tablet dosed in milligrams is in milligrams (a
    // small whole number is a count of tablets: "take 2 metformin").
    const strength = dose && (/\./.test(dose[1]) || Number(dose[1]) >= 5);
    const unit = dose && (dose[2] ? unitShort(dose[2]) : strength && MG_CLASSES.test(m.value.drugClass) ? 'mg' : '');
    // "stay on 2 tylenol 500 milligrams", "ibuprofen 200 mg, take 2 tablets": a strength taken as a count of tablets
    // keeps the count (the dose is the count times the strength).
    const count = after && !change && STRENGTH_UNIT.test(after[2]!) ? tabletCount(before, window, after) : null;
    const doseText = dose
      ? `${cleanNum(dose[1])} ${unit}${count ? `, ${count} tablets` : ''}`.trim().replace(' %', '%')
      : null;
    // What it is for, as said ("for pain"): with a schedule it is the indication the patient needs to hear.
    const indication = INDICATION_RE.exec(window)?.[0] ?? INDICATION_RE.exec(tail)?.[0] ?? null;
    // "25 mg daily for a week then go up to 50": the step the course goes on to is part of the order.
    const step = doseText
      ? TITRATION.exec(lower.slice(m.end, Math.min(next, m.end + 160)).replace(/[.;!?](?!\d)[^]*$/, ''))
      : null;
    const stepText = step
      ? `then increase to ${cleanNum(step[1]!)} ${step[2] ? unitShort(step[2]) : unit}`.trim()
      : null;
    const parts = [
      said,
      doseText,
      schedule,
      dur ? `for ${cleanNum(dur[1]!)} ${dur[2]}${stepText ? ',' : ''}` : null,
      stepText,
      asNeeded ? 'as needed' : null,
      indication,
    ]
      .filter(Boolean)
      .join(' ');
    const verb: Record<MedAction, string> = {
      start: 'Start',
      continue: 'Continue',
      increase: 'Increase',
      decrease: 'Decrease',
      stop: 'Stop',
      refill: 'Refill',
      change: 'Change to',
    };
    // "before surgery we'll have to get you off your clopidogrel for a week beforehand": a drug stopped for a
    // procedure is held, for the time said, before that procedure (a safety item the note states as such).
    const hold = action === 'stop' ? heldBefore(lower) : null;
    const why = limit ? LIMIT_WHY.exec(lower.slice(m.end + limit.index + limit[0].length)) : null;
    const limitText = limit
      ? `no more than ${cleanNum(limit[1]!)}${limit[2] ? ` ${limit[2]}` : ''} a ${limit[3]}`
      : null;
    const text = hold
      ? `Hold ${said} ${hold}`
      : limit
        ? `Limit ${said} to ${cleanNum(limit[1]!)}${limit[2] ? ` ${limit[2]}` : ''} a ${limit[3]}${why ? ` to avoid ${why[1]}` : ''}`
        : takeHow
          ? `Take ${said} ${schedule}${rules.length ? `; ${rules.join('; ')}` : ''}`
          : (action === 'increase' || action === 'decrease') && doseText
            ? `${verb[action]} ${said} to ${[doseText, schedule, asNeeded ? 'as needed' : null].filter(Boolean).join(' ')}`
            : `${verb[action]} ${parts}${rules.length ? `; ${rules.join('; ')}` : ''}`;
    const made = item(
      s,
      'medication',
      firstSentenceCap(text),
      m.value.name,
      {
        name: m.value.name,
        said,
        dose: doseText,
        frequency: limitText ?? schedule,
        duration: dur ? `${cleanNum(dur[1]!)} ${dur[2]}` : null,
        asNeeded,
        indication,
        action,
      },
      m.start,
    );
    if (takeHow) TAKE_ONLY.add(made);
    out.push(made);
  }
  return out;
}

/**
 * The object of an order verb, up to the end of its clause ("an x-ray of your right knee"), and where that clause
 * ends in the sentence.
 */
function orderObject(lower: string, at: number): { text: string; end: number } {
  const lead = lower.slice(at).length - lower.slice(at).trimStart().length;
  const rest = lower.slice(at + lead);
  // The clause ends at punctuation or the next clause, not at a word that opens the object ("that by ordering …").
  const cut = rest.search(
    /[,;?!]|\.(?!\d)| (?:and then|and i|and we|so that|so we|to see|to make sure|to look|to check|to assess|to evaluate|to determine|to confirm|to rule out|to figure out|in addition to|because|just to|which|that|kind of|ultimately|today|when|if|okay|alright|(?:i|we|you|she|he|they|my nurse|the nurse) (?:will|'ll|am|are|is|can|would|want|wanna|need|have|should|think|guess|believe|hope)|(?:i|we|you)'(?:ll|d|m|re) |(?:and )?based on|(?:and )?(?:continue|start|stop|increase|decrease|refill|keep) (?:the|your|his|her|him|you|them|on|taking)|and (?:start|stop|continue|prescribe|increase|decrease)|with (?:this|that|these|those|the results))\b/,
  );
  const clause = cut >= 0 ? rest.slice(0, cut) : rest;
  // Nine words of the object (the space after the verb is not a word: "some cbc and a bmp" kept its "bmp" only so),
  // not counting the words a list is said with ("a hemoglobin a1c and also a cbc and a chem-12").
  const words = clause
    .replace(/\b(?:also|just)\s+/g, '')
    .replace(/\band (?:a|an|the|some) /g, 'and ')
    .trim()
    .split(/\s+/);
  // Every body region said stays ("a ct scan without contrast of your abdomen and pelvis"): the words past the ninth
  // are kept while they go on naming sites.
  // An interval cut after its number ("… the a1c in three") keeps its unit ("in three months").
  let n = Math.min(9, words.length);
  while (n < words.length && n < 14 && SITE_WORD.test(words[n]!)) n++;
  if (
    n < words.length &&
    /^(?:days?|weeks?|months?|years?)$/.test(words[n]!) &&
    /^(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|couple|few)$/.test(words[n - 1]!)
  )
    n++;
  const text = words.slice(0, n).join(' ');
  return { text, end: at + lead + clause.length };
}

/** An imaging study's site ("chest x-ray", "x-ray of the right knee"): two studies of two sites are two orders. */
const IMAGING = /^(?:x-?rays?|xray|mri|ct scan|ct|cat scan|ultrasound)$/;
const IMAGING_SITE =
  /\b(chest|abdomen|abdominal|pelvis|pelvic|head|brain|neck|cervical|thoracic|lumbar|spine|back|shoulder|elbow|wrist|hand|finger|hip|knee|ankle|foot|toe|liver|kidneys?|renal|thyroid|lungs?|sinus(?:es)?|carotids?)\b/;

/** A word of a list of body sites ("… abdomen and pelvis", "… of both the left and right knees"). */
const SITE_WORD = new RegExp(
  `^(?:and|or|the|your|his|her|their|both|left|right|bilateral|upper|lower|${IMAGING_SITE.source.replace(/^\\b\(|\)\\b$/g, '')}|knees|hips|shoulders|ankles|feet|hands|wrists|elbows)$`,
);

/** One name per imaging site, so "cervical mri" and "mri of the neck" make one order. */
const SITE_SYNONYM: Record<string, string> = {
  cervical: 'neck',
  lumbar: 'back',
  abdominal: 'abdomen',
  pelvic: 'pelvis',
  renal: 'kidney',
  kidneys: 'kidney',
  lung: 'chest',
  lungs: 'chest',
  carotids: 'carotid',
  sinuses: 'sinus',
};

/** A test linked to one ordered before it in the sentence: "a ct scan of your lungs … as well a pulmonary function test". */
const ALSO_TEST =
  /\b(?:as well(?: as)?|and also|also|plus|along with|in addition to)\s+(?:(?:a|an|the|some|another|your)\s+)?$/;

/** A screening test the patient is due for ("for your annual exam, you're due for a mammogram"). */
const DUE_RE = new RegExp(
  `\\b(?:you're|you are|she's|she is|he's|he is|they're|they are) (?:also |now )?(?:over)?due for (?:a |an |the |your |her |his |their )?(?:repeat |screening |annual )?(${TESTS})\\b`,
  'i',
);

/**
 * What a test is for, said right after it ("an echo for the new murmur", "an mri just to assess if there is any
 * injury to those ligaments", "an ultrasound to rule out gallstones"): kept with the order when it names a
 * condition or a symptom, so the order does not read as for another problem.
 */
const PURPOSE_RE =
  /^\s*,?\s*(?:(?:just|also|basically) )?(to (?:rule out|evaluate(?: for)?|assess(?: for| if| whether)?|look for|check for|screen for)|for) ((?:any |the |your |his |her |their |a |possible |new |that )*[a-z' -]{3,50}?)(?=$|[,.;?!]| (?:and|but|so|because|which|i|we|i'm|we're|i'll|we'll|okay|alright|as well|today|too)\b)/;
function testPurpose(after: string): string | null {
  const m = PURPOSE_RE.exec(after);
  if (!m) return null;
  const what = m[2]!.trim();
  const lex = lexicons();
  if (
    !lex.problems.match(what).length &&
    !lex.symptoms.match(what).length &&
    !/\b(?:injur(?:y|ies)|tears?|fractures?|damage|infection|blockages?|stones?|gallstones|bleeding|clots?|murmur)\b/.test(
      what,
    )
  )
    return null;
  // "to assess if there is any injury" → "to assess for any injury": the note names what is looked for.
  const verb = m[1]!.replace(/^to assess (?:if|whether)$/, 'to assess for').replace(/^to assess$/, 'to assess for');
  const object = what.replace(/^(?:there (?:is|are) |(?:you|he|she|they) (?:have|has) )/, '');
  return toThirdPerson(`${verb} ${object}`, 'doctor', null).replace(/\b(?:your|his|her|their)\b/g, 'the');
}

/**
 * A test ordered because of the time since it was last done ("since it's been about four months since your blood work
 * was done, we should check your liver enzymes"): a recheck.
 */
const SINCE_LAST = new RegExp(
  `\\b(?:it's|it has|it is)(?: been)? (?:about |almost |over |more than |nearly )?(?:${NUM}|a|an|a few|a couple(?: of)?|several) (?:days?|weeks?|months?|years?) since (?:your|his|her|their|the|we|you)\\b[^.?]{0,40}\\b(?:labs?|blood ?work|blood tests?|checked|drawn|done|tested|test)\\b`,
);

/** A vital sign the doctor will recheck at a set time ("we'll recheck your blood pressure in 1 month"). */
const VITAL_RECHECK = new RegExp(
  `\\b(?:we'll|we will|i'll|i will|let's|we're going to|we are going to|i'm going to|we're gonna|i'm gonna|want to|need to) (?:have (?:you|him|her|them) come back and |go ahead and )?re-?check (?:your|his|her|their|the) (blood pressure|bp|weight|heart rate|pulse)(?: again)? in ((?:${NUM}) (?:days?|weeks?|months?)|a (?:week|month))\\b`,
);

/** `said`: the doctor's sentence before, in the same turn (where a condition of the order may have been said). */
function testItems(s: Sentence, said = ''): PlanFact[] {
  const lower = s.lower;
  // "We'll recheck your blood pressure in one month": a vital sign rechecked at a set time is an order of its own.
  const vital = VITAL_RECHECK.exec(lower);
  if (vital && !CONDITION_OPENS.test(lower) && !/\b(?:if|unless|maybe|might|could)\b/.test(lower.slice(0, vital.index)))
    return [
      item(
        s,
        'test',
        `Recheck ${vital[1] === 'bp' ? 'blood pressure' : vital[1]} in ${vital[2]}.`,
        `${vital[1]} recheck`,
        undefined,
        vital.index,
      ),
    ];
  const due = DUE_RE.exec(lower);
  if (due && !/\b(?:not|n't)\b/.test(lower.slice(0, due.index + 8)))
    return [
      item(
        s,
        'test',
        firstSentenceCap(`Schedule ${due[1]} (due)`),
        TEST_SYNONYM[due[1]!.toLowerCase()] ?? due[1]!.toLowerCase(),
      ),
    ];
  if (!ORDER_VERB.test(lower)) return [];
  // Each test is ordered by the order verb said last before it ("if it doesn't get better then we can get an x-ray":
  // the x-ray's, not "get better"), or joined to a test ordered before it in the sentence ("as well a pulmonary
  // function test"). A test inside the object of an order already read is part of that order.
  const out: PlanFact[] = [];
  let covered = 0;
  for (const t of lower.matchAll(new RegExp(TEST_RE.source, 'gi'))) {
    if (t.index < covered) continue;
    const window = lower.slice(Math.max(covered, t.index - 40), t.index);
    const verbs = [...window.matchAll(new RegExp(ORDER_VERB.source, 'gi'))];
    let v = verbs[verbs.length - 1];
    // A later "to check …" says what an order is for, not another order.
    if (v && out.length && /^check/.test(v[0]) && /\bto $/.test(window.slice(0, v.index))) v = undefined;
    const linked = !v && out.length > 0 && ALSO_TEST.test(window);
    if (!v && !linked) continue;
    const verbAt = v ? Math.max(covered, t.index - 40) + v.index : t.index;
    // "get a repeat hemoglobin a1c": "repeat" names the test ("repeat hemoglobin a1c"), the order is the verb before it.
    const verbEnd = v ? verbAt + (/^repeat/.test(v[0]) ? 0 : v[0].length) : t.index;
    if (DONE_OR_NOT_NEEDED.test(lower.slice(covered, verbEnd + 20))) {
      covered = t.index + t[0].length;
      continue;
    }
    const o = orderObject(lower, verbEnd);
    covered = Math.max(o.end, t.index + t[0].length);
    let obj = o.text
      .replace(
        /^(?:(?:you|him|her|them|probably|maybe|also|then|just|go ahead and|do|get|have|order|i|we|want|wanna|need|would|like|'d|to) )+/,
        '',
      )
      .replace(/^(?:some |a |an |the |another )/, '');
    obj = obj
      .replace(/\b(your|you)\b/g, 'the')
      .replace(/\b(?:just|also|go ahead and)\b\s*/g, '')
      .replace(/\bcat scan\b/g, 'ct scan')
      .replace(/-(?=\s|$)/g, '')
      .trim()
      .replace(/(?:\s+(?:and|or|on|in|at|to|for|of|scheduled|done|as well|too|for the|of the|on the|with))+$/g, '');
    // The object starts at the test: "that by ordering an ultrasound elastography" → "ultrasound elastography".
    // The test's own modifiers before it stay ("renal artery ultrasound", "repeat echocardiogram").
    const at = obj.search(TEST_RE);
    if (at > 0) {
      const before = obj.slice(0, at).trim().split(' ');
      let k = before.length;
      while (k > 0 && before.length - k < 3 && !ORDER_JUNK.test(before[k - 1]!)) k--;
      obj = [...before.slice(k), obj.slice(at)].join(' ').trim();
    }
    obj = obj
      .replace(/\b(\w+) \1\b/g, '$1')
      .replace(/ and (?:a|an|the|some) /g, ' and ')
      .replace(/\brepeat (?:another|an?|the) /, 'repeat ');
    if (!obj || obj.split(' ').length > 10) obj = t[1]!;
    const name = t[1]!.toLowerCase();
    const site = IMAGING.test(name) ? IMAGING_SITE.exec(obj)?.[1] : undefined;
    const target = `${site ? `${SITE_SYNONYM[site] ?? site} ` : ''}${TEST_SYNONYM[name] ?? name}`;
    // "if we need to go on to potentially ordering a ct or an mri": a test the doctor may order is not ordered.
    // "if it is not better in two weeks come back and we will get an x-ray": an order in the consequence of a
    // sentence that opens with a condition is only considered.
    const hedged =
      TEST_HEDGE.test(lower.slice(Math.max(0, verbAt - 60), verbAt + (v?.[0].length ?? 0))) ||
      CONDITION_OPENS.test(lower.slice(0, verbAt));
    const why = testPurpose(lower.slice(o.end));
    // "if you continue to have pain … if it's not getting better … | and possibly do an mri": the condition said in the
    // sentence before stays with the order (one said in its own sentence is carried by planFacts).
    const unless =
      hedged &&
      !CONDITION_RE.test(lower.replace(/\bif (?:we|you) (?:you know )?need (?:to|it)\b/g, '')) &&
      NOT_IMPROVING.test(said.slice(-240))
        ? ' if not improving'
        : '';
    out.push(
      item(
        s,
        'test',
        firstSentenceCap(
          `${hedged ? 'Consider' : (v && /^re-?check/.test(v[0])) || (!/^repeat\b/.test(obj) && SINCE_LAST.test(lower)) ? 'Recheck' : 'Order'} ${obj}${why && !obj.includes(why) ? ` ${why}` : ''}${unless}`,
        ),
        target,
        undefined,
        t.index,
      ),
    );
  }
  return out;
}

/** How often and how long therapy goes, said after it: "start 3 times a week", "for 6 to 8 weeks". */
function therapySchedule(after: string): string {
  const window = after.slice(0, 160);
  const often = new RegExp(`\\b(${NUM}|once|twice) (?:times? )?(?:a|per) week\\b`, 'i').exec(window);
  const long = new RegExp(
    `\\bfor (?:about |around |approximately |roughly |maybe |like )?(${NUM}(?: (?:to|or) ${NUM})?) weeks\\b`,
    'i',
  ).exec(window);
  const parts = [
    ...(often ? [`${often[1]}${/^(?:once|twice)$/.test(often[1]!) ? '' : ' times'} a week`] : []),
    ...(long ? [`for ${long[1]} weeks`] : []),
  ];
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** Who a patient is sent to, as named in speech ("a breast specialist", "urology", "the cardiologist"). */
const SPECIALTY =
  '(?:[a-z-]+ ){0,2}?(?:[a-z]+ologist|[a-z]+ology|surgeon|specialist|podiatrist|podiatry|orthopedics|orthopedist|nutritionist|dietitian|psychiatrist|neurosurgery)';
/** The doctor asking whether a visit to the patient's specialist is due ("you must be due to see her again soon?"). */
const DUE_VISIT = new RegExp(
  `\\b(?:your|the) (${SPECIALTY})\\b[^?]*\\byou(?:'re| are| must be| should be| might be)? (?:probably )?due (?:to see|for a visit with|for a follow-?up with) (?:him|her|them|(?:your|the) \\1)\\b`,
);
/** The patient's answer that confirms it ("I am.", "yes, next month"). */
const DUE_YES =
  /^(?:(?:um|uh|oh|so|well)[, ]+)*(?:yes|yeah|yep|yup|i am|that's right|correct|i do)\b(?![^.]*\b(?:but|not|n't)\b)/;

/** A due specialist visit the doctor asked about and the patient confirmed in the next turn, as a plan item. */
function dueVisitConfirmed(s: Sentence, sentences: Sentence[]): PlanFact | null {
  const m = DUE_VISIT.exec(s.lower);
  if (!m) return null;
  const answer = sentencesInTurn(sentences, s.turn + 1)[0];
  if (!answer || answer.speaker !== 'patient' || !DUE_YES.test(answer.lower)) return null;
  const who = m[1]!.replace(/^(?:your|the) /, '');
  const it = item(s, 'referral', `Due to see ${who}.`, who, undefined, m.index);
  it.evidence = [s.turn, answer.turn];
  return it;
}

/** A specialist named as one the care could go to ("we could get a breast specialist on the team"). */
const SPECIALTY_NAMED = new RegExp(
  `\\b(?:get|bring|have|involve|see|with|to)\\s+(?:a |an |the |our |your )?(${SPECIALTY})\\b(?! (?:said|says|told|thinks|recommended|did|saw|has|had|was|were))`,
);
/** "I'll send out a referral", "we will place that referral": a referral made without naming to whom. */
const BARE_REFERRAL =
  /\b(?:send(?: out| in)?|put(?: in| through)?|place|make|submit|do|get)\s+(?:a|the|that|this|your|his|her|their)\s+referral\b(?! (?:to|for)\b)/;
/**
 * "The nodule in your right testicle should be evaluated by urology": a referral said as what the specialty will look
 * at; the thing looked at is why.
 */
const EVALUATED_BY = new RegExp(
  `\\b(?:the|your|his|her|their|that|this) ((?:[a-z'-]+ ){0,6}?[a-z'-]+) (?:should|needs? to|will need to|has to) be (?:evaluated|seen|looked at|checked(?: out)?|assessed|managed) by (?:a |an |the )?(${SPECIALTY})\\b`,
);

function referralItems(s: Sentence, named: { specialty: string; turn: number } | null = null): PlanFact[] {
  const ev = EVALUATED_BY.exec(s.lower);
  if (ev && !/\?\s*$/.test(s.text)) {
    const why = toThirdPerson(`the ${ev[1]}`, 'doctor', null).replace(/\b(?:your|his|her|their)\b/g, 'the');
    const to = ev[2]!.trim();
    return [
      item(
        s,
        'referral',
        firstSentenceCap(`Refer to ${to} for ${why}.`),
        to.replace(/(?:ologist|ology)$/, 'olog'),
        undefined,
        ev.index,
      ),
    ];
  }
  const r = REFERRAL_RE.exec(s.lower);
  // "We might do some physical therapy": a possibility, not a referral made.
  const hedged = (at: number, len: number) => TEST_HEDGE.test(s.lower.slice(Math.max(0, at - 40), at + len));
  // "I don't think you need to follow up with the surgeon anymore": no referral.
  if (
    r &&
    (/\b(?:don't|do not|doesn't|does not|won't|will not|no longer|not)\b(?: \w+){0,6} (?:need|have) to(?: \w+){0,2}$/.test(
      s.lower.slice(Math.max(0, r.index - 60), r.index).trimEnd(),
    ) ||
      /^[^.,;]*\b(?:anymore|any more|any longer)\b/.test(s.lower.slice(r.index + r[0].length)))
  )
    return [];
  if (r) {
    const to = r[2]!.replace(/\b(your|you)\b/g, '').trim();
    const after = s.lower.slice(r.index + r[0].length);
    const when = /therapy|pt$/.test(to) ? therapySchedule(after) : '';
    // "refer you to a urologist for the kidney stones": what the referral is for, where a condition or symptom is said.
    const why = when ? null : testPurpose(after);
    // "follow up with cardiology": the patient is to be seen by the specialty, as said.
    const verb = hedged(r.index, r[0].length) ? 'Consider referral to' : r[1] ? 'Follow up with' : 'Refer to';
    // "gastroenterologist" and "gastroenterology" are one referral.
    return [
      item(
        s,
        'referral',
        firstSentenceCap(`${verb} ${to}${when}${why ? ` ${why}` : ''}`),
        to.replace(/(?:ologist|ology)$/, 'olog'),
        undefined,
        r.index,
      ),
    ];
  }
  const th = THERAPY_RE.exec(s.lower);
  if (th && /\b(start|refer|send|get|set|recommend|want|continue|go to|do)\b/.test(s.lower) && !/\?$/.test(s.text)) {
    const verb = /\bcontinue\b/.test(s.lower) ? 'Continue' : hedged(th.index, th[0].length) ? 'Consider' : 'Refer to';
    const when = therapySchedule(s.lower.slice(th.index + th[0].length));
    return [item(s, 'referral', `${verb} ${th[1]}${when}.`, th[1]!, undefined, th.index)];
  }
  // "We could get a breast specialist on the team … I'll send out a referral": the referral is to the specialist just
  // named.
  const bare = BARE_REFERRAL.exec(s.lower);
  if (bare && named && s.turn - named.turn <= 4 && !/\?\s*$/.test(s.text) && !hedged(bare.index, bare[0].length)) {
    const to = named.specialty;
    return [
      item(
        s,
        'referral',
        firstSentenceCap(`Refer to ${to}.`),
        to.replace(/(?:ologist|ology)$/, 'olog'),
        undefined,
        bare.index,
      ),
    ];
  }
  return [];
}

/**
 * Self-care advice the clinician gives, each with what names it: ice, elevation, rest, diet and salt, fluids, daily
 * weights, a urine strainer, weight bearing, exercises, scar massage, sun protection, exposures to avoid.
 */
/** Weight bearing forbidden, as said: "non-weight-bearing", "not gonna be able to weight-bear", "no putting weight". */
const NON_WEIGHT_BEARING =
  "(?:non[- ]?weight[- ]?bearing|(?:not|n't|no) (?:\\w+ ){0,6}?(?:weight[- ]?bear(?:ing)?|bear(?:ing)? (?:any )?weight|put(?:ting)? (?:any )?weight))";

/** A reading taken at home, as said: "your blood pressure", "the blood sugars", "your pulse". */
const HOME_READING =
  '(?:your |his |her |their |the )?(?:blood pressures?|bp|blood sugars?|sugars?|blood glucose|glucose|pulse|heart rate|temperature|peak flows?|oxygen(?: levels?| saturation)?)(?: readings?| levels?| numbers)?';

const ADVICE: Array<[string, RegExp]> = [
  ['ice', /\b(?:ice|icing)\b(?= (?:it|that|this|the|your|his|her|them|for|\d|a few|several|twice|three|on|and))/],
  // "Elevate it", "keep it elevated" (not "your pressure is elevated": a finding, not advice).
  ['elevation', /\belevat(?:e|ing)\b|\bkeep (?:it|that|them|the [a-z]+|your [a-z]+(?: [a-z]+)?) elevated\b/],
  [
    'avoid drug',
    /\b(?:try not to (?:take|use)|avoid (?:taking|using)|stay off(?: of)?|don't take|do not take) (?:any |the |your )?[a-z]+/,
  ],
  ['rest', /\brest\b(?= (?:it|that|the|your|his|her|for|as much))/],
  [
    'diet',
    /\b(?:low[- ](?:salt|sodium|fat|carb\w*|sugar|cholesterol) diet|avoid(?:ing)? (?:any |the )?(?:salty|fried|fatty|greasy|sugary|processed) (?:foods?|snacks)|(?:limit|reduce|cut (?:back|down) on|watch|decrease|lower) (?:the |your |his |her |their |any |some |all )?(?:salt|sodium|alcohol|caffeine|sugars?|carbs?|carbohydrates|fried foods?|fatty foods?|red meat|sodas?|portions?|fluid intake)(?:(?:,| and|, and| or) (?:salt|sodium|alcohol|caffeine|sugars?|carbs?|carbohydrates|fried foods?|fatty foods?|red meat|sodas?))*)\b/,
  ],
  [
    'fluids',
    /\b(?:push(?:ing)? fluids|drink (?:plenty of|lots of|more|a lot of|extra) (?:water|fluids)|stay hydrated)\b/,
  ],
  [
    'daily weights',
    /\b(?:weigh (?:yourself|himself|herself|themselves)|daily weights?|check (?:your |his |her |their |the )?weights? (?:every ?day|daily|each day|every morning))\b/,
  ],
  ['urine strainer', /\b(?:strain (?:your|the|his|her) urine|urine strainer)\b/],
  // "Check your blood pressure at home twice a day", "continue to monitor your sugars at home": a reading the patient
  // takes at home, said with where or how often (a check said without either is the office's own).
  [
    'home monitoring',
    new RegExp(
      `\\b(?:(?:continue|keep) (?:to )?)?(?:check(?:ing)?|record(?:ing)?|monitor(?:ing)?|measur(?:e|ing)|log(?:ging)?|keep track of) ${HOME_READING}(?:(?:,|,? and|,? or) ${HOME_READING})*(?! (?:medic\\w*|meds|pills?|is|was|were|are|has|have|had|today|here|in the office)\\b)(?=[^.?!;]{0,25}\\b(?:at home|every ?day|daily|a day|times a day|every (?:morning|evening|night)|each (?:morning|day)|twice|once a day|before (?:breakfast|meals|bed)))`,
    ),
  ],
  ['weight bearing', /\bweight[- ]bearing as tolerated\b/],
  // "You're not gonna be able to weight-bear on that foot for 6 to 8 weeks": the whole span is the advice.
  [
    'non-weight-bearing',
    new RegExp(
      `\\b${NON_WEIGHT_BEARING} (?:on (?:that|the|your|his|her|this) (?:left |right )?(?:foot|ankle|leg|knee|hip|toe)s? )?for (?:about |around |approximately |at least )?${NUM}(?: ?(?:to|-) ?${NUM})? ?(?:days?|weeks?|months?)`,
    ),
  ],
  // "Eat slowly and chew your food thoroughly": how to eat, with the swallowing problems it eases.
  [
    'eating habits',
    /\b(?:eat(?:ing)? (?:more )?slowly(?: and chew(?:ing)? (?:your |the |his |her )?food (?:more )?(?:thoroughly|well|carefully|slowly))?|chew(?:ing)? (?:your |the |his |her )?food (?:more )?(?:thoroughly|well|carefully|slowly)|(?:take|taking|eat|eating) (?:smaller|small) bites)\b/,
  ],
  [
    'exercises',
    /\b(?:home exercise program|(?:do|doing|continue) (?:the |your |some )?(?:stretches|stretching|exercises)|range of motion exercises)\b/,
  ],
  // "Massage and scar gel will help for the scars": massage said with the scars it is for.
  [
    'scar massage',
    /\b(?:scar massage|massag(?:e|ing) (?:the|your|his|her) scars?|massag(?:e|ing)(?=[^.?]{0,40}\bscars?\b))\b/,
  ],
  // "You're gonna have to take it a little bit easy for now": activity modification.
  [
    'activity modification',
    /\b(?:take (?:it|things) (?:a (?:little )?(?:bit )?)?easy|activity modification|(?:limit|modify|cut back on|reduce) (?:your |his |her |their )?(?:physical )?activit(?:y|ies))\b/,
  ],
  // "Keep a headache diary", "start a food journal", "log your blood pressures": a record the patient keeps.
  [
    'diary',
    /\b(?:keep(?:ing)?|start(?:ing)?|maintain(?:ing)?|use) (?:a |an |your |the )?(?:(?:daily |written )?(?:headache|migraine|symptom|food|diet|sleep|blood pressure|bp|blood sugar|sugar|glucose|bladder|voiding|bowel|seizure|pain|mood|period|menstrual|activity|exercise|weight) (?:diary|journal|log)|(?:daily |written )?(?:diary|journal))\b/,
  ],
  // "Keep seeing your counselor", "continue with your therapist": counselling that goes on.
  [
    'continue counseling',
    /\b(?:keep|continue) (?:on )?(?:seeing|to see|working with|going to(?: see)?|meeting with|talking (?:to|with)|following up with|with) (?:your|the|his|her|their) (?:counsell?or|therapist|psychologist|psychiatrist|counsell?ing|therapy|therapy sessions|counsell?ing sessions)\b/,
  ],
  // "Be very judicious about decreasing that salt intake", "cut down on the salty foods": a low-sodium diet.
  [
    'low-sodium diet',
    /\b(?:low[- ](?:salt|sodium) (?:diet|foods?)|(?:limit(?:ing)?|reduc(?:e|ing)|cut(?:ting)? (?:back|down)(?: on)?|watch(?:ing)?|decreas(?:e|ing)|avoid(?:ing)?|restrict(?:ing)?) (?:(?:the|your|his|her|their|that|those|all|any|other|some|of|amount|intake|much|how) ){0,4}?(?:salt|sodium|salty foods?))\b/,
  ],
  // "Cut back on the beers", "limit your drinking": less alcohol.
  [
    'less alcohol',
    /\b(?:limit(?:ing)?|reduc(?:e|ing)|cut(?:ting)? (?:back|down)(?: on)?|decreas(?:e|ing)|bring(?:ing)? down) (?:(?:the|your|his|her|their|that|how much|amount of|of) ){0,3}?(?:drinking|beers?|wine|alcohol(?: intake| use)?)\b/,
  ],
  // "Avoid citrus foods, fruits and spicy foods": foods that aggravate a complaint, named as said.
  [
    'foods to avoid',
    /\b(?:avoid(?:ing)?|stay away from|cut out) (?:any |the |all )?(?:citrus|spicy|acidic|fried|fatty|greasy|sugary|processed|salty|caffeinated)\b(?:[ ,]+(?:and |or )?(?:citrus|spicy|acidic|fried|fatty|greasy|sugary|processed|salty|caffeinated|foods?|fruits?|drinks?|snacks))*/,
  ],
  // "Continue with those dietary modifications", "make some diet changes": diet changes the patient keeps to.
  [
    'dietary modifications',
    /\b(?:continue|keep (?:up|going)?|make|making|start|stick|try)(?: (?:on|with|to make))? (?:the |those |these |your |his |her |some |any )?(?:dietary|diet) (?:modifications?|changes?)\b/,
  ],
  // "Try to exercise regularly", "get some regular exercise", "walk 30 minutes a day": regular exercise.
  [
    'regular exercise',
    /\b(?<!\b(?:confidence|able|ability|help (?:you|him|her|them)|so (?:you|he|she|they) can) to (?:get )?(?:back )?(?:to )?)(?:exercis(?:e|ing) (?:more |on a )?(?:regularly|regular basis|every day|daily|\d+ (?:times|days) a week)|(?:(?:get|getting|start|starting|do|doing|continue) (?:some |more )?(?:regular )?|regular )(?:exercise|physical activity)(?! (?:stress|test))|walk(?:ing)? (?:for )?(?:\d+|thirty|twenty) minutes (?:a|every) day)\b/,
  ],
  // "You should stop using that soap", "avoid the new detergent": a product on the skin that the patient stops.
  [
    'avoid irritant',
    /\b(?:stop|quit|avoid) (?:using |wearing )?(?:that|the|this|those|these|your|any) (?:new |scented |perfumed )?(?:soaps?|detergents?|lotions?|shampoos?|cleaners?|perfumes?|makeup|hair dyes?|cosmetics?|fabric softeners?|dish soaps?|hand soaps?)\b/,
  ],
  // "He can go back to school after 24 hours on the antibiotic": when the patient may return to school, work or sport.
  [
    'return to activity',
    /(?<=\b(?:can|may|cleared to|able to) )(?:go back|return) to (?:school|work|daycare|day care|sports|practice|the gym)\b/,
  ],
  ['sun protection', /\b(?:sunscreen|sun protection|stay out of the sun|avoid(?:ing)? (?:the )?sun)\b/],
  [
    'avoid exposure',
    /\b(?:avoid(?:ing)?|stay away from) (?:the |any |your )?(?:hay|dust|mold|smoke|triggers?|allergens?|pollen)\b|\bwear (?:a |the )?(?:respirator|mask)\b/,
  ],
];

/** Advice the note names by its clinical label instead of the words said ("take it easy" → "Activity modification."). */
const NAMED_ADVICE = new Map([
  ['activity modification', 'activity modification'],
  ['low-sodium diet', 'counseled on a low-sodium diet'],
  ['less alcohol', 'counseled to reduce alcohol intake'],
  ['regular exercise', 'counseled on regular exercise'],
]);

/**
 * The labels the note writes for advice said in other words, each with what says it: the verifier takes a label as
 * said where its phrase was.
 */
export const ADVICE_LABELS: ReadonlyArray<{ label: string; said: RegExp }> = ADVICE.filter(([t]) =>
  NAMED_ADVICE.has(t),
).map(([t, said]) => ({ label: NAMED_ADVICE.get(t)!, said }));

/** Where an advice phrase ends in the sentence: the clause's end, or the clinician's next clause. */
const ADVICE_END =
  /[,;!?]|\.(?!\d)| (?:and|so that|so|because|but|okay|alright|right|i|we|i'm|we're|that should|which|just to|to help|to see|if|might|may|try)\b/;

/** "not gonna be able to weight-bear on that foot for 6 to 8 weeks" → "non-weight-bearing on the foot for 6 to 8 weeks". */
function nonWeightBearing(said: string): string {
  return said
    .replace(new RegExp(`^${NON_WEIGHT_BEARING}`), 'non-weight-bearing')
    .replace(/\bon (?:that|this) /, 'on the ');
}

/** Advice said as what the patient is to do ("you're gonna have to", "you need to", "make sure you"). */
const ADVICE_TOLD =
  /\b(?:you(?:'re| are)? (?:gonna|gon na|going to) (?:have|need) to|you (?:need|have|should|must|ought) to|you(?:'ll| will) (?:need|have) to|i want you to|i(?:'d| would) like you to|make sure (?:you|to)|it's (?:very )?important (?:that you|to))\b/;
/** The diet advice read that way: a diet, salt, alcohol or foods to avoid. */
const DIET_ADVICE = /^(?:diet: |low-sodium diet$|less alcohol$|foods to avoid: )/;
/** Diet advice the note names by its kind; one said in the words the 'diet' advice already took is that item. */
const DIET_KINDS = new Set(['low-sodium diet', 'less alcohol', 'foods to avoid', 'regular exercise']);
const FOOD_KIND = /\b(?:citrus|spicy|acidic|fried|fatty|greasy|sugary|processed|salty|caffeinated)\b/g;

/** "avoid citrus foods, fruits and spicy foods" → "Avoid citrus and spicy foods." */
function avoidFoods(said: string, after: string): string {
  // Each kind with what it is ("caffeinated drinks"); foods unless a drink is named.
  const groups = new Map<string, string[]>();
  for (const k of said.matchAll(FOOD_KIND)) {
    const what = /^\s+drinks?\b/.test(said.slice(k.index + k[0].length)) ? 'drinks' : 'foods';
    const kinds = groups.get(what) ?? [];
    if (!kinds.includes(k[0])) kinds.push(k[0]);
    groups.set(what, kinds);
  }
  const and = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : xs[0]!);
  const list = and([...groups].map(([what, kinds]) => `${and(kinds)} ${what}`));
  // "… until your symptoms have improved": how long the foods are avoided.
  const until =
    /^[\s,]*until (?:the |your |his |her |their )?(?:symptoms|pain|heartburn|reflux) (?:have |has )?(?:improved?|improves|get better|gets better|resolved?|resolves|go away|goes away)\b/.test(
      after,
    );
  return `avoid ${list}${until ? ' until symptoms improve' : ''}`;
}

/** The advice said again at once ("ice it you can ice it", "elevate it and elevate it"). */
const ADVICE_SAID_AGAIN =
  /^(\w+(?: (?:it|that|this|them))?)(?: (?:and|so))?(?: (?:you|we|i) (?:can|could|should|will|want to|need to))? \1\b/;

function counsellingItems(s: Sentence, sex: Sex = null): PlanFact[] {
  const lower = s.lower;
  if (ASKED_ADVICE.test(lower)) return [];
  const out: PlanFact[] = [];
  const taken: Array<[number, number]> = [];
  for (const [target, re] of ADVICE) {
    const m = re.exec(lower);
    if (!m) continue;
    const span: [number, number] = [m.index, m.index + m[0].length];
    if (DIET_KINDS.has(target) && taken.some(([a, b]) => span[0] < b && a < span[1])) continue;
    if (target === 'diet' || DIET_KINDS.has(target)) taken.push(span);
    // "ice it you can ice it let's say 5 times a day": the advice said once, without the hedge before its schedule.
    const rest = lower
      .slice(m.index)
      .replace(ADVICE_SAID_AGAIN, '$1')
      .replace(/\blet's say (?=(?:about |around )?\d)/g, '');
    const end = rest.slice(m[0].length).search(ADVICE_END);
    let phrase = (end >= 0 ? rest.slice(0, m[0].length + end) : rest).split(' ').slice(0, 14).join(' ').trim();
    // The threshold that goes with the advice: "weigh yourself daily and call me if you gain 3 pounds in 2 days".
    const callIf =
      /^\s*,?\s*and (call (?:me|us|the office) if [^,;.?!]{3,60}?)(?= okay| alright| all right|[,;.?!]|$)/.exec(
        rest.slice(phrase.length),
      );
    if (callIf) phrase = `${phrase} and ${callIf[1]!.replace(/^call (?:me|us|the office)/, 'call').trim()}`;
    // "check your blood pressure twice a day and send me the readings": what is done with the readings goes with them.
    const report =
      target === 'home monitoring' && !callIf
        ? /^\s*,?\s*and (?:then )?((?:send|bring|report|email|message|give|show)(?: (?:me|us|them|those|it))? (?:the |your |those |these )?(?:readings?|numbers|results|log|them|those)(?: (?:to (?:me|us|the office)|through the portal|on the portal|in the portal|by email|(?:to|at|with you to) (?:the|your) next (?:visit|appointment)))?|write (?:them|those|it) down|(?:keep a )?log (?:them|those|it)|record (?:them|those|it))(?= okay| alright| all right|[,;.?!]|$)/.exec(
            rest.slice(phrase.length),
          )
        : null;
    // "send me the readings" → "send the readings", "send them to me" → "send them to the office".
    if (report)
      phrase = `${phrase} and ${report[1]!
        .replace(/ to (?:me|us)\b/, ' to the office')
        .replace(/ (?:me|us)\b/, '')
        .trim()}`;
    const advice = (target === 'non-weight-bearing' ? nonWeightBearing(m[0]) : phrase)
      .replace(/\b(\d+(?:\.\d+)?) ?milligrams?\b/g, '$1 mg')
      .replace(/^(eat|chew|tak)ing\b/, (_, v: string) => (v === 'tak' ? 'take' : v))
      .replace(/\band chewing\b/, 'and chew')
      .replace(/(?:\s+(?:and|or|on|in|at|to|for|of|with|the|a|when|while|after|before|until|as|like))+$/g, '');
    const text = toThirdPerson(
      (target === 'continue counseling'
        ? advice.replace(/^keep\b/, 'continue')
        : target === 'scar massage' && !/\bscar/.test(advice)
          ? `scar ${advice}`
          : target === 'avoid irritant'
            ? advice.replace(/\b(?:that|this)\b/, 'the')
            : target === 'return to activity'
              ? `${/\b(can|may|(?:cleared|able) to) $/.exec(lower.slice(0, m.index))?.[1] ?? 'can'} ${advice}`
              : advice
      )
        .replace(/\b(?:everyday|every day|each day)\b/g, 'daily')
        // A reading keeps whose it is ("check their blood pressure"); other advice names the thing ("elevate the leg").
        .replace(/\b(?:your|his|her|their)\b/g, (w) => (target === 'home monitoring' ? w : 'the'))
        .replace(/\b(?:yourself|himself|herself)(?: daily| every day| each day)?\b/, 'daily'),
      'doctor',
      target === 'home monitoring' || target === 'elevation' ? sex : null,
    );
    // "Take it a little bit easy" is said to the patient; the note names it as clinicians do.
    const stated =
      NAMED_ADVICE.get(target) ??
      (target === 'foods to avoid'
        ? avoidFoods(m[0], lower.slice(span[1]))
        : target === 'dietary modifications'
          ? `${/^(?:continue|keep)\b/.test(m[0]) ? 'continue' : 'make'} ${/\b(?:dietary|diet) \w+$/.exec(m[0])![0]}`
          : text);
    // Daily weights said twice ("check your weights every day … check your weights daily") are one item.
    const key = target === 'daily weights' || NAMED_ADVICE.has(target) ? target : `${target}: ${m[0]}`;
    out.push(Object.assign(item(s, 'counselling', firstSentenceCap(stated), key, undefined, m.index), { advice }));
  }
  return out;
}

/** "We'll see you some time next week": a follow-up named by the coming week or month. */
const FOLLOW_NEXT_RE =
  /\b(?:see (?:you|him|her|them) (?:back )?(?:again )?|check (?:on )?(?:you|him|her|them) (?:again )?|follow up |come back )(?:some ?time |sometime )?(next (?:week|month))\b/i;

function followUpItems(s: Sentence): PlanFact[] {
  const next = FOLLOW_RE.exec(s.lower) ? null : FOLLOW_NEXT_RE.exec(s.lower);
  if (next)
    return [
      item(s, 'follow-up', `Follow up ${next[1]!.toLowerCase()}.`, next[1]!.toLowerCase(), undefined, next.index),
    ];
  const f = FOLLOW_RE.exec(s.lower);
  if (!f) return [];
  const when = f[1]!
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(couple|few)\b/, 'a $1');
  const prep = /^the /.test(when) ? 'after' : 'in';
  return [item(s, 'follow-up', `Follow up ${prep} ${when}.`, when, undefined, f.index)];
}

/** The doctor sending the patient home ("you're good to go home", "he'll be going home today"). */
const GO_HOME =
  /\b(?:you|he|she|they)(?:'re|'ll|'s| are| is| will| can)? (?:be )?(?:(?:good|ready|okay|ok|fine|free|cleared) to |going to |going )?go(?:ing)? (?:back )?home\b|\b(?:send|sending|discharge|discharging) (?:you|him|her|them) (?:back )?home\b|\b(?:your|his|her|the) discharge papers?\b|\b(?:be|being|is|are) discharged (?:home|today)\b/;
/** The doctor admitting the patient ("we're going to admit you", "she'll be admitted to the floor"). */
const ADMIT = /\b(?:admit|admitting) (?:you|him|her|them)\b|\b(?:be|being|is|are) admitted\b/;
/** Words before it that leave it undecided ("when you go home", "if it gets worse we may admit you", "not yet"). */
const DISPOSITION_UNDECIDED =
  /\b(?:if|when|whenever|once|after|before|until|unless|whether|maybe|may|might|could|would|should|not|n't|need to|have to|want to|wanna|then)\b[^.;]*$/;

/**
 * Where the patient goes when the visit ends, as the doctor decides it: home, or admitted. A question ("ready to go
 * home?"), a condition or a possibility ("if it gets worse we may admit you") is no decision.
 */
function dispositionItems(s: Sentence): PlanFact[] {
  if (s.speaker !== 'doctor' || /\?\s*$/.test(s.text)) return [];
  const admit = ADMIT.exec(s.lower);
  const home = admit ? null : GO_HOME.exec(s.lower);
  const m = admit ?? home;
  // "You'll go home the same evening after the surgery" plans a day case; it is no disposition of today's visit.
  if (
    !m ||
    DISPOSITION_UNDECIDED.test(s.lower.slice(Math.max(0, m.index - 50), m.index)) ||
    /\b(?:surgery|procedure|operation)\b/.test(s.lower)
  )
    return [];
  return admit
    ? [item(s, 'disposition', 'Admit to the hospital.', 'admitted', undefined, m.index)]
    : [item(s, 'disposition', 'Discharge home.', 'home', undefined, m.index)];
}

/** Vaccines, as said, each with the name the note gives it. */
export const VACCINES: Array<[string, RegExp]> = [
  ['influenza vaccine', /\b(?:flu|influenza) (?:shot|vaccine|vaccination|jab)s?\b/],
  ['tetanus vaccine', /\b(?:tdap|tetanus)(?: (?:shot|booster|vaccine|vaccination))?s?\b/],
  ['pneumococcal vaccine', /\b(?:pneumonia (?:shot|vaccine)|pneumococcal vaccine|prevnar|pneumovax)s?\b/],
  ['shingles vaccine', /\b(?:shingles (?:shot|vaccine)|shingrix)s?\b/],
  ['covid vaccine', /\bcovid(?:-19)? (?:shot|vaccine|booster)s?\b/],
  ['hpv vaccine', /\b(?:hpv vaccine|gardasil)\b/],
  ['hepatitis vaccine', /\bhepatitis [ab] (?:shot|vaccine)s?\b/],
  ['mmr vaccine', /\bmmr(?: (?:shot|vaccine|booster))?\b(?! (?:titer|titre|level|immunity))/],
];
/** What gives a vaccine, said before it: "you're due for", "we'll give you", "I recommend". */
const VACCINE_GIVEN =
  /\b(?:(?:over)?due for|give|giving|get|gets|getting|administer|recommend(?:ing)?|should (?:also )?(?:get|have))\b/g;

/**
 * Vaccines given, due or recommended ("you're due for your flu shot today and tetanus booster"): one item each, read
 * after the words that give it (within the clause), not asked about ("have you had your flu shot") or declined.
 */
function vaccineItems(s: Sentence): PlanFact[] {
  const lower = s.lower;
  const gives = [...lower.matchAll(VACCINE_GIVEN)];
  if (!gives.length) return [];
  const out: PlanFact[] = [];
  for (const [name, re] of VACCINES) {
    const m = re.exec(lower);
    if (!m) continue;
    const give = gives.find((g) => g.index < m.index && m.index - g.index <= 80);
    if (!give || /[.;?,]/.test(lower.slice(give.index, m.index))) continue;
    const before = lower.slice(0, give.index);
    if (ASKED_PROCEDURE.test(before) || withheld(before) || /\b(?:had|got|received)\b[^,.;]*$/.test(before)) continue;
    const today = /^[^,.;]{0,25}\btoday\b/.test(lower.slice(m.index + m[0].length));
    const said = m[0].replace(/^(?:mmr|tdap|hpv)\b/, (w) => w.toUpperCase());
    // The words before it say how it is given: recommended, due, or given.
    const lead = lower.slice(give.index, m.index);
    const text = /\b(?:recommend|should)/.test(lead)
      ? `Recommend ${said}`
      : /\bdue\b/.test(lead)
        ? `${said} due${today ? ', give today' : ''}`
        : `Administer ${said}${today ? ' today' : ''}`;
    out.push(item(s, 'procedure', firstSentenceCap(text), name, undefined, m.index));
  }
  return out.sort((a, b) => (SAID_AT.get(a) ?? 0) - (SAID_AT.get(b) ?? 0));
}

function procedureItems(s: Sentence): PlanFact[] {
  // A device the patient is put in or given, else a procedure the doctor will do; not one asked about or had.
  // Every device of the sentence ("you're gonna be in a cast and I'm gonna have you use crutches").
  // A device withheld ("…not going to put you in a cast, just a wrist brace") gives way to the one offered in its
  // place, listed after the devices placed.
  const placed: Array<{ what: string; at: number }> = [];
  const offered: Array<{ what: string; at: number }> = [];
  for (const d of s.lower.matchAll(DEVICE_RE)) {
    const before = s.lower.slice(0, d.index);
    if (!withheld(before)) {
      if (!ASKED_DEVICE.test(before)) placed.push({ what: d[1]!, at: d.index });
      continue;
    }
    const instead = INSTEAD_DEVICE.exec(s.lower.slice(d.index + d[0].length));
    if (instead)
      offered.push({ what: instead[1]!, at: d.index + d[0].length + instead.index + instead[0].indexOf(instead[1]!) });
  }
  const devices = [...placed, ...offered];
  if (devices.length)
    return devices.map((device) => {
      const what = device.what.replace(/^(?:a|an|the|some|your) /, '');
      const verb = /crutches|cane|walker/.test(what) ? 'Provide' : 'Place in';
      return item(s, 'procedure', firstSentenceCap(`${verb} ${what}`), what, undefined, device.at);
    });
  const p = PROCEDURE_RE.exec(s.lower) ?? INJECTION_PLANNED.exec(s.lower);
  if (!p) {
    // "We should talk about an arthroscopy": a procedure put to the patient as an option, not yet planned.
    const d = PROCEDURE_DISCUSSED.exec(s.lower);
    if (!d || /\bif\b/.test(s.lower.slice(0, d.index)) || withheld(s.lower.slice(0, d.index))) return [];
    return [item(s, 'procedure', firstSentenceCap(`Discuss ${d[1]}`), d[1]!, undefined, d.index)];
  }
  if (ASKED_PROCEDURE.test(s.lower.slice(0, p.index)) || withheld(s.lower.slice(0, p.index))) return [];
  const what = p[1]!.toLowerCase().replace(/\bshot$/, 'injection');
  return [item(s, 'procedure', firstSentenceCap(`Plan ${what}`), what, undefined, p.index)];
}

/**
 * The dose of the drug just started, said in a clause of its own after the drug was named ("it's time to start
 * allopurinol. we'll start at 100 mg daily", "we'll begin with 25 mg at night"): the dose and schedule said before any
 * other drug of the sentence.
 */
const DOSE_OF_LAST = new RegExp(
  `\\b(?:start(?:ing)?|begin(?:ning)?|go(?:ing)?(?: up| down)?(?: to)?|the (?:starting )?dose (?:is|will be|would be)|(?:at|with) a dose of)\\s+(?:(?:you|him|her|them|it|that)\\s+)?(?:(?:at|with|on)\\s+)?(?:a dose of\\s+)?${DOSE_RE.source}`,
  'i',
);

/** Adds a dose said after a drug's own clause (see DOSE_OF_LAST) to that drug's item, when it had none. */
function doseOfLast(s: Sentence, out: PlanFact[]): void {
  const firstDrug = lexicons().medications.match(s.lower)[0]?.start ?? s.lower.length;
  const head = s.lower.slice(0, firstDrug);
  const at = DOSE_OF_LAST.exec(head);
  if (!at) return;
  const last = out.findLast((o) => o.kind === 'medication');
  const d = last?.drug;
  if (!d || d.dose || s.turn - last.at.turn > 1 || !['start', 'change', 'increase', 'decrease'].includes(d.action))
    return;
  const dose = DOSE_RE.exec(head.slice(at.index))!;
  // Only a dose in milligrams or units names a strength; "start at 2 puffs" is a count of the inhaler's.
  if (!/^(?:mg|milligrams?|mcg|micrograms?|units?|grams?|g)$/i.test(dose[2]!)) return;
  const freq = FREQ_RE.exec(head.slice(at.index + at[0].length, at.index + at[0].length + 40));
  d.dose = `${cleanNum(dose[1]!)} ${unitShort(dose[2]!)}`;
  if (freq && !d.frequency) d.frequency = freq[1]!;
  const detail = [d.dose, freq && d.frequency === freq[1] ? freq[1] : null].filter(Boolean).join(' ');
  const base = last.text.replace(/\.$/, '');
  const cut = base.toLowerCase().indexOf(d.said) + d.said.length;
  last.text = `${base.slice(0, cut)}${d.action === 'increase' || d.action === 'decrease' ? ' to' : ''} ${detail}${base.slice(cut)}.`;
  last.mentions.push({ turn: s.turn, pos: s.pos });
  last.evidence = [...new Set([...last.evidence, s.turn])].sort((a, b) => a - b);
}

/**
 * Plan items from the doctor's plan-phase sentences, in order, de-duplicated (the same drug, test, referral or
 * interval said twice keeps the most detailed statement and both turns). `problemAt` names the problem under
 * discussion at a sentence.
 */
/** Blood tests named only as such ("order some thyroid labs"), whatever panel a later voice command names. */
const GENERIC_LABS = /^(?:labs?|lab work|bloodwork|blood work|blood tests?)$/;

/** "Order thyroid labs." and then "hey dragon, order a thyroid panel": the generic order names the panel's organ. */
function sameLabs(generic: PlanFact, named: PlanFact): boolean {
  const head = named.target.split(' ')[0]!;
  return (
    GENERIC_LABS.test(generic.target) && head.length > 3 && new RegExp(`\\b${head}\\b`).test(generic.text.toLowerCase())
  );
}

/** An emergency department, hospital or ambulance, where care is given before the visit's plan. */
export const CARE_SETTING_SAID =
  /\b(?:(?:the|in|to|at) (?:er|e\.? ?r\.?)|emergency (?:room|department)|urgent care|(?:the|in|at) hospital|ambulance|paramedics?)(?![a-z])/;
/** Care said as given already: "they gave you", "you were given", "the nurse applied". */
const GIVEN_ALREADY =
  /\b(?:they|she|he|the (?:nurse|doctor|paramedics?|ems)) (?:gave|administered|applied|started (?:you|him|her|them) on)\b|\b(?:was|were|been) given\b|\b(?:you|he|she|they) (?:got|received)\b/;
/** Said of what comes: the plan. */
const COMING = /\b(?:will|going to|gonna|let's|let me|i'll|we'll|i want|i'd like|plan|should|need to)\b/;

/**
 * A doctor's sentence that recounts care given before the plan, in the emergency department, a hospital or an
 * ambulance ("so, they gave you a dose of Tylenol here in the emergency department"), or that is in the answer to a
 * question about what was given there (`asked`: the turn before, "What was he given in the E R?"). Not one that says
 * what comes.
 */
export function recountsCareGiven(s: Sentence, asked: string): boolean {
  if (COMING.test(s.lower)) return false;
  if (CARE_SETTING_SAID.test(s.lower) && GIVEN_ALREADY.test(s.lower)) return true;
  return /\?\s*$/.test(asked) && asksCareGiven(asked);
}

/** A question about what was given in the emergency department, a hospital or an ambulance ("what was he given in the E R?"). */
export function asksCareGiven(question: string): boolean {
  const q = question.toLowerCase();
  return CARE_SETTING_SAID.test(q) && /\b(?:given|gave|give|get|got|receive|received)\b/.test(q);
}

export function planFacts(
  sentences: Sentence[],
  inPlan: (s: Sentence) => boolean,
  problemAt: (s: Sentence) => string | null,
  sex: Sex = null,
): PlanFact[] {
  const out: PlanFact[] = [];
  const withdrawn: WithdrawnOrder[] = [];
  WITHDRAWN.set(out, withdrawn);
  const carried: { action: MedAction | null } = { action: null };
  let pending: { turn: number; text: string } | null = null;
  let lastTurn = -1;
  // The doctor's sentences read so far, for the drug a later "lower it to 5 mg" points back to.
  const doctorSaid: Sentence[] = [];
  // The specialist the doctor last named, for a referral made without naming one.
  let named: { specialty: string; turn: number } | null = null;
  // "Do you need a refill of that?" "Yes, I do.": the turn of the yes, for the order the doctor then gives.
  let refillAsked = -1;
  let refillWanted = -1;
  for (const raw of sentences) {
    if (raw.speaker === 'patient' && raw.turn === refillAsked + 1 && REFILL_YES.test(raw.lower))
      refillWanted = raw.turn;
    if (raw.speaker === 'doctor' && REFILL_ASKED.test(raw.lower)) refillAsked = raw.turn;
    if (raw.speaker !== 'doctor') continue;
    // The specialist is often offered before the plan is reached ("the only extra I could do is get a breast
    // specialist on the team"), so every doctor sentence is read for one.
    const spec = SPECIALTY_NAMED.exec(raw.lower);
    if (spec && !/\b(?:your|his|her|their) /.test(spec[0])) named = { specialty: spec[1]!, turn: raw.turn };
    const prevSaid = doctorSaid[doctorSaid.length - 1];
    doctorSaid.push(raw);
    if (!inPlan(raw)) {
      // "All right, you can go home now." said before any plan is reached (a short ward or ED visit) still decides
      // where the patient goes.
      for (const it of dispositionItems(raw))
        if (!out.some((o) => o.kind === 'disposition')) out.push(Object.assign(it, { problem: null }));
      // "You're gonna have to avoid all the other salty foods": diet advice told while the history is taken is part of
      // the plan's counselling too.
      const said = /\?\s*$/.test(raw.text) || !ADVICE_TOLD.test(raw.lower) ? '' : cleanSpoken(raw.text);
      if (said && ADVICE_TOLD.test(said.toLowerCase()))
        for (const it of counsellingItems({ ...raw, text: said, lower: said.toLowerCase() }))
          if (DIET_ADVICE.test(it.target) && !out.some((o) => o.kind === it.kind && o.target === it.target))
            out.push(Object.assign(it, { problem: problemAt(raw) }));
      continue;
    }
    if (raw.turn !== lastTurn) carried.action = null;
    lastTurn = raw.turn;
    // Read the sentence as cleaned speech (no fillers, stutters or false starts); an order given to the voice
    // assistant is read as the order it carries, and any other command not at all.
    const cmd = voiceCommand({ text: raw.text, speaker: raw.speaker });
    if (cmd && !(cmd.command === 'order' && cmd.content)) continue;
    // An order of a drug given just after the patient said they need its refill is that refill.
    const refill =
      !!cmd &&
      refillWanted >= 0 &&
      raw.turn - refillWanted <= 2 &&
      !/\brefill/.test(cmd.content!.toLowerCase()) &&
      lexicons().medications.match(cmd.content!.toLowerCase())[0]?.start === 0;
    const cleaned = cmd ? `order ${refill ? 'a refill of ' : ''}${cleanSpoken(cmd.content!)}` : cleanSpoken(raw.text);
    if (!cleaned) continue;
    let s: Sentence = { ...raw, text: cleaned, lower: cleaned.toLowerCase() };
    // "The swelling is probably from the amlodipine. Let's lower it to 5 mg daily.": the dose change of the drug the
    // sentence before named, said with a pronoun.
    const change = DOSE_CHANGE_OF_IT.exec(s.lower);
    const drugBefore = change ? lastDrugSaid(doctorSaid, doctorSaid.length - 1) : null;
    const pointed =
      change &&
      drugBefore &&
      raw.turn - drugBefore.turn <= 1 &&
      !lexicons().medications.match(s.lower.slice(0, change.index + change[0].length)).length
        ? change
        : null;
    if (pointed) {
      const at = pointed.index + pointed[0].search(/\s(?:it|that)\b/) + 1;
      const text = `${cleaned.slice(0, at)}${drugBefore!.name}${cleaned.slice(at + pointed[1]!.length)}`;
      s = { ...s, text, lower: text.toLowerCase() };
    }
    const lower = s.lower;
    // "…you saw your neurologist three months ago, you must be due to see her again soon?" "I am.": the visit the
    // patient confirms is due, with the specialist the sentence named.
    const due = /\?\s*$/.test(s.text) ? dueVisitConfirmed(s, sentences) : null;
    if (due && !out.some((o) => o.kind === 'referral' && o.target === due.target)) {
      out.push(Object.assign(due, { problem: problemAt(raw) }));
      continue;
    }
    if (/\?\s*$/.test(s.text) && !/\b(okay|alright|all right|right|sound good)\?\s*$/.test(lower)) continue;
    // Care given in the emergency department before the plan is its course, not an order.
    const asked = sentencesInTurn(sentences, raw.turn - 1)
      .map((x) => x.text)
      .join(' ');
    if (recountsCareGiven(raw, asked)) continue;
    doseOfLast(s, out);
    const items = [
      ...medicationItems(s, carried),
      ...testItems(s, prevSaid?.turn === raw.turn ? prevSaid.lower : ''),
      ...referralItems(s, named),
      ...procedureItems(s),
      ...vaccineItems(s),
      ...followUpItems(s),
      ...(out.some((o) => o.kind === 'disposition') ? [] : dispositionItems(s)),
      ...counsellingItems(s, sex),
    ];
    // An order the doctor takes back ("… a thumb spica splint. Actually, let's hold off on the splint"; "I was going
    // to do an injection today, but let's hold off"; "… amoxicillin. Actually, … doxycycline instead"; "refer you to
    // cardiology. No, scratch that, …") is not ordered.
    withdrawOrders(s, raw.lower, prevSaid ?? null, items, out, withdrawn);
    if (RETURN_RE.test(lower))
      items.push(
        item(
          s,
          'return-precautions',
          'Return precautions given.',
          /\b(er|emergency)\b/.test(lower) ? 'emergency' : 'call',
        ),
      );
    // "Start meloxicam 15 mg … you should take that daily": the frequency said of the drug just prescribed.
    const ptrSaid = POINTER_SIG.exec(lower);
    const lastMed = ptrSaid ? out.findLast((o) => o.kind === 'medication') : undefined;
    if (!items.some((i) => i.kind === 'medication') && ptrSaid) {
      const freq = scheduleOf(FREQ_RE.exec(lower), lower)?.freq;
      const last = lastMed;
      if (freq && last?.drug && !last.drug.frequency && s.turn - last.at.turn <= 2 && last.drug.action !== 'stop') {
        // "stay on 2 tylenol 500 mg and 2 ibuprofen 200 mg tablets. Take that 3 times a day": said of the drugs
        // listed together, the schedule is each one's.
        const listed = out.filter(
          (o) =>
            o.kind === 'medication' &&
            o.drug &&
            !o.drug.frequency &&
            o.drug.action === last.drug!.action &&
            o.at.turn === last.at.turn &&
            o.at.pos === last.at.pos,
        );
        for (const o of listed.includes(last) ? listed : [last]) {
          o.drug!.frequency = freq;
          o.text = `${o.text.replace(/\.$/, '')} ${freq}.`;
          o.evidence = [...new Set([...o.evidence, s.turn])].sort((a, b) => a - b);
        }
      }
    }
    // "… protonix 40 mg, take that once a day. You should take it first thing in the morning": the time of day said
    // next in the same turn, of the once-daily drug just prescribed, before any drug of this sentence is named.
    // "You can take that at night" leaves the time to the patient: only a time said as the instruction is added.
    const ptr =
      ptrSaid && !/\b(?:can|may|could|might)\s+(?:\w+\s+)?$/.test(lower.slice(0, ptrSaid.index)) ? ptrSaid : null;
    const prior = ptr ? lastMed : undefined;
    const once = prior?.drug?.frequency;
    if (ptr && prior && once && ONCE_DAILY.test(once) && prior.at.turn === s.turn && prior.drug!.action !== 'stop') {
      const firstDrug = Math.min(lower.length, ...items.map((i) => SAID_AT.get(i) ?? lower.length));
      const when =
        ptr.index < firstDrug ? TIME_OF_DAY.exec(lower.slice(ptr.index, Math.min(firstDrug, ptr.index + 60))) : null;
      const cut = prior.text.toLowerCase().indexOf(` ${once}`, prior.text.toLowerCase().indexOf(prior.drug!.said));
      if (when && cut >= 0) {
        const timed = onceDailyAt(when[1]!);
        prior.drug!.frequency = timed;
        prior.text = `${prior.text.slice(0, cut)} ${timed}${prior.text.slice(cut + once.length + 1)}`;
        prior.evidence = [...new Set([...prior.evidence, s.turn])].sort((a, b) => a - b);
      }
    }
    const problem = problemAt(raw);
    // A condition the doctor put on the plan ("if you're still having symptoms", "once the MRI is back") stays
    // with each item of the sentence, in the third person: the item is not a firm order without it.
    const cond = CONDITION_RE.exec(lower);
    // The condition ends where unpunctuated speech starts a new clause ("if that's positive i want to go ahead…").
    const clause = cond?.[0]!
      .split(/\s(?:i|we|i'm|we're|i'll|we'll|i'd|we'd|then|and|but|so|okay|alright|please)\s/)[0]!
      .trim();
    // Only a short, well-formed condition is carried; a garbled one ("if that doesn't get if the swelling…") is not.
    const wellFormed =
      !!clause &&
      clause.split(/\s+/).length >= 2 &&
      clause.split(/\s+/).length <= 10 &&
      (clause.match(/\bif\b/g) ?? []).length <= 1;
    const own = wellFormed ? toThirdPerson(aboutTest(clause, lower.slice(0, cond!.index)), 'doctor', sex) : null;
    // "… swab you for a rapid strep test and if that's positive" | "I want to prescribe amoxicillin …": a condition
    // left hanging at the end of a sentence governs the next sentence of the turn, not the items said before it.
    const condEnd = cond ? cond.index + clause!.length : 0;
    const hanging =
      !!own &&
      /^[\s,.!-]*$/.test(lower.slice(condEnd)) &&
      /\b(?:and|but|so)\s*,?\s*(?:then\s*)?$/.test(lower.slice(0, cond!.index));
    // "… and if you're still having symptoms we can discuss lithotripsy": a condition that opens a clause of its own
    // governs what is said after it, not the follow-up said before it.
    const opensClause =
      !!cond && !/^[\s,.!?-]*(?:(?:okay|alright|all right|right)[\s,.!?]*)?$/.test(lower.slice(condEnd));
    const carriedIn = !own && pending && pending.turn === raw.turn ? pending.text : null;
    pending = hanging ? { turn: raw.turn, text: own! } : null;
    const said = hanging ? null : (own ?? carriedIn);
    const condition = !RETURN_RE.test(lower) || !own ? said : null;
    for (const it of items) {
      // A follow-up offered on a condition ("if it doesn't get better, … we'll see you next week") keeps it, even in
      // the sentence that gives the return precautions.
      // Where the item was said decides whether the condition is on it: after the condition, it is; inside it ("once
      // you get the MRI"), the item is what the condition is about; before it, only when the condition closes the
      // sentence ("order an MRI if you're still having symptoms").
      const w = SAID_AT.get(it);
      // "see you again in 3 months, and if it gets worse, please call and come in sooner": the condition is for
      // coming sooner.
      const soonerAfter = !!own && it.kind === 'follow-up' && /^[^.?!]{0,60}\bsooner\b/.test(lower.slice(condEnd));
      // "… a brace, ibuprofen as needed, and follow up in one week if it's not better": a condition that closes the
      // sentence governs the clause it ends, not items of another kind listed before it after a comma (an MRI and a CT
      // listed together stay under it).
      const listedBefore =
        !!own &&
        w !== undefined &&
        w < cond!.index &&
        items.some((o) => {
          const wo = SAID_AT.get(o);
          return (
            o.kind !== it.kind && wo !== undefined && wo > w && wo < cond!.index && lower.slice(w, wo).includes(',')
          );
        });
      const under =
        !own ||
        w === undefined ||
        soonerAfter ||
        (w >= condEnd ? true : w >= cond!.index ? false : !opensClause && !listedBefore);
      // "take it easy for right now, and if your symptoms continue, we'll talk about further imaging": advice said
      // before the condition is not under it.
      const adviceFirst =
        it.kind === 'counselling' &&
        !!cond &&
        !!it.advice &&
        lower.indexOf(it.advice) >= 0 &&
        lower.indexOf(it.advice) < cond.index;
      const c = !under ? null : it.kind === 'follow-up' ? said : adviceFirst ? null : condition;
      // "see you back in one week, or sooner if things get worse": the condition is for coming sooner.
      const sooner = soonerAfter || (!!cond && /\bsooner,?\s*$/.test(lower.slice(0, cond.index)));
      if (c && it.kind !== 'return-precautions' && !it.text.toLowerCase().includes(c))
        it.text =
          sooner && it.kind === 'follow-up'
            ? `${it.text.replace(/\.$/, '')}, or sooner ${c}.`
            : `${it.text.replace(/\.$/, '')} ${c}.`;
      it.problem = problem;
      // One follow-up interval per visit (the last one said stands); otherwise one item per drug, test, referral.
      // A study named again without its site ("get the cat scan scheduled") is the sited order said before it.
      const same = out.find(
        (o) =>
          o.kind === it.kind &&
          (o.target === it.target ||
            it.kind === 'follow-up' ||
            (it.kind === 'test' && (o.target.endsWith(` ${it.target}`) || sameLabs(o, it) || sameLabs(it, o)))),
      );
      if (same && it.kind === 'follow-up') {
        same.text = it.text;
        same.target = it.target;
      }
      if (!same) out.push(it);
      else {
        same.mentions.push(...it.mentions);
        same.evidence = [...new Set([...same.evidence, ...it.evidence])].sort((a, b) => a - b);
        // "prescribe nitrofurantoin 100 mg … take the nitrofurantoin twice a day for 5 days": how to take a drug
        // already ordered adds what it says to that order.
        if (TAKE_ONLY.has(it) && it.drug && same.drug) {
          const had = same.drug.frequency;
          const freq = it.drug.frequency;
          // A schedule the order already has stays; what the instruction adds on how to take it goes with it.
          const rest = freq && had && freq.startsWith(`${had} `) ? freq.slice(had.length + 1) : freq;
          const moreFreq =
            !rest || same.text.toLowerCase().includes(rest)
              ? null
              : !had ||
                  /^(?:with |on an empty|at [a-z]+ onset|at the first sign|[\d.]+ (?:minutes?|hours?) (?:before|after) )/.test(
                    rest,
                  )
                ? rest
                : null;
          const moreDur = it.drug.duration && !same.drug.duration ? it.drug.duration : null;
          if (moreFreq) same.drug.frequency = had ? `${had} ${moreFreq}` : moreFreq;
          if (moreDur) same.drug.duration = moreDur;
          const add = [moreFreq, moreDur ? `for ${moreDur}` : null].filter(Boolean).join(' ');
          if (add) same.text = `${same.text.replace(/\.$/, '')} ${add}.`;
          continue;
        }
        // "Continue allopurinol 100 mg once a day." and then its refill ordered: the continued drug is refilled.
        if (
          it.drug?.action === 'refill' &&
          same.drug &&
          same.drug.action !== 'refill' &&
          drugDetail(it) <= drugDetail(same)
        ) {
          if (!/\brefill/i.test(same.text)) same.text = `${same.text.replace(/\.$/, '')}; refill provided.`;
          continue;
        }
        // The statement that says more of the course stands: a drug's dose, schedule and duration first, then length.
        const more = drugDetail(it) - drugDetail(same);
        // A study ordered outright ("going to repeat the ekg today") outranks the same study only considered before.
        const firmer = it.kind === 'test' && /^Consider\b/.test(same.text) && !/^Consider\b/.test(it.text);
        if (
          (firmer || more > 0 || (more === 0 && it.text.length > same.text.length)) &&
          it.kind !== 'return-precautions'
        ) {
          // "Start amoxicillin … take the amoxicillin twice a day": the drug started is still started, with the detail
          // said after.
          if (it.drug?.action === 'continue' && same.drug?.action === 'start') {
            it.drug.action = 'start';
            it.text = it.text.replace(/^Continue\b/, 'Start');
          }
          if (it.drug?.action !== 'continue' || same.drug?.action === 'continue') {
            same.text = it.text;
            if (it.drug) same.drug = it.drug;
          }
        }
        if (it.target === 'emergency') same.target = 'emergency';
        // Said first in passing ("we'll increase your metformin") and again under its problem ("from a diabetes
        // standpoint, increase the metformin to 1,000 mg"): the item belongs where the problem is assessed.
        if (!same.problem && it.problem && it.kind !== 'follow-up') {
          same.problem = it.problem;
          same.at = it.at;
        }
      }
    }
  }
  // "I'm going to give you some steroids" in a plan that prescribes clobetasol: the class names the drug prescribed,
  // not a second one; its sentence is a mention of that drug.
  const { drugClasses, genericDrugs } = lexicons();
  const kept = out.filter((o) => {
    if (!o.drug || !genericDrugs.has(o.drug.name)) return true;
    const drug = out.find(
      (p) => p.drug && !genericDrugs.has(p.drug.name) && drugClasses.get(p.drug.name) === drugClasses.get(o.drug!.name),
    );
    if (drug) drug.mentions.push(...o.mentions);
    return !drug;
  });
  WITHDRAWN.set(kept, withdrawn);
  return kept;
}
