/**
 * Turns failures into words a clinician can act on. Messages never include transcript text or patient details:
 * the core's error messages carry none, and anything unexpected is replaced by a generic sentence.
 */
import { ApiFailure } from '../api';

const byCode: Record<string, string> = {
  locked: 'Bedside is locked. Unlock it with your passphrase to continue.',
  unavailable: 'Bedside is not responding. Check that the app is still running, then try again.',
  cancelled: 'The operation was cancelled.',
  forbidden: 'This action is not allowed from this window.',
  not_found: 'That encounter or item no longer exists. It may have been deleted by the retention policy.',
  conflict: 'Someone or something changed this at the same time. Reload the encounter and try again.',
  unknown_method: 'This version of Bedside does not support that action yet.',
  internal:
    'Something went wrong inside Bedside. Your work is kept; try again, and report the reference if it repeats.',
};

/** A sentence for the screen: what failed (the action, in the user's words) and what to do next. */
export function explain(err: unknown, action: string): string {
  if (err instanceof ApiFailure) {
    const { code, message } = err.error;
    if (/no speech model is installed/i.test(message))
      return `Could not ${action}. No speech model is installed: install one in Settings → Speech models, or paste a transcript.`;
    if (code === 'invalid_params') return `Could not ${action}: ${message}`;
    // The machine policy's refusals name the organisation's rule (no patient data): show them as they are.
    if (code === 'forbidden' && /organisation/i.test(message)) return `Could not ${action}. ${message}`;
    if (code === 'internal') {
      const ref = /reference ([0-9a-f]+)/.exec(message)?.[1];
      return `Could not ${action}. ${byCode.internal}${ref ? ` (reference ${ref})` : ''}`;
    }
    return `Could not ${action}. ${byCode[code] ?? message}`;
  }
  if (err instanceof Error && /Cannot connect/.test(err.message)) return err.message;
  return `Could not ${action}. Try again; if it keeps failing, restart Bedside.`;
}
