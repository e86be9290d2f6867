/** A stand-in for renderer/src/api in component tests: every method is a vi.fn the test can program. */
import { vi } from 'vitest';
import type { Result } from '../../../core/api/types';

export class ApiFailure extends Error {
  constructor(
    readonly method: string,
    readonly error: { code: string; message: string },
  ) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

export const ehrStatus = (signedIn: boolean) => ({
  signedIn,
  server: signedIn ? 'https://ehr.example/fhir' : null,
  patient: signedIn ? 'p1' : null,
  encounter: null,
  user: null,
  scopes: [],
  expiresAt: null,
  outbox: { pending: 0, sent: 0, failed: 0 },
});

/** A settings.get / settings.set result: the defaults, with `over` applied (hotkeyStatus null: no desktop shell). */
export const settingsInfo = (over: Partial<Result<'settings.get'>> = {}): Result<'settings.get'> => ({
  autoLockMinutes: 10,
  retention: { audioDays: 30, encounterDays: 365 },
  alwaysOnTop: false,
  hotkeys: { toggleRecording: 'CommandOrControl+Shift+R', showWindow: 'CommandOrControl+Shift+B' },
  audioInputId: null,
  defaultTemplate: null,
  hotkeyStatus: null,
  limits: { autoLockMinutes: null, audioDays: null, encounterDays: null },
  ...over,
});

export const fakeApi = {
  'app.info': vi.fn(),
  'note.draft': vi.fn(),
  'note.templates': vi.fn(async () => [
    { id: 'outpatient', name: 'Outpatient visit note', description: '', style: 'note', kind: 'builtin', sections: [] },
    { id: 'soap', name: 'SOAP note', description: '', style: 'note', kind: 'builtin', sections: [] },
  ]),
  'note.templates.sources': vi.fn(async () => [
    { id: 'hpi', title: 'History of present illness', omitIfEmptyByDefault: true },
    { id: 'plan', title: 'Plan', omitIfEmptyByDefault: true },
  ]),
  'note.templates.save': vi.fn(async (p: { template: unknown }) => ({ ...(p.template as object), kind: 'custom' })),
  'note.templates.delete': vi.fn(async (p: { id: string }) => ({ id: p.id, restored: false })),
  'transcript.parse': vi.fn(),
  'hints.compute': vi.fn(async () => []),
  'transcribe.live.start': vi.fn(async () => ({ sessionId: 's1' })),
  'transcribe.live.push': vi.fn(async (_p: { sessionId: string; pcm: string }) => ({ audioSec: 1 })),
  'transcribe.live.stop': vi.fn(async (_p: { sessionId: string; cancel?: boolean }) => ({ segments: [] as unknown[] })),
  'audio.import.append': vi.fn(async (_p: { encounterId: number; seq: number; pcm: string }) => ({ audioSec: 2 })),
  'audio.import.finish': vi.fn(async (_p: { encounterId: number; cancel?: boolean }) => ({
    audioSec: 2,
    discarded: false,
  })),
  'transcribe.encounter': vi.fn(async (_p: { encounterId: number; operationId?: string }) => ({
    segments: [] as unknown[],
    durationSec: 2,
    model: 'test',
    rtf: 0.1,
  })),
  'app.cancel': vi.fn(async (_p: { operationId: string }) => ({ cancelled: true })),
  'store.unlock': vi.fn(async (_p: { passphrase?: string; keychain?: true }) => ({}) as unknown),
  'store.create': vi.fn(async (_p: { passphrase: string; useKeychain?: boolean }) => ({}) as unknown),
  'models.list': vi.fn(async () => ({}) as unknown),
  'models.install': vi.fn(async (_p: { id: string }) => ({}) as unknown),
  'store.status': vi.fn(async () => ({}) as unknown),
  'store.lock': vi.fn(async () => ({}) as unknown),
  'updates.status': vi.fn(
    async () => ({ state: 'disabled', message: 'Updates are turned off by your organisation.' }) as unknown,
  ),
  'updates.check': vi.fn(async () => ({}) as unknown),
  'updates.install': vi.fn(async (_p: { unsavedEdits: boolean }) => ({}) as unknown),
  'encounters.create': vi.fn(async (_p: unknown) => ({ id: 7, segments: 0 })),
  'encounters.saveTranscript': vi.fn(async (p: { id: number; turns: unknown[] }) => ({
    id: p.id,
    segments: p.turns.length,
    changed: 1,
  })),
  'encounters.consent': vi.fn(async (_p: unknown) => ({ id: 7, consent: true })),
  'encounters.saveDraft': vi.fn(async (_p: unknown) => ({ noteId: 1, version: 1 })),
  'encounters.sign': vi.fn(async (_p: unknown) => ({ noteId: 1, version: 1, signedBy: 'x' })),
  'encounters.recordCopy': vi.fn(async (_p: unknown) => ({ recorded: true })),
  'encounters.list': vi.fn(async (_p: unknown) => [] as unknown[]),
  'encounters.get': vi.fn(async (_p: { id: number }) => ({}) as unknown),
  'encounters.recoverRecording': vi.fn(async (_p: { id: number }) => ({}) as unknown),
  'settings.get': vi.fn(async (_p: unknown) => settingsInfo()),
  'settings.set': vi.fn(async (_p: unknown) => settingsInfo()),
  'hints.decide': vi.fn(async (_p: unknown) => ({ hintId: 1, status: 'dismissed' })),
  'ehr.status': vi.fn(async () => ehrStatus(false)),
  'ehr.launch': vi.fn(async (_p: { iss: string }) => ehrStatus(true)),
  'ehr.context': vi.fn(async (_p: { encounterId?: number }) => ({}) as unknown),
  'ehr.send': vi.fn(async (_p: { encounterId: number }) => ({}) as unknown),
  'engines.setServerKey': vi.fn(async (p: { key: string | null }) => ({ keyStored: p.key !== null })),
  'engines.testServer': vi.fn(async (_p: { url: string; model?: string; key?: string }) => ({}) as unknown),
  'engines.testTranscriptionServer': vi.fn(
    async (_p: { url: string; model?: string; key?: string }) => ({}) as unknown,
  ),
  on: vi.fn((event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  }),
};

const listeners = new Map<string, Set<(payload: unknown) => void>>();
/** Delivers an API event to the renderer's listeners, as the transport would. */
export function emit(event: string, payload: unknown): void {
  for (const l of listeners.get(event) ?? []) l(payload);
}

export const apiModule = () => ({ api: fakeApi, ApiFailure, transportName: 'websocket' as const });
