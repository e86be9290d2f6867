/**
 * Errors of the EHR client. Messages are shown to users and may be logged: they hold resource types, HTTP status
 * codes, scope names and host names only, never resource content (PHI) or tokens.
 */
export type EhrErrorKind =
  /** A URL or setting is unusable (plain http to a remote host, bad iss). */
  | 'config'
  /** Not signed in, or the session expired and could not be refreshed: launch again. */
  | 'reauthorize'
  /** The server refused a permission the app did not get (names the scope). */
  | 'forbidden'
  /** The server could not be reached, timed out or answered 5xx: worth retrying later. */
  | 'unavailable'
  /** The server answered something unusable (oversized, malformed, wrong resource type, foreign link). */
  | 'hostile'
  /** The server rejected the request (4xx other than 401/403). */
  | 'rejected'
  /** The local state does not allow the action (note not signed, encounter not linked). */
  | 'state';

export class EhrError extends Error {
  constructor(
    public readonly kind: EhrErrorKind,
    message: string,
    public readonly status: number | null = null,
    /** For `forbidden`: the scope that would allow the request. */
    public readonly missingScope: string | null = null,
  ) {
    super(message);
    this.name = 'EhrError';
  }

  /** Whether trying again later can succeed without user action. */
  get retryable(): boolean {
    return this.kind === 'unavailable';
  }
}
