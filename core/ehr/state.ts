/**
 * Where the EHR client keeps its state: the session (tokens), which EHR patient each encounter belongs to, the
 * context last loaded for an encounter, and the outbox of notes to send. The store-backed implementation keeps it all
 * in the encrypted database (settings rows, so no schema change is needed); the memory one serves tests.
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

export interface EhrState {
  session(): EhrSession | null;
  setSession(session: EhrSession | null): void;
  link(encounterId: number): EncounterLink | null;
  setLink(encounterId: number, link: EncounterLink): void;
  context(encounterId: number): EhrContext | null;
  setContext(encounterId: number, context: EhrContext): void;
  outbox(): OutboxEntry[];
  setOutbox(entries: OutboxEntry[]): void;
}

export class MemoryEhrState implements EhrState {
  private s: EhrSession | null = null;
  private readonly links = new Map<number, EncounterLink>();
  private readonly contexts = new Map<number, EhrContext>();
  private box: OutboxEntry[] = [];
  session() {
    return this.s ? { ...this.s } : null;
  }
  setSession(session: EhrSession | null) {
    this.s = session ? { ...session } : null;
  }
  link(id: number) {
    return this.links.get(id) ?? null;
  }
  setLink(id: number, link: EncounterLink) {
    this.links.set(id, link);
  }
  context(id: number) {
    return this.contexts.get(id) ?? null;
  }
  setContext(id: number, context: EhrContext) {
    this.contexts.set(id, context);
  }
  outbox() {
    return this.box.map((e) => ({ ...e }));
  }
  setOutbox(entries: OutboxEntry[]) {
    this.box = entries.map((e) => ({ ...e }));
  }
}

/** The part of the store engine the EHR state needs (settings in the encrypted database). */
export interface SettingsStore {
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): void;
}

const KEYS = {
  session: 'ehr.session',
  outbox: 'ehr.outbox',
  link: (id: number) => `ehr.link.${id}`,
  context: (id: number) => `ehr.context.${id}`,
};

export class StoreEhrState implements EhrState {
  constructor(private readonly store: SettingsStore) {}

  private read<T>(key: string): T | null {
    const v = this.store.getSetting(key);
    if (v === null || v === '') return null;
    try {
      return JSON.parse(v) as T;
    } catch {
      return null;
    }
  }
  private write(key: string, value: unknown): void {
    this.store.setSetting(key, value === null ? '' : JSON.stringify(value));
  }

  session() {
    return this.read<EhrSession>(KEYS.session);
  }
  setSession(session: EhrSession | null) {
    this.write(KEYS.session, session);
  }
  link(id: number) {
    return this.read<EncounterLink>(KEYS.link(id));
  }
  setLink(id: number, link: EncounterLink) {
    this.write(KEYS.link(id), link);
  }
  context(id: number) {
    return this.read<EhrContext>(KEYS.context(id));
  }
  setContext(id: number, context: EhrContext) {
    this.write(KEYS.context(id), context);
  }
  outbox() {
    return this.read<OutboxEntry[]>(KEYS.outbox) ?? [];
  }
  setOutbox(entries: OutboxEntry[]) {
    this.write(KEYS.outbox, entries);
  }
}
