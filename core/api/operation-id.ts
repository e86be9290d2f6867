/**
 * Long operations (model installs, transcriptions) accept an optional, caller-chosen `operationId`; `app.cancel`
 * with the same id aborts the operation's signal. Pure zod: the preload bundle and renderer types see this file.
 */
import { z } from 'zod';

export const OperationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'an operation id is 8–64 letters, digits, "-" or "_"');
