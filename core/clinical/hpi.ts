/**
 * The presenting complaint characterised as a clinician writes it, from what the patient said in the history:
 * the quality of the pain ("deep and aching"), its timing (constant or intermittent), what makes it worse or better,
 * and what was tried for it and whether it helped ("She has tried ibuprofen and ice, with some relief.").
 *
 * A patient says these things in speech that a note cannot keep ("It's like a deep achy pain.", "I have done some
 * ibuprofen or aleve sometimes some tylenol and that does help."). Each slot is read from the patient's own
 * sentences, never from the doctor's questions, and a denied or hedged word is not taken ("it's not sharp").
 * Each line carries the turns it was read from, so the verifier checks it like any other sentence.
 */
import { escapeRe } from './regex.js';
import type { Sentence } from './discourse.js';
import { lexicons } from './lexicon.js';
import { numberValue } from './numbers.js';
import { patientWeToThird, pronouns, subjectName, thirdPersonVerb, toThirdPerson, type Sex } from './rewrite.js';

export interface HpiLine {
  text: string;
  evidence: number[];
}

/** A sentence about pain or discomfort, where a quality word describes the pain. */
const PAIN = /\b(?:pain\w*|hurt\w*|ache\w*|achy|sore\w*|discomfort|headaches?)\b/;
/** The doctor asking what the pain is like ("what does it feel like?", "sharp or dull?"). */
const QUALITY_Q =
  /\b(?:what (?:does|did) (?:it|the pain|that) feel like|describe (?:the|your|that) pain|what kind of pain|type of pain|sharp or dull|dull or sharp)\b/;
const QUALITY =
  /\b(sharp|dull|deep|achy|aching|throbbing|burning|stabbing|shooting|cramping|crampy|squeezing|pounding|(?<=like (?:a )?)pressure)\b/g;
const QUALITY_WORD: Record<string, string> = { achy: 'aching', crampy: 'cramping', pressure: 'pressure-like' };
/** A word said just before that takes the quality back ("not sharp", "never burning", "no stabbing"). */
const DENIED_BEFORE = /(?:\b(?:not|no|never|nor|without)|n't)\s+(?:\w+\s+){0,2}$/;
const INTERMITTENT =
  /\b(?:comes and goes|come and go|coming and going|came and went|off and on|on and off|intermittent(?:ly)?)\b/;
/**
 * The course of the complaint: intermittent at first, constant since ("at first it was coming and going, and then for
 * about the last 48 hours, it's been a constant"), with how long it has been constant when said.
 */
const COURSE = new RegExp(
  `\\b(?:at first|initially|in the beginning)\\b[^.?!]{0,40}?${INTERMITTENT.source}[^.?!]{0,80}?\\b(?:constant(?:ly)?|all the time|non-?stop)\\b`,
);
const COURSE_SINCE =
  /\b(?:for )?(?:about |around |almost |nearly )?the (?:last|past) (\d+|[a-z]+(?:[- ][a-z]+)?) (hours?|days?|weeks?)\b/;
const CONSTANT = /\b(?:constant(?:ly)?|never goes away|doesn't go away)\b/;

/** What the patient tried: a drug the lexicon knows, or a home measure. */
const HOME_MEASURE: Array<[RegExp, string]> = [
  [/\b(?:ice|iced|icing)\b/, 'ice'],
  [/\b(?:heat|heating pad)\b/, 'heat'],
  [/\b(?:rest|rested|resting)\b/, 'rest'],
  [/\b(?:brace|wrap)\b/, 'a brace'],
  [/\bstretch(?:ing|es|ed)?\b/, 'stretching'],
  [/\belevat(?:e|ed|ing|ion)\b/, 'elevation'],
  // Over-the-counter products a patient names by brand or kind, which no drug lexicon lists.
  [/\bhead (?:and|&) shoulders\b/, 'Head & Shoulders'],
  [/\bt[- ]?gel\b/, 'T/Gel'],
  [/\bselsun(?: blue)?\b/, 'Selsun Blue'],
  [/\bdandruff shampoos?\b/, 'dandruff shampoo'],
  [/\b(?:castor|coconut|tea tree) oil\b/, '$&'],
  [/\baloe(?: vera)?\b/, 'aloe vera'],
  [/\b(?:vaseline|petroleum jelly)\b/, 'petroleum jelly'],
  [/\bcalamine(?: lotion)?\b/, 'calamine lotion'],
  [/\boatmeal baths?\b/, 'oatmeal baths'],
  [/\bepsom salts?\b/, 'Epsom salt'],
  [/\bcough drops?\b/, 'cough drops'],
  [/\bhumidifier\b/, 'a humidifier'],
];
/** "I even tried some X and …": the thing tried, named after "tried some", up to the clause's end. */
const TRIED_SOME =
  /\b(?:i|we)(?:'ve| have| had| also| even| just| then)* tried (?:some|a little|a bit of)\s+((?!of\b|more\b|other\b|different\b|stuff\b|things?\b)[a-z]+(?: (?!and\b|but\b|or\b|for\b|to\b|that\b|it\b)[a-z]+)?)(?=\s*(?:[,.;!]|\s(?:and|but|or|for|that|which|to)\b|$))/;
const TRIED =
  /\b(?:(?<=\b(?:i|we|she|he|they) )do|took|take|taken|taking|tried|trying|used|using|use|been on|done|doing|put|putting|had|iced|icing|elevated|elevating|kept|keeping|wrapped|wear|wearing)\b/;
const HELPED =
  /\b(?:(?:does|did|that|it|which|they|this) (?:really )?help(?:s|ed)?|helps?|helped|(?:some|a little|a bit of) relief|relieve[sd]?|takes? the edge off|(?:which|that|it) (?:usually |really |always )?works?)\b/;
const NOT_HELPED =
  /\b(?:(?:doesn't|didn't|does not|did not|don't|haven't|hasn't|isn't|wasn't|weren't|aren't|not) (?:really )?(?:(?:seem|seemed) to (?:be )?)?(?:help(?:ing)?|work(?:ing)?|do anything)|no relief|(?:nothing|none of (?:them|those|these|it)) (?:really )?(?:(?:seems|seemed) to (?:be )?)?(?:helps?|helped|helping|works?|worked|working))\b/;

/** The doctor asking whether it helped ("did that help?", "does the ibuprofen help at all?"). */
const HELP_Q = /\b(?:does|did|do|has|have) (?:[a-z]+ ){0,2}help(?:ed)?\b/;
/** The doctor asking what was tried ("have you taken anything for it?", "did that help?"). */
const TRIED_Q =
  /\b(?:tried|try|taken|take|taking|done|doing) (?:anything|something)|anything (?:for (?:it|the pain|that)|that helps)|(?:does|did) (?:that|it|anything) help|what (?:have you|did you) (?:tried|take|taken|done)\b/;
const PAIN_RELIEVER = /^(?:nsaid|analgesic|opioid|muscle relaxant|topical analgesic)$/;
/**
 * A drug the patient says they take now, not one tried once: "I take Prilosec", "I am taking Lyrica", "I've been
 * taking Aleve", "I started taking Toprol", "yeah, I take Aciphex".
 */
const TAKES_NOW =
  /\b(?:i|we)(?: (?:also|usually|just|still|only|normally|now|currently|do|regularly))* (?:take|use)\b|\b(?:i'm|i am)(?: (?:also|still|currently|now|just))* (?:taking|using|on)\b|\bi(?:'ve| have)(?: also| still)? been (?:taking|using|on)\b|\bi(?:'ve| have)? started (?:taking|using|on)\b/;
/** Words that put the taking in the past ("I tried", "I took it before", "I used to take"). */
const TAKEN_BEFORE =
  /\b(?:tried|try|trying|took|used to|was taking|were taking|before|in the past|stopped|quit|no longer|anymore)\b/;

/** "worse when I walk", "hurts more with stairs", "better if I rest": the clause after the cue, up to its end. */
const WORSE =
  /\b(?:(?:it's|it is|gets?|got|is|feels?) (?:a lot |much |way )?worse|hurts? (?:more|worse)|more painful|flares? up|aggravated)\s+(?:(?:especially|mostly|usually)\s+)?(when(?:ever)?|with|if|after|at|in the)\s+([a-z' ]{3,40}?)(?=[,.;!?]|\s(?:and|but|so|or|because|like|too)\b|$)/;
const BETTER =
  /\b(?:(?:it's|it is|gets?|got|is|feels?) (?:a lot |much |a little )?better)\s+(when(?:ever)?|with|if|after)\s+([a-z' ]{3,40}?)(?=[,.;!?]|\s(?:and|but|so|or|because|like|too)\b|$)/;

/**
 * The time of day the complaint is worse ("it's definitely worse in the evening", "it actually is worse towards the end
 * of the day"), as a note writes it.
 */
const WORSE_WHEN =
  /\b(?:worse|hurts? (?:more|the most)|more painful)\s+(?:(?:especially|mostly|usually|typically|always|more|even)\s+)?(in the (?:morning|evening|afternoon)s?|at night|(?:towards?|toward|by|at|near) the end of the day|(?:towards?|toward) the (?:afternoon|evening)|first thing in the morning|overnight)\b/;
const TIME_AS_WRITTEN: Record<string, string> = {
  'by the end of the day': 'at the end of the day',
  'toward the end of the day': 'at the end of the day',
  'towards the end of the day': 'at the end of the day',
  'near the end of the day': 'at the end of the day',
  'toward the afternoon': 'in the afternoon',
  'towards the afternoon': 'in the afternoon',
  'toward the evening': 'in the evening',
  'towards the evening': 'in the evening',
};

/**
 * The doctor reading back what makes it better or worse, for the patient to confirm ("so ice and rest makes it feel
 * better running and activity makes it hurt a little bit more is that correct" "yeah that's right"): each cause is
 * the words before its "makes it …", back to the cause before it.
 */
const MAKES_IT =
  /\bmakes? (?:it|the pain|things|that)(?: (?:feel|hurt|a|little|lot|bit|much|even|any))* (better|worse|more)\b/g;
const READ_BACK_TAG = /\b(?:is that (?:correct|right|true)|correct|right)\s*\??$/;
const CONFIRMED = /^(?:yes|yeah|yep|correct|right|exactly|that's (?:right|correct|true))\b(?![^.]*\b(?:but|no|not)\b)/;
/** Words that lead a read-back's cause and are not part of it ("okay so", "good and"). */
const CAUSE_LEAD = /^(?:(?:okay|ok|so|good|and|then|um|uh|well|alright|now|but|great)\s+)+/;
/** A cause that is a question or a person, not a thing the patient does or uses ("what makes it better"). */
const NOT_A_CAUSE = /\b(?:what|anything|something|nothing|which|i|you|your|we|my|me|he|she|they|does|do|did|is|are)\b/;

/** The causes a sentence says make the complaint better or worse. */
function causesIn(lower: string): Array<{ cause: string; way: 'better' | 'worse' }> {
  const out: Array<{ cause: string; way: 'better' | 'worse' }> = [];
  let from = 0;
  for (const m of lower.matchAll(MAKES_IT)) {
    const cause = lower
      .slice(from, m.index)
      .replace(/[,;]/g, ' ')
      .trim()
      .replace(CAUSE_LEAD, '')
      .replace(/\b(\w+) \1\b/g, '$1');
    from = m.index + m[0].length;
    const words = cause.split(/\s+/);
    if (!cause || words.length > 6 || NOT_A_CAUSE.test(cause) || deniedAt(lower, m.index)) continue;
    out.push({ cause, way: m[1] === 'better' ? 'better' : 'worse' });
  }
  return out;
}

/** Who sent the patient ("dr. wood is my primary care provider … he referred me to you", "my pcp sent me"). */
const REFERRER =
  '(primary care (?:provider|doctor|physician)|pcp|family doctor|pediatrician|dermatologist|cardiologist|gynecologist|orthopedist|oncologist|neurologist|endocrinologist|chiropractor)';
const NAMED_REFERRER = new RegExp(`\\b(?:dr\\.?|doctor) ([a-z]{2,}) is my ${REFERRER}\\b`);
const REFERRED_ME =
  /\b(?:referred me|sent me|wanted me to (?:come )?see you|told me (?:i had )?to (?:go |come )?see you)\b/;
const MY_REFERRER = new RegExp(`\\bmy ${REFERRER}\\b[^.]{0,40}?${REFERRED_ME.source}`);
const YOUR_REFERRER = new RegExp(`\\byour ${REFERRER} (?:sent you|referred you)\\b`);

function referral(history: Sentence[], sex: Sex): HpiLine | null {
  const p = pronouns(sex);
  const who = (role: string) => (role === 'pcp' ? 'primary care provider' : role);
  for (const [k, s] of history.entries()) {
    if (s.speaker === 'doctor') {
      const m = YOUR_REFERRER.exec(s.lower);
      if (m && !s.lower.includes('?'))
        return { text: `${subjectName(sex)} was referred by ${p.poss} ${who(m[1]!)}.`, evidence: [s.turn] };
      continue;
    }
    const named = NAMED_REFERRER.exec(s.lower);
    const next = history[k + 1]?.turn === s.turn ? history[k + 1]!.lower : '';
    if (named && (REFERRED_ME.test(s.lower) || REFERRED_ME.test(next))) {
      const name = named[1]!.charAt(0).toUpperCase() + named[1]!.slice(1);
      return {
        text: `${subjectName(sex)} was referred by ${p.poss} ${who(named[2]!)}, Dr. ${name}.`,
        evidence: [s.turn],
      };
    }
    // "… i saw my pediatrician this morning. so they sent me over here": the referral may end in the next sentence.
    const mine = MY_REFERRER.exec(`${s.lower.replace(/[.!?]+$/, '')} ${next}`);
    if (mine && mine.index < s.lower.length && !deniedAt(s.lower, mine.index))
      return { text: `${subjectName(sex)} was referred by ${p.poss} ${who(mine[1]!)}.`, evidence: [s.turn] };
  }
  return null;
}

/** The pain keeping the patient from sleep ("it's been affecting my sleep", "it wakes me up at night"). */
const SLEEP_HIT =
  /\b(?:affect(?:s|ed|ing)?|disturb(?:s|ed|ing)?|interfer(?:es|ed|ing) with|ruin(?:s|ed|ing)?|mess(?:es|ed|ing)? (?:up|with)) (?:my |his |her |their )?sleep(?:ing)?\b|\b(?:wakes?|woke|waking|keeps?|kept|keeping) (?:me|him|her|them) up\b|\b(?:can't|cannot|couldn't|unable to|hard to|trouble|difficulty|hard time) (?:get(?:ting)? to )?sleep(?:ing)?\b|\b(?:lose|losing|lost) sleep\b/;

/** Whether the words just before `at` deny or hedge what follows. */
function deniedAt(lower: string, at: number): boolean {
  return DENIED_BEFORE.test(lower.slice(Math.max(0, at - 25), at));
}

function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The trigger clause in the third person ("when I walk up stairs" → "when she walks up stairs"). */
function clause(link: string, words: string, sex: Sex): string | null {
  const w = words.trim().replace(/\s+(?:a lot|really|too|as well|though)$/, '');
  if (w.split(' ').length > 7 || /\b(?:you|your|um|uh|like)\b/.test(w)) return null;
  return toThirdPerson(`${link} ${w}`, 'patient', sex);
}

/**
 * The characterisation of the presenting complaint from the patient's history sentences (in visit order), with the
 * questions each answers; empty when the patient said none of it.
 */
export function characterisation(
  history: Sentence[],
  questionsOf: (s: Sentence) => Sentence[],
  sex: Sex,
  triedAlready?: TreatmentsTried,
): HpiLine[] {
  const Subj = subjectName(sex);
  const out: HpiLine[] = [];
  const patient = history.filter((s) => s.speaker === 'patient' && !s.text.endsWith('?'));

  // Quality and timing of the pain.
  const qualities: string[] = [];
  let timing: 'constant' | 'intermittent' | null = null;
  const qEvidence = new Set<number>();
  // Whether every sentence a quality was read from speaks of headaches, not pain: the quality describes the headaches.
  let headachesOnly = true;
  for (const s of patient) {
    const asked = questionsOf(s).some((q) => QUALITY_Q.test(q.lower));
    if (!asked && !PAIN.test(s.lower)) continue;
    const urinary = /\b(?:urinat\w*|pee\w*|urine)\b/.test(s.lower);
    for (const m of s.lower.matchAll(QUALITY)) {
      const word = QUALITY_WORD[m[1]!] ?? m[1]!;
      if (deniedAt(s.lower, m.index) || (word === 'burning' && urinary) || qualities.includes(word)) continue;
      // "deep" describes a pain only next to another quality or the pain itself ("a deep achy pain").
      if (word === 'deep' && !/^deep (?:\w+ )?(?:pain|ache|achy|aching|throbbing)/.test(s.lower.slice(m.index)))
        continue;
      qualities.push(word);
      qEvidence.add(s.turn);
      headachesOnly &&= /\bheadaches?\b/.test(s.lower) && !/\bpain\b/.test(s.lower);
    }
    if (!timing && PAIN.test(s.lower)) {
      // The timing of the pain, not of another symptom said with it ("the pain … and I'm bloated constantly").
      const near = (m: RegExpExecArray | null) =>
        m && PAIN.test(s.lower.slice(Math.max(0, m.index - 50), m.index + m[0].length + 50)) ? m : null;
      const i = near(INTERMITTENT.exec(s.lower));
      const c = near(CONSTANT.exec(s.lower));
      if (i && !deniedAt(s.lower, i.index)) timing = 'intermittent';
      else if (c && !deniedAt(s.lower, c.index)) timing = 'constant';
      if (timing) qEvidence.add(s.turn);
    }
  }
  if (qualities.length) {
    const noun = headachesOnly ? 'headaches' : 'pain';
    out.push({ text: `${Subj} describes the ${noun} as ${listing(qualities.slice(0, 4))}.`, evidence: [...qEvidence] });
  }
  // The course: intermittent at first and constant since, said of the complaint ("it") or in answer about it.
  // Speech splits the course at "and then": the patient's next sentence of the same turn goes on with it.
  const withNext = (s: Sentence, k: number) =>
    patient[k + 1]?.turn === s.turn ? `${s.lower} ${patient[k + 1]!.lower}` : s.lower;
  const courseAt = patient.findIndex((s, k) => {
    const text = withNext(s, k);
    return (
      COURSE.test(text) && (PAIN.test(text) || /\bit\b/.test(text) || questionsOf(s).some((q) => PAIN.test(q.lower)))
    );
  });
  const course = courseAt >= 0 ? patient[courseAt]! : null;
  if (course) {
    const text = withNext(course, courseAt);
    const since = COURSE_SINCE.exec(text.slice(text.search(COURSE)));
    const n = since ? numberValue(since[1]!) : null;
    const span = since && n !== null ? ` for the last ${n} ${n === 1 ? since[2]!.replace(/s$/, '') : since[2]}` : '';
    const subject = PAIN.test(text) || questionsOf(course).some((q) => PAIN.test(q.lower)) ? 'pain' : 'symptoms';
    out.push({
      text: `The ${subject} ${subject === 'pain' ? 'was' : 'were'} intermittent at first and ${subject === 'pain' ? 'has' : 'have'} been constant${span}.`,
      evidence: [course.turn],
    });
    timing = null;
  }
  if (timing) out.push({ text: `The pain is ${timing}.`, evidence: [...qEvidence] });

  // Whether the pain disturbs sleep: said of the pain, in the sentence or the one before it in the same turn.
  const sleep = patient.find((s, k) => {
    const m = SLEEP_HIT.exec(s.lower);
    if (!m || deniedAt(s.lower, m.index)) return false;
    const before = patient[k - 1]?.turn === s.turn ? patient[k - 1]!.lower : '';
    return (
      PAIN.test(s.lower) || (/^(?:so |and |but )?(?:it|it's|that|that's|this)\b/.test(s.lower) && PAIN.test(before))
    );
  });
  if (sleep) out.push({ text: `The pain disturbs ${pronouns(sex).poss} sleep.`, evidence: [sleep.turn] });

  // What makes it worse or better: the doctor's read-back the patient confirmed, or the patient's own words turned to
  // the third person; and the time of day it is worse.
  const ways = { worse: [] as string[], better: [] as string[] };
  const wEvidence = new Set<number>();
  history.forEach((s, k) => {
    if (s.speaker !== 'doctor' || !READ_BACK_TAG.test(s.lower)) return;
    const answer = history[k + 1];
    if (!answer || answer.speaker !== 'patient' || answer.turn !== s.turn + 1 || !CONFIRMED.test(answer.lower)) return;
    for (const { cause, way } of causesIn(s.lower.replace(READ_BACK_TAG, ''))) {
      if (ways[way].length) continue;
      ways[way].push(/^(?:when|if|after|with)\b/.test(cause) ? cause : `with ${cause}`);
      wEvidence.add(s.turn).add(answer.turn);
    }
  });
  for (const [re, word] of [
    [WORSE, 'worse'],
    [BETTER, 'better'],
  ] as const) {
    if (ways[word].length) continue;
    for (const s of patient) {
      if (!PAIN.test(s.lower) && !/\bit\b/.test(s.lower)) continue;
      const m = re.exec(s.lower);
      if (!m || deniedAt(s.lower, m.index)) continue;
      const c = clause(m[1]!, m[2]!, sex);
      if (!c) continue;
      ways[word].push(c);
      wEvidence.add(s.turn);
      break;
    }
  }
  for (const s of patient) {
    if (!PAIN.test(s.lower) && !/\b(?:it|it's)\b/.test(s.lower)) continue;
    const m = WORSE_WHEN.exec(s.lower);
    if (!m || deniedAt(s.lower, m.index)) continue;
    const time = TIME_AS_WRITTEN[m[1]!] ?? m[1]!;
    if (!ways.worse.some((w) => w.includes(time))) ways.worse.push(time);
    wEvidence.add(s.turn);
    break;
  }
  if (ways.worse.length || ways.better.length) {
    const said = [
      ways.worse.length ? `worse ${ways.worse.join(' and ')}` : '',
      ways.better.length ? `better ${ways.better.join(' and ')}` : '',
    ].filter(Boolean);
    // The turns read may call it "it" or an ache: the line cites a turn that names the pain too.
    const named = (t: number) => history.some((h) => h.turn === t && /\bpain\b/.test(h.lower));
    if (![...wEvidence].some(named)) {
      const pain = history.find((h) => /\bpain\b/.test(h.lower));
      if (pain) wEvidence.add(pain.turn);
    }
    // "It's worse at night" of a cough is not pain: where no one in the history spoke of pain and another symptom was
    // named, the symptoms are.
    const painSaid = history.some((h) => PAIN.test(h.lower));
    const otherSaid = history.some((h) =>
      lexicons()
        .symptoms.match(h.lower)
        .some((m) => !PAIN.test(m.value.name)),
    );
    out.push({
      text: `${painSaid || !otherSaid ? 'The pain is' : 'Symptoms are'} ${said.join(', and ')}.`,
      evidence: [...wEvidence].sort((a, b) => a - b),
    });
  }

  // What was tried for it, and whether it helped.
  const triedAll = triedAlready ?? treatmentsTried(patient, questionsOf);
  const { tried, evidence: tEvidence, helped } = triedAll;
  const referred = referral(history, sex);
  if (referred) out.push(referred);
  if (tried.length) {
    const effect = helped === 'yes' ? ', with some relief' : helped === 'no' ? ', without relief' : '';
    const shown = tried.slice(0, 5);
    const takes = shown.filter((n) => triedAll.takes?.has(n));
    const before = shown.filter((n) => !triedAll.takes?.has(n));
    const said = [before.length ? `has tried ${listing(before)}` : '', takes.length ? `takes ${listing(takes)}` : '']
      .filter(Boolean)
      .join(' and ');
    out.push({ text: `${Subj} ${said}${effect}.`, evidence: [...tEvidence] });
  }
  return out;
}

/** What the patient tried for the complaint: the names as said, the drugs (generic names), the turns, whether it helped. */
export interface TreatmentsTried {
  tried: string[];
  /** Those of `tried` the patient says they take now ("I take Aciphex"), as said. */
  takes?: Set<string>;
  drugs: Set<string>;
  evidence: Set<number>;
  helped: 'yes' | 'no' | null;
}

/**
 * What the patient says they tried for the complaint ("I took some tylenol … I tried ice, but nothing really worked"),
 * read from the patient's own history sentences (not questions), and whether it helped.
 */
export function treatmentsTried(patient: Sentence[], questionsOf: (s: Sentence) => Sentence[]): TreatmentsTried {
  const tried: string[] = [];
  const takes = new Set<string>();
  const tEvidence = new Set<number>();
  let helped: 'yes' | 'no' | null = null;
  const drugs = new Set<string>();
  patient.forEach((s, k) => {
    // "What have you taken for the pain?" "Tylenol, but it doesn't seem to help.": the question says it was tried.
    const answersTried = questionsOf(s).some((q) => TRIED_Q.test(q.lower));
    const tried0 = TRIED.exec(s.lower);
    if (tried0 ? deniedAt(s.lower, tried0.index) : !answersTried) return;
    const names: string[] = [];
    const generic: string[] = [];
    for (const m of lexicons().medications.match(s.lower))
      if (!deniedAt(s.lower, m.start)) {
        names.push(s.lower.slice(m.start, m.end));
        generic.push(m.value.name);
      }
    for (const [re, name] of HOME_MEASURE) {
      const m = re.exec(s.lower);
      if (m && !deniedAt(s.lower, m.index)) names.push(name.replace('$&', m[0]));
    }
    const some = TRIED_SOME.exec(s.lower);
    if (some && !names.some((n) => n.toLowerCase().includes(some[1]!) || some[1]!.includes(n.toLowerCase())))
      names.push(some[1]!);
    if (!names.length) return;
    // A drug the patient takes for something else ("I take it with my multivitamin") is not a treatment tried: it
    // counts when the patient says they tried it, says whether it helped, answers what they tried, or it is a pain
    // reliever or a home measure.
    const next0 = patient[k + 1]?.turn === s.turn ? patient[k + 1]!.lower : '';
    const relevant =
      /\btr(?:ied|ying)\b/.test(s.lower) ||
      HELPED.test(s.lower) ||
      NOT_HELPED.test(s.lower) ||
      HELPED.test(next0) ||
      NOT_HELPED.test(next0) ||
      answersTried ||
      lexicons()
        .medications.match(s.lower)
        .some((m) => PAIN_RELIEVER.test(m.value.drugClass)) ||
      HOME_MEASURE.some(([re]) => re.test(s.lower));
    if (!relevant) return;
    // A drug said as taken now ("I take Prilosec and Tramadol when I have back pain") is what the patient takes.
    const now = TAKES_NOW.test(s.lower) && !TAKEN_BEFORE.test(s.lower);
    for (const n of names)
      if (!tried.includes(n)) {
        tried.push(n);
        if (now && lexicons().medications.match(n).length) takes.add(n);
      }
    for (const g of generic) drugs.add(g);
    tEvidence.add(s.turn);
    // The answer may come in the patient's next sentence of the same turn ("… ibuprofen. It didn't help.").
    const next = patient[k + 1];
    for (const t of next && next.turn === s.turn ? [s, next] : [s]) {
      if (helped) break;
      if (NOT_HELPED.test(t.lower)) helped = 'no';
      else if (HELPED.test(t.lower)) helped = 'yes';
      if (helped) tEvidence.add(t.turn);
    }
  });
  // "Does the ibuprofen help at all?" "It helps a little bit…": the answer to whether what was tried helped.
  if (tried.length && !helped)
    for (const s of patient) {
      if (!questionsOf(s).some((q) => HELP_Q.test(q.lower))) continue;
      if (NOT_HELPED.test(s.lower)) helped = 'no';
      else if (HELPED.test(s.lower)) helped = 'yes';
      if (helped) {
        tEvidence.add(s.turn);
        break;
      }
    }
  return { tried, takes, drugs, evidence: tEvidence, helped };
}

/** Words a spoken sentence adds without adding a fact, when the characterisation already states its content. */
const EMPTY =
  /^(?:patient|reports?|states?|says?|said|like|just|really|almost|kind|sort|pretty|little|bit|lot|some|sometimes|usually|occasionally|definitely|actually|it's|its|that's|this|that|these|those|they|them|their|he|him|his|she|her|does|did|done|doing|do|have|has|had|get|gets|got|feel|feels|felt|seem|seems|seemed|been|being|was|were|are|and|the|but|with|too|also|very|one|thing|things|something|kinda|type|time|times|put|putting|take|takes|taking|taken|took|tried|try|trying|use|used|using|much|well|okay|yeah|yes|for|from|about|any|all|still|here|there|they're|he's|she's|they've|he'd|she'd|they'd|would|could|think|thinks|thought|guess|maybe|probably|now|then|which|what|when|whenever|where|who|can|will|it|past|last|over|even)$/;
const SAME: Record<string, string> = {
  achy: 'aching',
  crampy: 'cramping',
  lost: 'loss',
  losing: 'loss',
  gained: 'gain',
  gaining: 'gain',
  dr: 'doctor',
  ache: 'pain',
  aches: 'pain',
};
/** A denial: the sentence says the opposite of a line without it. */
const NEGATION = /^(?:not|no|never|nothing|none|without|nor)$|n't$/;

/** Every occurrence of whether something helped, and of "comes and goes", for contentWords (compiled once). */
const NOT_HELPED_ALL = new RegExp(NOT_HELPED.source, 'g');
const HELPED_ALL = new RegExp(HELPED.source, 'g');
const INTERMITTENT_ALL = new RegExp(INTERMITTENT.source, 'g');

/**
 * A sentence's content words, each in a plain form ("icing" → "ic", "knees" → "knee"), numbers included; whether
 * something helped is one word, "relief" or "norelief" ("that does help", "it didn't do anything", "without relief").
 */
function contentWords(text: string): string[] {
  const lower = text
    .toLowerCase()
    .replace(NOT_HELPED_ALL, ' norelief ')
    .replace(INTERMITTENT_ALL, ' intermittent ')
    .replace(/\bwithout relief\b/g, ' norelief ')
    // "I tried once Tylenol and ibuprofen at the same time, and that gave me some relief": what was tried, and relief.
    .replace(/\b(?:gave|gives?|giving) (?:me|him|her|them|us) (?=(?:some |a little |a bit of )?relief\b)/g, ' ')
    .replace(/\bonce (?!(?:a|an|every|per|daily|in|or|twice)\b)(?=\w)|\bat the same time\b/g, ' ')
    // "It helps a little but not much": some relief, as the line that says so puts it.
    .replace(/,?\s*\b(?:but|though) not (?:that |very |too )?(?:much|a lot|completely|all the way)\b/g, ' ')
    .replace(HELPED_ALL, ' relief ')
    .replace(/\brelieved\b/g, ' relief ');
  return (lower.match(/[a-z']+|\d+(?:\.\d+)?/g) ?? [])
    .map((w) => SAME[w] ?? w)
    .filter((w) => /\d/.test(w) || (w.length > 2 && !EMPTY.test(w)) || NEGATION.test(w))
    .map((w) =>
      NEGATION.test(w)
        ? 'not'
        : /\d/.test(w)
          ? w
          : w
              .replace(/'s$/, '')
              .replace(/(?:ation|ion|ing|ed|es|e|s)$/, '')
              // "running" and "run", "referred" and "refer": one stem.
              .replace(/([bdgmnprt])\1$/, '$1'),
    );
}

/**
 * Whether a copied history sentence says nothing the characterisation or summary lines do not ("It's like a deep achy
 * pain." after "She describes the pain as deep and aching."; "She has taken some ibuprofen and it didn't help." after
 * "She has tried ibuprofen, without relief."): every content word, number and denial is stated there.
 */
export function coveredBy(sentence: string, lines: ReadonlyArray<{ text: string }>): boolean {
  if (!lines.length) return false;
  const have = new Set(lines.flatMap((l) => contentWords(l.text)));
  const words = contentWords(sentence);
  return words.length > 0 && words.every((w) => have.has(w));
}

/** Past tense of the verbs an emphatic "did" goes before ("Dr. Ward did put her on Singulair" → "put"). */
const PAST: Record<string, string> = {
  put: 'put',
  say: 'said',
  have: 'had',
  get: 'got',
  go: 'went',
  take: 'took',
  fall: 'fell',
  feel: 'felt',
  see: 'saw',
  hurt: 'hurt',
  make: 'made',
  tell: 'told',
  give: 'gave',
  come: 'came',
  break: 'broke',
  hit: 'hit',
  lose: 'lost',
  find: 'found',
  think: 'thought',
  run: 'ran',
  eat: 'ate',
  sleep: 'slept',
  wake: 'woke',
  quit: 'quit',
  keep: 'kept',
  buy: 'bought',
  leave: 'left',
  notice: 'noticed',
  try: 'tried',
  start: 'started',
  stop: 'stopped',
  help: 'helped',
  use: 'used',
  mention: 'mentioned',
  want: 'wanted',
  need: 'needed',
  call: 'called',
  check: 'checked',
  change: 'changed',
  increase: 'increased',
  decrease: 'decreased',
  prescribe: 'prescribed',
  recommend: 'recommended',
  refer: 'referred',
  order: 'ordered',
  twist: 'twisted',
  injure: 'injured',
  land: 'landed',
  slip: 'slipped',
  trip: 'tripped',
  pop: 'popped',
};
/** An affirmative "did" or "does" before a bare verb stresses it; a note states the verb ("did put" → "put"). */
const EMPHATIC = new RegExp(`\\b(did|does) (${Object.keys(PAST).join('|')})\\b`, 'gi');

/**
 * Words of speech that hedge or mark the talk and carry nothing in a history ("just", "actually", "really"); not
 * "not really" nor ", just …" ("no weakness, just the numbness": only the numbness).
 */
const HEDGES =
  /,?\s*\b(?:(?<!,\s?)just|actually|(?<!\bnot )really|basically|literally|honestly|definitely|pretty much|you know|i mean)\b,?/gi;
/** Colour said before the story: "Hands down, …", "Thankfully, …", "I'm serious, …". */
const COLOUR_LEAD =
  /^(?:(?:hands down|thankfully|luckily|seriously|believe me|to be honest|(?:i'm|she's|he's|they're) serious|no joke|oh my (?:gosh|god|goodness)|gosh|man|boy|anyway|anyways),?\s+)+/i;
/** "…hurts up here", "…right here on the side": a place pointed at. */
const POINTED =
  /(?<!\b(?:move|moves|go|goes|come|comes|reach|lift|raise|put|bring))\s+(?:right )?(?:right|up|down|over|back|in|around)(?: right)? here\b(?=[,.!?]|$|\s+(?:and|but|so|on|in|at)\b)/gi;
/** A trailing comment on the story: "…, and it felt ridiculous", "…or what", "…, I guess". */
const CHAT_TAIL =
  /,?\s+(?:(?:and|but|so) )?(?:(?:it|that|which) (?:felt|was|is|seemed|seems|sounds?) (?:so |kind of |pretty |a little |a bit )?(?:ridiculous|crazy|weird|funny|silly|stupid|brutal|awful|insane|nuts|wild|annoying)|(?:i|she|he|they) (?:guess|suppose)|or (?:what|whatever|something)|(?:she|he|they) (?:don't|doesn't|do not|does not) know(?: why)?)(?=[.!]?$)/i;
/** "…if that was the issue or what": a trailing clause that ends on a shrug keeps nothing of it. */
const SHRUG_CLAUSE =
  /,?\s+(?:(?:and|but|so) )?(?:she|he|they) (?:is|are|was|were) not sure (?:if|whether) [^,.]*\bor (?:what|whatever|not)(?=[.!]?$)/i;

/**
 * A copied history sentence in a note's register: the patient's "we" as the patient, hedges and discourse markers out
 * ("just", "actually", "really", "you know"), an emphatic "did put" as "put", a leading aside ("Hands down, …") and a
 * trailing comment ("…, and it felt ridiculous", "…or what") off. What the sentence states is kept word for word.
 */
export function storyInNoteRegister(sentence: string, sex: Sex): string {
  const end = /[.!?]$/.test(sentence) ? sentence.slice(-1) : '';
  let t = patientWeToThird(sentence.slice(0, sentence.length - end.length), sex);
  t = t
    .replace(COLOUR_LEAD, '')
    // "Sometime their belly hurts up here": where the patient pointed says nothing in a note; "sometime" was "sometimes".
    .replace(POINTED, '')
    .replace(/^sometime (?=(?:she|he|they|her|his|their|it|the)\b)/i, 'Sometimes ')
    .replace(SHRUG_CLAUSE, '')
    .replace(CHAT_TAIL, '')
    .replace(HEDGES, (m) => (m.trim().startsWith(',') ? ', ' : ' '))
    .replace(EMPHATIC, (m, aux: string, verb: string) => {
      const v = verb.toLowerCase();
      return aux.toLowerCase() === 'did' ? PAST[v]! : thirdPersonVerb(v);
    })
    .replace(/\s+,/g, ',')
    .replace(/,\s*,/g, ',')
    .replace(/,\s*(?=[.!?]|$)/g, '')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .replace(/\s{2,}/g, ' ');
  if (t.split(' ').length < 3) return sentence;
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${end}`;
}

/**
 * The doctor's question run into the patient's turn by unpunctuated speech ("it really hurts how long has this been
 * going on i would say off and on for about two weeks"): the question goes, the answer stays with the clause before.
 */
const RUN_IN_QUESTION =
  /,?\s*\b(?:(?:okay|ok|alright|all right|and|so|now)\s+)*(?:how long has (?:this|that|it) been (?:going on|happening|bothering (?:you|them|her|him))|how long have (?:you|they|he|she) (?:had|been having) (?:this|that|it|these|them)|when did (?:this|that|it) (?:all )?(?:start|begin))\b\s*/gi;
/** A reported-speech frame around what the patient said ("they would say", "I'd say"): "about" waits for the number. */
const SAY_FRAME = /\s*\b(?:(?:about|around|like)\s+)?(?:that\s+)?(?:she|he|they|i) (?:would|'d) say(?: that)?\b,?\s*/gi;
/** "She said something about their kidneys": someone else's words, of which the patient kept only the subject. */
const VAGUE_REPORT =
  /^(?:she|he|they|the (?:doctor|nurse|physician)) (?:said|mentioned|told (?:her|him|them)) something about\b/i;
/**
 * A subject restarted after an auxiliary ("they don't they can't think of…", "they are and they are still…", "they are
 * and this morning they started…"): the last version is kept.
 */
const RESTART_AUX =
  /\b(she|he|they|it|i|we) (?:don't|doesn't|didn't|can't|couldn't|won't|wasn't|weren't|isn't|aren't|haven't|hasn't|do|does|did|can|could|was|were|is|are|have|has|had),?\s+(?:(?:always|never|just|really|already|still|also|ever)\s+)?(?:(?:yes|yeah|no|well),?\s+){0,2}(?:and,?\s+)?(?=(?:(?:this|last|that) (?:morning|night|week|evening),?\s+|(?:then|now),?\s+)?\1\s)/gi;
/** A subject and verb said again after a hedge ("it hurts not every time it hurts when…"): the last version is kept. */
const RESTART_CLAUSE = /\b((?:she|he|they|it|i|we) [a-z']+) (?:not|like|really|just)\b(?: [a-z']+){0,3}? (?=\1\b)/gi;

/** A clause's opening said twice over ("they do not know if that they do not know if that is…"): said once. */
const REPEATED_CLAUSE = /\b((?:she|he|they|i|we) [a-z']+(?: [a-z']+){2,5}),?\s+(?=\1\b)/gi;

/**
 * Repairs of a copied history sentence that speech leaves in it: a run-in question and reported-speech frames go,
 * and a restarted clause keeps only its last version. Null when what is left says nothing alone ("She said something
 * about their kidneys.").
 */
export function withoutSpokenFrames(sentence: string): string | null {
  const end = /[.!?]$/.test(sentence) ? sentence.slice(-1) : '';
  const body = sentence.slice(0, sentence.length - end.length);
  if (VAGUE_REPORT.test(body) && body.split(/\s+/).length <= 9) return null;
  const t = body
    .replace(RUN_IN_QUESTION, ', ')
    .replace(SAY_FRAME, ' ')
    .replace(RESTART_AUX, '')
    .replace(RESTART_CLAUSE, '')
    .replace(REPEATED_CLAUSE, '')
    .replace(/\s+,/g, ',')
    .replace(/,\s*,/g, ',')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .replace(/\s{2,}/g, ' ');
  if (t === body) return sentence;
  if (t.split(' ').length < 3) return null;
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${end}`;
}

/**
 * The patient denying an injury at length ("i don't remember an injury if it was something that i injured i think i
 * would have just ignored it", "i can't think of anytime if i fell"): a note says "denies trauma". Not when the patient
 * only forgets how it happened ("i don't remember how i fell").
 */
const NO_TRAUMA =
  /\b(?:don't|do not|can't|cannot|doesn't|does not|didn't|did not) (?:really )?(?:remember|recall|think of|know of)(?: (?:any(?:thing|time| time)?|an?|ever))?(?: specific)? (?:injury|trauma|accident|incident|event|injuring|hurting|falling|a fall|(?:if|when|that) (?:she|he|they|i) (?:ever )?(?:fell|injured|hurt|twisted|hit|did anything))\b/i;

/** Whether a copied sentence is a long-winded denial of injury, to be written "denies trauma or injury". */
export function deniesTrauma(sentence: string): boolean {
  const m = NO_TRAUMA.exec(sentence);
  if (!m || sentence.split(/\s+/).length < 8) return false;
  // "…, but when it got red and warm…": a story after the denial is more than a denial.
  return !/\bbut\b/i.test(sentence.slice(m.index + m[0].length));
}

/**
 * An answer that leaves its subject in the question ("have you noticed any blood in your stools?" "I did about three
 * years ago"): the auxiliary alone, then a time or nothing.
 */
const ELLIPTICAL_ANSWER =
  /^(?:she|he|they|i) (?:did|do|does|have|has|had|was|were)(?=,?\s+(?:about|around|like|maybe|probably|once|twice|a few|a couple|\d|last|in|back|before|years?|when|a while|at one point)\b|[,.]?$)/i;
const YES_NO_ITEM =
  /\b(?:have|has|did|do|does) (?:you|she|he|they) (?:ever )?(?:noticed|notice|had|have|seen|see|experienced|experience|felt|feel|gotten|get|got)(?: any)? (.+?)[?.]?$/i;

/**
 * The elliptical answer written with what the question asked about ("She reports blood in her stools about 3 years
 * ago, …"); null when the sentence is not one, '' when it is but the question names nothing to write it with.
 */
export function answerWithQuestion(
  sentence: string,
  question: string | undefined,
  sex: Sex,
  clinical: (text: string) => boolean,
): string | null {
  const m = ELLIPTICAL_ANSWER.exec(sentence);
  if (!m) return null;
  const item = question
    ? YES_NO_ITEM.exec(question.replace(/\s+(?:or anything(?: like that)?|at all)\s*\??$/i, ''))
    : null;
  if (!item || item[1]!.split(' ').length > 6 || !clinical(item[1]!.toLowerCase())) return '';
  const what = toThirdPerson(item[1]!, 'doctor', sex).replace(/[?.]$/, '');
  const rest = sentence
    .slice(m[0].length)
    .replace(/^,?\s*/, ' ')
    .replace(/\s+$/, '');
  return `${subjectName(sex)} reports ${what}${rest === ' ' ? '.' : rest}`.replace(/([^.!?])$/, '$1.');
}

/**
 * "Not if they are on their feet for a long time they will notice a little bit of swelling but otherwise no": the
 * answer's "not" negates the question; what it says is the clause after the condition, under that condition.
 */
const NOT_UNLESS =
  /^(?:no,?\s+)?not (?:if|unless|when) ((?:she|he|they) [^,]+?),?\s+((?:she|he|they) (?!are\b|is\b|have\b|has\b)[a-z']+ [^,]+?)(?:,?\s+(?:but\s+)?otherwise,?\s+(?:no|not|none|nothing|fine|okay))?[.!]?$/i;
/** How often, said as the whole answer ("just once in a while for my knee pain"). */
const HOW_OFTEN =
  /^(?:(?:yes|yeah|yep|sometimes yes),?\s+)?(?:just |only |maybe )?(once in a while|every once in a while|occasionally|sometimes|rarely|on occasion|every (?:day|night|morning)|(?:once|twice|a few times|a couple (?:of )?times) a (?:day|week|month))\b,?\s*(?:for (?:(?:her|his|their|the|my) )?(?:like )?(?:any |some )?(.+?))?(?:,?\s+(?:but|and) .*)?[.!]?$/i;
/** What the question asks is taken ("do you take any nonsteroidals like advil or motrin or aleve"). */
const TAKES_Q =
  /\b(?:do|did) (?:you|they|she|he) (?:ever |still |also )?(?:take|use) (?:any |anything |something )?(?:like )?(.+?)\s*[?.]?$/i;

/**
 * An answer that stands only with its question: "Not if …, they will notice swelling" → "They will notice swelling if
 * …"; "Just once in a while for my knee pain" to "do you take advil?" → "She takes Advil once in a while for knee
 * pain.". Null when the sentence is no such answer.
 */
export function answerFragment(
  sentence: string,
  question: string | undefined,
  sex: Sex,
  clinical: (text: string) => boolean,
): string | null {
  const body = sentence.replace(/[.!?]$/, '');
  const unless = NOT_UNLESS.exec(body);
  if (unless && clinical(unless[2]!.toLowerCase()))
    return `${cap1(unless[2]!)} if ${unless[1]!.charAt(0).toLowerCase()}${unless[1]!.slice(1)}.`;
  const often = HOW_OFTEN.exec(body);
  const asked =
    often && question ? TAKES_Q.exec(question.replace(/\s+(?:or anything(?: like that)?|at all)\s*\??$/i, '')) : null;
  if (!often || !asked) return null;
  const what = toThirdPerson(asked[1]!, 'doctor', sex).replace(/[?.]$/, '');
  if (what.split(' ').length > 8 || !clinical(what.toLowerCase())) return null;
  // "…for any knee pain or back pain that they have": what it is for, without the relative clause.
  const why = often[2]?.replace(/\s+that (?:she|he|they) (?:have|has|get|gets)$/i, '').trim();
  const p = pronouns(sex);
  const verb = p.singular ? 'takes' : 'take';
  return `${cap1(p.subj)} ${verb} ${what} ${often[1]!.toLowerCase()}${why ? ` for ${why}` : ''}.`;
}

const PAST_FRAME = /\b(?:in the past|used to|previously|normally|usually|before (?:this|that|then|all this))\b/;
const NEGATED_CLAUSE = /\b(?:not|never|no)\b|n't\b/;
const NOW_CONTRAST = /^(?:(?:and|but)\s*,?\s+)?(?:now|lately|recently|these days)\b/;

/**
 * A sentence whose polarity holds only against the next ("…things i've done in the past every day, and i haven't
 * gotten tired." "and now, i've been getting tired."): alone it says the opposite of what the patient meant. The past
 * may be set in the sentence before (`prevLower`).
 */
export function contrastDependent(lower: string, nextLower: string | undefined, prevLower = ''): boolean {
  return (
    !!nextLower &&
    NOW_CONTRAST.test(nextLower) &&
    NEGATED_CLAUSE.test(lower) &&
    (PAST_FRAME.test(lower) || PAST_FRAME.test(prevLower))
  );
}

/** "She is doing okay except for her elbow", "they are doing pretty good but …": how the patient is, said as a greeting. */
const DOING_OK =
  /^(?:(?:overall|so far|otherwise),?\s+)?(she|he|they) (?:is|are) (?:doing|feeling) (?:(?:pretty|really|fairly|very|quite|overall|mostly) )?(?:okay|ok|alright|all right|well|good|fine|great)\b,?\s*(.*?)[.!]?$/i;
/** What follows "doing okay" that only names the complaint the visit is for ("except for this ankle pain"). */
const SAVE_FOR = /^(?:except for|other than|aside from|apart from|besides|outside of|except)\b/i;
/** A mood said straight after "doing pretty good" ("i'm doing pretty good depressed"). */
const MOOD_WORD =
  /^(?:a (?:little|bit) )?(depressed|anxious|tired|stressed|sad|down|worried|nervous|exhausted|overwhelmed)$/i;

/**
 * A copied sentence that opens on how the patient is doing, as said in greeting: "She is doing okay except for her
 * elbow." says only the complaint the note opens with (null: left out); "They are doing well but their big toe hurts"
 * keeps what follows the "but", reported ("The patient reports that their big toe hurts"); "They are doing pretty good depressed" keeps the mood ("They are feeling depressed.").
 * Other sentences are returned unchanged.
 */
export function withoutDoingOkay(sentence: string, sex: Sex): string | null {
  const m = DOING_OK.exec(sentence);
  if (!m) return sentence;
  const who = m[1]!.toLowerCase();
  const tail = m[2]!.trim();
  if (!tail || SAVE_FOR.test(tail)) return null;
  const mood = MOOD_WORD.exec(tail);
  if (mood) return `${cap1(who)} ${who === 'they' ? 'are' : 'is'} feeling ${tail.toLowerCase()}.`;
  const but = /^(?:but|although|though|however),?\s+(.+)$/i.exec(tail);
  if (but && /^(?:she|he|they|their|her|his|it|the|there)\b/i.test(but[1]!) && but[1]!.split(/\s+/).length >= 3)
    return `${subjectName(sex)} reports that ${but[1]!}.`;
  return sentence;
}

function cap1(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** "Always have like the tension headaches in the front.": a clause cut from its subject, a frequency and a bare verb. */
const SUBJECTLESS =
  /^(always|usually|often|sometimes|occasionally|still|never) (have|get|feel) (?:like )?(?:the )?(.+)$/i;

/**
 * A clause split from its subject ("Always have like the tension headaches in the front.") given the patient as
 * subject ("They always have tension headaches in the front."); other sentences unchanged.
 */
export function withPatientSubject(clause: string, sex: Sex): string {
  const m = SUBJECTLESS.exec(clause);
  if (!m) return clause;
  const p = pronouns(sex);
  const verb = p.singular ? thirdPersonVerb(m[2]!.toLowerCase()) : m[2]!.toLowerCase();
  return `${cap1(p.subj)} ${m[1]!.toLowerCase()} ${verb} ${m[3]}`;
}

/** "It was higher than 9.": a value compared with a number, its subject in the question it answers. */
const COMPARED_VALUE =
  /^(?:it|that) (?:was|is)(?: (?:definitely|probably|still|a little|a bit|much|way))? (higher|lower|above|below|over|under|more|less)(?: than)? (\d+(?:\.\d+)?)[.!]?$/i;
/** What a question asks the value of ("what your last hemoglobin a1c was"). */
const ASKED_VALUE =
  /\b(?:your|the|his|her|their) ((?:last |latest |most recent |recent )?)(hemoglobin a1c|a1c|blood sugars?|sugars?|blood pressure|cholesterol|weight|temperature|fever|heart rate|pulse|oxygen)\b/gi;

/**
 * A value compared with a number whose subject is only in the question ("was your last a1c above nine?" "it was
 * higher than nine") written with it: "Their last hemoglobin A1c was higher than 9."; null when it is such a
 * sentence and the question names no value; undefined when it is not one.
 */
export function comparedValue(sentence: string, question: string | undefined, sex: Sex): string | null | undefined {
  const m = COMPARED_VALUE.exec(sentence);
  if (!m) return undefined;
  // The value named last in the question, nearest to the number it asked about.
  const v = question ? [...question.matchAll(ASKED_VALUE)].pop() : null;
  if (!v) return null;
  const name = v[2]!.toLowerCase().replace(/\ba1c\b/, 'A1c');
  const was = /s$/.test(name) ? 'were' : 'was';
  return `${cap1(pronouns(sex).poss)} ${v[1]!.toLowerCase()}${name} ${was} ${m[1]!.toLowerCase()} than ${m[2]}.`;
}

/** "yeah i did my wife and …": the answer's "yes, I did" before the story it opens. */
const AFFIRMED_LEAD =
  /^(?:(?:yeah|yes|yep|well|so|um|uh|oh)[,\s]+)*(?:i|we) (?:did|do|have|was)[,\s]+(?=(?:my|our|we|i)\s)/i;
/** When it happened, as the sentence before an injury story says it. */
const SETTING_TIME =
  /\b(?:yesterday|last (?:night|week|weekend)|this morning|over the weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:a|\d+|two|three|four|five|six) days? ago)\b/;
/** An injury told ("stepped off the curb and landed on it wrong"). */
const INJURY_STORY =
  /\b(?:stepped (?:off|on|down|wrong)|fell|slipped|tripped|twisted|landed|rolled (?:it|my)|hurt (?:it|my)|injured|popped|ran into|collided)\b/;
const COMPANIONS: Record<string, 'her' | 'him' | 'either'> = {
  wife: 'her',
  girlfriend: 'her',
  mom: 'her',
  mother: 'her',
  sister: 'her',
  daughter: 'her',
  husband: 'him',
  boyfriend: 'him',
  dad: 'him',
  father: 'him',
  brother: 'him',
  son: 'him',
  friend: 'either',
  partner: 'either',
};
const COMPANION = new RegExp(`\\b(?:my|our) (${Object.keys(COMPANIONS).join('|')})\\b`);
/** "my wife and i were on a walk yesterday" → "i was on a walk with my wife yesterday". */
const WITH_COMPANION = new RegExp(
  `^(?:my|our) (${Object.keys(COMPANIONS).join('|')}) and i (?:were|was) (.+?)((?: ${SETTING_TIME.source})?)$`,
);

/**
 * The patient's sentence that sets the scene of the injury the next sentence in the turn tells ("yeah i did my wife
 * and i were on a walk yesterday" before "…stepped off the curb and landed on it wrong"): it gives the day, so it is
 * history though it names nothing clinical. Returned without the answer's "yeah I did" and with the companion after
 * the patient ("i was on a walk with my wife yesterday"); null when the sentence is not one.
 */
export function storySetting(lower: string, nextLower: string | undefined): string | null {
  if (!nextLower || !INJURY_STORY.test(nextLower) || !SETTING_TIME.test(lower)) return null;
  const t = lower.replace(AFFIRMED_LEAD, '').trim();
  if (t.split(/\s+/).length > 16 || !/\b(?:i|we) (?:was|were)\b/.test(t)) return null;
  const m = WITH_COMPANION.exec(t);
  return m ? `i was ${m[2]} with my ${m[1]}${m[3]}` : t;
}

/**
 * "…my wife and i were on a walk" "and i was talking to her and stepped off the curb": the "her" (or "him") of the
 * sentence after is the companion just named, written as that person ("talking to my wife"); null when the sentence
 * before names none, or the pronoun does not fit.
 */
export function withCompanion(lower: string, prevLower: string): string | null {
  const c = COMPANION.exec(prevLower);
  if (
    !c ||
    /\b(?:doctor|nurse|dr|physician|mom|dad|mother|father|son|daughter|sister|brother|wife|husband|friend)\b/.test(
      lower,
    )
  )
    return null;
  const who = COMPANIONS[c[1]!]!;
  const pron = who === 'either' ? 'her|him' : who;
  // An object, not a possessive ("with her dog"): nothing but a clause boundary follows it.
  const re = new RegExp(
    `\\b(to|with|at|for|behind|beside|near) (${pron})(?=$|[,.!?]|\\s+(?:and|but|so|when|while|as|about|on|in|at|because|then)\\b)`,
  );
  const m = re.exec(lower);
  if (!m) return null;
  return lower.slice(0, m.index) + `${m[1]} my ${c[1]}` + lower.slice(m.index + m[0].length);
}

/** What a patient keeps to, as a note names it ("taking my medications" → "medications"). */
const ADHERED: Array<[RegExp, string]> = [
  [/\btak(?:e|ing) (?:all )?(?:my |his |her |the )?(?:medications?|medicines?|meds|pills)\b/, 'medications'],
  [/\b(?:watch(?:ing)?|follow(?:ing)?|stick(?:ing)? to) (?:my |his |her |the )?diet\b/, 'diet'],
  [/\bexercis(?:e|ing) regularly\b/, 'regular exercise'],
  [/\bexercis(?:e|ing)\b/, 'exercise'],
  [/\b(?:check(?:ing)?|monitor(?:ing)?) (?:my |his |her )?(?:blood )?(?:sugars?|glucose)\b/, 'blood sugar monitoring'],
];
/** "been pretty good taking my medications, watching my diet, …": a subjectless answer about keeping to a regimen. */
const GOOD_ABOUT =
  /^(?:(?:um|uh|well|yeah|yes|oh)\W+)*(?:i'?ve |i have )?been (?:pretty |really |very |quite )?good (?:about |with |at )?/;

/**
 * A patient's report of keeping to medications, diet and exercise as a note states it: "um, been pretty good taking my
 * medications, watching my diet, trying to exercise regularly" → "He reports good adherence to medications, diet and
 * regular exercise."; null for any other sentence.
 */
export function adherenceReport(lower: string, sex: Sex): string | null {
  const m = GOOD_ABOUT.exec(lower);
  if (!m) return null;
  const rest = lower.slice(m[0].length);
  if (/\b(?:not|n't|never)\b/.test(rest)) return null;
  const items: string[] = [];
  for (const [re, name] of ADHERED)
    if (re.test(rest) && !items.some((i) => i.includes(name) || name.includes(i))) items.push(name);
  if (items.length < 2) return null;
  return `${subjectName(sex)} reports good adherence to ${listing(items)}.`;
}

/**
 * Intensifiers and fillers a history keeps from speech: "pretty sore" is sore, "kind of sharp" is sharp, "had to like
 * stop" is "had to stop", "a little bit of swelling" is some swelling and "a little bit dizzy" a little dizzy. Not "a
 * kind of rash" nor "what sort of pain" (a kind named), nor "feels like" (a likeness).
 */
const PRETTY = /\bpretty (?!much\b|little\b|sure\b|certain\b|bad\b)(?=[a-z])/gi;
const KIND_OF =
  /(?<!\b(?:a|an|the|what|which|any|some|this|that|these|those|no|every|each|one|same|different|other|another|all|certain|weird|strange|new)\s)\b(?:kind|sort) of\s+(?=[a-z])/gi;
const FILLER_LIKE = /\b(to|and|take|takes|took|have|has|had) like (?=[a-z])(?!an? \d)/gi;
const LITTLE_BIT_OF = /\ba (?:little|tiny) bit of (?:an? )?/gi;
const LITTLE_BIT = /\ba (?:little|tiny) bit\b/gi;

export function withoutIntensifiers(text: string): string {
  return text
    .replace(LITTLE_BIT_OF, (m) => (m.charAt(0) === 'A' ? 'Some ' : 'some '))
    .replace(LITTLE_BIT, (m) => (m.charAt(0) === 'A' ? 'A little' : 'a little'))
    .replace(PRETTY, '')
    .replace(KIND_OF, '')
    .replace(FILLER_LIKE, '$1 ')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[a-z]/, (c) => c.toUpperCase());
}

/**
 * A word a sentence cannot end on: speech cut off mid-clause ("…has not hurt himself in quite.", "The occupational
 * therapy says.", "…they do not see anything in.", "Despite how active they have never.").
 */
const CUT_OFF =
  /(?<![a-z'-])(?:the|a|an|and|or|but|which|because|their|my|your|our|whether|than|very|really|just|into|its|quite|never|says|i|we|he|she|they|(?<=\b(?:anything|something|nothing|everything) )in)$/i;
/** Once a cut-off word is gone, a preposition left at the end hangs too ("…hurt himself in [quite a while]"). */
const CUT_PREPOSITION = /(?<![a-z'-])(?:in|on|of|at|for|with|from|to|about)$/i;
/** Words that make a clause (see register.ts VERB): without one, what is left of a cut sentence is not a sentence. */
const CLAUSE_VERB =
  /(?<![a-z'-])(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|can|could|cannot|should|may|might|must|gets?|got|takes?|took|feels?|felt|hurts?|reports?|states?|denies|went|came|\w+ed)(?![a-z'-])/i;

/**
 * A history sentence speech left cut off loses its hanging end back to the last word that can end a clause ("He
 * reports that he has not hurt himself in quite." → "He reports that he has not hurt himself."). What is left must
 * still be a clause of four words or more; otherwise the sentence goes when it names nothing clinical (`anchored`),
 * and stays as it was when it does: a fact is never dropped for its wording. Null: the sentence goes.
 */
export function withoutCutOffEnd(sentence: string, anchored: (lower: string) => boolean): string | null {
  const end = /[.!?]$/.test(sentence) ? sentence.slice(-1) : '';
  let body = sentence.slice(0, sentence.length - end.length).trim();
  if (!CUT_OFF.test(body)) return sentence;
  while (CUT_OFF.test(body) || CUT_PREPOSITION.test(body)) body = body.replace(/[\s,;:-]*\S+$/, '');
  body = body.replace(/[\s,;:-]+$/, '');
  const words = body ? body.split(/\s+/) : [];
  // A subordinate clause left alone ("Despite how active") is no sentence either.
  if (
    words.length >= 4 &&
    CLAUSE_VERB.test(body) &&
    !/^(?:despite|although|though|if|when|because|while)\b/i.test(body)
  )
    return `${body}${end || '.'}`;
  return anchored(sentence.toLowerCase()) ? sentence : null;
}

/**
 * A fragment without a subject that opens on "not" ("Not out of the ordinary and not surprised because he remembers
 * that from 2 years ago.", "Not good enough to run yet, but everything else works fine."): an answer to a question it
 * does not carry. It goes when it names nothing clinical; "Not while sleeping, but … they get out of breath" stays.
 */
export function subjectlessNot(sentence: string, anchored: (lower: string) => boolean): boolean {
  const m = /^not\b(?! only\b)([^,;]*)/i.exec(sentence);
  if (!m) return false;
  // "Not ... he remembers" has a subject only after a subordinator: the opening clause itself has none.
  const head = m[1]!.split(/\b(?:because|but|so|and then)\b/i)[0]!;
  if (/\b(?:i|he|she|they|it|we|the patient|there)\b/i.test(head)) return false;
  return !anchored(sentence.toLowerCase());
}

/** "He reports chills." / "The patient also reports possible numbness.": a symptom line that names only symptoms. */
const BARE_REPORT =
  /^(?:she|he|they|the patient) (?:also )?reports (possible )?([a-z' -]+(?:, [a-z' -]+)*(?:,? and [a-z' -]+)?)\.$/i;
const STATES_HAD =
  /\b(?:reports?|reported|present\w*|complain\w*|for|with|of|has|have|had|having|gets?|got|getting|feels?|felt|feeling|notic\w*|describ\w*|experienc\w*|started|developed|suffer\w*)\b/;
const REPORT_NEG = /\b(?:denies|denied|no|not|never|without|nor|none)\b|n't\b/;

/**
 * A bare report of symptoms ("He reports weight gain.") that another line of the history already states as present
 * ("He reports some weight gain over the summer …", "…presents today with complaints of joint pain") says it twice:
 * it goes. So does "reports possible numbness" beside a line that states the numbness. A line stating it denied
 * ("denies nasal congestion") is no such statement, nor is a line that only says it with a duration of its own
 * dropped here.
 */
export function withoutRepeatedReports<T extends { text: string }>(lines: T[]): T[] {
  const dropped = new Set<number>();
  lines.forEach((l, i) => {
    if (i === 0) return;
    const m = BARE_REPORT.exec(l.text);
    if (!m) return;
    const items = m[2]!
      .toLowerCase()
      .split(/,\s*(?:and\s+)?|\s+and\s+/)
      .map((x) => x.trim())
      .filter(Boolean);
    if (!items.length || items.some((x) => x.split(/\s+/).length > 4)) return;
    const stated = (item: string) =>
      lines.some((o, j) => {
        if (j === i || dropped.has(j)) return false;
        const lower = o.text.toLowerCase();
        // Another bare report of the same thing with "possible" does not state it.
        if (BARE_REPORT.exec(o.text)?.[1]) return false;
        const at = new RegExp(`\\b${escapeRe(item)}\\b`).exec(lower);
        if (!at) return false;
        // The clause the item stands in must not deny it.
        const before = lower
          .slice(0, at.index)
          .split(/[,;.]|\bbut\b/)
          .pop()!;
        // …and states it as had, felt or reported ("Last night they were chills" states nothing so).
        return (
          !REPORT_NEG.test(before) &&
          STATES_HAD.test(before) &&
          !/^\s*(?:or|nor)\b/.test(lower.slice(at.index + item.length))
        );
      });
    if (items.every(stated)) dropped.add(i);
  });
  return dropped.size ? lines.filter((_, i) => !dropped.has(i)) : lines;
}

/** A history line's report frame ("He reports that he …", "The patient states that they …"). */
const REPORT_FRAME = /^(she|he|they|the patient) (?:also )?(?:reports|states|says|notes) that (she|he|they) /i;
/** A clause with a verb of its own: what a belief is about must be a statement, not a time alone. */
const BELIEF_CLAUSE =
  /^(?:(?:she|he|they|it|this|that|there|the \w+|her \w+|his \w+|their \w+) )(?:\w+ )?(?:is|are|was|were|has|have|had|did|does|do|can|could|will|would|might|may|\w+ed|\w+s)\b/i;
/** What the patient did or was doing, said as the explanation: "he was sitting …", "they had the heater on". */
const CAUSE_CLAUSE = `(she|he|they) (?:(?:was|were|is|are|has been|have been|had been) ([a-z]+ing\\b[^.;,]*)|had ([^.;,]+))`;
/** "… but that is because he was sitting …": the patient's own explanation of what the line reports. */
const ATTRIBUTED = new RegExp(
  `,? (?:but|and) (?:that|it) (?:is|was) (?:just |probably |only |mostly |likely )?because ${CAUSE_CLAUSE}(?=[.,;])`,
  'i',
);
/** "… because he thinks he is favoring his back …": the explanation said as the patient's belief. */
const BELIEVED_CAUSE = new RegExp(
  `,? because (she|he|they) (?:think|thinks|believe|believes) (?:that )?(?:it is )?${CAUSE_CLAUSE}(?=[.,;])`,
  'i',
);
/** "She states that she thinks it is because she has been skipping …": the whole line is the explanation. */
const BELIEVED_REASON = new RegExp(
  `^(she|he|they|the patient) (?:(?:also )?(?:reports|states|says|notes) that (?:she|he|they) )?(?:think|thinks|believe|believes) (?:that )?(?:it is|this is) (?:probably |mostly |likely )?because ${CAUSE_CLAUSE}(?=[.,;])`,
  'i',
);
/** A trailing aside that says only what the patient cannot tell ("… so he cannot say.", "… but she is not sure."). */
const CANNOT_TELL =
  /,? (?:so|and|but) (?:she|he|they) (?:cannot|could not|does not|do not) (?:really )?(?:say|tell|know)\.$|,? (?:so|and|but) (?:she|he|they) (?:is|are) not (?:really )?sure\.$/i;
/** A line whose only statement is what the patient does not know ("She states that she does not know if it …"). */
const ONLY_UNSURE =
  /^(?:she|he|they|the patient) (?:also )?(?:reports|states|says|notes) that (?:she|he|they) (?:does not|do not) know (?:if|whether)\b(?!.*\bbut\b)|^(?:she|he|they) (?:is|are) not sure (?:if|whether)\b(?!.*\bbut\b)/i;
/** "He reports that he has noticed …": the frame over what was noticed. */
const NOTICED =
  /^(she|he|they|the patient) (?:also )?(?:reports|states|says|notes) that (?:she|he|they) (also )?(has noticed|have noticed|noticed)(?: that)? /i;
/** "He states that he also forgot to mention that …": the frame over what was said. */
const MENTIONED =
  /^(?:she|he|they|the patient) (?:also )?(?:reports|states|says|notes) that (?:she|he|they) (?:also )?(?:forgot|wanted|wants|want) to mention(?: that)? /i;
/** "a couple of days back" is a couple of days ago (not "days back pain", nor "2 weeks back in January"). */
const DAYS_BACK =
  /\b((?:a|one|two|three|four|five|six|few|several|couple of|\d+) (?:days?|weeks?|months?|years?)) back\b(?! (?:pain|spasms?|injury|surgery|problems?|in|when|then)\b)/gi;
/** Contractions the rules read in full; the note writes them in full too. */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\b(it|that)'s been\b/gi, '$1 has been'],
  [/\b(it|that)'s\b/gi, '$1 is'],
  [/\bcan't\b/gi, 'cannot'],
  [/\bcouldn't\b/gi, 'could not'],
  [/\b(do|does|did|is|was|are|were)n't\b/gi, '$1 not'],
];

const believes = (subject: string) => (/^they$/i.test(subject) ? 'believe' : 'believes');
const attributes = (subject: string) => (/^they$/i.test(subject) ? 'attribute' : 'attributes');
/** What the patient did, as the noun of an attribution: "was sitting in the car" → "sitting in the car". */
const causeOf = (m: RegExpExecArray, at: number) => m[at + 1] ?? `having ${m[at + 2]!}`;

/**
 * The patient's reasoning in a history line written as a note writes it, never changing who or what is said:
 * - a belief under a report frame is the patient's belief ("He reports that he thinks he had a seizure." → "He
 *   believes he had a seizure.") where what is believed is a clause of its own, and not a feeling;
 * - the patient's explanation is an attribution ("He reports that he was nauseous a couple of days back but that is
 *   because he was sitting in the back of a car." → "He was nauseous a couple of days ago, which he attributes to
 *   sitting in the back of a car."; "She states that she thinks it is because she has been skipping her metformin"
 *   → "She attributes this to skipping her metformin"), the frame cut since the attribution says whose account it
 *   is, and only where the explanation is the subject's own ("he … because he");
 * - an aside that says only what the patient cannot tell goes ("… so he cannot say."), and the line with it when
 *   what is left names no symptom, condition or drug (`anchored`); so does a line whose only statement is that the
 *   patient does not know whether something is so, with nothing after it ("… but it started around then" stays);
 * - "reports that he has noticed" is "has noticed", "states that she forgot to mention that X" is X, and "a couple of
 *   days back" is "a couple of days ago".
 * A line none of these changes comes back as it was. Null: the line goes.
 */
export function withReasoningAsNote(text: string, anchored: (lower: string) => boolean): string | null {
  const full = CONTRACTIONS.reduce((t, [re, to]) => t.replace(re, to), text);
  if (ONLY_UNSURE.test(full)) return null;
  let t = full;
  const aside = CANNOT_TELL.exec(t);
  if (aside) {
    t = `${t.slice(0, aside.index)}.`;
    if (!anchored(t.replace(REPORT_FRAME, '').toLowerCase())) return null;
  }
  const reason = BELIEVED_REASON.exec(t);
  const said = reason ? null : ATTRIBUTED.exec(t);
  const thought = reason || said ? null : BELIEVED_CAUSE.exec(t);
  // The cause's own pronoun and where its clause starts: "because he thinks he was …" has two, which must agree.
  const cause = said ?? (thought && thought[1]!.toLowerCase() === thought[2]!.toLowerCase() ? thought : null);
  const at = thought ? 2 : 1;
  if (reason) {
    const subject = reason[1]!;
    const own = /^the patient$/i.test(subject) ? 'they' : subject;
    if (own.toLowerCase() === reason[2]!.toLowerCase()) {
      const after = t.slice(reason.index + reason[0].length).replace(/^[,;]\s*/, '; ');
      t = `${cap1(subject)} ${attributes(subject)} this to ${causeOf(reason, 2)}${after}`;
    }
  } else if (cause) {
    const head = t.slice(0, cause.index);
    const frame = REPORT_FRAME.exec(head);
    const who = frame ? frame[2]! : (/^(she|he|they)\b/i.exec(head)?.[1] ?? '');
    if (who.toLowerCase() === cause[1]!.toLowerCase()) {
      const stated = frame ? `${cap1(frame[2]!)} ${head.slice(frame[0].length)}` : head;
      const after = t.slice(cause.index + cause[0].length).replace(/^[,;]\s*/, '; ');
      t = `${stated}, which ${who.toLowerCase()} ${attributes(who)} to ${causeOf(cause, at)}${after}`;
    }
  }
  const belief =
    /^(she|he|they|the patient) (?:also )?(?:reports|states|says|notes) that (she|he|they) (?:think|thinks|believe|believes)(?: that)? /i.exec(
      t,
    );
  // "He states that he thinks he feels tired" is a feeling, hedged: not a belief.
  const believed = belief ? t.slice(belief[0].length) : '';
  if (belief && BELIEF_CLAUSE.test(believed) && !/^\S+ (?:\w+ )?(?:feels?|felt)\b/i.test(believed))
    t = `${cap1(belief[1]!)} ${believes(belief[1]!)} ${believed}`;
  const noticed = NOTICED.exec(t);
  if (noticed) {
    const verb =
      noticed[3]!.toLowerCase() === 'noticed'
        ? 'noticed'
        : /^they$/i.test(noticed[1]!)
          ? 'have noticed'
          : 'has noticed';
    t = `${cap1(noticed[1]!)} ${noticed[2] ?? ''}${verb} ${t.slice(noticed[0].length)}`;
  }
  const mention = MENTIONED.exec(t);
  if (
    mention &&
    /^[^,]+,? (?:\S+ )*?(?:is|are|was|were|has|have|had|became|started|\w+ed)\b/i.test(t.slice(mention[0].length))
  )
    t = cap1(t.slice(mention[0].length));
  t = t.replace(DAYS_BACK, '$1 ago');
  return t === full ? text : t;
}
