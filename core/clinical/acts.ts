/**
 * Dialogue acts: what a sentence of the visit does, so that only clinical content reaches a note.
 *
 *   - 'voice-command': addressed to the voice assistant or to the scribe, not part of the visit ("hey dragon, show me
 *     the x-ray", "order metformin 500 mg", "please use my general exam template", "next patient is …", "new
 *     paragraph", "scratch that", talk about DAX and the recording);
 *   - 'smalltalk': greetings, pleasantries, weather, sports chat, the doctor's own life, "nice to see you";
 *   - 'exam-dictation': the clinician stating exam findings; 'result-review': results read out; 'order': the
 *     clinician ordering or prescribing to the patient ("i'm going to order an x-ray"); 'counselling': advice;
 *   - 'clinical': anything else.
 *
 * A command can still carry note content: an order given to the assistant names what is ordered, and a dictated
 * insertion ("in the results section, note that …") names what to insert. That content is returned without the
 * command wording, so a plan can keep "metformin 500 mg" without copying "hey dragon, order".
 */
import type { SpeakerRole } from './types.js';

export type DialogueAct =
  | 'smalltalk'
  | 'voice-command'
  | 'exam-dictation'
  | 'result-review'
  | 'counselling'
  | 'order'
  | 'clinical';

/** What a voice command asks for. */
export type CommandKind =
  | 'wake' // "hey dragon" alone
  | 'show' // display a result or record
  | 'order' // place an order
  | 'template' // use an exam template / defaults
  | 'navigate' // patient identification, next patient, finalize, end of dictation
  | 'recording' // talk about DAX or the recording itself
  | 'edit' // dictated punctuation and corrections ("new paragraph", "scratch that")
  | 'insert'; // add something to the note ("let's put that in", "note that …")

/** A sentence and who said it (a discourse `Sentence` will do). */
export interface ActInput {
  text: string;
  speaker: SpeakerRole;
}

export interface Act {
  act: DialogueAct;
  /** For a voice command: what it asks the assistant to do. */
  command?: CommandKind;
  /**
   * Note content a voice command carries, without the command wording: what is ordered ("an echocardiogram",
   * "meloxicam 15 milligrams once a day") or what is dictated for insertion ("her ecog performance status today is
   * 0"). Absent when the command names nothing specific ("order the medications we discussed").
   */
  content?: string;
}

/** Discourse markers and fillers that open a sentence without changing what it does. */
const OPENERS = /^(?:(?:um+|uh+|uhm|so|okay|ok|alright|all right|and|now|well|yeah|right|also|then|oh)\b[,.]?\s+)+/;

/** The wake word of the voice assistant ("hey, dragon", "hey dax", "okay dragon"). */
const WAKE = /\b(?:(?:hey|hi|okay|ok)[,\s]+)+(?:dragon|dax)\b[,.!?]?\s*|^dragon\b[,.!?]?\s*/;
const DAX = /\bdax\b/;

/** Things a "show me" command displays (a request to see the patient's body is not one: "show me where it hurts"). */
const RECORD =
  /^(?:the |his |her |their |my |last |latest |most recent |recent )*(?:[a-z-]+ ){0,4}?(?:x-?rays?|radiographs?|films?|imaging|mri|ct|cat scan|ultrasound|echo\w*|ekg|ecg|labs?|vitals?|vital signs|blood pressures?|readings|pfts?|pulmonary function tests?|panel|titer|strep|a1c|hemoglobin|glucose|creatinine|results?|report|biopsy|cbc|culture|levels?|chart|notes?|medications?|med list|problem list)\b/;

/** An order object that names nothing in particular. */
const GENERIC_ORDER =
  /^(?:the |any |all |those |these )?(?:medications?|meds|procedures?|orders?|everything|those|these|that|this|it|them|labs|tests)\b(?:\s*(?:and|or) (?:the |any )?(?:medications?|procedures?|labs|tests|orders?))?(?:\s*(?:we )?discussed)?[.!?]?$/;

const NAVIGATE = [
  /^(?:our |the |my )?next patient\b/,
  /\bdate of birth\b/,
  /^dictating (?:on|for)\b/,
  /\b(?:medical record number|mrn)\b/,
  /\bend of (?:the )?(?:dictation|note|report|recording|encounter)\b/,
  /\b(?:end|stop|pause|start|resume|begin) (?:the |this )?(?:conversation|recording|dictation|encounter)\b/,
  /\b(?:finali[sz]e|finish(?: off| up)?|close|sign) (?:the |this |my )?(?:note|report|recording|encounter|visit|dictation)\b/,
  /^i'm seeing (?:mr|mrs|ms|miss)\.? [a-z]+\.?$/,
];

const TEMPLATE = [
  /\btemplate\b/,
  /\b(?:use|using|used) (?:my |the )?(?:\w+ )?(?:normal|default) (?:\w+ )?exam\b|\bdefault\b/,
  /\bnormal default\b/,
  /\bwith the following changes\b/,
  /^(?:please )?use (?:my|the) (?:general |normal |standard |default )/,
];

/** A whole sentence that is a dictated edit: punctuation, layout or a correction. */
const EDIT =
  /^(?:new paragraph|next paragraph|new line|next line|period|full stop|comma|colon|scratch that|strike that|delete that|delete (?:the )?last (?:sentence|line|word)|undo(?: that)?|cancel that)$/;

/** Instructions to add something to the note. */
const INSERT = [
  /^(?:please |let's |let us |go ahead and |can you (?:please )?|could you (?:please )?)+(?:add|put|insert|include|document|notate)\b/,
  /^(?:add|put|insert) (?:that|this|it) (?:in|into|to|on)\b/,
  /\b(?:put|add|insert) (?:that|this|it) (?:in|into) (?:the )?(?:note|chart|record|plan)\b/,
];
/** A dictated insertion with its content: "(also) note that …", "in the results section, note that …". */
const NOTE_THAT = /^(?:please |also |and )*note that (.+)$/;
const SECTION_NOTE =
  /^in the (?:\w+ )?(?:section|results?|plan|assessment|history|exam)(?: section)?,? (?:please )?(?:note|add|put|document|record)(?: that)? (.+)$/;
/** Exam dictation to the scribe: "<section> notate: <findings>" ("for respiratory notate: pursed lip breathing"). */
const NOTATE = /\b([a-z]+),? notate:?\s+(.+)$/;

/** Words that make a sentence about the patient's health, whatever else it mentions. */
const CLINICAL_TERMS =
  /\b(?:pain\w*|hurt\w*|ache\w*|sore|swell\w*|swollen|medication\w*|medicine|pills?|mg|milligrams?|dose|blood|pressure|sugar|diabet\w*|heart|breath\w*|cough\w*|fever|tired|fatigue|sleep\w*|weight|diet|exercis\w*|surgery|hospital|x-?ray|mri|test\w*|symptom\w*|nausea|vomit\w*|dizz\w*|headaches?|numb\w*|tingl\w*|weak\w*|injur\w*|fell|falls|falling|(?:a|had|have|another|recent) fall(?! person| season| weather| foliage)|knee|back|shoulder|hip|ankle|foot|hand|arm|leg|chest|stomach|smok\w*|alcohol|allerg\w*|asthma|inhaler|rash|infection|anxi\w*|depress\w*|mood|stress\w*|cholesterol|pollen|flare\w*|worse|better|hike|hiking|walk\w*|active|vaccine|call|contact|appointment|follow\w*|plan|weeks?|months?|\d+)\b/;

/** Greetings and replies that make a whole sentence (a name may follow: "hi, martha"). */
const PLEASANTRY =
  /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|thank you|thanks|bye|goodbye|see you|nice to (?:meet|see) you|how are you|you too|take care|sounds good|okay|ok|all right|alright|sure|great|perfect|yes|yeah|no|right|mm-hmm|uh-huh|got it|i see|awesome|wonderful|excellent|cool|fine)\b(?:[, ]+(?:doctor |dr\.? |mr\.? |mrs\.? |ms\.? )?[a-z]+)?[^a-z]*$/;
const SMALLTALK = [
  /^how (?:are|have) you (?:been|doing)?(?: today| this morning| this afternoon)?\??$/,
  /\b(?:nice|good|great|a pleasure) (?:to )?(?:see|meet|meeting|seeing) you\b/,
  /\b(?:weather|sunny|rainy|snowy|humid|summer is over|winter is coming|fall person|summer person|foliage)\b/,
  /\b(?:any (?:other )?questions|questions for me|have a (?:good|great|nice) (?:day|weekend|one|night|evening)|see you (?:later|soon|next time)|goodbye)\b/,
  /(?:^|, )take care(?: of yourself)?(?:[,.!]|$)/,
  /^(?:my name is|i'm) (?:dr\.?|doctor) [a-z]+|\bwelcome to (?:the|our)\b/,
  /^(?:i'm|i am) (?:doing )?(?:well|good|great|fine|okay|alright|all right)(?:,? (?:thank you|thanks))?(?:,? (?:and|how about) you)?[.!?]?$/,
  /\b(?:super bowl|world series|playoffs?|the game last night|did you (?:see|watch) the)\b/,
];
/** Praise or sympathy that, once removed, leaves nothing clinical ("i'm really happy for you"). */
const SOCIAL =
  /\b(?:(?:that's|that is|it's) (?:so )?(?:great|good|awesome|wonderful|fantastic|excellent|nice|cute|funny|fun|amazing|impressive)(?: to hear)?|good for you|i'm (?:so |really |very )?(?:glad|happy|sorry)(?: to hear(?: that)?| for you| about that)?|congratulations)\b/;
/** The doctor talking about their own life. */
const DOCTOR_LIFE =
  /\b(?:my (?:wife|husband|kids?|son|daughter|family|dog|cat|weekend|vacation|trip|team)|i'm (?:definitely |more of )*a (?:fall|summer|winter|spring|morning|night) person|i (?:just )?love (?:this|the) (?:weather|season|fall|summer)|i'm so happy the \w+ is over)\b/;

const EXAM_DICTATION =
  /\b(?:on (?:physical |my |your |his |her )?exam(?:ination)?|(?:physical )?exam(?:ination)? (?:shows|reveals|is|was)|i (?:do )?(?:not |don't )?appreciate|no (?:murmurs?|rubs?|gallops?|edema|tenderness|lymphadenopathy|wheez\w*|rales|rhonchi|crackles|erythema|effusion)|regular rate and rhythm|clear to auscultation|tender(?:ness)? to palpation|(?:full|limited|decreased) range of motion|neurovascularly intact|(?:lungs|heart|abdomen) (?:is|are|sounds?) (?:clear|soft|normal|regular)|(?:strength|sensation|reflexes|pulses) (?:is|are) )/;
const RESULT_REVIEW = [
  /\b(?:x-?rays?|mri|ct(?: scan)?|cat scan|ultrasound|echocardiogram|echo|ekg|ecg|labs?|lab work|blood work|results?|a1c|hemoglobin|panel|biopsy|pathology|culture|urinalysis|titer|pfts?|pulmonary function tests?)\b.*\b(?:show(?:s|ed)?|reveal(?:s|ed)?|came back|demonstrat\w+|was|were|is|are|look(?:s|ed)?)\b/,
  /\b(?:looking at|reviewing|review(?:ed)?|in reviewing|went over) (?:the |your |his |her |their )?(?:results?|x-?rays?|labs?|lab work|blood work|mri|ct|echo\w*|ekg|ecg|imaging|pathology|biopsy)/,
];
const ORDER =
  /\b(?:i'm going to|i am going to|i'm gonna|i'll|i will|we'll|we will|we're going to|we are going to|let's|i want to|i wanna|i'd like to|i would like to|go ahead and)\b(?: \w+){0,4}? (?:order|prescribe|refer|schedule|start (?:you|him|her|them) on|put (?:you|him|her|them) on|send (?:you|him|her|them|a prescription|in)|get (?:a|an|some|you)|increase|decrease|refill|continue|give (?:you|him|her|them))\b|\b(?:prescri(?:be|bing|ption)|referral)\b/;
const COUNSELLING =
  /\b(?:i want you to|make sure|you should|you need to|try to|avoid|i recommend|i would recommend|i'd recommend|i suggest|it's important|call (?:me|us|the office)|go to the (?:er|emergency)|if you (?:notice|have|develop|experience|get|feel|start)|keep (?:an eye|track)|it's (?:really )?important)\b/;

function stripOpeners(lower: string): string {
  return lower.replace(OPENERS, '');
}

/** The object of an order given to the assistant, or undefined when it names nothing in particular. */
function orderContent(object: string): string | undefined {
  const o = object
    .replace(/\b(?:um+|uh+),?\s*/g, '')
    .replace(/[.!?]+$/, '')
    .replace(/^(?:an? |the |some )/, '')
    .trim();
  if (!o || GENERIC_ORDER.test(object.trim()) || GENERIC_ORDER.test(o)) return undefined;
  return o;
}

/** The command in `t` (lowercased, wake word and openers removed), or null when it is not one. */
function commandOf(t: string, addressed: boolean, speaker: SpeakerRole): Act | null {
  const bare = t.replace(/[.!?,\s]+$/, '');
  if (EDIT.test(bare)) return { act: 'voice-command', command: 'edit' };
  for (const re of NAVIGATE) if (re.test(t)) return { act: 'voice-command', command: 'navigate' };
  const clinician = speaker !== 'patient';
  const body = t.replace(/^(?:please |go ahead and |let's |can you |could you )+/, '');
  const order = /^(?:order|place an order for|put in an order for|send an order for)[,\s]+(.+)$/.exec(body);
  if (order && (addressed || (clinician && !/\byou\b|\byour\b/.test(order[1]!)))) {
    const content = orderContent(order[1]!);
    return content ? { act: 'voice-command', command: 'order', content } : { act: 'voice-command', command: 'order' };
  }
  const show = /^(?:show|pull up|bring up|open|display)(?: me)? (.+)$/.exec(body);
  if (show && (addressed || (clinician && RECORD.test(show[1]!)))) return { act: 'voice-command', command: 'show' };
  const note = SECTION_NOTE.exec(t) ?? NOTE_THAT.exec(t);
  if (note && clinician && !/\byou\b|\byour\b/.test(note[1]!))
    return { act: 'voice-command', command: 'insert', content: note[1]!.replace(/[.!?]+$/, '') };
  const notate = NOTATE.exec(t);
  if (notate && clinician) {
    const section = /^(?:template|exam|the|and|please|to)$/.test(notate[1]!) ? '' : notate[1]!;
    const findings = notate[2]!.replace(/[.!?]+$/, '');
    return { act: 'voice-command', command: 'insert', content: section ? `${section}: ${findings}` : findings };
  }
  for (const re of TEMPLATE) if (re.test(t)) return { act: 'voice-command', command: 'template' };
  if (clinician) for (const re of INSERT) if (re.test(t)) return { act: 'voice-command', command: 'insert' };
  return null;
}

/** Words of at least four letters outside `re`'s match: what a sentence says besides its small talk. */
function residue(t: string, re: RegExp): number {
  return (t.replace(re, ' ').match(/[a-z']{4,}/g) ?? []).filter((w) => !RESIDUE_STOP.has(w)).length;
}
const RESIDUE_STOP = new Set(
  'that this with have just really okay well then there what your about from will would could them they been doing today'.split(
    ' ',
  ),
);

/** Small talk: greetings, pleasantries, weather and sports chat, the doctor's own life. */
function isSmallTalk(t: string, speaker: SpeakerRole): boolean {
  if (PLEASANTRY.test(t)) return true;
  if (speaker === 'doctor' && DOCTOR_LIFE.test(t)) return true;
  if (CLINICAL_TERMS.test(t)) return false;
  // A small-talk phrase that makes (nearly) the whole sentence: run-on speech can go on to the plan after it.
  for (const re of SMALLTALK) if (re.test(t) && residue(t, re) <= 3) return true;
  return SOCIAL.test(t) && residue(t, SOCIAL) === 0;
}

/** Words one of which every voice command has: a quick test before the command patterns. */
const COMMAND_WORDS =
  /dragon|dax|order|show|pull up|bring up|open|display|note|notate|template|default|patient|birth|mrn|record|dictat|conversation|encounter|finali|finish|close|sign|paragraph|line|period|comma|colon|stop|scratch|strike|delete|undo|cancel|add|put|insert|include|document|use|seeing/;

/** The voice command `s` is, or null when it is not one (cheaper than `classifyAct` when only that matters). */
export function voiceCommand(s: ActInput): Act | null {
  const lower = s.text.toLowerCase().trim();
  if (!COMMAND_WORDS.test(lower)) return null;
  const t = stripOpeners(lower);
  const wake = WAKE.exec(t);
  if (wake) {
    const rest = stripOpeners(t.slice(wake.index + wake[0].length));
    return commandOf(rest, true, s.speaker) ?? { act: 'voice-command', command: 'wake' };
  }
  if (DAX.test(t)) return { act: 'voice-command', command: 'recording' };
  return commandOf(t, false, s.speaker);
}

/** The dialogue act of one sentence. */
export function classifyAct(s: ActInput): Act {
  const cmd = voiceCommand(s);
  if (cmd) return cmd;
  const t = stripOpeners(s.text.toLowerCase().trim());
  if (isSmallTalk(t, s.speaker)) return { act: 'smalltalk' };
  if (s.speaker !== 'patient') {
    if (EXAM_DICTATION.test(t)) return { act: 'exam-dictation' };
    if (RESULT_REVIEW.some((re) => re.test(t))) return { act: 'result-review' };
    if (ORDER.test(t)) return { act: 'order' };
    if (COUNSELLING.test(t)) return { act: 'counselling' };
  }
  return { act: 'clinical' };
}

/** Whether a sentence of this act belongs in a note as prose (commands and small talk do not). */
export function isNoteProse(act: Act): boolean {
  return act.act !== 'voice-command' && act.act !== 'smalltalk';
}
