/**
 * Self-repairs said within one sentence: a value said and at once corrected ("20 mg, sorry, 10 mg", "three days ago,
 * no, four days ago", "back pain, i mean abdominal pain", "three times a day, i mean twice a day") is the corrected
 * value, and an answer taken back at once ("yes, well actually no") is the answer given last. Only a repair whose
 * two phrases end on the same head word (a unit, a time word, a symptom or a body part) and differ only in the words
 * before it is read, so a clarification that says more ("my knee hurts, i mean it really hurts") is left as said.
 */

/** The words a speaker corrects themself with ("sorry", "i mean", "no wait"); sides.ts repairs a side with them too. */
export const REPAIR_WORDS =
  "no|oh|sorry|i'm sorry|i am sorry|i mean|excuse me|pardon me|or rather|rather|wait|actually";
/** The words that say a repair follows; "no" and "actually" alone say it only with a pause around them. */
const REPAIR_MARK = new RegExp(
  `\\s*(,|—|–|-{1,2}|…|\\s(?=(?:i mean|or rather|sorry|no wait)\\b))\\s*((?:(?:${REPAIR_WORDS})\\s*(?:,|—|–|-{1,2}|…)?\\s+)+)`,
  'gi',
);
const STRONG_MARK = /\b(?:sorry|i mean|excuse me|pardon me|or rather|wait)\b/i;
/** "No," alone repairs only a quantity ("three days ago, no, four days ago"). */
const NO_MARK = /^\s*no\s*(?:,|—|–|-{1,2}|…)/i;

/** The head words two repaired phrases must share: units and times, symptoms, body parts. */
const HEADS = new Set(
  (
    'mg milligrams milligram mcg micrograms grams units ml cc day days week weeks month months year years hour hours ' +
    'minutes ago daily pounds percent pain pains ache aches swelling tenderness numbness tingling rash bleeding ' +
    'discharge ankle knee wrist hand foot shoulder hip elbow arm leg eye ear side quadrant toe finger thumb back neck ' +
    'chest abdomen head lobe'
  ).split(' '),
);
const QUANTITY =
  /^(?:\d+(?:\.\d+)?|once|twice|times|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|half|a|couple|of|few)$/;
const NOT_MODIFIER =
  /^(?:i|it|it's|you|he|she|we|they|is|was|are|were|be|been|has|have|had|do|does|did|the|a|an|my|your|his|her|their|this|that|and|or|but|so|not|no|really|very|just|also|still|more|less|when|then|in|on|at|to|for|with|of|like)$/;
const DETERMINER = /^(?:the|a|an|my|your|his|her|their)$/;

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const bare = (w: string) => w.toLowerCase().replace(/^[^\w']+|[^\w']+$/g, '');

const cut0 = (a: string[], at: number) => at > 0 && DETERMINER.test(bare(a[at - 1]!));

/** The repair at one marker: the text with the reparandum and the marker gone, or null when it is none. */
function repairAt(before: string, mark: string, after: string): string | null {
  if (!STRONG_MARK.test(mark) && !NO_MARK.test(mark)) return null;
  const a = words(before);
  const b = words(after);
  if (!a.length || !b.length) return null;
  const det = DETERMINER.test(bare(b[0]!)) ? 1 : 0;
  const last = bare(a[a.length - 1]!);
  if (!HEADS.has(last)) return null;
  for (let j = det; j < Math.min(b.length, det + 5); j++) {
    if (bare(b[j]!) !== last) continue;
    // The words both phrases end on, and the words before them that differ.
    let k = 1;
    while (k <= j - det && k < a.length && bare(b[j - k]!) === bare(a[a.length - 1 - k]!)) k++;
    const newDiff = b.slice(det, j - k + 1).map(bare);
    if (!newDiff.length || newDiff.length > 3) return null;
    const quantity = newDiff.every((w) => QUANTITY.test(w)) && newDiff.some((w) => !/^(?:a|of)$/.test(w));
    if (!quantity && NO_MARK.test(mark) && !STRONG_MARK.test(mark)) return null;
    if (!quantity && newDiff.some((w) => NOT_MODIFIER.test(w))) return null;
    let n = 0;
    if (quantity) while (n < a.length - k && QUANTITY.test(bare(a[a.length - k - 1 - n]!))) n++;
    else n = newDiff.length;
    if (!n || n > a.length - k) return null;
    const oldDiff = a.slice(a.length - k - n, a.length - k).map(bare);
    if (!quantity && oldDiff.some((w) => NOT_MODIFIER.test(w))) return null;
    if (oldDiff.join(' ') === newDiff.join(' ')) return null;
    // "the lateral ankle, i mean the medial ankle": the determiner said again replaces the first one.
    const cut = a.length - k - n - (det && cut0(a, a.length - k - n) ? 1 : 0);
    return [...a.slice(0, cut), ...b].join(' ');
  }
  return null;
}

/** An answer said and at once taken back: "yes, well actually no, …" → "no, …"; "no, wait, yes" → "yes". */
const ANSWER_REPAIR =
  /^(\s*)(?:yes|yeah|yep|no|nope)\s*,?\s*(?:(?:well|um|uh|hmm)\s*,?\s*)?(?:actually|wait|sorry|i mean|no wait)\s*,?\s+(yes|no)\b/i;

/** A sentence with each self-repair said in it written as the repaired words (see above). */
export function withSelfRepairs(text: string): string {
  let s = text.replace(ANSWER_REPAIR, (m, lead: string, answer: string) => `${lead}${answer}`);
  if (!/\b(?:sorry|i mean|excuse me|pardon me|rather|wait|no)\b/i.test(s)) return s;
  for (let guard = 0; guard < 4; guard++) {
    let changed = false;
    for (const m of s.matchAll(REPAIR_MARK)) {
      const repaired = repairAt(s.slice(0, m.index), m[2]!, s.slice(m.index + m[0].length));
      if (repaired !== null) {
        s = repaired;
        changed = true;
        break;
      }
    }
    if (!changed) break;
  }
  return s;
}
