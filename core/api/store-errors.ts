/**
 * Store errors a handler let through, as API errors in words. The dispatcher applies this before falling back to
 * `internal`, so no call (e.g. transcribe.live.stop after another process changed the encounter) answers `internal`
 * for a refusal the store explained. Store messages never carry PHI (ids and counts only).
 */
import { ApiError } from './errors.js';
import {
  DamagedDatabaseError,
  KeyProtectionError,
  NoDatabaseError,
  SchemaTooNewError,
  StoreBusyError,
  StoreInputError,
  StoreInUseError,
  WrongKeyError,
} from '../store/errors.js';

export function apiErrorOfStore(err: unknown): ApiError | null {
  if (err instanceof StoreInputError) return new ApiError('conflict', err.message);
  if (err instanceof StoreInUseError) return new ApiError('conflict', `${err.message}.`);
  if (err instanceof StoreBusyError || err instanceof DamagedDatabaseError || err instanceof KeyProtectionError)
    return new ApiError('unavailable', err.message);
  if (err instanceof NoDatabaseError || err instanceof SchemaTooNewError) return new ApiError('conflict', err.message);
  if (err instanceof WrongKeyError) return new ApiError('forbidden', 'Wrong passphrase or not a Bedside database.');
  return null;
}
