/**
 * Discourse structure of a visit: turns split into sentences, and the visit split into phases (history, exam,
 * results, assessment/plan) from the clinician's own cue phrases ("let me examine you", "your x-ray shows",
 * "for your diabetes, ...").
 */
import type { SpeakerRole, Transcript } from './types.js';
import { lexicons } from './lexicon.js';
import { withSelfRepairs } from './self-repair.js';

export interface Sentence {
  /** Turn index this sentence comes from. */
  turn: number;
  /** Position of the sentence in its turn. */
  pos: number;
  speaker: SpeakerRole;
  text: string;
  /** Lowercased text. */
  lower: string;
  /**
   * Phase of the visit at this sentence. A long unpunctuated turn can hold the end of the exam and the start of the
   * plan ("…your abdomen is soft… so for your first problem…"); its sentences then differ from the turn's phase.
   */
  phase?: Phase;
}

export type Phase = 'history' | 'exam' | 'results' | 'plan';

/** Splits text into sentences at . ? ! (not inside numbers like 2.5 or abbreviations like "dr."). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '.' && c !== '?' && c !== '!') continue;
    if (c === '.' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
    // A title, also as ASR spaces it before a name ("mr . gutierrez").
    if (
      c === '.' &&
      /(?:^|\s)(?:(?:dr|mr|mrs|ms|vs|st|e\.g|i\.e)|(?:dr|mr|mrs) )$/i.test(text.slice(Math.max(0, i - 5), i))
    )
      continue;
    if (text[i + 1] !== undefined && text[i + 1] !== ' ' && !/[.?!"]/.test(text[i + 1]!)) continue;
    const s = text.slice(start, i + 1).trim();
    if (s.replace(/[.?!\s]/g, '').length > 0) out.push(s);
    start = i + 1;
  }
  const rest = text.slice(start).trim();
  if (rest.replace(/[.?!\s]/g, '').length > 0) out.push(rest);
  return out;
}

const MARKERS = new Set(['okay', 'ok', 'alright', 'so', 'now', 'well', 'um', 'uh', 'yeah', 'but', 'because']);

/** "doing really well", "as well": "well" there is an adverb, not a new start. */
const ADVERB_BEFORE_WELL = /^(?:really|very|pretty|so|as|quite|too|doing|going|went|go|fairly|not)$/;

/**
 * A new clause in unpunctuated speech: the clinician starting a plan statement ("i wanna go ahead and…", "we will…",
 * "let's…", "you should…"), an exam dictation ("on your lung exam…") or a closing question ("any questions…").
 */
const CLAUSE_START =
  /^(?:i (?:wanna|want to|would like|am going to|am gonna)|i'm (?:gonna|going to|also)|i'd like|we (?:will|are going to|are gonna)|we'll|we're (?:gonna|going to)|let's(?! say (?:about |around |maybe )?\d)|you should|do you have any questions|any questions|on (?:your|his|her|the) \S+ exam|on (?:your|his|her) (?:heart|lung|abdominal|neck|skin|musculoskeletal|neurological|neuro) )/;

/** Hesitations that never start a clause by themselves. */
const HESITATION = /^(?:um+|uh+|er+|ah+|hmm+)$/;

/**
 * Whether a hesitation only interrupts a phrase: a dose or a schedule ("the albuterol, 2 puffs, uh, every 4 to 6
 * hours"), or a noun phrase ("a slow motor, uh, vehicle accident"), i.e. no new clause opens after it.
 */
function continues(words: string[], i: number): boolean {
  const w = words[i]!.toLowerCase().replace(/[,.?!]$/, '');
  if (!HESITATION.test(w)) return false;
  let j = i + 1;
  while (j < words.length && HESITATION.test(words[j]!.toLowerCase().replace(/[,.?!]$/, ''))) j++;
  const next = (words[j] ?? '').toLowerCase().replace(/[,.?!]$/, '');
  return !CLAUSE_OPENER.test(next);
}

/** Words a new clause opens with after a hesitation. */
const CLAUSE_OPENER =
  /^(?:i|i'm|i've|i'll|i'd|we|we'll|we're|you|you're|you'll|he|she|they|it|it's|that|that's|this|there|there's|so|and|but|then|now|okay|alright|well|let's|let|what|how|when|do|does|did|are|is|have|can|if|because|also|any|yeah|yes|no)$/;

/**
 * A turn to the next problem closing a run-on piece, just before the clause about it: "for your third problem of your
 * diabetes", "now for your hypertension", "as far as your asthma", "for your hypertension".
 */
const TRANSITION_TAIL =
  /(?:^|\s)((?:(?:and|so|okay|now|then),? )*(?:for|as far as|in terms of|regarding) (?:your|his|her|their) ((?:first|second|third|fourth|fifth|next|last|other|final) (?:problem|issue|diagnosis|concern)(?: of| with)? (?:your |his |her |their |the )?)?([a-z'-]+(?: [a-z'-]+){0,3}))$/i;
/** Words that end no problem's name ("for your procedure which …"). */
const NOT_A_PROBLEM =
  /^(?:which|that|who|and|or|but|to|is|are|was|be|the|a|an|you|we|i|if|so|it|this|on|in|at|of|with|procedure|surgery|appointment|visit|test|tests|results?|medications?|medicine|pharmacy|insurance|records?|information|help|time|part|case|sake|questions?)$/;

/**
 * The turn to a problem that closes a piece (see TRANSITION_TAIL). A bare "for your hypertension" turns to a problem
 * only when it is new to the sentence: "… this is all muscular pain right now for your back pain", said after the back
 * exam, completes the clause before it.
 */
function transitionTail(cur: string[], before: string[]): string | null {
  const m = TRANSITION_TAIL.exec(cur.join(' ').replace(/[,.]$/, ''));
  if (!m) return null;
  const name = m[3]!.toLowerCase().split(' ');
  if (name.some((w) => NOT_A_PROBLEM.test(w))) return null;
  if (!m[2]) {
    const head = name[name.length - 1]!;
    const earlier = [...before, ...cur.slice(0, cur.length - m[1]!.split(' ').length)];
    if (
      earlier.some(
        (w) =>
          w
            .toLowerCase()
            .replace(/[,.?!]$/, '')
            .replace(/s$/, '') === head.replace(/s$/, ''),
      )
    )
      return null;
  }
  return m[1]!;
}

/**
 * Splits run-on sentences of unpunctuated ASR ("okay so how long has that been going on and does it hurt") before
 * discourse markers, keeping pieces of at least six words.
 */
export function splitRunOn(sentence: string, maxWords = 24): string[] {
  const words = sentence.split(' ');
  if (words.length <= maxWords) return [sentence];
  const out: string[] = [];
  let cur: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.toLowerCase().replace(/[,.?!]$/, '');
    const next = words[i + 1]?.toLowerCase() ?? '';
    const prev = words[i - 1]?.toLowerCase() ?? '';
    const rest = words
      .slice(i, i + 5)
      .join(' ')
      .toLowerCase();
    const marker =
      (MARKERS.has(w) &&
        !(w === 'well' && ADVERB_BEFORE_WELL.test(prev)) &&
        !(w === 'now' && /^right$/.test(prev.replace(/[,.]$/, ''))) &&
        // "… after an anterior stemi now status post drug-eluting stent": dictation of the course, not a new clause.
        !(w === 'now' && /^status$/.test(next))) ||
      (w === 'and' && /^(then|so|now|i|we|you)$/.test(next)) ||
      CLAUSE_START.test(rest);
    // "… and if we're improving then we'll start adding activity": the consequence stays with its condition.
    const consequence =
      /^then$/i.test(cur[cur.length - 1] ?? '') &&
      cur.slice(-8, -1).some((x) => /^(?:if|once)$/i.test(x)) &&
      !cur.slice(-8, -1).some((x) => /,$/.test(x));
    if (marker && cur.length >= 6 && words.length - i >= 4 && !continues(words, i) && !consequence) {
      // A conjunction just before the new clause belongs to it ("… to that and | i'm gonna see you" → "and i'm …").
      // So does the problem it turns to ("… once a day for your third problem of your diabetes | let's order an a1c",
      // "… in the future for your hypertension | i'm gonna keep you on norvasc"): the words before the turn stay with the
      // problem before it.
      const turn = transitionTail(cur, words.slice(0, i - cur.length));
      const turnWords = turn ? turn.split(' ').length : 0;
      const carry =
        turn && cur.length - turnWords >= 4
          ? cur.splice(cur.length - turnWords)
          : /^(?:and|so|but|then)$/i.test(cur[cur.length - 1] ?? '')
            ? [cur.pop()!]
            : [];
      out.push(cur.join(' '));
      cur = carry;
    }
    cur.push(words[i]!);
  }
  if (cur.length) out.push(cur.join(' '));
  return out;
}

/** A tag question closing a statement ("..., okay?") does not make it a question. */
const TAG_QUESTION =
  /(?<=\w[^?]{12,}?),?\s*(?:okay|ok|all right|alright|right|you know|does that sound good|sound good|sounds good|is that okay|does that make sense|yeah|fair enough)\?$/i;

/**
 * Replaces a closing tag question with a full stop. The tag sits at the end of a question, so the pattern runs on the
 * last 240 characters only: on a whole sentence its lookbehind rescanned the text before every position, which is
 * quadratic on a long run without letters ("----…?").
 */
function dropTagQuestion(s: string): string {
  if (!s.endsWith('?')) return s;
  const cut = Math.max(0, s.length - 240);
  return s.slice(0, cut) + s.slice(cut).replace(TAG_QUESTION, '.');
}

/**
 * A finding the doctor states without announcing the exam ("okay your belly is soft and nontender", "there is a 4 cm
 * area of redness on the left calf", "your heart sounds regular no murmurs"): an organ or site read with what is seen,
 * heard or felt there, said as a statement, not a plan.
 */
const FINDING_LEAD =
  /^(?:(?:okay|ok|alright|all right|so|and|well|now)[, ]+)*(?:(?:your|his|her|their|the) (?:(?:left|right) )?(?:heart(?: sounds?)?|lungs?|belly|abdomen|tummy|ear ?drums?|ears?|throat|tonsils|skin|shin|calf|thigh|leg|forearm|arm|foot|feet|toes?|fingers?|nail(?: bed| fold)?|ankle|knee|elbow|shoulder|hip|wrist|hand|neck|back|face|scalp|nose|gums|joint|wound|incision|lymph nodes|glands|pulses|chest|eyes?|pupils)(?: sounds?| exam)? (?:is|are|sounds?|looks?|feels?)|on (?:your|his|her|their|the) (?:(?:left|right) )?(?:forearms?|arms?|legs?|shins?|calf|calves|thighs?|back|chest|abdomen|belly|face|neck|scalp|hands?|feet|foot|knees?|elbows?|trunk)(?:,| there (?:is|are|'s))|(?:when|as) i (?:listen|look|examine|feel)\b|there (?:is|are|'s) (?:an? |some )?(?:\d+(?:\.\d+)? by \d+(?:\.\d+)? (?:centimeters?|cm|millimeters?|mm) )?(?:area|patch|spot|streak)s? of)\b/;
/** What the finding reads: a sign, not a course ("your heart has been racing") or a plan. */
const FINDING_SIGN =
  /\b(?:(?:sounds?|looks?) (?:(?:really|very|pretty|nice and) )?(?:good|great|fine)|red|redness|warm|warmth|swollen|swelling|bulging|tender|nontender|non-tender|soft|clear|normal|regular|irregular|murmurs?|wheez\w*|crackles|rales|fluctuance|erythema|erythematous|inflamed|enlarged|distended|intact|blisters|vesicles|papules|plaques|scaly|rash)\b/;
/** Where an assessment follows the finding in one breath ("… nontender i think this is reflux"). */
const ASSESSMENT_AFTER_FINDING =
  /\s(?=(?:(?:and|so) )?(?:i think (?:this|that|it|you)\b|(?:so )?(?:this|that|it) (?:is|looks like|sounds like) (?!normal|clear|soft|tender|red|swollen)|given (?:the|your|that|this|how)\b))/;

/** A sentence that only acknowledges ("okay.", "alright, let's see."). */
const ACK_WORD = "(?:okay|ok|alright|all right|good|great|so|well|now|let's see|let me see|hmm)";
const ACKNOWLEDGEMENT = new RegExp(`^${ACK_WORD}(?:[\\s,.!]+${ACK_WORD})*[\\s,.!]*$`);

/** Whether a doctor's sentence states an exam finding without announcing the exam. */
function unannouncedFinding(lower: string): boolean {
  return FINDING_LEAD.test(lower) && FINDING_SIGN.test(lower) && !lower.trimEnd().endsWith('?');
}

/**
 * A doctor's finding followed in the same breath by the assessment ("okay your belly is soft and nontender i think this
 * is reflux") is two sentences: the finding, and the assessment. An assessment that only gives the grounds ("given the
 * story and your family history") stays with the plan statement after it.
 */
function splitFinding(pieces: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const lower = p.toLowerCase();
    const m = unannouncedFinding(lower) ? ASSESSMENT_AFTER_FINDING.exec(lower) : null;
    if (!m || m.index < 12 || !FINDING_SIGN.test(lower.slice(0, m.index))) {
      out.push(p);
      continue;
    }
    out.push(p.slice(0, m.index));
    let rest = p.slice(m.index + 1);
    if (/^given\b/i.test(rest) && i + 1 < pieces.length) rest = `${rest} ${pieces[++i]!}`;
    out.push(rest);
  }
  return out;
}

const REFLEX_SITE = '(?:biceps|triceps|brachioradialis|patellar?|achilles)';
/** A reflex grade dictated with the sites it was found at ("one plus bilateral biceps."). */
const GRADED_SITES = new RegExp(
  `\\b(?:one|two|three|four|[0-4](?:\\.5)?)(?: ?plus|\\+) (?:bilateral(?:ly)? )?${REFLEX_SITE}(?:,? (?:and )?${REFLEX_SITE})*\\.$`,
  'i',
);
/** A sentence of reflex sites only ("triceps brachioradialis."). */
const SITES_ONLY = new RegExp(`^(?:(?:and )?${REFLEX_SITE}[,\\s]*)+\\.?$`, 'i');
/** The reflexes named after their grade and sites, with no grade of their own ("reflexes bilateral all negative."). */
const REFLEXES_NAMED = /^(?:the )?(?:deep tendon )?reflex(?:es)?\b(?!.*\b(?:\d|one|two|three|four|plus)\b)/i;

/**
 * A reflex grade dictated in pieces the transcript cut apart ("one plus bilateral biceps." "triceps brachioradialis."
 * "reflexes bilateral all negative."): one sentence, so that the grade stays with every site and with the reflexes.
 */
function joinReflexGrades(pieces: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let s = pieces[i]!;
    if (GRADED_SITES.test(s)) {
      while (i + 1 < pieces.length && SITES_ONLY.test(pieces[i + 1]!))
        s = `${s.replace(/[.\s]+$/, '')}, ${pieces[++i]!.replace(/[,\s]+$/, '')}`;
      if (i + 1 < pieces.length && REFLEXES_NAMED.test(pieces[i + 1]!))
        s = `${s.replace(/[.\s]+$/, '')} ${pieces[++i]!}`;
    }
    out.push(s);
  }
  return out;
}

export function sentencesOf(transcript: Transcript): Sentence[] {
  const out: Sentence[] = [];
  for (const t of transcript.turns) {
    const pieces = joinReflexGrades(splitSentences(t.text))
      .map(dropTagQuestion)
      .flatMap((s) => splitRunOn(s));
    // A value said and at once corrected ("20 mg, sorry, 10 mg") is read as corrected, everywhere after.
    (t.speaker === 'doctor' ? splitFinding(pieces) : pieces)
      .map(withSelfRepairs)
      .forEach((s, pos) => out.push({ turn: t.index, pos, speaker: t.speaker, text: s, lower: s.toLowerCase() }));
  }
  return out;
}

/** The exam announced in words ("let's do a physical exam", "let me take a look", "on exam"), not a maneuver. */
const STRONG_EXAM_CUE =
  /\b(physical exam|examine you|exam(ination)? (is|was|shows)|take a (quick )?look|let me (go ahead and (and )?)?(just )?(check|listen|look|feel|see|examine)|when i (look at|examine|listen to|feel) your|the vital signs|listen to your (heart|lungs)|on (your |the |his |her )?([a-z]+ )?exam(ination)?|i'm (going to|gonna) (check|examine|listen|look|press|feel)|(let's|let me|i'll|we'll|i('m| am) (going to|gonna)|we('re| are) (going to|gonna)|i want to|i'd like to) (go ahead and )?(just )?(do|complete|finish|start|begin|perform|get started on|get to) (your|my|the|a|an|his|her|our)( (quick|brief|focused|physical|full))? (exam|examination)|(start|begin) (my|the|your) (physical )?exam(ination)?|let's (take a (quick )?look at|look at|have a look at|check|examine|listen to|feel) (your|his|her|the) (?!x\b|x-?rays?|results?|images?|labs?|films?|pictures?|mri|ct|scans?|echo|numbers|blood)[a-z]+)\b/;
/** The exam announced, or a maneuver of it ("press here", "does that hurt?", "take a deep breath"). */
const EXAM_CUE = new RegExp(
  `${STRONG_EXAM_CUE.source}|\\b(?:(?:press|push)(?:ing)? (?:on|here)|does (?:this|that) hurt|lie back|lay back|lean forward|take a deep breath)\\b`,
);
const RESULTS_CUE =
  /\b(x-?ray|mri|ct scan|cat scan|ultrasound|echocardiogram|echo|ekg|ecg|lab(s| work| results)?|blood work|results?|a1c|hemoglobin|lipid panel|urinalysis|urine dip(?:stick)?|dipstick|(?:rapid )?strep test|covid test|flu (?:test|swab)|pregnancy test|show me the)\b/;
const PLAN_CUE =
  /\b(assessment and plan|my assessment|my impression|assessment|impression|my plan|the plan|(?:about|for) your plan|treatment plan|diagnosis|for your (?:first |second |third |next |last )?problem|so for your|in terms of (your )?(treatment|plan)|what i('d| would) (like|recommend)|i('m going to| am going to| will| want to| wanna|'d like to) (prescribe|order|refer|start|recommend|put you on|put you in|send you|schedule|increase|decrease)|i recommend|i would recommend|let's go ahead and|what we(?:'re| are) (?:going to|gonna) (?:have to )?do|we(?:'re| are) (?:going to|gonna) (?:put you in|check you in|see you back)|(?:see|check) you (?:back )?in (?:a|one|two|three|four|six|\d+) (?:weeks?|months?)|(?:talk about|go over|review) what we found|(?:talk about|discuss|go over) (?:the |some |our )?(?:possible )?next steps|(?:good|ready|okay|ok|fine|cleared) to go home|discharge papers?|send (?:you|him|her) (?:back )?home|(?:you|he|she)(?:'ll| will) be going home|(?:going to|gonna) admit (?:you|him|her))\b/;

/**
 * After an exam, the plan also opens at a change of treatment or a conclusion said without "plan" ("let's stop the
 * lisinopril", "the cough is very likely from the lisinopril", "your blood pressure is reasonably controlled").
 */
const PLAN_CUE_AFTER_EXAM_ONLY =
  /\b(?:let's (?:stop|switch|start|increase|decrease|change) (?:the |your |you )|let's (?:just )?talk about (?:a few|a couple of|some) things|(?:is|are) (?:very |most |more than )?likely (?:from|due to|caused by|related to)|(?:is|are) (?:reasonably |fairly |pretty |very )?(?:well |poorly |not well )?controlled)\b/;
const planCueAfterExam = (lower: string) => PLAN_CUE.test(lower) || PLAN_CUE_AFTER_EXAM_ONLY.test(lower);

/** The clinician opening the assessment and plan inside a sentence: "so for your first problem", "my impression". */
const SENTENCE_PLAN_CUE =
  /\b(?:for (?:your|his|her|their|the) (?:(?:first|second|third|next|last|other|primary|main|major|biggest|chief) ){0,2}problem|my (?:assessment|impression|plan)|assessment and plan|in terms of (?:your )?(?:treatment|plan)|(?:going to|gonna) diagnose (?:you|him|her|them) with)\b/;

/** Where a plan turn that began with the exam turns to the assessment or a recommendation. */
const WEAK_PLAN_CUE =
  /\b(?:(?:the|your) (?:first|second|third|next|main|primary|biggest) (?:problem|issue|concern)|(?:review|explain|go over) what (?:all )?(?:this|that|these) means?|(?:let's|let me|i want to|wanna) talk (?:a little bit |a little |a bit )?about (?:your|the|my) (?:plan|assessment|diagnosis)|what i(?:'m| am) concerned about|(?:it )?sounds like you have|consistent with|my diagnosis|(?:the )?diagnosis (?:is|would be)|what you have is|i (?:want|would like) you to (?!move|push|pull|squeeze|bend|walk|stand|lie|lay|sit|look|follow|take a deep|breathe|cough|turn|raise|lift|relax|open|hop|jump|squat)|i(?:'m| am) (?:going to|gonna) (?:recommend|prescribe|order|refer|start|put you on)|i (?:would )?recommend)\b/;

/**
 * A diagnosis named or a treatment given in the middle of the exam or results ("we call this hallux rigidus and
 * treatment for this…", "i'm going to prescribe…"): the plan has begun, though the turn never said "assessment".
 */
const TREATMENT_CUE =
  /\b(?:we call (?:this|that|it)|(?:the )?treatment (?:for|of) (?:this|that|it)|(?:i'm|i am|we're|we are) (?:going to|gonna) (?:prescribe|start you on|put you on|refer you|put you in (?:a|an) (?:\w+ ){0,2}(?:cast|sling|splint|brace|boot)))\b/;

const RANK: Record<Phase, number> = { history: 0, exam: 1, results: 1, plan: 2 };

/** A sentence that also dictates a finding ("will watch that and otherwise normal heart exam") stays exam. */
const DICTATED_FINDING = /\b(?:exam(?:ination)?|normal|unremarkable|tender\w*|murmur|swelling|edema)\b/;
/**
 * A plan statement known by what it says, wherever the doctor says it once the history is over ("so let's just keep
 * monitoring them for now" between the breast exam and the results): a future or imperative action on the patient's
 * care. Only that sentence is plan; the exam or results around it stay as they are.
 */
const PLAN_STATEMENT =
  /\b(?:(?:let's|we(?:'ll| will)|i(?:'ll| will)|we(?:'re| are) (?:going to|gonna)|i(?:'m| am) (?:going to|gonna)|i (?:want|would like|'d like) to) (?:just )?(?:keep|continue) (?:monitoring|watching|an eye on|following)|(?:let's|we(?:'ll| will)|i(?:'ll| will)) (?:just )?(?:monitor|watch) (?:it|them|this|that|those|these)\b|i(?:'ll| will| am going to| am gonna|'m going to|'m gonna) (?:go ahead and )?(?:send (?:out )?(?:a|the|an) referral|refer you|order (?:a|an|some|the)|prescribe|start you on|put you on)|(?:let's|we(?:'ll| will)) (?:go ahead and )?(?:refer you|order (?:a|an|some|the)|start you on|put you on|schedule (?:a|an|you))|(?:i(?:'ll| will)|we(?:'ll| will)) (?:see|check on) you (?:back )?in (?:a|one|two|three|four|six|\d+) (?:days?|weeks?|months?))\b/;

/**
 * A medication order said as a directive ("okay so restart the glipizide 5 mg twice a day", "we need to stop the
 * metformin", "let's hold tonight's coumadin dose", "and then go down to 5 mg on mondays"): a change to a drug, in the
 * first person or the imperative, with the drug or a dose said after the verb. A short visit with no exam announced
 * reaches its plan before the turn-level plan starts, so such a sentence is plan where it is said.
 */
const MED_DIRECTIVE =
  /(?:^(?:(?:okay|ok|so|and|then|alright|now|instead|but)[, ]+)*|\b(?:let's|we(?:'ll| will| need to| have to| should| can| are going to| are gonna|'re going to|'re gonna|'d like to| would like to| want to)|i(?:'ll| will|'d like to| would like to| want to|'m going to|'m gonna| am going to)|you (?:should|need to|have to)|i (?:want|need) you to|time to)\s+(?:go ahead and\s+)?(?:just\s+)?)(?:(?:re-?)?start|resume|stop|discontinue|hold|continue|increase|decrease|taper|switch|try|go (?:up|down) (?:on|to)|bump|cut back on|keep (?:taking|the|your))\b(?! (?:on|off|with|by|talking|at the|in mind)\b)/;
const MED_DIRECTIVE_OBJECT =
  /^(?:\s+\S+){0,6}?\s+(?:\d|(?:the |your |his |her |their |tonight's |today's )?(?:dose|doses|medications?|medicines?|pills?)\b)/;

/** Whether a doctor's sentence orders a change to a drug (named, or a dose of the one just discussed). */
function medDirective(lower: string): boolean {
  const m = MED_DIRECTIVE.exec(lower);
  if (!m) return false;
  // "maybe we'll try some singulair": a suggestion, which the plan reads where it is said.
  if (/\btry$/.test(m[0]) && /\b(?:maybe|could|might|may|perhaps)\b/.test(lower)) return false;
  const after = lower.slice(m.index + m[0].length, m.index + m[0].length + 60);
  return MED_DIRECTIVE_OBJECT.test(after) || lexicons().medications.match(after).length > 0;
}

/** The patient only pointing at the maneuver ("it does, where your left hand just was", "yeah, right there"). */
const AT_THE_MANEUVER =
  /\b(?:your (?:left |right )?(?:hand|finger|fingers|thumb)|where you(?:'re| are)? (?:just )?(?:press|push|touch)\w*|when you (?:press|push|touch|move|bend|pull)\w*|right there|right here|down here|up here|that (?:spot|one))\b/;

/** A question in unpunctuated speech ("so have you been able to do that", "does that hurt"). */
const ASKED =
  /\b(?:do|does|did|are|is|have|has|can|could|were|was) (?:you|it|that|this|they|he|she)\b(?![^,.]*\b(?:so|because)\b)|\b(?:how|what|when|where) (?:is|are|was|about|do|does|did)\b/;
/** An answer that goes on to say more than asked ("no, it kinda makes a shooting pain down to my ankle though"). */
const MORE_THAN_ASKED = /^(?:no|yes|yeah|nope|not really)\b[, ]+(?:\S+ ){3,}.*\b(?:though|but|except)\b/;

/**
 * A patient's sentence during the exam that tells their story rather than answering the maneuver: six words or more,
 * not a question, not about where the examiner's hand is.
 */
function patientStory(s: Sentence, asked: boolean): boolean {
  if ((asked && !MORE_THAN_ASKED.test(s.lower)) || s.text.endsWith('?')) return false;
  if (s.lower.split(/\s+/).length < 6) return false;
  return !AT_THE_MANEUVER.test(s.lower);
}

/**
 * Sets each sentence's phase: its turn's phase, moved forward where a doctor's sentence opens the assessment and plan
 * in the middle of a turn (from then on the visit is in the plan, including the rest of that turn and the turns up to
 * where the turn-level plan starts). Phases never move backwards.
 */
export function assignSentencePhases(sentences: Sentence[], turnPhase: Phase[]): void {
  const n = turnPhase.length;
  const backdated = examBeforePlan(sentences, turnPhase);
  let floor: Phase = 'history';
  // The turn whose sentence first moved the visit to the plan, and whether the doctor has so far only read out
  // readings and findings in the current turn.
  let planFrom = -1;
  let turnOpen = -1;
  let onlyReadings = true;
  // Patient turns that answer a question the doctor asked in the turn before (an answer is read with its question).
  const askedBefore = new Set<number>();
  for (const [i, s] of sentences.entries())
    if (s.speaker === 'doctor' && sentences[i + 1]?.turn !== s.turn) {
      if (s.text.endsWith('?') || ASKED.test(s.lower)) askedBefore.add(s.turn + 1);
    }
  for (const s of sentences) {
    // The exam done at the start of the turn that opens the plan is exam, whatever phase came before it.
    const back = backdated.get(s);
    if (back) {
      s.phase = back;
      continue;
    }
    const tp = turnPhase[s.turn] ?? 'history';
    // What the patient tells of their own story while being examined ("whenever i breastfed, it was always sore
    // there too", "my mom was diagnosed with breast cancer") is history; the exam goes on around it.
    if (
      tp === 'exam' &&
      s.speaker === 'patient' &&
      RANK[floor] <= RANK.exam &&
      patientStory(s, askedBefore.has(s.turn))
    ) {
      s.phase = 'history';
      continue;
    }
    let ph: Phase = RANK[tp] >= RANK[floor] ? tp : floor;
    // A short visit read as history until its plan turns, the exam never announced: the doctor's finding said as the
    // plan turn opens ("okay your heart sounds regular no murmurs") is the exam, not reasoning.
    // So is the finding that opens the first plan turn after the exam ("your lungs sound pretty good to me so keep
    // doing what you're doing … let's just talk about a few things").
    // So is a finding said in the turn that opened the plan after only readings and findings ("your blood pressure
    // today is 152/94. your heart sounds regular … so your hypertension is not controlled. we'll increase …").
    if (s.speaker === 'doctor' && s.turn !== turnOpen) {
      turnOpen = s.turn;
      onlyReadings = true;
    }
    const readingsBefore = onlyReadings;
    // A bare "okay." before the findings says nothing either way.
    if (
      s.speaker === 'doctor' &&
      !ACKNOWLEDGEMENT.test(s.lower) &&
      !(unannouncedFinding(s.lower) || EXAM_CUE.test(s.lower) || READING.test(s.lower))
    )
      onlyReadings = false;
    if (
      ph === 'plan' &&
      (floor === 'history' ||
        (floor === 'exam' && s.pos === 0 && tp === 'plan') ||
        (readingsBefore && s.pos > 0 && planFrom === s.turn)) &&
      s.speaker === 'doctor' &&
      (unannouncedFinding(s.lower) || VITAL_READING.test(s.lower)) &&
      !PLAN_STATEMENT.test(s.lower) &&
      !medDirective(s.lower) &&
      !SENTENCE_PLAN_CUE.test(s.lower)
    ) {
      s.phase = 'exam';
      continue;
    }
    if (
      ph !== 'plan' &&
      s.speaker === 'doctor' &&
      (ph !== 'history' || s.turn >= n * 0.35) &&
      (SENTENCE_PLAN_CUE.test(s.lower) || TREATMENT_CUE.test(s.lower)) &&
      !s.text.endsWith('?')
    )
      ph = 'plan';
    // The diagnosis drawn after the exam in the same breath ("on exam his tonsils are red. so this is strep throat.
    // we'll start …") opens the assessment: it and what follows are the plan's, not exam findings.
    if (ph === 'exam' && s.speaker === 'doctor' && !s.text.endsWith('?') && drawnDiagnosis(s.lower)) ph = 'plan';
    // A plan statement inside the exam or the results, or in the second half of a visit still read as history (the
    // exam was never announced), is plan, without moving the visit on to the plan.
    // A medication order is plan once the patient has been heard (a short visit reaches its plan early).
    if (
      (ph === 'exam' || ph === 'results' || (ph === 'history' && s.turn >= Math.min(n * 0.35, 2))) &&
      s.speaker === 'doctor' &&
      !s.text.endsWith('?') &&
      ((PLAN_STATEMENT.test(s.lower) && (ph !== 'history' || s.turn >= n * 0.5)) || medDirective(s.lower)) &&
      !DICTATED_FINDING.test(s.lower)
    ) {
      s.phase = 'plan';
      continue;
    }
    s.phase = ph;
    if (ph === 'plan' && floor !== 'plan') planFrom = s.turn;
    if (RANK[ph] > RANK[floor]) floor = ph === 'results' ? 'exam' : ph;
  }
}

/** The diagnosis a doctor draws from what was just found ("so this is…", "so you have…"). */
const DRAWN_FRAME =
  /^(?:(?:and|okay|ok|alright|all right)[, ]+)*so,? (?:this is|that's|it's|you have|you've got|(?:he|she|they) (?:has|have)|(?:he|she|they)'s got)\s+/;
/** "so your diabetes is uncontrolled": the problem's state said as the conclusion. */
const DRAWN_STATE =
  /^(?:(?:and|okay|ok|alright|all right)[, ]+)*so,? (?:your|his|her|their) ([a-z0-9' -]{3,40}?) (?:is|are) (?:still |now |very |quite )?(?:not (?:well )?controlled|uncontrolled|poorly controlled|well controlled|controlled|worse|worsening|flaring|stable|improved|better)\b/;

/**
 * Whether a doctor's sentence draws a diagnosis: the frame, then a problem the lexicon knows named right after it (a
 * few words of acuity or site between), or a problem named with its state ("so your hypertension is not controlled").
 * "So this is looking at your right arm" or "so your screen for diabetes was fine" draws none.
 */
export function drawnDiagnosis(lower: string): boolean {
  const problems = lexicons().problems.match(lower);
  const frame = DRAWN_FRAME.exec(lower);
  if (frame) {
    const end = frame[0].length;
    if (problems.some((m) => m.start >= end && m.start - end <= 30 && !/[,.;]/.test(lower.slice(end, m.start))))
      return true;
  }
  const state = DRAWN_STATE.exec(lower);
  if (!state) return false;
  const at = state[0].indexOf(state[1]!);
  return problems.some((m) => m.start >= at && m.end <= at + state[1]!.length);
}

/** A vital sign read out as a statement ("your blood pressure today is 152/94"): the exam's, like a finding. */
const VITAL_READING =
  /^(?:(?:okay|ok|so|and|now|alright|all right)[, ]+)*(?:your|his|her|their|the) (?:blood pressure|heart rate|pulse|temperature|temp|oxygen(?: saturation| level)?|respiratory rate|weight) (?:today |here |now )?(?:is|was) (?:about |around |at )?\d[^?]*$/;
/** A reading said as a statement ("your blood pressure today is 152/94", "her temperature is 101"). */
const READING =
  /^(?:(?:okay|ok|so|and|now|alright|all right)[, ]+)*(?:your|his|her|their|the) [a-z0-9' ]{2,30}? (?:today |here |now )?(?:is|was|are|were|of) (?:about |around |at |up to )?\d[^?]*$/;

/**
 * The plan turn that first does the exam ("let's talk about my physical exam … now I do appreciate some
 * bruising … so let me talk to you about my assessment and plan"): its sentences before the plan opens are exam, or
 * results where they review a study. Without this the whole turn was plan, and the exam was copied into the A&P.
 */
function examBeforePlan(sentences: Sentence[], turnPhase: Phase[]): Map<Sentence, Phase> {
  const out = new Map<Sentence, Phase>();
  // The turn where the doctor opens the assessment and plan in words.
  let opener = sentences.find(
    (s) => s.speaker === 'doctor' && turnPhase[s.turn] === 'plan' && SENTENCE_PLAN_CUE.test(s.lower),
  );
  let cue = SENTENCE_PLAN_CUE;
  // No "for your first problem": a plan turn that starts with the exam opens the plan at the diagnosis or the first
  // recommendation ("… your symptoms are consistent with patellofemoral pain syndrome … i want you to continue …").
  if (!opener) {
    // The doctor's plan-phase sentences by turn, grouped once (a filter per turn was quadratic on a long visit).
    const byTurn = new Map<number, Sentence[]>();
    for (const s of sentences)
      if (s.speaker === 'doctor' && turnPhase[s.turn] === 'plan') {
        const list = byTurn.get(s.turn);
        if (list) list.push(s);
        else byTurn.set(s.turn, [s]);
      }
    for (const turn of byTurn.values()) {
      const k = turn.findIndex((s) => WEAK_PLAN_CUE.test(s.lower));
      if (k > 0 && turn.slice(0, k).some((s) => EXAM_CUE.test(s.lower))) {
        opener = turn[k];
        cue = WEAK_PLAN_CUE;
        break;
      }
    }
  }
  if (!opener) return out;
  const turn = sentences.filter((s) => s.turn === opener.turn && s.speaker === 'doctor');
  // The plan opens at its cue, or earlier at an order said before it ("so let's try ibuprofen 400 mg … and i want
  // you to…"): an order is never exam.
  const k = turn.findIndex((s) => cue.test(s.lower) || medDirective(s.lower) || PLAN_STATEMENT.test(s.lower));
  if (k <= 0 || !turn.slice(0, k).some((s) => EXAM_CUE.test(s.lower))) return out;
  let ph: Phase = 'exam';
  for (const s of turn.slice(0, k)) {
    if (RESULTS_CUE.test(s.lower)) ph = 'results';
    out.set(s, ph);
  }
  return out;
}

/** The doctor saying what they will do ("we'll do nitrofurantoin…", "i'll send a urine culture"). */
const ORDER_SAID =
  /\b(?:we'll|we will|i'll|i will|let's) (?:go ahead and )?(?:do|start|give|send|prescribe|order|get|put|treat)\b(?! (?:a |an |the |your |my )?(?:quick |brief |physical )?(?:exam|examination|look|listen)\b)/;

/** The doctor's conclusion ("this looks like a simple bladder infection", "what we're dealing with is…"). */
const DIAGNOSIS_SAID =
  /\b(?:(?:this|it|that) (?:looks|sounds) like (?:a|an|you have)|what we(?:'re| are) dealing with|you(?:'ve| have) got (?:a|an))\b/;

/** A statement of a finding or result ("looks like you have some sensory loss", "i can feel a lump"). */
const FINDING_STATED =
  /\b(?:looks? like|you have|shows?|showed|found|i (?:can )?(?:see|feel|notice|hear) (?:a|an|some|that|the|no|your))\b/;
/** A history question ("any fever?", "how about wheezing?", "did you ever have pneumonia?"), not a plan's check. */
const HISTORY_QUESTION =
  /^(?:(?:okay|ok|alright|so|and|now|great|good|oh|also)[,.!]* )*(?:any|anything|no|do you|does it|did you|have you|has it|are you|is there|how about|what about|how is|how are|how's|were you|was there|you (?:also )?(?:have|had|were) (?:a )?(?:(?:past )?(?:medical )?history of|diagnosed)|(?:a )?(?:(?:past )?(?:medical )?history of))\b/;
const NOT_HISTORY_QUESTION =
  /\b(?:questions?|concerns?|sounds? (?:good|okay|ok|fair|fine)|make sense|understand)\b|\b(?:okay|ok|alright|all right|right)\s*\?\s*$/;
/** The chart read to the patient as a question ("I also see on my chart that you've had X, is that true?"). */
const CHART_QUESTION =
  /\b(?:(?:i|we) (?:also )?see (?:on|in|here|from) (?:my |your |the )?(?:chart|records?|file|notes?)?|(?:your|the|my) (?:chart|records?|file|notes?) (?:says?|shows?|notes?))\b[^?]*\b(?:you|he|she)(?:'ve| have| has| had| were| was)\b/;
function historyQuestion(text: string): boolean {
  const l = text.toLowerCase().trim();
  if (!l.endsWith('?')) return false;
  const parts = l.split(/(?<=[.?!])\s+/);
  const last = parts[parts.length - 1]!;
  // What the doctor says before the question states no finding, exam or result ("okay. any wheezing?", "good thing
  // you came. any chills or fever?"; not "looks like you have some sensory loss. any trouble with your bladder?").
  if (
    parts
      .slice(0, -1)
      .some((p) => !p.endsWith('?') && (FINDING_STATED.test(p) || EXAM_CUE.test(p) || RESULTS_CUE.test(p)))
  )
    return false;
  return (
    (HISTORY_QUESTION.test(last) || CHART_QUESTION.test(last)) &&
    !NOT_HISTORY_QUESTION.test(l) &&
    !PLAN_CUE.test(l) &&
    !PLAN_STATEMENT.test(l)
  );
}

/** Phase of each turn (index = turn index), monotone: history → exam → results → plan, with results/exam optional. */
export function phases(transcript: Transcript): Phase[] {
  const n = transcript.turns.length;
  const out: Phase[] = new Array(n).fill('history');
  let examStart = -1;
  let planStart = -1;
  const minPlan = Math.floor(n * 0.35);
  for (const t of transcript.turns) {
    if (t.speaker !== 'doctor') continue;
    const l = t.text.toLowerCase();
    if (examStart < 0 && t.index >= n * 0.15 && STRONG_EXAM_CUE.test(l)) examStart = t.index;
    if (planStart < 0 && t.index >= minPlan && t.index > examStart && examStart >= 0 && planCueAfterExam(l))
      planStart = t.index;
  }
  // No exam announced in so many words: the first exam maneuver ("does that hurt?", "press here") opens it.
  if (examStart < 0)
    examStart =
      transcript.turns.find((t) => t.speaker === 'doctor' && t.index >= n * 0.15 && EXAM_CUE.test(t.text.toLowerCase()))
        ?.index ?? -1;
  if (planStart < 0 && examStart >= 0)
    planStart =
      transcript.turns.find(
        (t) =>
          t.speaker === 'doctor' && t.index >= minPlan && t.index > examStart && planCueAfterExam(t.text.toLowerCase()),
      )?.index ?? -1;
  if (planStart < 0) {
    for (const t of transcript.turns) {
      if (
        t.speaker === 'doctor' &&
        t.index >= Math.max(minPlan, examStart + 1) &&
        PLAN_CUE.test(t.text.toLowerCase())
      ) {
        planStart = t.index;
        break;
      }
    }
  }
  // The exam and the plan said in one long turn: the plan starts there (its sentences are split by examBeforePlan), not
  // at three quarters of the visit, which made the medication history of a short visit a list of drugs to start.
  const examTurn = examStart >= 0 ? transcript.turns[examStart]!.text.toLowerCase() : '';
  if (planStart < 0 && examStart >= 0 && (SENTENCE_PLAN_CUE.test(examTurn) || WEAK_PLAN_CUE.test(examTurn)))
    planStart = examStart;
  // Without a cue the plan starts at three quarters of the visit, with the doctor: the patient's answer to the last
  // history question ("and you still smoke?" "yeah, about half a pack a day") is history.
  // A visit still asking about symptoms there ("any cough or coughing up blood?" "no.") has not reached its plan: its
  // closing questions and their answers are history, and the plan opens at the first doctor's turn that is not such a
  // question (none: the visit has no plan).
  let fallback = Math.floor(n * 0.75);
  while (fallback < n - 1 && transcript.turns[fallback]!.speaker !== 'doctor') fallback++;
  if (planStart < 0) {
    while (
      fallback < n &&
      (transcript.turns[fallback]!.speaker !== 'doctor' || historyQuestion(transcript.turns[fallback]!.text))
    )
      fallback++;
  }
  // When the doctor's turns from there up to the first order are only findings and results ("you have mild tenderness
  // over the bladder", "your urine dip shows leukocytes"), those are the exam and its results, and the plan opens at
  // the order ("we'll do nitrofurantoin 100 mg twice a day").
  if (planStart < 0 && examStart >= 0) {
    for (let i = fallback; i < n; i++) {
      const t = transcript.turns[i]!;
      if (t.speaker !== 'doctor') continue;
      const l = t.text.toLowerCase();
      if (medDirective(l) || PLAN_STATEMENT.test(l) || ORDER_SAID.test(l) || DIAGNOSIS_SAID.test(l)) {
        if (i > fallback) planStart = i;
        break;
      }
      const finding = !l.trimEnd().endsWith('?') && (FINDING_SIGN.test(l) || /\btenderness\b/.test(l));
      if (!finding && !RESULTS_CUE.test(l)) break;
    }
  }
  if (planStart < 0) planStart = fallback;
  for (let i = 0; i < n; i++) {
    if (i >= planStart) out[i] = 'plan';
    else if (examStart >= 0 && i >= examStart) out[i] = 'exam';
  }
  // Results talk inside the exam/plan window (or anywhere after the history) is marked as results turns.
  for (const t of transcript.turns) {
    if (t.speaker !== 'doctor' || out[t.index] === 'history') continue;
    if (out[t.index] === 'exam' && RESULTS_CUE.test(t.text.toLowerCase()) && !EXAM_CUE.test(t.text.toLowerCase()))
      out[t.index] = 'results';
  }
  return out;
}

/** The sentences of each turn, indexed once per sentence list (a per-item scan of a long visit is quadratic). */
const byTurn = new WeakMap<readonly Sentence[], Map<number, Sentence[]>>();
export function sentencesInTurn(sentences: readonly Sentence[], turn: number): Sentence[] {
  let index = byTurn.get(sentences);
  if (!index) {
    index = new Map();
    for (const x of sentences) {
      const list = index.get(x.turn);
      if (list) list.push(x);
      else index.set(x.turn, [x]);
    }
    byTurn.set(sentences, index);
  }
  return index.get(turn) ?? [];
}
