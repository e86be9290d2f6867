/**
 * A reviewed result as a clinician writes it: "Test: finding." The doctor's frame is taken off the sentence that
 * reviewed it ("I reviewed the results of their abdominal CT which show …" → "Abdominal CT: 3 cm left ovarian mass …";
 * "Their A1c came back at 7.1 which is much better than the 8.4 from last time." → "Hemoglobin A1c: 7.1 (previously
 * 8.4)."). Numbers, units and dates stay as said. A sentence whose test or finding cannot be read cleanly gives null,
 * and the drafter keeps the sentence as it was.
 */

import { cap } from './rewrite.js';

/** The head word of a test or study. */
const TEST_WORD =
  /\b(?:x-?rays?|radiographs?|mri|ct(?: scan)?|cat scan|ultrasound|echocardiogram|echo|ekg|ecg|electrocardiogram|mammogram|colonoscopy|endoscopy|biopsy|pathology|stress test|bone scan|barium swallow|labs?|lab work|blood work|(?:hemoglobin )?a1c|hemoglobin|cholesterol|lipid panel|liver panel|metabolic panel|panel|urinalysis|urine dip(?:stick)?|dipstick|culture|pfts?|pulmonary function tests?|cbc|creatinine|potassium|sodium|glucose|tsh|psa|bnp|ldl|hdl|triglycerides|titer|antibody test|ferritin|vitamin d(?: level)?|testosterone|estradiol|alkaline phosphatase|ast|alt|inr|gfr|egfr|uric acid|microalbumin|bmp|cmp)\b/;
/** A lab whose value is said ("their a1c came back at 7.1"). */
const LAB_WORD =
  /^(?:(?:hemoglobin )?a1c|hemoglobin|cholesterol|total cholesterol|ldl|hdl|triglycerides|creatinine|potassium|sodium|glucose|blood sugar|tsh|psa|bnp|ferritin|vitamin d|testosterone|estradiol|alkaline phosphatase|ast|alt|inr|gfr|egfr|uric acid|microalbumin|white (?:blood )?(?:cell )?count|platelets?|magnesium|bun|ejection fraction|ef)$/;

const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
/** A date as said: "november 3rd, 2019", "4/24/2021", "march". */
const DATE = `(?:${MONTH}(?: \\d{1,2}(?:st|nd|rd|th)?)?(?:,? \\d{4})?|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?)`;
const POSS = '(?:the|your|his|her|their|this|that)';

/** Sentence openers with no content. */
const LEAD = /^(?:(?:so|okay|ok|now|and|well|also|alright|all right|um|uh|yeah|here|then)\b[\s,]*)+/;
/** The doctor's review of the study, up to the study's name. */
const REVIEW_FRAME = new RegExp(
  String.raw`^(?:(?:[a-z]+,? )?(?:i|we) (?:(?:did|have|had|also|then|was able to|were able to|just) )*(?:review(?:ed)?|look(?:ed)? at|went over|go over|get|got|did|obtained)|in reviewing|reviewing|looking (?:here |now )?at|regarding|it looks like (?:he|she|they|you) (?:had|got|underwent)|(?:he|she|they|you) (?:had|got|underwent)) `,
);
/** A study done and then reviewed: "since we did the echocardiogram, i reviewed those results". */
const DONE_THEN_REVIEWED = new RegExp(
  String.raw`^(?:[a-z]+ )?(?:since |so |and )?(?:we|i|you|he|she|they) (?:did|got|had|obtained) (?:${POSS} |a |an )?(?<test>[a-z0-9 -]{2,40}?),? (?:and )?(?:i|we) (?:have )?(?:reviewed|looked at|went over) (?:those|the|these|that|its) (?:results?|images?|report)`,
);
/** What the study showed, after its name. */
const SHOW_VERB =
  /^(?:,\s*)?(?:(?:which|and (?:it|that|they|this)|it|that|they)\s+)?(?:also\s+)?(?:does\s+|did\s+)?(?:shows?|showed|showing|reveal(?:s|ed)?|demonstrat(?:es|ed))(?:\s+that)?\s+/;
/** Words a note's finding does not say: the doctor or patient as a subject, talk, hedges, reasons and conditions. */
const SPEECH_IN_FINDING =
  /(?<![a-z'])(?:i|i'm|i've|i'd|me|my|we|we're|we've|us|our|you|your|you're|he|she|they|them|it's|that's|there's|this|those|these|um|uh|like|just|really|actually|basically|pretty|kind of|sort of|okay|would|could|should|if|because|so|when|remember|think|mean|means|call|called|going|gonna|want)(?![a-z'])/;
/** A trailing comment on the finding for the patient ("which is not terrible", "that's that heart murmur I heard"). */
const TRAILING_COMMENT =
  /,?\s+(?:which|that's|that is|which, )\s*(?:is |was |are )?(?:not |pretty |quite |very |really )?(?:terrible|bad|good|great|fine|reassuring|concerning|what we|that|a good|something|he can|she can|they can)\b[^.]*$/;

const ABBREVIATIONS = new Set([
  'ct',
  'mri',
  'ekg',
  'ecg',
  'cbc',
  'tsh',
  'psa',
  'bnp',
  'ldl',
  'hdl',
  'bmp',
  'cmp',
  'alt',
  'ast',
  'hcv',
  'inr',
  'gfr',
  'egfr',
  'bun',
  'pft',
  'pfts',
  'ef',
  'dcis',
  'mcp',
  'pip',
  'dip',
]);

/** A body part an imaging study is of ("x-ray of their right foot" → "Right foot X-ray"). */
const BODY_PART =
  /^(?:(?:left|right|bilateral|both) )?(?:knees?|ankles?|feet|foot|wrists?|hands?|elbows?|shoulders?|hips?|back|spine|lumbar spine|cervical spine|chest|neck|fingers?|toes?|legs?|arms?|breasts?|abdomen|pelvis|head|brain|kidneys?|heart|lungs?|thyroid|humerus|femur|tibia)$/;

function abbreviate(words: string): string {
  return words
    .split(' ')
    .map((w, i, all) =>
      // A urine dip is a dipstick, not a DIP joint.
      ABBREVIATIONS.has(w) && !(w === 'dip' && all[i - 1] === 'urine')
        ? w.toUpperCase()
        : w === 'a1c'
          ? 'A1c'
          : /^x-?rays?$/.test(w)
            ? 'X-ray'
            : w,
    )
    .join(' ');
}

/** The patterns below are built from POSS and DATE once, not on every call. */
const LABEL_LEAD = new RegExp(`^(?:(?:${POSS}|a|an|some|results? of|recent|most recent|last) )+`);
const STUDY_OF = new RegExp(`^(.+?) of (?:${POSS} )?(.+)$`);
const FINDING_ARTICLES = new RegExp(`^(?:(?:a|an|some|that|the|${POSS})\\s+)+`);
/** When the value was taken, said before it: "last time they came in, their a1c was …". */
const WHEN_BEFORE =
  /^(?:(?:the )?last time (?:you|they|he|she|we) (?:came in|were (?:here|in)|was (?:here|in)|saw (?:you|him|her|them))|at (?:your|his|her|their|the) last visit),? /;
const VALUE_SAID = new RegExp(
  String.raw`^(?:${POSS} )?(?:(?:most recent|recent|last|latest) )?(?<lab>[a-z0-9 -]{2,30}?)(?: levels?)?(?: here| today| now)? (?:was|is|came back|has come back|'s)(?: (?:a little(?: bit)? |a bit |slightly |much |quite )?(?:higher|lower|up|down)(?= at))?(?: (?:at|about|around|approximately))? (?<value>\d+(?:\.\d+)?(?: ?(?:%|percent|mg/dl))?)(?<rest>.*)$`,
);
const DATE_AFTER = new RegExp(`^,? (?:in|on|from) (${DATE})$`);
const VERDICT_SAID = new RegExp(
  String.raw`^(?:${POSS} )?(?:(?:most recent|recent|last|latest) )?(?<test>[a-z0-9 -]{2,30}?) (?:was|is|were|are|came back)(?: (?:also|all))? (?<v>(?:(?:slightly|mildly|a little|a little bit|quite|very|significantly) )?(?:positive|negative|normal|abnormal|elevated|low|high|within normal limits|unremarkable))$`,
);
const DATE_DONE = new RegExp(`,?\\s+(?:on|from|in|dated) (${DATE})$`);
const STUDY_OPENS = new RegExp(`^(?:${POSS} )?(?:(?:most recent|recent|last|latest) )?[a-z0-9 -]+$`);

/** The study's name as a note labels it, or null when the words are not one study's name. */
function testLabel(raw: string): string | null {
  let t = raw
    .replace(LABEL_LEAD, '')
    .replace(/\s+results?$/, '')
    .trim();
  const of = STUDY_OF.exec(t);
  if (of) {
    if (!TEST_WORD.test(of[1]!)) return null;
    // "x-ray of their right foot" → "right foot x-ray"; "ct of their side" → "ct".
    t = BODY_PART.test(of[2]!) ? `${of[2]!.replace(/^both /, 'bilateral ')} ${of[1]}` : of[1]!;
  }
  // A blood sugar said as such is the glucose.
  if (/^blood sugars?$/.test(t)) return 'Glucose';
  if (!TEST_WORD.test(t) || t.split(' ').length > 4) return null;
  if (/(?<![a-z'])(?:i|we|you|he|she|they|it|and|or|which|that|was|is|did|do|does|had|have)(?![a-z'])/.test(t))
    return null;
  if (/^(?:hemoglobin )?a1c$/.test(t)) return 'Hemoglobin A1c';
  if (/^(?:labs?|lab work|blood work)$/.test(t)) return 'Labs';
  return cap(abbreviate(t.replace(/^(?:echo)$/, 'echocardiogram')));
}

/** The finding as a note states it, or null when it still reads as speech. */
function cleanFinding(raw: string): string | null {
  let f = raw
    .replace(/[.!]+$/, '')
    .replace(TRAILING_COMMENT, '')
    .replace(/^(?:that\s+)?(?:(?:he|she|they|you|it)\s+(?:does\s+|do\s+|did\s+)?(?:has|have|had)\s+)/, '')
    .replace(/^(?:there (?:is|are|was|were)|there's)\s+/, '')
    .replace(FINDING_ARTICLES, '')
    .replace(/^(?:also|still)\s+/, '')
    // A second finding said as a new sentence ("… involvement there is no evidence of …").
    .replace(/,?\s+(?:and\s+)?(?:there (?:is|are|was|were)|there's) (no|not)\b/g, '; $1')
    .replace(/\b(?:his|her|their) (heart|kidneys?|lungs?)\b/g, 'the $1')
    .replace(
      /\ba (?:little|tiny) (?:bit )?(?=(?:low|high|elevated|higher|lower|decreased|increased|enlarged)\b)/g,
      'slightly ',
    )
    .replace(/(\d) ?percent\b/g, '$1%')
    .replace(/\bef\b/g, 'EF')
    // "55% abnormal diastolic filling": a list said without its commas.
    .replace(/(\d%?) (?=(?:abnormal|normal|mild|moderate|severe|no)\b)/g, '$1, ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (!f || f.split(' ').length < 2 || f.split(' ').length > 45) return null;
  if (SPEECH_IN_FINDING.test(f) || /\?/.test(f)) return null;
  f = f
    .split(' ')
    .map((w) => (ABBREVIATIONS.has(w.replace(/[,;]$/, '')) ? w.toUpperCase() : w))
    .join(' ');
  return f;
}

/** A comparison with an earlier value, said after the value ("which is much better than the 8.4 from last time"). */
const PREVIOUS = new RegExp(
  String.raw`^,?\s*(?:(?:which|that) (?:is|was|'s) (?:(?:much|a lot|a little|a bit|slightly|way) )?(?:better|worse|higher|lower|improved|up|down)(?: than| from| compared to)? (?:${POSS} )?|(?:down|up|improved|better) from (?:${POSS} )?|(?:and )?(?:last time|previously)(?: (?:we had seen it|it|we checked it|we saw it))? was )(?<prev>(?:about |around )?\d+(?:\.\d+)?)(?: (?:from |at )?(?:last time|before|previously|prior|(?:your |his |her |their |the )?last (?:visit|check|time)))?$`,
);

/** A plan clause said after a result: "so no need for further a1c today", "so we'll keep you on it". */
const PLAN_TAIL =
  /,?\s+so (?:there's |there is |we have |you have )?(?:no need|(?:we|i) (?:don't|do not) need|we'll|we will|i'll|i will|let's|we can (?:hold|skip|stop))\b.*$/;
/** "on the last check", "at his last visit". */
const LAST_CHECK = new RegExp(
  String.raw`^,?\s*(?:on|at|from) (?:${POSS} )?(?:last|most recent|previous) (?:check|visit|draw|test)$`,
);
/** A value followed over time: "there is a test called a bmp that i was monitoring and in march it was up to 3,000". */
const MONITORED = new RegExp(
  String.raw`^there (?:is|was) a (?:test|lab|level) called (?:a |an |the )?(?<test>[a-z0-9 -]{2,20}?),? (?:that|which) (?:i|we) (?:was|were|have been|had been|am|are) (?:monitoring|following|checking|tracking),? and (?:then )?(?:in|on) (?<date>${DATE}),? it (?:was|went)(?: (?:up|down))?(?: to| at)? (?<value>\d[\d,]*(?:\.\d+)?)$`,
);
/** The next value in the series: "and then went up to 6,000 in april before i made the change". */
const SERIES_NEXT = new RegExp(
  String.raw`^(?:and )?(?:then )?(?:it )?(?:went|was|came) (?:up|down|back)(?: to| at)? (?<value>\d[\d,]*(?:\.\d+)?) (?:in|on) (?<date>${DATE})(?:,? before .*)?$`,
);

/** "BMP: 3,000 (March)." from a first-person story of a value monitored; null otherwise. */
function monitoredValue(sentence: string): string | null {
  const m = MONITORED.exec(
    sentence
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, '')
      .replace(LEAD, ''),
  );
  const label = m && testLabel(m.groups!.test!);
  return label ? `${label}: ${m.groups!.value} (${cap(m.groups!.date!)}).` : null;
}

/** "6,000 (April)" from the next value said in a monitored series; null otherwise. */
export function seriesNext(sentence: string): string | null {
  const m = SERIES_NEXT.exec(
    sentence
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, '')
      .replace(LEAD, ''),
  );
  return m ? `${m.groups!.value} (${cap(m.groups!.date!)})` : null;
}

/** "Their A1c came back at 7.1 …" → "Hemoglobin A1c: 7.1 (previously 8.4)."; null when more is said. */
function valueLine(said: string): string | null {
  // "Last time they came in their a1c was a little bit higher at 7.3": the value of the last visit.
  const when = WHEN_BEFORE.exec(said);
  const s = when ? said.slice(when[0].length) : said;
  const m = VALUE_SAID.exec(s);
  if (!m || !LAB_WORD.test(m.groups!.lab!)) return null;
  const label = testLabel(m.groups!.lab!);
  if (!label) return null;
  const value = m.groups!.value!.replace(/ ?percent$/, '%');
  // A plan said after the value is not a result ("… so no need for further a1c today").
  const rest = m.groups!.rest!.replace(PLAN_TAIL, '').replace(/[.\s]+$/, '');
  if (when) return rest ? null : `${label}: ${value} (last visit).`;
  if (!rest) return `${label}: ${value}.`;
  const prev = PREVIOUS.exec(rest);
  if (prev) return `${label}: ${value} (previously ${prev.groups!.prev}).`;
  if (LAST_CHECK.test(rest)) return `${label}: ${value} (last check).`;
  const date = DATE_AFTER.exec(rest);
  if (date) return `${label}: ${value} (${cap(date[1]!)}).`;
  return null;
}

/** A lab's verdict and then its value: "her blood sugar is a little bit high, it was 169 today". */
const VERDICT_THEN_VALUE = new RegExp(
  String.raw`^(?:${POSS} )?(?<lab>[a-z0-9 -]{2,30}?)(?: levels?)? (?:is|was) (?<v>(?:(?:a little(?: bit)?|a bit|slightly|mildly|very|quite) )?(?:high|low|elevated|normal)),? (?:and )?(?:it|that) (?:was|is|'s|came back)(?: (?:at|about|around))? (?<value>\d+(?:\.\d+)?)(?: today)?$`,
);

/** "Glucose: 169, slightly high." from a lab's verdict said before its value; null otherwise. */
function verdictValueLine(s: string): string | null {
  const m = VERDICT_THEN_VALUE.exec(s);
  if (!m || !LAB_WORD.test(m.groups!.lab!)) return null;
  const label = testLabel(m.groups!.lab!);
  const v = m.groups!.v!.replace(/^(?:a little(?: bit)?|a bit|mildly) /, 'slightly ');
  return label ? `${label}: ${m.groups!.value}, ${v}.` : null;
}

/** "Their hcv antibody test was positive." → "HCV antibody test: positive."; null when more is said. */
function verdictLine(s: string): string | null {
  const m = VERDICT_SAID.exec(s);
  if (!m || /\b(?:and|or)\b/.test(m.groups!.test!)) return null;
  const label = testLabel(m.groups!.test!);
  return label ? `${label}: ${m.groups!.v!.replace(/^a little(?: bit)? /, 'slightly ')}.` : null;
}

/** A measure the labs report on, said with its verdict ("his white blood cell count is not elevated"). */
const LAB_CLAUSE = new RegExp(
  String.raw`^(?:it looks like |it seems like |and )?(?:${POSS} )?(?<lab>white (?:blood )?(?:cell )?count|wbc|kidney function|renal function|liver function|liver enzymes|thyroid function|blood counts?|electrolytes|hemoglobin|platelets?|(?:potassium|sodium|creatinine|glucose) levels?)(?: levels?)? (?:is|was|are|were|looks?|looked)(?: also| still)? (?<v>(?:not |slightly |mildly |a little |very |quite )?(?:elevated|normal|low|high|good|fine|stable|within normal limits|unremarkable))(?:,? which is (?:good|reassuring|great))?(?: as well| too)?$`,
);
/** A labs frame before what they showed: "looking at his lab results, you know, …". */
const LABS_FRAME = new RegExp(
  String.raw`^(?:(?:looking|taking a look) at|in reviewing|reviewing|(?:i|we) (?:reviewed|looked at)) (?:${POSS} )?(?:lab results|labs|lab work|blood work|blood tests?)(?:,? you know)?,?\s+`,
);

/** "white blood cell count not elevated" from a clause that gives a lab measure its verdict; null otherwise. */
function labClause(said: string): string | null {
  const m = LAB_CLAUSE.exec(said.replace(/[.!]+$/, '').trim());
  return m ? `${m.groups!.lab!} ${m.groups!.v!}` : null;
}

/**
 * "Test: finding." from a sentence (in the third person, as the drafter has it) that reviews a study or states a
 * lab's value; null when the sentence does not read cleanly as one.
 */
export function resultStatement(sentence: string): string | null {
  const s = sentence
    .trim()
    .replace(/[.!]+$/, '')
    .toLowerCase()
    .replace(LEAD, '')
    .replace(/^(?:here,?\s+|so,?\s+)/, '');
  if (!s || /\?/.test(s)) return null;
  const monitored = monitoredValue(s);
  if (monitored) return monitored;
  const value = valueLine(s) ?? verdictValueLine(s);
  if (value) return value;
  // "since we did the echocardiogram, i reviewed those results and it does show …": the study is named first.
  const first = DONE_THEN_REVIEWED.exec(s);
  if (first) {
    const label = testLabel(first.groups!.test!);
    const finding = label && cleanFinding(s.slice(first[0].length).trim().replace(SHOW_VERB, ''));
    return label && finding && SHOW_VERB.test(s.slice(first[0].length).trim()) ? `${label}: ${finding}.` : null;
  }
  const verdict = verdictLine(s);
  if (verdict) return verdict;
  // "looking at his lab results, his white blood cell count is not elevated" → "Labs: white blood cell count not
  // elevated."
  const labs = LABS_FRAME.exec(s);
  const clause = labs && labClause(s.slice(labs[0].length));
  if (clause) return `Labs: ${clause}.`;
  const framed = REVIEW_FRAME.exec(s);
  const rest = framed ? s.slice(framed[0].length) : s;
  // The study's name runs up to what it showed: "… their abdominal ct which show …".
  const at =
    /\s*(?:,\s*)?(?:(?:which|and (?:it|that|they|this)|it|that|they)\s+)?(?:also\s+)?(?:does\s+|did\s+)?(?:shows?|showed|showing|reveal(?:s|ed)?|demonstrat(?:es|ed))\b/.exec(
      rest,
    );
  if (!at || at.index === 0) return null;
  let named = rest.slice(0, at.index);
  // When and where it was done: "… on november 3rd, 2019", "… from 4/10/2021".
  const when = DATE_DONE.exec(named);
  if (when) named = named.slice(0, when.index);
  // Without the doctor's frame, the study must open the sentence ("his lipid panel showed …").
  if (!framed && !STUDY_OPENS.test(named)) return null;
  const label = testLabel(named.trim());
  if (!label) return null;
  const finding = cleanFinding(rest.slice(at.index).trim().replace(SHOW_VERB, ''));
  if (!finding) return null;
  const date = when ? ` (${cap(when[1]!)})` : '';
  return `${label}${date}: ${finding}.`;
}

/**
 * A finding said of the study under review, after its label ("Echocardiogram: it also shows some mitral
 * regurgitation, that's that heart murmur …" → "mitral regurgitation"); null when it does not read cleanly.
 */
export function labelledFinding(body: string, label?: string): string | null {
  const said = body.trim().toLowerCase().replace(LEAD, '');
  const b = said.replace(
    /^(?:(?:it|that|they|this)\s+(?:also\s+)?(?:does\s+|did\s+)?(?:shows?|showed|reveal(?:s|ed)?|demonstrat(?:es|ed))(?:\s+that)?|it's|it is|it was|that's|they're|they are|they were)\s+/,
    '',
  );
  // Only a finding said of the study as "it" or "that" is the study's, or a lab measure's verdict said of the labs
  // ("it looks like his kidney function is also very good").
  if (b === said) return label === 'Labs' ? labClause(said) : null;
  return cleanFinding(b);
}
