/**
 * Whether a sentence reads as a note or as speech. A physician signs "Denies fever or chills." and "Start amoxicillin
 * 500 mg 3 times a day." but not "From a rapid strep standpoint." or "Honestly they can't think of anytime if they
 * fell or like they have really been trying to think." — sentences copied from a transcript keep the marks of speech:
 * conversational words, a leading link to a sentence that is not there, a word the speaker never finished the
 * sentence after, or the person spoken to. The drafter keeps a copied sentence only when it has none of these; the
 * note linter counts them in drafts and in reference notes alike (references ≈ 0).
 */

import { lexicons } from './lexicon.js';
import { KIN, withoutRepeats } from './rewrite.js';

export type RegisterProblem =
  | 'conversational' // "you know", "okay", "honestly", "I guess", "gonna", filler "like"
  | 'second-person' // "you", "your": spoken to the patient
  | 'leading-link' // opens on a link to a sentence before it ("But…", "So…", "Because…", "Which…")
  | 'dangling' // ends on a word that needs more ("…if.", "…every.", "…of the.")
  | 'fragment' // a frame without a clause ("From a rapid strep standpoint.")
  | 'question' // a question
  | 'instruction' // said to the patient during the exam ("Touch here.")
  | 'first-person' // the doctor's own voice outside the plan, or in the plan with no plan in it
  | 'vague'; // a plan statement about "that" or "those" that names nothing ("Will give them a prescription.")

const CONVERSATIONAL =
  /(?<![a-z'-])(?:you know|i guess|i mean|(?<!\b(?:doing|feeling|going|is|was|are|were|been|looks?|looked|seems?|seemed|it's|that's|everything's|felt|am)\s)(?:okay|ok|alright|all right)|honestly|to be honest|let's see|let me see|good news|gonna|wanna|gotta|kinda|sorta|yeah|yep|yup|uh|um|hmm|oh|wow|great,|awesome|cool|stuff|things like that|or something|or anything|and whatnot|and everything|you see|right\?|anyways?|basically|pretty much|for sure|of course|obviously|i'm sorry|sorry)(?![a-z'-])/i;
/** The doctor announcing what comes next ("Will talk about my assessment and plan for him."), which a note does. */
const ANNOUNCEMENT =
  /^(?:(?:so|now|okay)\s+)?(?:will|we'll|let's|i'll|i will|i want to|i'd like to|i'm going to|going to|gonna|let me) (?:just )?(?:talk|go over|discuss|review|chat|go through) (?:a (?:little|bit) )?(?:about )?(?:my |the |your |his |her |their |our )?(?:assessment|plan|impression|results|findings|labs|exam)\b/i;
/** "like" as a filler, not as a verb or a comparison ("feels like", "looks like", "would like", "like a knife"). */
const FILLER_LIKE =
  /(?:^|[,;]\s*|\b(?:and|but|or|just|so|kind of|sort of|really)\s+)like(?:,|\s+(?:i|he|she|they|we|you|it|the|a|um|uh|really|just|maybe|about|\d))(?![a-z'-])/i;
const SECOND = /(?<![a-z'-])(?:you|your|you're|you've|you'll|you'd|yours|yourself)(?![a-z'-])/i;
const LEADING =
  /^(?:of(?! note)|but|so|and|or|because|which|then|well|also|though|plus|anyway|like|cause|cuz|as well|too|even|just|really|that's why|it's just|whereas|until|except|besides)\b/i;
const DANGLING =
  /(?<![a-z'-])(?:if|every|the|a|an|and|or|but|to|of|which|because|their|his|my|your|our|when|where|while|whether|than|so|some|any|very|really|just|like|by|into|its|it's|that's|there's|i|we|he|she|they|not)[.!]?$/i;
/** Words that make a clause: a verb form or a copula. Without one (and without a finding noun phrase) a sentence is a frame. */
const VERB =
  /(?<![a-z'-])(?:is|are|was|were|be|been|being|am|has|have|had|do|does|did|will|would|can|could|should|shall|may|might|must|need|needs|get|gets|got|take|takes|took|feel|feels|felt|reports?|states?|denies|endorses|notes|complains|presents|shows?|showed|appears?|seems?|looks?|continues?|start|stop|order|refer|return|follow|recommend\w*|advised?|prescribed?|increase|decrease|discontinue|schedule|obtain|check|monitor|plan|see|saw|went|came|noticed|started|stopped|began|hurt|hurts|\w+ed)(?![a-z'-])|n't\b|'s\b|'re\b|'ve\b|'ll\b|'d\b/i;
const FRAME_ONLY =
  /^(?:from|in terms of|as far as|regarding|with regards? to|in regards? to|as for|about|for) (?:an? |the |his |her |their |your )?[a-z' -]+? (?:standpoint|perspective|point of view|aspect|wise)[.!]?$/i;

/** "A little bit on the back end, that side.": where, said without what. */
const PLACE_ONLY =
  /^(?:(?:a (?:little|tiny|small)(?: bit)?|a bit|a lot|some|mostly|only|just|more|maybe),?\s+)?(?:on|in|at|around|over|under|near|along|by|behind|across) (?:the|my|her|his|their|that|this|its)\b/i;
/** "Most of the times they are okay.": how the patient is, without what it says it of. */
const OKAY_ONLY =
  /^(?:(?:(?:most|some|all) of the times?|mostly|usually|generally|for the most part|most days|otherwise),?\s+)?(?:she|he|they) (?:is|are|feels?|feel) (?:(?:mostly|usually|generally|pretty) )?(?:okay|ok|fine|alright|all right)[.!]?$/i;
/** "Not if they are on their feet…": an answer's "not" that negates the question it does not carry. */
const NOT_IF = /^not (?:if|unless|when|until)\b/i;

/** What the examiner says to the patient during the exam ("Touch here.", "Relax the finger."), not a finding. */
const EXAM_INSTRUCTION =
  /^(?:touch|press|pressing|push|pull|relax|place|lift|raise|squeeze|look (?:up|down|left|right|at)|follow|take a (?:deep )?breath|breathe|bend|straighten|turn|lie|lay|sit|stand|walk|try|let me|go ahead|(?:any )?pain (?:here|there)|does (?:this|that) hurt)\b/i;

/** The kind of note section a sentence is in: the doctor's own voice belongs in the plan only. */
export type RegisterSection = 'history' | 'exam' | 'results' | 'plan';

/** The doctor in the first person ("I reviewed…", "we talked about…", "let's…"). */
const FIRST_PERSON = /(?<![a-z'-])(?:i|i'm|i've|i'll|i'd|me|my|we|we'll|we've|we're|we'd|our|us|let's)(?![a-z'-])/i;
const DOCTOR_I = /(?<![a-z'-])(?:i|i'm|i've|i'll|i'd|me|my)(?![a-z'-])/i;
/** What a first-person sentence in the plan must carry to be a plan statement ("I will order…", "I suspect…"). */
const PLAN_ACT =
  /\b(?:order\w*|start\w*|prescrib\w*|refer\w*|follow\w*|continu\w*|recommend\w*|schedul\w*|increas\w*|decreas\w*|stop\w*|discontinu\w*|check\w*|repeat\w*|send|get|obtain|give|put|see (?:him|her|them|you) back|think|suspect\w*|likely|probabl[ey]|diagnos\w*|consistent|concern\w*|treat\w*|discuss\w*|plan\w*|want|would like|advis\w*|counsel\w*|educat\w*|explain\w*|surgery|injection|therapy|mg|test\w*|x-?ray|mri|ct|ultrasound|labs?|referral|stable|dealing with|record\w*|log|mammogram|colonoscopy|screening|come (?:on )?back|see me|daily|once a day|twice|weeks?|months?|change\w*|medication\w*|\w*(?:itis|osis|emia|pathy|ectomy|plasty))\b|\d/i;
/** A question asked inside a sentence ("… is there any decreased range of motion"). */
const EMBEDDED_QUESTION =
  /\b(?:is there any|are there any|do you|did you|have you|does it hurt|does that hurt|can you|could you|any questions|how are you|how is that|what do you)\b/i;

/** The examiner narrating the exam while doing it ("Will pull on their knee and twist it."), heard during the plan. */
const EXAM_NARRATION =
  /^(?:(?:i|we) )?(?:will|'ll|am going to|are going to|going to|gonna|let me|want to|need to) (?:just )?(?:(?:sit|stand) (?:here |there )?and )?(?:pull|push|press|twist|bend|lay (?:you|them|him|her) back|sit (?:you|them|him|her) up|feel (?:your|their|his|her)|examine|listen to|tap on|move (?:your|their|his|her))\b/i;

/** What a plan statement can be about without a clinical noun: a pointer or a bare "prescription". */
const POINTER =
  /\b(?:take|wear|use|watch|continue|increase|adjust|keep|try|start|stop|dispense \d+ of|give (?:them|him|her|you))\s+(?:that|those|these|it|this|them|one)\b|\b(?:give|write|send)(?: (?:them|him|her|you))? (?:a|the) prescription[.!]?$/i;
const CLINICAL_NOUN =
  /\b(?:x-?rays?|mri|ct|scan|ultrasound|labs?|blood|urine|test\w*|brace|splint|cast|boot|sling|crutches|ice|heat|elevat\w*|therapy|exercis\w*|diet|weight|sugars?|pressure|pain|swelling|follow|appointment|surgery|injection|referral|specialist|knee|ankle|wrist|shoulder|hip|back|neck|foot|hand|leg|arm|chest|heart|lung|kidney|liver|skin|\d)\w*/i;

/** A plan statement whose object is only a pointer ("Will wear that for a few days.", "Will dispense 8 of those."). */
function vague(t: string): boolean {
  if (!POINTER.test(t) || CLINICAL_NOUN.test(t)) return false;
  const lex = lexicons();
  const lower = t.toLowerCase();
  return !lex.medications.match(lower).length && !lex.problems.match(lower).length && !lex.symptoms.match(lower).length;
}

/**
 * A line's bullet and label ("• Medical Reasoning: ", "Get this test: ", "• Neck: ") and the text after them; both
 * parts may be empty.
 */
export function splitLabel(line: string): { label: string; body: string } {
  const label = /^(?:•\s*)?(?:[A-Z][A-Za-z ,/&-]{2,40}:\s+)?/.exec(line)![0];
  return { label, body: line.slice(label.length) };
}

/** The marks of speech in one sentence (none: it reads as a note). */
export function registerProblems(sentence: string, section?: RegisterSection): RegisterProblem[] {
  // Quoted words are the patient's, kept as said; a bullet and its label are not the sentence.
  const t = splitLabel(sentence.replace(/[“"][^”"]*[”"]/g, '"…"').replace(/^[-*]\s*/, '')).body.trim();
  const out: RegisterProblem[] = [];
  if (!t) return out;
  if (
    CONVERSATIONAL.test(t) ||
    FILLER_LIKE.test(t) ||
    ANNOUNCEMENT.test(t) ||
    /^(?:thank|thanks|bye|goodbye|nice to)\b/i.test(t)
  )
    out.push('conversational');
  if (SECOND.test(t)) out.push('second-person');
  if (LEADING.test(t)) out.push('leading-link');
  const words = t.split(/\s+/);
  if ((words.length >= 3 && DANGLING.test(t)) || /\bonce in[.!]?$|,?\s(?:and|but|so) again[.!]?$/i.test(t))
    out.push('dangling');
  // "From a rapid strep standpoint.", "For her diabetes.": a frame whose clause never came.
  const frame = /^(?:from|for|regarding|as for|in terms of)\b/i.test(t) && words.length <= 8 && !VERB.test(t);
  // "If they start to see any significant increase in them.": a condition whose consequence never came.
  const conditionOnly =
    /^(?:if|unless)\b/i.test(t) &&
    words.length <= 12 &&
    !/[,;]|\bthen\b|\b(?:call|come|return|go|let|see (?:a|the|your|us|me)|contact)\b/i.test(t);
  // "Her heent exam." names an exam and no finding; "Is pretty normal." lost its subject.
  const bare =
    /^(?:on )?(?:the|their|his|her|your) (?:[a-z]+ ){0,2}(?:exam|examination)[.!]?$|^(?:is|are|was|were)\s/i.test(t) ||
    (/^(?:that|this|those|these)\s/i.test(t) && words.length <= 4 && !VERB.test(t));
  // "When she comes back in a month.": a time clause with no clause for it to time.
  const whenOnly =
    /^when\b/i.test(t) && words.length <= 8 && (t.match(/\b(?:i|he|she|they|it|we|you|there)\b/gi) ?? []).length <= 1;
  // In the history, an answer's words without what was asked: a place with no verb ("A little bit on the back end,
  // that side." for "what about bruising?") or the patient only "okay" ("Most of the times they are okay." for "do
  // you empty your bladder fully?").
  const answerOnly =
    section === 'history' && ((PLACE_ONLY.test(t) && !VERB.test(t)) || OKAY_ONLY.test(t) || NOT_IF.test(t));
  if (FRAME_ONLY.test(t) || frame || bare || conditionOnly || whenOnly || answerOnly) out.push('fragment');
  // "Can they lift weights and do their squats at the gym.": a question transcribed without its mark.
  const unmarked = /^(?:can|could|do|does|did|are|is|have|has|will|would|should)\s+(?:they|he|she|you|i|we|it)\b/i.test(
    t,
  );
  if (/\?\s*$/.test(t) || EMBEDDED_QUESTION.test(t) || unmarked) out.push('question');
  // In the history the patient's "I" is already the patient; an "I" left is the doctor's ("I am seeing Mrs. P…"). A
  // "we" may be the patient's family ("we've been moving boxes"), so it stays.
  if (section === 'history' && DOCTOR_I.test(t.replace(/\bexcuse me\b/gi, ''))) out.push('first-person');
  if (section === 'plan' && FIRST_PERSON.test(t) && !PLAN_ACT.test(t)) out.push('first-person');
  if (section === 'exam' && EXAM_INSTRUCTION.test(t)) out.push('instruction');
  if (section === 'plan' && EXAM_NARRATION.test(t)) out.push('instruction');
  if (section === 'plan' && vague(t)) out.push('vague');
  return out;
}

/** Whether a sentence reads as a note: no conversational words, no link to a missing sentence, nothing left hanging. */
export function readsAsNote(sentence: string, section?: RegisterSection): boolean {
  return registerProblems(sentence, section).length === 0;
}

/** Links to a sentence before it, which a sentence standing alone in a note drops ("Then schedule…", "Also his labs…"). */
const LEADING_LINKS =
  /^(?:(?:but|so|and|then|also|well|plus|anyway|anyways|just|really|again|actually|okay|alright|all right|now)\b[,]?\s+)+/i;
/** Words of speech that carry nothing in a note, with the commas around them. */
const EMPTY_WORDS =
  /,?\s*\b(?:basically|honestly|of course|pretty much|obviously|let's see|you know|i mean)\b,?(?=\s|$|[.!?])|(?<=\b(?:was|is|were|are|it's|and|just)\s)like,\s*|,\s*like,(?=\s)|,?\s*(?<!\b(?:doing|feeling|going|is|was|are|were|be|been|looks?|looked|seems?|seemed|it's|that's|everything's|feel|feels|felt|am|it|that|everything)\s)\b(?:okay|alright|all right|yeah|yep|yup)\b,?(?=\s+[a-z]|[.!?]?$)|\b(?:the good news is|the bad news is|i would say|i'd say)\s+/gi;
/** "For their lung exam, …", "On his skin exam": the exam announced before its finding. */
const EXAM_FRAME =
  /^(?:(?:for|on|in) (?:the|their|his|her|your) (?:[a-z]+ ){0,2}(?:exam|examination),?\s+(?=\S+\s+\S)|(?:the|their|his|her|your) (?:[a-z]+ ){0,2}(?:exam|examination),?\s+(?:(?:she|he|they) (?:does |do )?(?:has|have|shows?)(?: got)?\s+(?:that |some )?(?=\S+\s+\S)|(?=(?:her|his|their|there)\s+\S+\s+\S)))/i;
/** "like" as a filler before a clause or an action ("can't recall like falling", "pain like they can't move it"). */
const LIKE_BEFORE_CLAUSE =
  /(?<!\b(?:feel|feels|felt|feeling|look|looks|looked|looking|sound|sounds|sounded|seem|seems|seemed|would|i'd|they'd|he'd|she'd|we'd|more|much|something|nothing|anything|exactly|don't|didn't|doesn't|not|things|stuff|activities|sports))\s+like,?\s+(?=(?:they|he|she|i|we|it|it's|that's|there's|when|if|falling|\w+ing)\b)/gi;
/** "Of their right foot their capillary refill is…": the site an exam sentence was cut from, as a label. */
const SITE_OPENING =
  /^of (?:the|their|his|her|your) ((?:left |right )?[a-z]+(?: (?!(?:there|their|his|her|the)\b)[a-z]+)?),?\s+(?=(?:there|their|his|her|the|capillary|sensation|strength|pulses?)\b)/i;
/** Tails that only gesture at more ("or anything like that", "and stuff"). */
const VAGUE_TAIL =
  /,?\s+(?:or anything (?:like that|else)|or something(?: like that)?|(?:and )?things like that|(?:and|or) (?:any of )?(?:that )?stuff(?: like that)?|stuff like that|and (?:what|every)not|and everything)\b/gi;

/**
 * Takes off the marks of speech a sentence can lose without changing what it says: a leading link ("Then", "But",
 * "Also"), empty words ("basically", "honestly", "let's see") and vague tails ("or anything like that"). A bullet's
 * label ("• Medical Reasoning: ") is kept in front.
 */
/** A pronoun's expected course ("it should get better", "they should heal"), with a reason said inside it. */
const EXPECTED_COURSE =
  /^(?:it|this|that|they) (?:should|will),?\s*(?:(?:just\s+)?being an? [a-z ]{3,30},\s*)?(?:hopefully\s+)?(get better|improve|heal|resolve|go away)\b/i;
const COURSE_VERB: Record<string, string> = { 'get better': 'improve', 'go away': 'resolve' };

export function repairRegister(sentence: string): string {
  const { label, body } = splitLabel(sentence);
  let t = body;
  const quotes: string[] = [];
  t = t.replace(/[“"][^”"]*[”"]/g, (q) => `\u2063${quotes.push(q) - 1}\u2063`);
  t = dropDangling(t);
  t = t
    .replace(/,?\s*\b(?:like|as) (?:i|we) (?:said|mentioned|discussed)(?: before| earlier)?\b,?/gi, '')
    .replace(/^(?:to note|of note|note),?\s+(?=\S+\s+\S)/i, 'Of note, ')
    // "From a depression standpoint, it's his first problem, that sounds like…": the heading already names the problem.
    .replace(/^(?:so,? )?from (?:an? |the |his |her |their )?[a-z' -]{3,40}? standpoint,\s+(?=\S+\s+\S+\s+\S)/i, '')
    .replace(
      /^(?:it's|it is) (?:his|her|their|your) (?:first|second|third|fourth|fifth|next|last|other) (?:problem|issue|concern|diagnosis),?\s+(?=\S+\s+\S)/i,
      '',
    )
    // "For their assessment and plan, here's what I am thinking for that right knee they may have…": the frame goes.
    .replace(
      /^(?:so,? )?(?:for|in) (?:their|his|her|your|the|my) (?:assessment and plan|assessment|impression)(?: today)?,?\s+(?=\S+\s+\S)/i,
      '',
    )
    .replace(
      /^(?:so,? )?here's what (?:i am|i'm|we are|we're) thinking,?\s+(?:(?:for|about) (?:that|the|their|his|her|your) (?:left |right )?[a-z]+,?\s+)?(?=\S+\s+\S)/i,
      '',
    )
    // "What I am seeing here is on the tip of this finger, she has a fracture": what was seen.
    .replace(
      /^what (?:i am|i'm|we are|we're) (?:seeing|noticing|finding|looking at)(?: here)? is(?: that)?,?\s+(?=\S+\s+\S+\s+\S)/i,
      '',
    )
    // "They have may have a strain": the verb restarted with a hedge.
    .replace(/\b(she|he|they|you) (?:have|has) (may|might|could) have\b/gi, '$1 $2 have')
    // "It comes and goes she it's relieved…": a subject restarted as another.
    .replace(/\b(?:she|he|they|i|we) (?=it's\b|it is\b)/gi, '')
    .replace(/\b(\d+) -(?=year-old\b)/g, '$1-')

    // "…at 23, which is the number we look for dehydration": an explanation for the patient, not the finding.
    .replace(
      /,?\s+(?:which|that) (?:is|means|basically means|just means) (?:the|a|an|what|how|why|just|basically|when|where|something|kind of|sort of)\b[^.]*(?=[.!]?$)|,?\s+meaning (?:that )?(?:the|a|an|it|this|that)\b[^.]*(?=[.!]?$)/i,
      // Only a short explanation at the end: in unpunctuated speech more findings may follow it.
      (m, offset: number, whole: string) =>
        whole.slice(0, offset).split(/\s+/).length >= 4 && m.split(/\s+/).length <= 14 ? '' : m,
    )
    // "I can see that there is fluid": the finding, not the seeing.
    .replace(
      /^(?:i|we) (?:can |could |do |did )?(?:see|feel|notice|appreciate|note|hear)(?: that)?\s+(?=(?:there|some|a|an|the|his|her|their|mild|moderate|severe|\w+ness)\b)/i,
      '',
    )
    // "For their diabetes I said continue…": the doctor quoting themself.
    .replace(/\b(?:i|we) (?:said|told (?:them|him|her|you))(?: to)?,?\s+(?:like,?\s+)?/i, '')
    // "…, that's really important", "…, which is really good": a comment on the finding.
    .replace(
      /,?\s+(?:that's|that is|which is) (?:really |very |also )?(?:important|good|great|reassuring|nice|encouraging)\b[^.]*(?=[.!]?$)/i,
      '',
    )
    .replace(/^(?:number|problem) (?:one|two|three|four|five|\d)[,:.]?\s+(?=\S+\s+\S)/i, '')
    .replace(
      /\b(\d+(?:\.\d+)?), (\d+(?:\.\d+)?)(?= (?:days?|weeks?|months?|years?|pounds?|lbs?|times?|hours?|minutes?|kilos?)\b)/g,
      (m, a: string, b: string) => (Number(a) < Number(b) ? `${a}-${b}` : m),
    )
    .replace(SITE_OPENING, (_, site: string) => `${site}: `)
    .replace(/^([a-z ]+: )(?:there )?(?:their|his|her) /i, '$1')
    .replace(/\s+(?:right )?(?:here|there)(?=[.!]?$)/i, '')
    .replace(EXAM_FRAME, '')
    // "On their examination of their abdomen there is…": the frame named the site the finding is of.
    .replace(SITE_OPENING, (_, site: string) => `${site}: `)
    .replace(/^([a-z ]+: )(?:there )?(?:their|his|her) /i, '$1')
    .replace(LIKE_BEFORE_CLAUSE, ' ')
    .replace(EMPTY_WORDS, '')
    .replace(VAGUE_TAIL, '')
    .trim()
    .replace(LEADING_LINKS, '')
    // "It should, honestly, just being a contusion, get better in the next week": the expected course.
    .replace(EXPECTED_COURSE, (_, v: string) => `Expected to ${COURSE_VERB[v.toLowerCase()] ?? v.toLowerCase()}`);
  t = t
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,;]+/, '')
    .replace(/\s+([,.!?;])/g, '$1')
    .replace(/,([.!?])$/, '$1');
  // "their their", "occasionally yeah occasionally": a word said twice once the words between are gone.
  t = withoutRepeats(t);
  t = t.replace(/\u2063(\d+)\u2063/g, (_, i: string) => quotes[Number(i)]!);
  if (!t || !/[a-z]/i.test(t)) return sentence;
  if (t === body) return sentence;
  // After a label the text keeps its case ("Vital signs: normal."); a sentence starts with a capital.
  const upper = !label.trim() || /^[A-Z]/.test(body);
  t = dropDangling(t);
  return label + (upper ? t.charAt(0).toUpperCase() + t.slice(1) : t);
}

/** A contraction's full form with the first letter's case kept ("Doesn't" → "Does not"). */
function spelled(said: string, full: string): string {
  return /^[A-Z]/.test(said) ? full.charAt(0).toUpperCase() + full.slice(1) : full;
}

/** What follows "'s" or "'d" when it stands for "has" or "had": a past participle ("it's been", "she'd gotten"). */
const PARTICIPLE =
  /^\s+(?:been|had|gotten|got|gone|done|seen|taken|given|come|become|started|stopped|tried|noticed|helped|improved|worsened|changed|lost|gained|felt|never|always|already|also|not been)\b/i;

/** Words whose "'s" is "is" or "has", never a possessive ("it's", "that's", "there's", "she's"). */
const S_IS = /\b(it|that|there|here|what|who|where|he|she|everything|nothing|something|this)'s\b/gi;

/** A noun's "'s" that is "is" or "has": what follows is no noun but a participle, an adjective or a place. */
const NOUN_IS =
  /\b([a-z0-9]+)'s(?=\s+(?:been|not|gone|got|gotten|had|a little|a bit|slightly|still|probably|really|very|pretty|quite|always|never|also|elevated|high|low|normal|fine|okay|good|better|worse|unbearable|sore|swollen|tender|painful|doing|getting|going|coming|at|on|in|up|down|under|over)\b)/gi;

/**
 * Contractions spelled out, as a note writes them: "doesn't" → "does not", "can't" → "cannot", "it's been" → "it has
 * been", "she's" → "she is", "they've" → "they have". A noun's "'s" stays a possessive ("patient's knee", "Tinel's
 * sign") unless what follows is no noun ("pressure's been high" → "pressure has been high", "foot's a little sore" →
 * "foot is a little sore"). Reference notes (train) spell out
 * all but 2 of 2,564 sentences' contractions; drafts copied about 2 per note from speech.
 */
export function expandContractions(text: string): string {
  if (!/['’]/.test(text)) return text;
  // A patient's words in quotation marks stay as said.
  return text
    .split(/([“"][^”"]*[”"])/)
    .map((part, i) => (i % 2 ? part : spelledOut(part)))
    .join('');
}

function spelledOut(t: string): string {
  return t
    .replace(/’/g, "'")
    .replace(/\b(can|won|shan)'t\b/gi, (m, w: string) =>
      spelled(m, w.toLowerCase() === 'can' ? 'cannot' : w.toLowerCase() === 'won' ? 'will not' : 'shall not'),
    )
    .replace(/\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)n't\b/gi, (m, w: string) =>
      spelled(m, `${w.toLowerCase()} not`),
    )
    .replace(
      /\b(they|we|you|i|who|there|that|it|he|she)'(re|ve|ll|d)\b/gi,
      (m, w: string, c: string, at: number, all: string) => {
        const tail = all.slice(at + m.length);
        const verb =
          { re: 'are', ve: 'have', ll: 'will' }[c.toLowerCase()] ?? (PARTICIPLE.test(tail) ? 'had' : 'would');
        return `${w} ${verb}`;
      },
    )
    .replace(/\b(i)'m\b/gi, (_, w: string) => `${w} am`)
    .replace(
      S_IS,
      (m, w: string, at: number, all: string) => `${w} ${PARTICIPLE.test(all.slice(at + m.length)) ? 'has' : 'is'}`,
    )
    .replace(/\b(could|would|should|must|might)'ve\b/gi, '$1 have')
    .replace(
      NOUN_IS,
      (m, w: string, at: number, all: string) => `${w} ${PARTICIPLE.test(all.slice(at + m.length)) ? 'has' : 'is'}`,
    );
}

/** A sentence's hanging end taken off ("Get this test: hemoglobin a1c and cbc and a." → "… and cbc."), for any text. */
export function trimHanging(sentence: string): string {
  const { label, body } = splitLabel(sentence);
  // After a label ("Get this test: ") one word is a whole item.
  const t = dropDangling(body, label ? 1 : 2);
  return t === body ? sentence : label + t;
}

/**
 * A sentence left hanging ("Order right upper quadrant ultrasound to rule out any.", "Refer to physical therapy if.")
 * keeps what it said before the clause it never finished, when that is a sentence of at least 3 words.
 */
function dropDangling(t: string, minWords = 2): string {
  if (!DANGLING.test(t) || t.split(/\s+/).length < 2) return t;
  const end = /[.!]$/.test(t) ? t.slice(-1) : '.';
  let body = t.replace(/[.!]$/, '');
  while (DANGLING.test(body)) body = body.replace(/\s*\S+$/, '');
  // "… echocardiogram i will have": a new clause's subject and auxiliary, cut before its verb's object.
  body = body.replace(
    /\s+(?:i|we|he|she|they) (?:will|would|can|could|should|might|may|am|are|is)(?: (?:have|be|go|get|do))?$/i,
    '',
  );
  body = body
    .replace(/\s+(?:in order )?to (?:rule out|make sure|see|check|look(?: at| for)?|find out)$/i, '')
    .replace(/[,;:\s-]+$/, '');
  return body && body.split(/\s+/).length >= minWords ? body + end : t;
}

/** Where speech ran one clause into the next: "… and if …", "… and will …", "… so …", "… but …". */
/** A third party named as a clause's subject ("her PCP", "Dr. Ward"): a new clause starts there. */
const THIRD_PARTY = `(?:her|his|their) (?:${KIN})|dr\\. \\w+`;
const CLAUSE_JOIN = new RegExp(
  `,?\\s+(?:and|so|but|and then|and so|and also)\\s+(?=(?:if|will|we'll|we will|i'll|i will|i|we|they|he|she|it's|that's|then|also|there's|when|once|after|in the meantime|otherwise|unless|${THIRD_PARTY})\\b)|;\\s+`,
  'gi',
);
export const RUN_ON_WORDS = 28;
/** A clause under a condition ("if we don't operate, it can lead to…"): what follows it is not split from it. */
const CONDITION = /\b(?:if|unless|without|otherwise|in case)\b/i;

/**
 * A sentence spoken as one breath ("will see them back in a week to 2 weeks and if they are still having symptoms
 * will discuss a lithotripsy and it's a minimally invasive procedure where…") split into its clauses, each a
 * sentence, when it runs past 28 words. A bullet's label stays with the first clause. Clauses under 4 words stay
 * with the clause before them.
 */
export function splitRunOn(sentence: string, maxWords = RUN_ON_WORDS): string[] {
  const words = sentence.split(/\s+/).length;
  if (words <= maxWords) return [sentence];
  const { label, body: text } = splitLabel(sentence);
  const body = text.replace(/[.!]$/, '');
  const parts: string[] = [];
  let last = 0;
  for (const m of body.matchAll(CLAUSE_JOIN)) {
    const piece = body.slice(last, m.index);
    const rest = body.slice(m.index + m[0].length);
    // A clause too short to stand alone stays joined (its joining words included) to the text around it.
    if (piece.split(/\s+/).length < 4 || rest.split(/\s+/).length < 4 || CONDITION.test(piece)) continue;
    parts.push(piece);
    last = m.index + m[0].length;
  }
  parts.push(body.slice(last));
  // Speech transcribed without punctuation runs one clause into the next with no joining word ("… started about a
  // week ago it's feeling like a dull pain … she has flushing in her ears they get really red"): a long clause is
  // split where a new subject and its verb begin after a word that does not take a clause.
  const pieces = parts.flatMap((p) => (p.split(/\s+/).length > 20 ? splitAsyndetic(p) : [p]));
  if (pieces.length === 1) return [sentence];
  return pieces.map((p, i) => {
    const t = p.trim().replace(/[,;:\s]+$/, '');
    const s = t.charAt(0).toUpperCase() + t.slice(1) + '.';
    return i === 0 ? label + s : s;
  });
}

const NEW_SUBJECT = new RegExp(
  `\\s+(?=(?:it's|there's|that's)\\s|(?:she|he|they|it|i|we|there is|${THIRD_PARTY})\\s+(?:\\w+\\s+)?(?:is|are|was|were|has|have|had|does|do|did|doesn't|don't|didn't|gets?|got|feels?|felt|started|says|said|can|could|should|will|would|just|also|really|still|usually|goes|comes|hurts?|get)\\b)`,
  'gi',
);
/** Words after which a subject and verb continue the clause ("she says it hurts", "if it gets worse"). */
const TAKES_CLAUSE =
  /\b(?:that|if|when|because|and|but|so|or|which|where|while|think|thinks|thought|know|knows|knew|say|says|said|feel|feels|felt|like|as|than|until|since|before|after|whether|sure|hope|mean|guess|see|saw|noticed|notice|tell|told|then|once|unless|how|what|why|who|realize|realized|worried|afraid|hopefully|maybe|probably|think|believe|seems|means|is|are|was|were|not|even|just|where|also)$|\b(?:and|but|so|or|then|if|when) \w+$/i;

function splitAsyndetic(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(NEW_SUBJECT)) {
    const before = text.slice(last, m.index);
    const rest = text.slice(m.index + m[0].length);
    if (
      TAKES_CLAUSE.test(before.trimEnd()) ||
      before.split(/\s+/).length < 4 ||
      rest.split(/\s+/).length < 4 ||
      CONDITION.test(before)
    )
      continue;
    out.push(before);
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}
