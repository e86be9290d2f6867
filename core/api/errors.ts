import type { ApiErrorCode, ApiErrorShape } from './types.js';

/** An error a handler throws on purpose; its message is shown to the user, so it must never contain PHI. */
export class ApiError extends Error {
  constructor(
    public readonly code: ApiErrorCode,
    message: string,
    public readonly issues?: ApiErrorShape['issues'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toShape(): ApiErrorShape {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** Raised on the client side when a reply carries an error. */
export class ApiCallError extends Error {
  constructor(
    public readonly method: string,
    public readonly shape: ApiErrorShape,
  ) {
    super(shape.message);
    this.name = 'ApiCallError';
  }
  get code(): ApiErrorCode {
    return this.shape.code;
  }
}
