/**
 * Implementations of the contract's requests. One entry per contract method; TypeScript refuses a missing one.
 * Later capabilities (store, drafter, hints, transcription, EHR) add their services to `CoreServices`.
 */
import type { Handlers } from './dispatcher.js';
import type { EventBus } from './events.js';
import { buildInfo } from '../platform/build-info.js';

export interface CoreServices {
  events: EventBus;
}

export function createHandlers(_services: CoreServices): Handlers {
  return {
    'app.info': (_params, ctx) => buildInfo(ctx.transport),
    'app.echo': ({ text }) => ({ text, receivedAt: new Date().toISOString() }),
  };
}
