/**
 * Implementations of the contract's requests. One entry per contract method; TypeScript refuses a missing one.
 * Later capabilities (store, drafter, hints, transcription, EHR) add their services to `CoreServices`.
 */
import type { Handlers } from './dispatcher.js';
import type { EventBus } from './events.js';
import { buildInfo } from '../platform/build-info.js';
import { draftNote, parseTranscript } from '../clinical/index.js';
import { listTemplates, loadTemplate, TemplateError } from '../clinical/templates.js';
import { ApiError } from './errors.js';
import type { AsyncStore } from '../store/client.js';
import { computeHints } from '../hints/index.js';

export interface CoreServices {
  events: EventBus;
  /** The encrypted store (core/store StoreClient.store), once unlocked; absent while locked. */
  store?: AsyncStore;
}

export function createHandlers(_services: CoreServices): Handlers {
  const store = (): AsyncStore => {
    if (!_services.store) throw new ApiError('locked', 'The encrypted store is locked.');
    return _services.store;
  };
  return {
    'app.info': (_params, ctx) => buildInfo(ctx.transport),
    'app.echo': ({ text }) => ({ text, receivedAt: new Date().toISOString() }),
    'note.draft': ({ transcript, template }) => {
      try {
        if (template) loadTemplate(template);
      } catch (err) {
        if (err instanceof TemplateError) throw new ApiError('invalid_params', err.message);
        throw err;
      }
      const parsed = parseTranscript(transcript);
      if (parsed.turns.length === 0) throw new ApiError('invalid_params', 'The transcript has no text.');
      return draftNote(parsed, template ? { template } : {});
    },
    'transcript.parse': ({ transcript }) => {
      const parsed = parseTranscript(transcript);
      return {
        format: parsed.format,
        turns: parsed.turns.map((t) => ({
          index: t.index,
          speaker: t.speaker,
          text: t.text,
          ...(t.label !== undefined ? { label: t.label } : {}),
          ...(t.start !== undefined ? { start: t.start } : {}),
          ...(t.end !== undefined ? { end: t.end } : {}),
        })),
      };
    },
    'hints.compute': ({ transcript }) => computeHints(transcript),
    'store.status': async () => {
      if (!_services.store)
        return {
          unlocked: false,
          databaseId: null,
          schemaVersion: null,
          encounters: null,
          interruptedRecordings: null,
        };
      const s = await _services.store.status();
      return {
        unlocked: true,
        databaseId: s.databaseId,
        schemaVersion: s.schemaVersion,
        encounters: s.encounters,
        interruptedRecordings: s.interruptedRecordings,
      };
    },
    'encounters.list': ({ limit, offset }) =>
      store().listEncounters({
        ...(limit !== undefined ? { limit } : {}),
        ...(offset !== undefined ? { offset } : {}),
      }),
    'encounters.get': async ({ id }) => {
      const e = await store().getEncounter(id);
      if (!e) throw new ApiError('not_found', `No encounter with id ${id}.`);
      return e;
    },
    'note.templates': () =>
      listTemplates().map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        style: t.style,
        sections: t.sections.map((s) => ({ id: s.id, title: s.title })),
      })),
  };
}
