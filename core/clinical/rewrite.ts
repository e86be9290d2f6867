/**
 * Rewriting spoken sentences into clinical prose: disfluency clean-up ("um", "you know", "i, i, i've"), spoken
 * contractions expanded, first/second person turned into third person with verb agreement ("i feel" → "she feels",
 * "your knee" → "her knee"). Only words of the source are kept or inflected: no content is added.
 */

export type Sex = 'male' | 'female' | null;

interface Pronouns {
  subj: string;
  obj: string;
  poss: string;
  refl: string;
  /** Whether the subject takes third-person-singular verbs ("she has"); "they" does not. */
  singular: boolean;
}

export function pronouns(sex: Sex): Pronouns {
  if (sex === 'female') return { subj: 'she', obj: 'her', poss: 'her', refl: 'herself', singular: true };
  if (sex === 'male') return { subj: 'he', obj: 'him', poss: 'his', refl: 'himself', singular: true };
  return { subj: 'they', obj: 'them', poss: 'their', refl: 'themselves', singular: false };
}

const FILLERS = [
  /\b(?:um+|uh+|uh-huh|mm-hmm|mm|hmm+|ah|er|erm|oh)\b[,.]?\s*/gi,
  /(^|[,.]\s*|\s)you know,?\s*(?=\S)/gi,
  /(^|,\s*)i mean,?\s*/gi,
  /,\s*like,\s*/gi,
  /^\s*(?:(?:so|well|and|okay|ok|alright|all right|yeah|right|now|sure|um|uh)\b,?\s+)+(?=\w)/i,
  /\bsort of\b\s*|\bkind of\b\s*/gi,
  /\b(?:kinda|sorta)\b\s*/gi,
  /\bhey,? dragon,?[^.?!]*[.?!]?/gi,
  /^\s*(?:so,?\s+)?(?:just )?for the record,?\s*/i,
];

const NUMBER_WORD =
  /^(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)$/i;

/** Removes fillers, false starts and stutters from one spoken sentence. */
export function cleanSpoken(text: string): string {
  let s = ' ' + text + ' ';
  s = s
    .replace(/\b(gon)na\b/gi, 'going to')
    .replace(/\bwanna\b/gi, 'want to')
    .replace(/\bgotta\b/gi, 'have to');
  // Cut-off words ("y- you", "ex- exerting", "i-i").
  s = s.replace(/\b[a-z]{1,6}-\s+(?=\w)/gi, '').replace(/\b([a-z]+)-\1\b/gi, '$1');
  for (let k = 0; k < 2; k++)
    for (const re of FILLERS) s = s.replace(re, (m, p1) => (typeof p1 === 'string' ? p1 : ' '));
  // Repeated words: "i, i, i've" → "i've"; "the the" → "the"; "it, it, it" → "it".
  s = s.replace(/\b(\w+)(?:,?\s+\1\b)+/gi, (m: string, w: string) => (NUMBER_WORD.test(w) ? m : w));
  s = s.replace(/\b(i|it|we|you|they|he|she)(?:,\s*)+(?=\1['’]?\w*)/gi, '');
  s = s
    .replace(/\s+,/g, ',')
    .replace(/,\s*,/g, ',')
    .replace(/\s{2,}/g, ' ');
  s = s
    .trim()
    .replace(/^[,.;:\s]+/, '')
    .replace(/,\s*([.?!])?$/, '$1');
  return s.trim();
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
]);

/** Words after "I" that are past tense, ambiguous, or not verbs: left as they are. */
const NOT_PRESENT = new Set(
  (
    'went got had took felt saw came did was were knew thought said told ran ate drank slept fell broke left made ' +
    'gave found kept lost heard began quit put hurt cut hit let set read spread bought brought caught taught sat ' +
    'stood wore woke drove rode wrote spoke forgot understood became grew threw meant sent spent paid built ' +
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

function thirdPersonVerb(verb: string): string {
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
  else if (['am', 'are', 'have', 'do', "don't", "haven't", "aren't", 'go'].includes(lower) || VERBS.has(lower))
    words[j] = thirdPersonVerb(lower) + punct;
  else if (/^[a-z]+$/.test(lower) && !/(ed|s)$/.test(lower) && !NOT_PRESENT.has(lower) && !MODALS.has(lower))
    // Anything else right after "I" is almost always a present-tense verb ("I climb" → "she climbs").
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
export function toThirdPerson(sentence: string, speaker: 'doctor' | 'patient' | 'other' | 'unknown', sex: Sex): string {
  const p = pronouns(sex);
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
        const subject =
          VERB_AFTER_YOU.test(next) &&
          !/^(to|for|with|about|at|on|see|tell|give|help|told|let|get|send|put|ask|show|make|have|want)$/.test(prev);
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

/** Capitalises the first letter, "i" → "I", and ends the sentence with a full stop. */
export function finishSentence(s: string): string {
  let t = s.trim().replace(/\s+([,.?!;:])/g, '$1');
  t = t.replace(/\bi\b/g, 'I').replace(/\bI'(m|ve|ll|d)\b/g, "I'$1");
  t = t.replace(/[,;:\s-]+$/, '');
  if (!/[.?!]$/.test(t)) t += '.';
  return t.charAt(0).toUpperCase() + t.slice(1);
}
