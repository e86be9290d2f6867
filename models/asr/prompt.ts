/**
 * Vocabulary biasing: Whisper's initial prompt, built from the patient's medication list and the clinician's
 * specialty so drug names and specialty terms are spelled right. The prompt holds PHI (the medication list): it is
 * passed to the worker only, never logged.
 */
export interface PromptContext {
  medications?: readonly string[];
  specialty?: string;
  /** Extra terms (e.g. problem list). */
  terms?: readonly string[];
}

/** Whisper reads at most 224 prompt tokens; about 4 characters a token leaves room to spare at 600. */
export const MAX_PROMPT_CHARS = 600;

function clean(s: string): string {
  return s
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

export function buildInitialPrompt(ctx: PromptContext): string {
  const parts: string[] = [];
  const specialty = ctx.specialty ? clean(ctx.specialty) : '';
  parts.push(specialty ? `A ${specialty} clinic visit.` : 'A clinic visit.');
  const seen = new Set<string>();
  const list = (items: readonly string[] | undefined) =>
    (items ?? [])
      .map(clean)
      .filter((m) => m.length > 0 && !seen.has(m.toLowerCase()) && (seen.add(m.toLowerCase()), true));
  const meds = list(ctx.medications);
  const terms = list(ctx.terms);
  let prompt = parts.join(' ');
  const add = (label: string, items: string[]) => {
    if (items.length === 0) return;
    let line = ` ${label}: `;
    const used: string[] = [];
    for (const item of items) {
      const next = line + [...used, item].join(', ') + '.';
      if (prompt.length + next.length > MAX_PROMPT_CHARS) break;
      used.push(item);
    }
    if (used.length > 0) prompt += line + used.join(', ') + '.';
    line = '';
  };
  add('Medications', meds);
  add('Terms', terms);
  return prompt;
}
