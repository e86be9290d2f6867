/**
 * A linter for what makes a note read as a transcript rather than as a note: ASR tags, voice-assistant and dictation
 * commands, fillers, stutters, first- and second-person sentences, and length. Counts are per sentence (headings
 * excluded), so drafts and reference notes compare directly.
 */
import { noteLines } from './note-text.js';
import { noteLikelihood } from './register-model.js';
import { readsAsNote, splitLabel } from './register.js';

/** The findings the linter counts per sentence. */
type Finding = 'tags' | 'commands' | 'fillers' | 'stutters' | 'firstPerson' | 'secondPerson' | 'spoken' | 'speechLike';

export interface NoteLint {
  words: number;
  sentences: number;
  tags: number;
  commands: number;
  fillers: number;
  stutters: number;
  firstPerson: number;
  secondPerson: number;
  /** Sentences that read as speech: conversational words, a leading link, a word left hanging (see register.ts). */
  spoken: number;
  /**
   * Sentences the learned register model (register-model.ts) reads as speech put into the third person (likelihood of
   * reading as a note below 0.1): run-ons, restarts and garbled ASR the rules do not name.
   */
  speechLike: number;
  /** Example sentences for each finding (at most 3 each), to read why. */
  examples: Partial<Record<Finding, string[]>>;
}

const TAG = /<\/?[a-z_]+\/?>|\[(?:inaudible|crosstalk|laughter|unintelligible|noise|music|doctor|patient)[^\]]*\]/i;
const COMMAND =
  /\b(?:hey,? dragon|dax|show me (?:the|his|her|my)|end (?:the|this) (?:conversation|recording|note)|(?:our|the) next patient|new paragraph|scratch that|(?:use|insert) (?:the|my) (?:default|normal|standard) (?:exam|template|physical)|with the following changes|go ahead and (?:add|insert|document|put)|let's (?:put|add) that in|(?:start|stop) (?:the )?recording|open (?:the|his|her) chart|pull up (?:the|his|her))\b/i;
const FILLER = /(?<![a-z'-])(?:um+|uh+|erm|hmm+|uh-huh|mm-hmm|you know|i mean)(?![a-z'-])|,\s*like,/i;
// A word said twice in a row ("it's it's", "i, i"), except words clinicians do repeat ("had had", "very very" aside).
const STUTTER = /(?<![a-z'])([a-z']+)(?:,)?\s+\1(?![a-z'])/i;
const STUTTER_OK = new Set(['had', 'that', 'very', 'bye', 'no', 'yes', 'knock', 'so', 'one']);
const FIRST = /(?<![a-z'])(?:i|i'm|i've|i'll|i'd|me|my|mine|myself|we|we'll|we've|we're|we'd|our|ours|us)(?![a-z'])/i;
const SECOND = /(?<![a-z'])(?:you|your|you're|you've|you'll|you'd|yours|yourself)(?![a-z'])/i;

export function lintNote(note: string): NoteLint {
  const lines = noteLines(note);
  const out: NoteLint = {
    words: (note.match(/[A-Za-z0-9][A-Za-z0-9'’.-]*/g) ?? []).length,
    sentences: lines.length,
    tags: 0,
    commands: 0,
    fillers: 0,
    stutters: 0,
    firstPerson: 0,
    secondPerson: 0,
    spoken: 0,
    speechLike: 0,
    examples: {},
  };
  const hit = (k: Finding, text: string) => {
    out[k]++;
    const ex = (out.examples[k] ??= []);
    if (ex.length < 3) ex.push(text);
  };
  for (const { text } of lines) {
    // Quoted patient words are allowed to be in the first person: lint the sentence without its quotations.
    const t = text.replace(/[“"][^”"]*[”"]/g, '');
    if (TAG.test(text)) hit('tags', text);
    if (COMMAND.test(t)) hit('commands', text);
    if (FILLER.test(t)) hit('fillers', text);
    const st = STUTTER.exec(t);
    if (st && !STUTTER_OK.has(st[1]!.toLowerCase()) && !/^\d/.test(st[1]!)) hit('stutters', text);
    if (FIRST.test(t)) hit('firstPerson', text);
    if (SECOND.test(t)) hit('secondPerson', text);
    if (!readsAsNote(text)) hit('spoken', text);
    if (noteLikelihood(splitLabel(text).body) < 0.1) hit('speechLike', text);
  }
  return out;
}

export interface LintSummary {
  notes: number;
  wordsPerNote: number;
  maxWords: number;
  sentences: number;
  tags: number;
  commands: number;
  /** Fillers plus stutters, as a share of sentences. */
  fillerStutterRate: number;
  firstPersonRate: number;
  secondPersonRate: number;
  spokenRate: number;
  speechLikeRate: number;
}

export function summariseLint(lints: NoteLint[]): LintSummary {
  const n = Math.max(1, lints.length);
  const sents = Math.max(
    1,
    lints.reduce((a, l) => a + l.sentences, 0),
  );
  const sum = (k: Finding) => lints.reduce((a, l) => a + l[k], 0);
  return {
    notes: lints.length,
    wordsPerNote: lints.reduce((a, l) => a + l.words, 0) / n,
    maxWords: Math.max(0, ...lints.map((l) => l.words)),
    sentences: sents,
    tags: sum('tags'),
    commands: sum('commands'),
    fillerStutterRate: (sum('fillers') + sum('stutters')) / sents,
    firstPersonRate: sum('firstPerson') / sents,
    secondPersonRate: sum('secondPerson') / sents,
    spokenRate: sum('spoken') / sents,
    speechLikeRate: sum('speechLike') / sents,
  };
}
