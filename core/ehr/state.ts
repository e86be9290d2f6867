/**
 * Where the EHR client keeps its state: the session (tokens), which EHR patient each encounter belongs to, the
 * context last loaded for an encounter, and the outbox of notes to send. The store-backed implementation keeps it all
 * in the encrypted database (settings rows, so no schema change is needed).
 * Tokens never go anywhere else: not to files, not to logs.
 */
import type { EhrContext } from './context.js';
import type { EhrSession } from './smart.js';

/** An encounter linked to a patient on an EHR. */
export interface EncounterLink {
  iss: string;
  patient: string;
  /** The EHR's Encounter id from the launch context, when there was one. */
  encounter: string | null;
  linkedAt: string;
}

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxEntry {
  noteId: number;
  encounterId: number;
  state: OutboxState;
  attempts: number;
  queuedAt: string;
  /** When the next automatic try is due (pending entries). */
  nextAttemptAt: string;
  /** The last failure's message (no PHI: host names, status codes, scopes), null after success. */
  lastError: string | null;
  /** The DocumentReference id on the EHR once sent. */
  fhirId: string | null;
  sentAt: string | null;
}

/** Asynchronous so it works over the store worker (AsyncStore) as well as the synchronous engine. */
export interface EhrState {
  session(): Promise<EhrSession | null>;
  setSession(session: EhrSession | null): Promise<void>;
  link(encounterId: number): Promise<EncounterLink | null>;
  setLink(encounterId: number, link: EncounterLink): Promise<void>;
  context(encounterId: number): Promise<EhrContext | null>;
  setContext(encounterId: number, context: EhrContext): Promise<void>;
  outbox(): Promise<OutboxEntry[]>;
  setOutbox(entries: OutboxEntry[]): Promise<void>;
}

/** The part of the store engine the EHR state needs (settings in the encrypted database). */
export interface SettingsStore {
  getSetting(key: string): string | null | Promise<string | null>;
  setSetting(key: string, value: string): void | Promise<void>;
}

const KEYS = {
  session: 'ehr.session',
  outbox: 'ehr.outbox',
  link: (id: number) => `ehr.link.${id}`,
  context: (id: number) => `ehr.context.${id}`,
};

export class StoreEhrState implements EhrState {
  constructor(private readonly store: SettingsStore) {}

  private async read<T>(key: string): Promise<T | null> {
    const v = await this.store.getSetting(key);
    if (v === null || v === '') return null;
    try {
      return JSON.parse(v) as T;
    } catch {
      return null;
    }
  }
  private async write(key: string, value: unknown): Promise<void> {
    await this.store.setSetting(key, value === null ? '' : JSON.stringify(value));
  }

  async session() {
    return this.read<EhrSession>(KEYS.session);
  }
  async setSession(session: EhrSession | null) {
    await this.write(KEYS.session, session);
  }
  async link(id: number) {
    return this.read<EncounterLink>(KEYS.link(id));
  }
  async setLink(id: number, link: EncounterLink) {
    await this.write(KEYS.link(id), link);
  }
  async context(id: number) {
    return this.read<EhrContext>(KEYS.context(id));
  }
  async setContext(id: number, context: EhrContext) {
    await this.write(KEYS.context(id), context);
  }
  async outbox() {
    return (await this.read<OutboxEntry[]>(KEYS.outbox)) ?? [];
  }
  async setOutbox(entries: OutboxEntry[]) {
    await this.write(KEYS.outbox, entries);
  }
}
