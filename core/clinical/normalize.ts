/**
 * Text normalisation for transcripts: fixes ASR / tokenised spacing ("i'm doing okay , thanks ." → "i'm doing okay,
 * thanks.", "do n't" → "don't", "gon na" → "gonna") without changing words or case.
 */

const CONTRACTION_FIXES: Array<[RegExp, string]> = [
  [/\b(do|does|did|is|are|was|were|has|have|had|would|should|could|must|need|might|wo|ca|sha|ai)\s+n't\b/gi, "$1n't"],
  [/\b(gon|wan|got)\s+(na|ta)\b/gi, '$1$2'],
  [/\s+'(s|re|ve|ll|d|m)\b/gi, "'$1"],
  [/\bi\s+'m\b/gi, "i'm"],
];

/** Normalises one line of transcript text. */
export function normalizeText(text: string): string {
  // Runs of whitespace become one space first: every rule below reads a run as one unit, and on a long run their
  // \s+ backtracked quadratically (a line of 320k spaces took minutes).
  let s = text
    .replace(/\r/g, '')
    .replace(/[\u00a0\t]/g, ' ')
    .replace(/\s{2,}/g, ' ');
  s = s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
  for (const [re, rep] of CONTRACTION_FIXES) s = s.replace(re, rep);
  // A hesitation glued to the number after it ("it's, uh0.6") is two words.
  s = s.replace(/\b(um+|uh+)(?=\d)/gi, '$1 ');
  // No space before closing punctuation.
  // ("was .7" keeps its space: ".7" is a number, which became "was0.7".)
  s = s.replace(/\s+([,;:!?%)\]]|\.(?!\d))/g, '$1');
  // No space after opening brackets.
  s = s.replace(/([([])\s+/g, '$1');
  // Collapse runs of punctuation left by ASR (", ." → ".", ",," → ",").
  s = s.replace(/,\s*([.?!])(?!\d)/g, '$1').replace(/([,;])(?:\s*\1)+/g, '$1');
  // A space after sentence punctuation when a word follows directly (but not inside numbers like 2.5 or 1,000).
  s = s.replace(/([,;!?])(?=[A-Za-z])/g, '$1 ');
  s = s.replace(/(\D)\.(?=[A-Za-z]{2})/g, '$1. ');
  s = s.replace(/\s{2,}/g, ' ').trim();
  // Leading punctuation fragments (". how were you" continuing a cut-off turn).
  s = s.replace(/^[,.;:]\s*/, '');
  return s;
}
