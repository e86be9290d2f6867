import { computeHints, parseContext, type Hint } from '../../../core/hints/index.js';
import type { PatientContextInput } from '../../../core/hints/context.js';

/** Builds a tagged transcript from alternating lines: 'D: ...' (doctor) and 'P: ...' (patient). */
export function visit(...lines: string[]): string {
  return lines.map((l) => (l.startsWith('D: ') ? `[doctor] ${l.slice(3)}` : `[patient] ${l.slice(3)}`)).join('\n');
}

export function hintsFor(text: string, context?: PatientContextInput): Hint[] {
  return computeHints(text, context ? { context: parseContext(context) } : {});
}

export function ofKind(hints: Hint[], kind: Hint['kind']): Hint[] {
  return hints.filter((h) => h.kind === kind);
}
