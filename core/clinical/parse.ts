/**
 * Transcript parsing. Accepts:
 *   - ACI-BENCH style: one turn per line, `[doctor] text`, `[patient] text`, `[patient_guest] ...`;
 *   - prefixes: `Doctor: text`, `Patient: text`, `Dr: ...`, `Pt: ...`, `Nurse: ...`, `Speaker 1: ...`;
 *   - untagged text: one turn per non-empty line, roles inferred from the words.
 * A line without a tag inside a tagged transcript continues the previous turn.
 *
 * Turn text is normalised (spacing, see normalize.ts), pauses written "..." become "…" so that a trailed-off or
 * restarted phrase stays in its sentence ("i'm … i'm favoring my back"), and spoken numbers become digits
 * ("ninety eight point one" → "98.1", see numbers.ts) once roles are known (the role model reads the words as spoken).
 */
import { splitSentences } from './discourse.js';
import { normalizeText } from './normalize.js';
import { normalizeNumbers } from './numbers.js';
import { doctorLogOdds, inferSpeakerRoles } from './roles.js';
import type { SpeakerRole, Transcript, TranscriptFormat, Turn } from './types.js';

const BRACKET = /^\s*\[([A-Za-z][\w -]{0,30})\]\s*:?\s*(.*)$/;
// Label parts are bounded (no speaker label is longer): unbounded, a long line without a colon backtracked
// quadratically ("aaaa…" of 320k characters took about a minute).
const PREFIX = /^\s*([A-Za-z][A-Za-z.]{0,24}(?:[ _-]?[A-Za-z0-9]{1,24}){0,2})\s*:\s+(.*)$/;

/** Maps a written speaker label to a role; undefined when the label is not a speaker label at all. */
export function roleFromLabel(label: string): SpeakerRole | undefined {
  const l = label
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  if (/^(doctor|dr\.?|physician|provider|clinician|md|np|pa|attending|resident)( \d+)?$/.test(l)) return 'doctor';
  // MTS-Dialog's "Guest_clinician" (sometimes "Guest_clinican") is a second clinician; "Guest_family" a relative.
  if (/^guest (?:clinician|clinican|doctor|physician|provider)$/.test(l)) return 'doctor';
  if (/^guest (?:family|relative)(?: \d+)?$/.test(l)) return 'other';
  if (/^(patient|pt\.?)( \d+)?$/.test(l)) return 'patient';
  if (
    /^(patient guest|guest|nurse|rn|ma|mother|father|mom|dad|parent|wife|husband|spouse|son|daughter|caregiver|family|interpreter|translator|partner|friend|other)( \d+)?$/.test(
      l,
    )
  )
    return 'other';
  if (/^(speaker|spk|voice|person|unknown) ?[a-z0-9]?$/.test(l)) return 'unknown';
  return undefined;
}

/** A pause written as dots ("i'm ... i'm", "as if it will ...") as one ellipsis character, not sentence ends. */
function markPauses(text: string): string {
  return text
    .replace(/\s*(?:\.\s*){3,}/g, ' … ')
    .replace(/\s*…\s*/g, ' … ')
    .trim();
}

/** Numbers in digits, once the words have served role inference. */
function withDigits(turns: Turn[]): Turn[] {
  return turns.map((t) => ({ ...t, text: normalizeNumbers(t.text) }));
}

function detectFormat(lines: string[]): TranscriptFormat {
  let bracket = 0;
  let prefix = 0;
  for (const line of lines) {
    const b = BRACKET.exec(line);
    if (b && roleFromLabel(b[1]!) !== undefined) bracket++;
    const p = PREFIX.exec(line);
    if (p && roleFromLabel(p[1]!) !== undefined) prefix++;
  }
  const n = lines.length;
  if (bracket > 0 && bracket >= prefix && bracket >= Math.min(2, n) * 0.5) return 'bracket-tags';
  if (prefix > 0 && prefix >= Math.min(2, n) * 0.5) return 'prefix-tags';
  return 'untagged';
}

export interface ParseOptions {
  /** Exchange doctor/patient tags when the words show they were swapped throughout (default true). */
  fixSwappedTags?: boolean;
}

/** Parses transcript text into turns; untagged turns get inferred roles. Blank text gives no turns. */
export function parseTranscript(text: string, options: ParseOptions = {}): Transcript {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const format = detectFormat(lines);
  // One block of untagged text (raw ASR without line breaks): each sentence becomes a turn for role inference.
  let sentenceTurns = false;
  if (format === 'untagged' && lines.length < 3) {
    const sents = lines.flatMap((l) => splitSentences(markPauses(normalizeText(l))));
    if (sents.length >= 4) {
      lines.splice(0, lines.length, ...sents);
      sentenceTurns = true;
    }
  }
  const raw: Array<{ speaker: SpeakerRole; label?: string; text: string }> = [];
  for (const line of lines) {
    let m: RegExpExecArray | null = null;
    if (format === 'bracket-tags') m = BRACKET.exec(line);
    else if (format === 'prefix-tags') m = PREFIX.exec(line);
    const role = m ? roleFromLabel(m[1]!) : undefined;
    if (m && role !== undefined) {
      raw.push({ speaker: role, label: m[1]!.trim(), text: m[2]! });
    } else if (format !== 'untagged' && raw.length > 0) {
      raw[raw.length - 1]!.text += ' ' + line;
    } else {
      raw.push({ speaker: 'unknown', text: line });
    }
  }
  const turns: Turn[] = [];
  for (const r of raw) {
    const t = markPauses(normalizeText(r.text));
    if (!t) continue;
    const turn: Turn = { index: turns.length, speaker: r.speaker, text: t };
    if (r.label !== undefined) turn.label = r.label;
    if (r.speaker !== 'unknown') turn.roleSource = 'tag';
    turns.push(turn);
  }
  const needsInference = turns.some((t) => t.speaker === 'unknown');
  // Sentences of one block often follow the same speaker: a weaker alternation prior than for real turns.
  if (needsInference)
    return { turns: withDigits(inferSpeakerRoles(turns, sentenceTurns ? { switchProb: 0.6 } : {})), format };
  return {
    turns: withDigits(options.fixSwappedTags === false ? turns : fixMislabelledTurns(fixSwappedTags(turns))),
    format,
  };
}

/**
 * Diarization also mislabels single turns: a long turn tagged as the patient's that orders tests and prescribes ("we're
 * gonna continue that for about 3 weeks, i'm also gonna send a lyme titer…"), or one tagged as the doctor's that tells
 * the patient's own story. A turn of 12 words or more whose words disagree with its tag by a log-odds of 4 or more
 * (the role model, trained on ACI-BENCH train; on train every such turn was mislabelled) takes the other role.
 */
export function fixMislabelledTurns(turns: Turn[]): Turn[] {
  return turns.map((t) => {
    if ((t.speaker !== 'doctor' && t.speaker !== 'patient') || t.text.split(/\s+/).length < 12) return t;
    const lo = doctorLogOdds(t.text);
    if (t.speaker === 'patient' && lo >= 4) return { ...t, speaker: 'doctor', roleSource: 'inferred' as const };
    if (t.speaker === 'doctor' && lo <= -4) return { ...t, speaker: 'patient', roleSource: 'inferred' as const };
    return t;
  });
}

/**
 * Diarization sometimes swaps the two speakers' tags for a whole recording (ACI-BENCH keeps such cases). When the
 * words disagree with most doctor/patient tags, the two tags are exchanged (the turn keeps its written label).
 */
export function fixSwappedTags(turns: Turn[]): Turn[] {
  const dp = turns.filter((t) => t.speaker === 'doctor' || t.speaker === 'patient');
  if (dp.length < 8) return turns;
  const inferred = inferSpeakerRoles(
    turns.map((t) => (t.speaker === 'doctor' || t.speaker === 'patient' ? { ...t, speaker: 'unknown' as const } : t)),
  );
  let agree = 0;
  for (const t of dp) if (inferred[t.index]!.speaker === t.speaker) agree++;
  if (agree >= dp.length * 0.35) return turns;
  return turns.map((t) =>
    t.speaker === 'doctor' || t.speaker === 'patient'
      ? { ...t, speaker: t.speaker === 'doctor' ? 'patient' : 'doctor', roleSource: 'inferred' as const }
      : t,
  );
}

/** Builds a transcript from turns that already exist (from the speech pipeline), re-indexing and normalising them. */
export function transcriptFromTurns(input: ReadonlyArray<Omit<Turn, 'index'> & { index?: number }>): Transcript {
  const turns: Turn[] = input.map((t, i) => ({ ...t, index: i, text: markPauses(normalizeText(t.text)) }));
  const needsInference = turns.some((t) => t.speaker === 'unknown');
  return { turns: withDigits(needsInference ? inferSpeakerRoles(turns) : turns), format: 'turns' };
}
