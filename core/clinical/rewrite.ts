/**
 * Rewriting spoken sentences into clinical prose: disfluency clean-up ("um", "you know", "i, i, i've"), spoken
 * contractions expanded, first/second person turned into third person with verb agreement ("i feel" → "she feels",
 * "your knee" → "her knee"). Only words of the source are kept or inflected: no content is added.
 */

import { voiceCommand } from './acts.js';
import { normalizeNumbers } from './numbers.js';
import { REPAIR_WORDS } from './self-repair.js';

export type Sex = 'male' | 'female' | null;

interface Pronouns {
  subj: string;
  obj: string;
  poss: string;
  refl: string;
  /** Whether the subject takes third-person-singular verbs ("she has"); "they" does not. */
  singular: boolean;
}

/** How a note names the patient as a sentence's subject: "She", "He", or "The patient" when the sex is unknown. */
export function subjectName(sex: Sex): string {
  const s = pronouns(sex).subj;
  return s === 'they' ? 'The patient' : s.charAt(0).toUpperCase() + s.slice(1);
}

export function pronouns(sex: Sex): Pronouns {
  if (sex === 'female') return { subj: 'she', obj: 'her', poss: 'her', refl: 'herself', singular: true };
  if (sex === 'male') return { subj: 'he', obj: 'him', poss: 'his', refl: 'himself', singular: true };
  return { subj: 'they', obj: 'them', poss: 'their', refl: 'themselves', singular: false };
}

/** Annotations an ASR engine or transcriber writes into the text: "<INAUDIBLE_SPEECH/>", "[inaudible]", "(laughs)". */
const ASR_TAGS = [
  /<\/?[a-z_][\w -]{0,40}\/?>/gi,
  /\[[^\]]{1,40}\]/g,
  /[(*](?:inaudible|unintelligible|indiscernible|crosstalk|laughs?|laughter|laughing|coughs?|coughing|sighs?|pause|silence|noise|background noise|music|clears throat|overlapping|unclear|blank_audio)\b[^)*]{0,30}[)*]/gi,
];

/** Whether `text` carries an ASR annotation (see `cleanSpoken`). */
export function hasAsrTag(text: string): boolean {
  return ASR_TAGS.some((re) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

/** Words before which "you know" is meant ("do you know", "if you know"); after which it is ("you know what"). */
const KNOW_BEFORE =
  "do|did|don't|didn't|does|doesn't|if|as|would|will|let|to|what|how|that|whether|you|we|never|already|might|may|should|could|can";
const KNOW_AFTER =
  'what|whether|if|how|where|when|who|why|anything|about|of|him|her|them|me|it|that|this|each|everything|someone|somebody|exactly';
/** Words that make "like" a comparison ("it feels like a burning", "more like two weeks", "i like to walk"). */
const LIKE_BEFORE =
  "feel|feels|felt|feeling|look|looks|looked|looking|seem|seems|seemed|sound|sounds|sounded|something|anything|nothing|things|stuff|would|i|you|we|they|don't|didn't|doesn't|more|just|kind|sort|exactly|much|really";
/** What a filler "like" goes before: an approximation or a number ("for like about a week", "like 150"). */
const APPROX =
  'about|around|maybe|probably|almost|literally|basically|totally|super|kinda|sorta|a couple|a few|a bit|a little|\\d+|one|two|three|four|five|six|seven|eight|nine|ten|once|twice|every|all the time';

const FILLERS = [
  // Set off by commas, a filler takes its commas with it ("having, uh, headaches" → "having headaches").
  /(?:,\s*)?(?<![\w-])(?:um+|uh+|uhm+|umm+|erm|hmm+|mmm+|mm-hmm|uh-huh|ah|oh)(?![\w-])(?:[,.]\s*|\s+|$)/gi,
  // Glued to the number that follows it in the transcript ("it's, uh0.6").
  /(?<![\w-])(?:um+|uh+)(?=\d)/gi,
  /,\s*you know,\s*/gi,
  new RegExp(`(?<!\\b(?:${KNOW_BEFORE})\\s)\\byou know(?:,\\s*|\\s+(?!(?:${KNOW_AFTER})\\b)|\\s*(?=[.?!]|$))`, 'gi'),
  /(?<!\b(?:what|you|that|if|do|don't)\s)\bi mean\b(?:,\s*|\s+(?!(?:it|that|is|was|by|to)\b)|\s*(?=[.?!]|$))/gi,
  // At the start of a sentence, "you know" and "i mean" only fill ("you know it's been going on for 4 days").
  /^\s*you know,?\s+(?!(?:what|whether|if|how|where|when|who|why|anything|about)\b)/i,
  /^\s*i mean,?\s+/i,
  /,\s*like,\s*/gi,
  // An exclamation set off by commas ("for like, gosh, two weeks"), and a "like" left before its comma.
  /(?:\blike\s*)?(?:,\s*)?(?<![\w-])(?:gosh|geez|jeez|golly|gee)(?![\w-])\s*,\s*/gi,
  /(?<!\b(?:something|things|stuff|feel|feels|felt|look|looks|looked|seem|seems|sound|sounds|would|i|you|we|they|he|she)\s)\blike\s*,\s+/gi,
  // The word before its lookbehind: the lookbehind's \s* then runs only where "like" is, not at every position.
  /like(?<=,\s*like)\s+(?!(?:a|an|the|that|this|it|i|you|we|they|he|she|to|me|him|her|them)\b)/gi,
  /(?<=\b(?:i'm|we're|they're|he's|she's|you're)\s)like\s+(?=\w+ing\b)/gi,
  new RegExp(`(?<!\\b(?:${LIKE_BEFORE})\\s)\\blike,?\\s+(?=(?:${APPROX})\\b)`, 'gi'),
  // "Right knee looks swollen": "right" before a part it sides is no discourse marker.
  // A greeting or the doctor addressed at the start ("good afternoon, doctor, i have…", "well, doctor, i'm…").
  /^\s*(?:(?:so|well|and|okay|ok|alright|all right|yes|yeah|yep|(?:hi|hey|hello|good (?:morning|afternoon|evening))(?: (?:there|doc|doctor))?|doc(?:tor)?(?=,)|right(?! (?:upper |lower )?(?:knee|ankle|foot|wrist|elbow|shoulder|hip|hand|finger|thumb|toe|leg|arm|side|eye|ear|breast|lung|kidney)s?\b)|now|sure|um|uh|like)\b,?\s+)+(?=\w)/i,
  /(?<!\b(?:what|which|that|this|these|those|any|some|the|a|same|different|every|other|no|one|all|each|another|certain)\s)\b(?:kind|sort) of\b\s*/gi,
  /\b(?:kinda|sorta)\b\s*/gi,
  /^\s*(?:so,?\s+)?(?:just )?for the record,?\s*/i,
  // The person spoken to, addressed at the end ("i'd like them to last longer, doctor.", "in my right knee, sir.").
  /,\s*(?:doc|doctor|sir|ma'am|madam)(?=\s*[.?!]?\s*$)/gi,
];

const NUMBER_WORD =
  /^(?:\d+(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)$/i;
/** Words said twice on purpose ("i had had", "i know that that is"), not stutters. */
const DOUBLE_OK = new Set(['had', 'that']);

/** A word without its trailing punctuation, lowercased. */
function bareWord(w: string): string {
  // The lookbehind starts a match only where a run of punctuation starts (linear on a long run that is not last).
  return w.toLowerCase().replace(/(?<![,.;:!?])[,.;:!?]+$/, '');
}

/**
 * Removes stuttered repeats of one to six words: "it's it's" → "it's", "i, i" → "i", "on your on your flank" →
 * "on your flank", "five hundred five hundred" → "five hundred"; the last copy (with its punctuation) is kept. A
 * single number said twice stays ("nine nine").
 */
/** Units and counted things after a number. */
const UNIT_AFTER =
  /^(?:days?|weeks?|months?|years?|hours?|minutes?|times?|systolic|diastolic|mg|milligrams?|pounds?|miles?|percent|cm|centimeters?|inches?)$/;

function removeRepeats(words: string[]): string[] {
  // Each pass keeps the words it has passed in `out` and reads the rest from `a` at `j`: dropping a repeat moves `j`
  // (splicing the array at each repeat was quadratic on a long run of one word).
  let a = words;
  let bare = a.map(bareWord);
  for (let n = 6; n >= 1; n--) {
    const out: string[] = [];
    const outBare: string[] = [];
    let j = 0;
    while (j + 2 * n <= a.length) {
      let same = bare[j] !== '';
      for (let k = 0; k < n && same; k++) same = bare[j + k] === bare[j + n + k];
      // A number said twice before its unit is a stutter too ("for four four days", "three out of six six").
      const numberStutter = n === 1 && NUMBER_WORD.test(bare[j]!) && UNIT_AFTER.test(bare[j + 2] ?? '');
      if (same && (numberStutter || !(n === 1 && (NUMBER_WORD.test(bare[j]!) || DOUBLE_OK.has(bare[j]!))))) j += n;
      else {
        out.push(a[j]!);
        outBare.push(bare[j]!);
        j++;
      }
    }
    for (; j < a.length; j++) {
      out.push(a[j]!);
      outBare.push(bare[j]!);
    }
    a = out;
    bare = outBare;
  }
  return a;
}

/** A word or words said twice in a row, once: "their their" → "their" (see `removeRepeats`). */
export function withoutRepeats(text: string): string {
  return removeRepeats(text.split(/\s+/).filter(Boolean)).join(' ');
}

/** Words that can sit between a subject and its restart: auxiliaries and plan framing, no content verb. */
const RESTART_GAP = new Set(
  'will can could would should just also go ahead and going to have am are is was do and so then really'.split(' '),
);

/**
 * Removes a subject restarted before any content verb ("we can just we can discuss" → "we can discuss", "i'll i
 * will let you know" → "i will let you know", "let's go ahead and we'll increase" → "we'll increase"). A content
 * verb in between keeps both ("i think i have", "i don't know if i can").
 */
function removeRestartedSubjects(words: string[]): string[] {
  // The words passed are kept in `out`; a restart drops the words from `p` and reads again at the same place.
  const out: string[] = [];
  let p = 0;
  while (p < words.length) {
    const st = subjectStem(words[p]!);
    let cut = 0;
    if (st)
      for (let d = 1; d <= 5 && p + d < words.length; d++) {
        if (subjectStem(words[p + d]!) === st) {
          cut = d;
          break;
        }
        if (!RESTART_GAP.has(bareWord(words[p + d]!))) break;
      }
    if (cut) p += cut;
    else out.push(words[p++]!);
  }
  return out;
}

/** The person of a subject word ("we'll", "we're", "let's" → "we"), or '' for other words. */
function subjectStem(w: string): string {
  const b = bareWord(w);
  if (b === "let's") return 'we';
  return SUBJECTS.has(b) ? stem(b) : '';
}

/** Subject and determiner words: a phrase restarted with one of them replaces a short fragment before a pause. */
const RESTART_OPENERS = new Set(
  (
    "i i'm i've i'll i'd we we're we'll we've you you're it it's there there's this that he he's she she's they " +
    "they're let's let my your his her our their the a an what how"
  ).split(' '),
);
/** Subjects, with their contractions: two in a row across a pause are a restart. */
const SUBJECTS = new Set(
  "i i'm i've i'll i'd we we're we'll we've we'd you you're you'll you've it it's he he's she she's they they're they'll".split(
    ' ',
  ),
);
/** Function words: a restart on one of them only repeats a word said just before the pause. */
const FUNCTION_WORDS = new Set(
  'the a an this that my your his her our their on in at to for of with and or but'.split(' '),
);
/** Determiners a phrase cannot end on: a fragment ending on one was cut off ("in terms of your … the bypass"). */
const DANGLING = new Set('the a an my your his her our their this'.split(' '));

/** The stem a restart shares with its false start: "we'll" ~ "we're", "i'm" ~ "i". */
function stem(w: string): string {
  return bareWord(w).replace(/'(?:s|re|ll|ve|m|d)$|n't$/, '');
}

/**
 * Repairs false starts at a pause ("…", " - ", " -- "): the phrase after the pause replaces what it restarts ("i'm …
 * i'm favoring my back", "we'll put you on … we'll change your regimen" → "we'll change your regimen"), a short
 * fragment before a restarted clause goes ("so i have … it helps when i get up" → "it helps when i get up"), and a
 * dangling word before the pause goes ("in terms of your … the heart bypass" → "in terms of the heart bypass").
 */
function repairRestarts(text: string): string {
  const parts = text.split(/\s*(?:…|\s-{1,2}\s|—)\s*/);
  if (parts.length === 1) return text;
  let out: string[] = parts[0]!.split(/\s+/).filter(Boolean);
  for (const part of parts.slice(1)) {
    const next = part.split(/\s+/).filter(Boolean);
    const lead = next.find((w) => !/^(?:um+|uh+|uhm|,)$/i.test(bareWord(w)) && bareWord(w) !== '');
    if (!lead) continue;
    const leadStem = stem(lead);
    // A restart repeats a word said just before; a common function word must be very near to count.
    const window = FUNCTION_WORDS.has(bareWord(lead)) ? 3 : 8;
    let restart = -1;
    for (let k = out.length - 1; k >= Math.max(0, out.length - window); k--)
      if (stem(out[k]!) === leadStem) {
        restart = k;
        break;
      }
    const opener = RESTART_OPENERS.has(bareWord(lead));
    if (restart >= 0) out = out.slice(0, restart);
    else {
      const clauseStart = out.findLastIndex((w) => /[,;:]$/.test(w)) + 1;
      if (out.length - clauseStart <= 4 && opener) out = out.slice(0, clauseStart);
      // A subject restarted as another ("and i'll … we'll schedule"), or a dangling determiner, goes.
      else if (opener && SUBJECTS.has(bareWord(out[out.length - 1] ?? ''))) out.pop();
      else while (out.length && DANGLING.has(bareWord(out[out.length - 1]!))) out.pop();
    }
    out.push(...next);
  }
  return out.join(' ');
}

/** "To get rid of the covid 15": the weight put on during the pandemic (a joke), not covid. */
const PANDEMIC_WEIGHT = /\bthe (?:covid|quarantine|pandemic|lockdown)[- ](?:15|fifteen)\b/gi;

/** Dictated corrections: what precedes "scratch that" in its clause is withdrawn; dictated layout words go. */
function applyDictatedEdits(s: string): string {
  if (!/\b(?:scratch that|strike that|delete that|new paragraph|new line|next paragraph)\b/i.test(s)) return s;
  return s
    .replace(/[^,.;…]*[,;]?\s*\b(?:scratch|strike|delete) that\b[,.]?\s*/gi, ' ')
    .replace(/\b(?:new paragraph|new line|next paragraph)\b[,.]?\s*/gi, ' ');
}

/**
 * Drops words cut off mid-word and said again ("y- you", "ex- exerting", "i'm- i'm", "diverticuli- diverticulosis",
 * "oper- , occupational", "ep- ... just"), and "i-i" said as one; a hyphen before "and"/"or" joins two words ("pre-
 * and post-operative") and stays.
 */
function withoutCutWords(s: string): string {
  return s
    .replace(/(?<![\w'-])([a-z]+(?:'[a-z]+)?)-(?:\s*(?:,|\.{2,}|…))*\s+(?=(\w+))/gi, (m, cut: string, next: string) =>
      // Before a filler the cut word waits for the filler to go ("a de- , uh , swelling").
      (/^(?:and|or)$/i.test(next) && cut.toLowerCase() !== next.toLowerCase()) ||
      /^(?:u+[mh]+|uhm|er+|ah+)$/i.test(next)
        ? m
        : '',
    )
    .replace(/\b([a-z]+)-\1\b/gi, '$1');
}

/**
 * A determiner, then (after a pause or a filler) another that replaces it: "some, an increase", "the, a referral".
 * The second must open a word that is not a spelled letter ("the a c l") or a quantity ("some a few").
 */
const RESTARTED_DETERMINER =
  /(?<![\w'-])(?:the|some)(?:\s*,)?\s+(?=(?:a|an|the|some)\s+(?![a-z]\b|(?:few|little|bit|lot|couple|number|while)\b)[a-z]{2,})/gi;

/**
 * Spelled-out capital letters written as the abbreviation they spell: "an A C L tear" → "an ACL tear", "C O P D". A
 * unit spelled out ("400 M G") stays: the plan reads a dose in its own sentence as a restated order and drops it.
 */
const SPELLED_LETTERS = /\b[A-Z](?: [A-Z]){2,}\b|\b(?![AI]\b)[A-Z] (?![AI]\b|(?<=M )G\b)[A-Z]\b/g;

/**
 * Removes what makes a spoken sentence read as a transcript: ASR tags ("<INAUDIBLE_SPEECH/>", "[inaudible]",
 * "(laughs)"), fillers ("um", "you know", "i mean", "like" as a filler, "kind of"), stutters ("it's it's", "i, i"),
 * false starts ("we'll do - we're going to do"), cut-off words ("ex- exerting") and dictated edits ("scratch
 * that"). Content is kept: "i like to walk", "it feels like a burning", "do you know", "what kind of pain".
 * A voice command leaves only the content it carries ("hey dragon, order an echocardiogram" → "echocardiogram",
 * "show me the labs" → ""), and numbers are written as digits once the words around them are gone.
 */
export function cleanSpoken(text: string): string {
  // The drafter cleans the same sentence in several passes (facts, HPI, plan); the result depends on the text alone.
  const known = CLEANED.get(text);
  if (known !== undefined) return known;
  const out = cleanSpokenUncached(text);
  if (CLEANED.size >= CLEANED_MAX) CLEANED.clear();
  CLEANED.set(text, out);
  return out;
}
const CLEANED = new Map<string, string>();
const CLEANED_MAX = 20_000;
/** Forgets the cleaned sentences: each draft starts cold, so nothing of one visit is kept for the next. */
export function forgetCleaned(): void {
  CLEANED.clear();
}

/**
 * Clinical terms an ASR engine mishears as other words, repaired only where the context makes the term certain and
 * the heard word is no clinical term there: "cda tenderness" (CVA tenderness), "clear to oscillation" (clear to
 * auscultation), "tenderness to palpitation" (to palpation; palpitations are felt in the chest, not elicited).
 */
const MISHEARD: Array<[RegExp, string]> = [
  [/\b(?:cda|cba|cpa|c d a|c b a)(?= tenderness\b)/gi, 'cva'],
  [
    /\b(clear to|clear bilaterally to|on) (?:oscillation|oscultation|ausculation|asculation)\b(?! ventilat)/gi,
    '$1 auscultation',
  ],
  [/\b((?:tender(?:ness)?|pain(?:ful)?|discomfort) (?:to|on|upon|with)) palpitations?\b/gi, '$1 palpation'],
];
const MAY_BE_MISHEARD = /\b(?:cda|cba|cpa|c [db] a|oscillation|oscultation|ausculation|asculation|palpitations?)\b/i;

/** Clinical terms misheard by ASR written as meant (see MISHEARD). */
export function repairMisheard(text: string): string {
  if (!MAY_BE_MISHEARD.test(text)) return text;
  let s = text;
  for (const [re, to] of MISHEARD) s = s.replace(re, to);
  return s;
}

/**
 * A side said and at once taken back for the other ("the left — sorry, the right", "your right, i mean your left"):
 * the words of the repair name it, so a plain list of sides ("left and right") is never one.
 */
const SIDE_SELF_REPAIR = new RegExp(
  `\\b((?:your|the|my|his|her|their|on the) )?(left|right)\\s*(?:,|—|-{1,2}|…)?\\s*(?:(?:${REPAIR_WORDS})\\s*[,—-]?\\s+)+((?:your|the|my|his|her|their|on the) )?(left|right)\\b`,
  'gi',
);

/** A text with each side said and at once corrected written as the corrected side (see SIDE_SELF_REPAIR). */
export function withSideRepairs(text: string): string {
  return text.replace(
    SIDE_SELF_REPAIR,
    (m, det: string | undefined, wrong: string, det2: string | undefined, right: string) =>
      wrong.toLowerCase() === right.toLowerCase() ? m : `${det2 ?? det ?? ''}${right}`,
  );
}

function cleanSpokenUncached(text: string): string {
  let s = repairMisheard(text);
  for (const re of ASR_TAGS) s = s.replace(re, ' ');
  const command = voiceCommand({ text: s, speaker: 'unknown' });
  if (command) s = command.content ?? '';
  s = ' ' + applyDictatedEdits(s) + ' ';
  s = s
    .replace(PANDEMIC_WEIGHT, 'the weight gained during the pandemic')
    .replace(/\b(gon)na\b/gi, 'going to')
    .replace(/\bwanna\b/gi, 'want to')
    .replace(/\b(i|we|you|they)'ve (?:got ta|gotta)\b/gi, '$1 have to')
    .replace(/\b(he|she|it)'s (?:got ta|gotta)\b/gi, '$1 has to')
    .replace(/\b(?:got ta|gotta)\b/gi, 'have to');
  // "'cause": a reason within a sentence; opening one, it only links to what was said before ("'cause i might need
  // to give you more diuretic").
  s = s.replace(/^(\s*)['‘]cause\s+/i, '$1').replace(/(?<![\w'])['‘]cause\b/gi, 'because');
  s = withoutCutWords(s);
  // A contraction's subject said twice ("i'i'm", "i'i'll").
  s = s.replace(/\b(i|we|you|they|he|she)'(?=\1')/gi, '');
  // "Your left, sorry, your right shoulder": a side said and at once corrected is the corrected side.
  s = withSideRepairs(s);
  s = ' ' + repairRestarts(s.trim()) + ' ';
  for (let k = 0; k < 2; k++) for (const re of FILLERS) s = s.replace(re, ' ');
  // A word cut off before a filler ("a de- , uh , swelling") is cut off once the filler is gone.
  s = withoutCutWords(s);
  // A determiner restarted as another ("seen some, um, an increase" → "seen an increase").
  s = s.replace(RESTARTED_DETERMINER, '');
  // Repeated words: "i, i, i've" → "i've"; "the the" → "the"; "on your on your" → "on your".
  s = removeRestartedSubjects(removeRepeats(s.split(/\s+/).filter(Boolean))).join(' ');
  s = s.replace(/\b(i|it|we|you|they|he|she)(?:,?\s+)+(?=\1['’]\w+)/gi, '');
  // A word cut off and said again in full: "an ultrasound elasto elastography" → "an ultrasound elastography".
  s = s.replace(/\b([a-z]{5,}) (?=\1[a-z]{3,}\b)/gi, '');
  s = s
    .replace(/\s+,/g, ',')
    .replace(/,\s*,/g, ',')
    .replace(/,(?=[a-z])/gi, ', ')
    .replace(/\s{2,}/g, ' ');
  s = s.replace(SPELLED_LETTERS, (m) => m.replace(/ /g, ''));
  s = s
    .trim()
    .replace(/^[,.;:\s]+/, '')
    .replace(/,\s*([.?!])?$/, '$1');
  return normalizeNumbers(s.trim());
}

/**
 * Whether a cleaned sentence was cut off: it ends on a word no sentence ends on ("does not feel as if it will", "a
 * little bit of"). Endings a sentence split leaves (see `trimDangling`) do not count.
 */
export function isCutOff(text: string): boolean {
  const last = bareWord(text.trim().split(/\s+/).pop() ?? '');
  return /^(?:the|a|an|of|if|because|my|your|our|than|will|would)$/.test(last);
}

/**
 * Drops a word left at the end by a sentence split before a discourse marker: a conjunction ("he has been
 * managing, and." → "he has been managing.") or the first half of "as well" / "or so" ("tenderness on the flank as").
 */
export function trimDangling(text: string): string {
  return text.replace(/(?:,?\s+(?:and|but)|\s+(?:as|or))([.?!]?)$/i, '$1');
}

const MODALS = new Set([
  'can',
  'could',
  'will',
  'would',
  'should',
  'shall',
  'may',
  'might',
  'must',
  'did',
  'had',
  'was',
  'were',
  "can't",
  "couldn't",
  "won't",
  "wouldn't",
  "shouldn't",
  "didn't",
  "hadn't",
  "wasn't",
  'used',
]);

const ADVERBS = new Set([
  'just',
  'really',
  'also',
  'still',
  'actually',
  'usually',
  'always',
  'never',
  'sometimes',
  'only',
  'even',
  'definitely',
  'probably',
  'already',
  'generally',
  'normally',
  'typically',
  'often',
  'mostly',
  'honestly',
  'certainly',
  'occasionally',
  'constantly',
  'barely',
  'rarely',
  'hardly',
  'now',
  'then',
  'too',
  'not',
  'finally',
  'almost',
  'nearly',
  'maybe',
  'recently',
  'initially',
  'first',
  'eventually',
  'basically',
  'literally',
  'kinda',
]);

/** Words after "I" that are past tense, ambiguous, or not verbs: left as they are. */
const NOT_PRESENT = new Set(
  (
    'went got had took felt saw came did was were knew thought said told ran ate drank slept fell broke left made ' +
    'gave found kept lost heard began quit put hurt cut hit let set read spread bought brought caught taught sat ' +
    'stood wore woke drove rode wrote spoke forgot understood became grew threw meant sent spent paid built ' +
    'underwent held led fed bled shook stuck struck won swam sang bit hid dealt ' +
    'taken given eaten been seen written gotten broken forgotten fallen driven done gone ' +
    'a an the and or but so because if to of in on at for with about just mean guess think know'
  ).split(/\s+/),
);

/** Common verbs in base form that take -s in the third person (irregular ones handled separately). */
const VERBS = new Set(
  (
    'feel think know want need take get see notice hurt try use walk run sleep eat drink work take wake ' +
    'like love hate remember forget mean wonder hope believe guess live stay keep start stop tend seem ' +
    'smoke exercise play cough sneeze check monitor try wear play lift sit stand bend move swim bike ' +
    'drive cook travel help agree understand plan deal struggle continue follow watch avoid ' +
    'experience develop get wear wish worry suffer manage miss prefer recall realize say tell find ' +
    'go do have'
  ).split(/\s+/),
);

/** A verb in the third person singular of the present: "have" → "has", "try" → "tries". */
export function thirdPersonVerb(verb: string): string {
  const v = verb.toLowerCase();
  if (v === 'have') return 'has';
  if (v === 'do') return 'does';
  if (v === 'go') return 'goes';
  if (v === 'am') return 'is';
  if (v === 'are') return 'is';
  if (v === "don't") return "doesn't";
  if (v === "haven't") return "hasn't";
  if (v === "aren't") return "isn't";
  if (/(s|sh|ch|x|z|o)$/.test(v)) return v + 'es';
  if (/[^aeiou]y$/.test(v)) return v.slice(0, -1) + 'ies';
  return v + 's';
}

function pluralVerb(verb: string): string {
  const v = verb.toLowerCase();
  if (v === 'am') return 'are';
  if (v === 'was') return 'were';
  if (v === "wasn't") return "weren't";
  return v;
}

/** Conjugates the verb that follows a new third-person subject at words[i] (skipping adverbs). */
/** Verbs whose past form is their present one. */
const SAME_IN_PAST = new Set('hurt cut hit let set put read spread quit'.split(' '));

function agree(words: string[], i: number, p: Pronouns): void {
  let j = i + 1;
  while (j < words.length && ADVERBS.has(words[j]!.toLowerCase())) j++;
  const w = words[j];
  if (w === undefined) return;
  const lower = w.toLowerCase().replace(/[,.?!;:]$/, '');
  const punct = w.slice(lower.length);
  if (MODALS.has(lower) && lower !== 'was' && lower !== 'were' && lower !== "wasn't") return;
  if (!p.singular) {
    const pv = pluralVerb(lower);
    if (pv !== lower) words[j] = pv + punct;
    return;
  }
  if (lower === 'were') words[j] = 'was' + punct;
  else if (lower === "weren't") words[j] = "wasn't" + punct;
  // A verb whose past is its present ("I hurt my ankle", "I put ice on it") tells the history: it stays as said.
  else if (
    ['am', 'are', 'have', 'do', "don't", "haven't", "aren't", 'go'].includes(lower) ||
    (VERBS.has(lower) && !SAME_IN_PAST.has(lower))
  )
    words[j] = thirdPersonVerb(lower) + punct;
  else if (
    /^[a-z]+$/.test(lower) &&
    // "I toss and turn" → "she tosses": a verb ending in a double s is no third-person form.
    !/(?:ed|(?<!s)s|ing)$/.test(lower) &&
    !(/ly$/.test(lower) && !/^(?:apply|reply|rely|fly)$/.test(lower)) &&
    !NOT_PRESENT.has(lower) &&
    !MODALS.has(lower)
  )
    // Anything else right after "I" is almost always a present-tense verb ("I climb" → "she climbs"); a participle
    // ("I maybe adjusting") or an adverb ("I finally went") is not conjugated.
    words[j] = thirdPersonVerb(lower) + punct;
}

const SPEAKER_CONTRACTIONS: Record<string, string[]> = {
  "i'm": ['i', 'am'],
  "i've": ['i', 'have'],
  "i'll": ['i', 'will'],
  "i'd": ['i', 'would'],
  "you're": ['you', 'are'],
  "you've": ['you', 'have'],
  "you'll": ['you', 'will'],
  "you'd": ['you', 'would'],
};

const VERB_AFTER_YOU =
  /^(?:am|are|were|was|have|has|had|do|does|did|can|could|will|would|should|might|may|must|need|feel|get|got|take|took|go|went|see|saw|know|knew|want|said|say|mentioned|told|noticed|notice|hurt|tried|try|use|used|keep|kept|still|also|just|really|to|'re|'ve|'ll|'d|don't|didn't|haven't|aren't|weren't|can't|won't|wouldn't|shouldn't|couldn't|continue|start|stop|come|came|should|been|being|probably|definitely|actually|seem|seemed|look|looks|looked|sound|sounds|ended|started|stopped|developed|experienced|describe|described|reported|report|think|thought|live|lived|work|worked|walk|walked|play|played|run|ran|fell|fall|felt|had|let|let's)$/i;

/**
 * Rewrites a cleaned sentence spoken by `speaker` into the third person about the patient.
 * Patient speech: I/me/my → she/her/her. Doctor speech to the patient: you/your → she/her/her; the doctor's own
 * "I" stays (clinician voice, as in the reference notes: "I recommended ...").
 */
const BEEN_BETTER =
  /\bi(?:'ve| have) (?:definitely |certainly |honestly )?been better\b(?!\s+(?:since|than|after|with|on|now|lately|recently|today|overall|about|at)\b)/gi;

/** A subject pronoun, as said (no punctuation after it), that a slipped possessive may follow. */
const SLIP_SUBJECT = /^(?:she|he|they|we)$/i;
/** Whether `w` is a finite verb: a past form ("noticed", "said") or a present one ("thinks", "wants"). */
function slipVerb(w: string): boolean {
  const v = w.toLowerCase().replace(/[,.?!;:]+$/, '');
  if (!/^[a-z']+$/.test(v)) return false;
  if (MODALS.has(v) || /^(?:is|are|has|have|does|do)$/.test(v)) return true;
  if (/^[a-z]{3,}ed$/.test(v) && !/(?:need|feed|seed|bed|shed)$/.test(v)) return true;
  if (PAST_FORMS.has(v)) return true;
  return v.endsWith('s') && (VERBS.has(v.slice(0, -1)) || VERBS.has(v.slice(0, -2)));
}
const PAST_FORMS = new Set(
  'went got took felt saw came knew thought said told ran gave found kept heard began put sent wanted'.split(' '),
);

export function toThirdPerson(sentence: string, speaker: 'doctor' | 'patient' | 'other' | 'unknown', sex: Sex): string {
  const p = pronouns(sex);
  // "I've been better" said of how one feels is the idiom for being unwell, not a report of improvement.
  if (speaker === 'patient') sentence = sentence.replace(BEEN_BETTER, 'I have not been feeling well');
  const tokens = sentence.split(/\s+/).filter(Boolean);
  const words: string[] = [];
  for (const t of tokens) {
    const m = /^([a-z']+)([,.?!;:]*)$/i.exec(t);
    const exp = m ? SPEAKER_CONTRACTIONS[m[1]!.toLowerCase()] : undefined;
    if (exp) {
      words.push(exp[0]!, exp[1]! + (m![2] ?? ''));
    } else words.push(t);
  }
  const firstPerson = speaker === 'patient' || speaker === 'other';
  for (let i = 0; i < words.length; i++) {
    const raw = words[i]!;
    const m = /^([a-z']+)([,.?!;:]*)$/i.exec(raw);
    if (!m) continue;
    const w = m[1]!.toLowerCase();
    const punct = m[2] ?? '';
    // "She my noticed that…": a possessive slipped between a subject and its verb is a slip of speech, not a word to
    // rewrite ("She their noticed"); it goes.
    if (
      w === (speaker === 'doctor' ? 'your' : 'my') &&
      !punct &&
      SLIP_SUBJECT.test(words[i - 1] ?? '') &&
      slipVerb(words[i + 1] ?? '')
    ) {
      words.splice(i--, 1);
      continue;
    }
    if (firstPerson && speaker === 'patient') {
      if (w === 'i') {
        words[i] = p.subj + punct;
        agree(words, i, p);
      } else if (w === 'me') words[i] = p.obj + punct;
      else if (w === 'my') words[i] = p.poss + punct;
      else if (w === 'mine') words[i] = (p.poss === 'her' ? 'hers' : p.poss) + punct;
      else if (w === 'myself') words[i] = p.refl + punct;
    } else if (speaker === 'doctor') {
      if (w === 'you') {
        const next = words[i + 1]?.toLowerCase().replace(/[,.?!;:]$/, '') ?? '';
        const prev = words[i - 1]?.toLowerCase().replace(/[,.?!;:]$/, '') ?? '';
        // "you" is the subject after a verb it governs, and at the start of a clause ("when you check out", "if you
        // eat salty food"), unless a preposition or an object-taking verb stands before it.
        const clauseStart =
          i === 0 ||
          /^(?:when|if|that|because|so|and|but|until|before|after|as|while|once|unless|since|then|where|think|believe|guess|suspect|hope|means|like|sure)$/.test(
            prev,
          );
        const subject =
          (VERB_AFTER_YOU.test(next) ||
            // "I think you retained some fluid": a past-tense verb after "you" makes it the subject.
            (/^[a-z]{3,}ed$/.test(next) && !/^(?:need|concerned|interested|scared|worried|tired)$/.test(next)) ||
            (clauseStart && /^[a-z]+$/.test(next) && !/^(?:and|or|to|too|guys|all)$/.test(next))) &&
          !/^(to|for|with|about|at|on|see|tell|give|help|told|let|get|send|put|ask|asked|show|showed|make|have|want|thank|call|called|remind|reminded|gave|sent|helped|need|needs)$/.test(
            prev,
          ) &&
          // "I would like you to rest", "I want you to…": "you" before "to" is the object.
          next !== 'to';
        if (subject) {
          words[i] = p.subj + punct;
          agree(words, i, p);
        } else words[i] = p.obj + punct;
      } else if (w === 'your') words[i] = p.poss + punct;
      else if (w === 'yours') words[i] = (p.poss === 'her' ? 'hers' : p.poss) + punct;
      else if (w === 'yourself') words[i] = p.refl + punct;
    }
  }
  return words.join(' ');
}

/** The patient's "we" with its verb ("we've been moving boxes", "we're"), as toThirdPerson splits "I've". */
const WE_CONTRACTIONS: Record<string, string[]> = {
  "we're": ['we', 'are'],
  "we've": ['we', 'have'],
  "we'll": ['we', 'will'],
  "we'd": ['we', 'would'],
};

/**
 * The patient's "we" in a sentence already in the third person, as the patient ("we've been moving boxes up and down
 * our basement stairs" → "he has been moving boxes up and down his basement stairs"): a history is the patient's, and
 * a note does not speak as the patient's household. Text in quotes is left as said.
 */
export function patientWeToThird(sentence: string, sex: Sex): string {
  if (!/\b(?:we|we're|we've|we'll|we'd|our|ours|us|ourselves)\b/i.test(sentence) || /["“”]/.test(sentence))
    return sentence;
  const p = pronouns(sex);
  const words: string[] = [];
  for (const t of sentence.split(/\s+/).filter(Boolean)) {
    const m = /^([a-z']+)([,.?!;:]*)$/i.exec(t);
    const exp = m ? WE_CONTRACTIONS[m[1]!.toLowerCase()] : undefined;
    if (exp) words.push(exp[0]!, exp[1]! + (m![2] ?? ''));
    else words.push(t);
  }
  for (let i = 0; i < words.length; i++) {
    const m = /^([a-z']+)([,.?!;:]*)$/i.exec(words[i]!);
    if (!m) continue;
    const w = m[1]!.toLowerCase();
    const punct = m[2] ?? '';
    if (w === 'we') {
      // "We'll check it out", "we can try": what patient and doctor will do together is not the patient's history.
      if (/^(?:will|can|could|should|shall|might|may|need)$/i.test(words[i + 1] ?? '')) return sentence;
      words[i] = p.subj + punct;
      agree(words, i, p);
    } else if (w === 'our') words[i] = p.poss + punct;
    else if (w === 'ours') words[i] = (p.poss === 'her' ? 'hers' : p.poss) + punct;
    else if (w === 'us') words[i] = p.obj + punct;
    else if (w === 'ourselves') words[i] = p.refl + punct;
  }
  const out = words.join(' ');
  return /^[A-Z]/.test(sentence) ? out.charAt(0).toUpperCase() + out.slice(1) : out;
}

/** Words a sentence cut mid-speech ends on, which need more after them. */
const DANGLING_TAIL =
  /(?:\s+(?:if|every|the|a|an|and|or|but|to|of|with|for|which|because|their|his|my|your|our|when|where|while|whether|than|so what|so|um|uh))+$/i;

/**
 * A preposition that ends a whole clause because its verb takes it ("what type of anemia we're dealing with", "what
 * she is allergic to", "what we are looking for") is not a cut.
 */
const STRANDED_PREPOSITION =
  /\b(?:what|which|who|whatever|something|anything|nothing)\b[^,;.]*\b(?:\w+ing|deal|dealt|used|worried|concerned|familiar|comfortable|allergic|afraid|aware|care|cope|look|talk|speak|ask|pay|wait|hope|plan|think|know)\s+(?:with|for|to|of|about|at|on)[.!]?$/i;

/** The text with its first letter capitalised. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Capitalises the first letter, "i" → "I", and ends the sentence with a full stop. */
export function finishSentence(s: string): string {
  let t = s.trim().replace(/\s+([,.?!;:])/g, '$1');
  t = t.replace(/\bi\b/g, 'I').replace(/\bI'(m|ve|ll|d)\b/g, "I'$1");
  // A title and the name after it in capitals: "dr. ward" → "Dr. Ward", "mr. gutierrez" → "Mr. Gutierrez".
  t = t.replace(
    /\b(dr|mr|mrs|ms)\. ([a-z])/gi,
    (_, title: string, c: string) =>
      `${title.charAt(0).toUpperCase()}${title.slice(1).toLowerCase()}. ${c.toUpperCase()}`,
  );
  t = t.replace(/[,;:\s-]+$/, '');
  // A sentence cut where speech ran on ends on a word that needs more ("he feels tired every", "a urine culture
  // if", "and you heard that pop so what"): the dangling words go.
  if (t.split(' ').length >= 4 && !STRANDED_PREPOSITION.test(t)) {
    const end = /[.!]$/.test(t) ? t.slice(-1) : '';
    const body = t
      .slice(0, t.length - end.length)
      .replace(DANGLING_TAIL, '')
      .replace(/[,;:\s-]+$/, '');
    if (body.split(' ').length >= 3) t = body + end;
  }
  if (!/[.?!]$/.test(t)) t += '.';
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** People a patient names who are then "she" or "he" in their story: their clinicians, family, friends. */
export const KIN =
  'pcp|primary care (?:doctor|physician|provider)|doctor|physician|provider|cardiologist|dermatologist|surgeon|' +
  'specialist|nurse|therapist|chiropractor|coworker|co-worker|friend|boss|neighbou?r|partner|wife|husband|mom|' +
  'mother|dad|father|son|daughter|sister|brother|girlfriend|boyfriend|cousin|grandmother|grandfather|grandma|' +
  'grandpa|aunt|uncle|niece|nephew|roommate';
/** Anyone else ("another player", "this guy"): a referent, but only "the" one. */
const OTHER_PERSON = 'player|teammate|classmate|girl|boy|guy|woman|man|lady|kid|person|teacher|coach';
const PERSON_NAMED = new RegExp(
  `\\b(?:(my|your|our|a|an|this|that|the|another)\\s+(?:[a-z-]+\\s+){0,2}?(${KIN}|${OTHER_PERSON})s?\\b|(dr\\.?\\s+[a-z]+))`,
  'gi',
);
const ANYONE = new RegExp(`^(?:${OTHER_PERSON})$`);
const FEMALE_KIN = /^(?:wife|mom|mother|daughter|sister|girlfriend|grandmother|grandma|aunt|niece|girl|woman|lady)$/;
const MALE_KIN = /^(?:husband|dad|father|son|brother|boyfriend|grandfather|grandpa|uncle|nephew|boy|guy|man)$/;
/** "…, and she", "so he", or a sentence's first word: a pronoun that opens a clause the note may write on its own. */
const CLAUSE_OPEN = /(?:^|[,;]|\b(?:and|so|but|then))\s*$/i;
const RUN_ON_VERB =
  /^\s+(?:said|says|told|tells|ordered|noticed|noted|thought|wanted|gave|sent|referred|checked|increased|added|changed|started|stopped|put|did|does)\b/i;
/** Words after which "she said" continues the clause ("that she said", "and i think she said"). */
const TAKES_NO_CLAUSE_AFTER =
  /\b(?:that|if|when|because|and|but|so|or|which|where|while|think|thought|know|knew|say|said|says|like|as|than|until|since|before|after|whether|sure|hope|mean|guess|then|once|unless|how|what|why|who|maybe|probably|believe|is|was|not|i|me|named|called|\w+'s)\s*$/i;
const NAMED_JUST_BEFORE = new RegExp(`\\b(?:${KIN}|${OTHER_PERSON}|dr\\.? \\w+)s?\\b(?:\\s+\\S+){0,2}\\s*$`, 'i');
const THIRD_SUBJECT = /\b(she|he)\b(?!')(?:\s+my\b(?=\s+(\S+)))?/gi;

/**
 * A patient's "she" or "he" that opens a clause, with the person it stands for named ("i started seeing a new pcp
 * and she changed my medication" → "… and my pcp changed my medication"): written of the patient in the third person,
 * a bare "she" would read as the patient. The person is the nearest one named before it in the sentence, else in
 * `before` (the sentence before); a pronoun whose person is not named, or is named as the other sex, stays.
 */
export function namedThirdParty(text: string, before = ''): string {
  if (!/\b(?:she|he)\b/i.test(text)) return text;
  return text.replace(THIRD_SUBJECT, (said: string, pron: string, after: string | undefined, at: number) => {
    const head = text.slice(0, at);
    // Unpunctuated speech runs one clause into the next ("… on my last blood work she said …"): a pronoun and its
    // verb after a word that takes no clause open one too, unless the person was named just before ("a girl named
    // isabella she plays").
    const runOn =
      !CLAUSE_OPEN.test(head) &&
      RUN_ON_VERB.test(text.slice(at + pron.length)) &&
      !TAKES_NO_CLAUSE_AFTER.test(head) &&
      !NAMED_JUST_BEFORE.test(head);
    if (!CLAUSE_OPEN.test(head) && !runOn) return said;
    // "she my noticed": the slipped possessive goes with the pronoun (see toThirdPerson).
    const tail = after !== undefined && !slipVerb(after) ? said.slice(pron.length) : '';
    let last: RegExpExecArray | null = null;
    for (const src of [head, before]) {
      PERSON_NAMED.lastIndex = 0;
      for (let m = PERSON_NAMED.exec(src); m; m = PERSON_NAMED.exec(src)) last = m;
      if (last) break;
    }
    if (!last) return said;
    if (last[3]) return last[3] + tail;
    const det = last[1]!.toLowerCase();
    const noun = last[2]!.toLowerCase().replace('co-worker', 'coworker');
    const she = pron.toLowerCase() === 'she';
    if (she ? MALE_KIN.test(noun) : FEMALE_KIN.test(noun)) return said;
    const who = ANYONE.test(noun)
      ? `${det === 'another' ? 'the other' : 'the'} ${noun}`
      : `my ${noun === 'pcp' ? 'PCP' : noun}`;
    return (/^[A-Z]/.test(pron) ? cap(who) : who) + tail;
  });
}
