/**
 * The EHR client as one service over the encrypted store: launch (and keep the session), load the patient context
 * for an encounter, send its signed note exactly once (queue with backoff when the EHR is unreachable, audit every
 * try), and export a document Bundle. The CLI and the API build on this.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditAction, AuditEntity, EncounterDetail } from '../store/index.js';
import { log } from '../platform/log.js';
import { loadContext, type EhrContext } from './context.js';
import {
  buildDocumentBundle,
  buildDocumentReference,
  noteIdentifier,
  noteText,
  type ExportPatient,
  type SignedNote,
} from './document.js';
import { EhrError } from './errors.js';
import { FhirClient, type FhirClientOptions, type SessionSource } from './fhir-client.js';
import { hostOf, type HttpOptions } from './http.js';
import { launch, refreshSession, type EhrSession, type LaunchOptions } from './smart.js';
import type { EhrState, OutboxEntry, SettingsStore } from './state.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * The store operations the EHR service uses. The synchronous StoreEngine (CLI) and the worker-backed AsyncStore
 * (desktop app, API) both satisfy it.
 */
export interface EhrStore extends SettingsStore {
  status(): MaybePromise<{ databaseId: string }>;
  getEncounter(id: number): MaybePromise<EncounterDetail | null>;
  audit(action: AuditAction, entity: AuditEntity, entityId?: number | string | null): MaybePromise<number>;
}

export interface EhrServiceOptions {
  http?: HttpOptions;
  fhir?: FhirClientOptions;
  now?: () => Date;
  /** Backoff before automatic retry n of a queued send (default 30 s doubling, at most 1 hour). */
  backoffMs?: (attempts: number) => number;
}

export interface SendResult {
  encounterId: number;
  noteId: number;
  state: 'sent' | 'queued' | 'failed';
  /** The DocumentReference id on the EHR (sent). */
  fhirId: string | null;
  attempts: number;
  /** Why it was queued or failed (no PHI). */
  message: string | null;
  nextAttemptAt: string | null;
}

export interface EhrStatus {
  signedIn: boolean;
  server: string | null;
  patient: string | null;
  encounter: string | null;
  user: string | null;
  scopes: string[];
  expiresAt: string | null;
  outbox: { pending: number; sent: number; failed: number };
}

/**
 * The sends and flushes queued on each store. The outbox is one settings row, read, changed and written back; the API
 * builds an EhrService per request and the background retrier one per pass, so a queue per service would let two of
 * them interleave and write back a stale outbox (acknowledged sends vanished from it: never retried, or sent again).
 */
const queues = new WeakMap<EhrStore, Promise<unknown>>();

export const defaultBackoffMs = (attempts: number): number =>
  Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);

export class EhrService {
  private readonly now: () => Date;
  private readonly backoff: (attempts: number) => number;
  private databaseId: string | null = null;

  constructor(
    private readonly store: EhrStore,
    private readonly state: EhrState,
    private readonly opts: EhrServiceOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.backoff = opts.backoffMs ?? defaultBackoffMs;
  }

  // ---- session ------------------------------------------------------------------------------------------------------

  /** Runs the SMART launch and keeps the session (tokens) in the encrypted store. */
  async launch(opts: Omit<LaunchOptions, 'http'>): Promise<EhrSession> {
    const session = await launch({ ...opts, http: this.opts.http ?? {} });
    await this.state.setSession(session);
    log.info('ehr.launched', { host: hostOf(session.iss), ehrLaunch: opts.launch !== undefined });
    return session;
  }

  async signOut(): Promise<void> {
    await this.state.setSession(null);
  }

  private async dbId(): Promise<string> {
    this.databaseId ??= (await this.store.status()).databaseId;
    return this.databaseId;
  }

  /**
   * Sends and flushes run one at a time per store (every service on it, not only this one): the outbox is read,
   * changed and written back without interleaving.
   */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = (queues.get(this.store) ?? Promise.resolve()).then(fn, fn);
    queues.set(
      this.store,
      run.catch(() => undefined),
    );
    return run;
  }

  async status(): Promise<EhrStatus> {
    const s = await this.state.session();
    const box = await this.state.outbox();
    const count = (st: OutboxEntry['state']) => box.filter((e) => e.state === st).length;
    return {
      signedIn: s !== null,
      server: s ? s.iss : null,
      patient: s?.patient ?? null,
      encounter: s?.encounter ?? null,
      user: s?.fhirUser ?? null,
      scopes: s ? s.scope.split(/\s+/).filter(Boolean) : [],
      expiresAt: s?.expiresAt ?? null,
      outbox: { pending: count('pending'), sent: count('sent'), failed: count('failed') },
    };
  }

  private async requireSession(): Promise<EhrSession> {
    const s = await this.state.session();
    if (!s) throw new EhrError('reauthorize', 'not signed in to an EHR: run bedside fhir launch --iss URL first');
    return s;
  }

  /** A FHIR client on the session's server; a 401 refreshes the token and stores the new one. */
  async client(): Promise<FhirClient> {
    const initial = await this.requireSession();
    let current = initial;
    const source: SessionSource = {
      current: () => current,
      refresh: async () => {
        try {
          current = await refreshSession(current, this.opts.http ?? {});
          await this.state.setSession(current);
          log.info('ehr.token_refreshed', { host: hostOf(current.iss) });
          return current;
        } catch (err) {
          if (err instanceof EhrError && err.kind === 'reauthorize') await this.state.setSession(null);
          throw err;
        }
      },
    };
    return new FhirClient(initial.iss, source, {
      ...(this.opts.http ? { http: this.opts.http } : {}),
      ...this.opts.fhir,
    });
  }

  // ---- context ------------------------------------------------------------------------------------------------------

  /**
   * Loads the launched patient's context. With an encounter id, the encounter is linked to that EHR patient (a link
   * to another patient is refused) and the context is kept for the hints of that encounter.
   */
  async loadContext(encounterId?: number): Promise<EhrContext> {
    const session = await this.requireSession();
    if (!session.patient)
      throw new EhrError('state', 'the EHR session has no patient: launch again with a patient open');
    if (encounterId !== undefined) {
      await this.requireEncounter(encounterId);
      const link = await this.state.link(encounterId);
      if (link && (link.patient !== session.patient || link.iss !== session.iss))
        throw new EhrError(
          'state',
          `encounter ${encounterId} is linked to another EHR patient; launch the EHR with that patient open`,
        );
    }
    const ctx = await loadContext(await this.client(), session.patient, this.now());
    await this.store.audit('view', 'patient', `ehr:${session.patient}`);
    if (encounterId !== undefined) {
      if (!(await this.state.link(encounterId)))
        await this.state.setLink(encounterId, {
          iss: session.iss,
          patient: session.patient,
          encounter: session.encounter,
          linkedAt: this.now().toISOString(),
        });
      await this.state.setContext(encounterId, ctx);
    }
    log.info('ehr.context_loaded', { ...ctx.counts, encounterId: encounterId ?? null });
    return ctx;
  }

  /** The context last loaded for an encounter (what its hints should use), or null. */
  contextFor(encounterId: number): Promise<EhrContext | null> {
    return this.state.context(encounterId);
  }

  // ---- notes --------------------------------------------------------------------------------------------------------

  private async requireEncounter(id: number): Promise<EncounterDetail> {
    const e = await this.store.getEncounter(id);
    if (!e) throw new EhrError('state', `no encounter with id ${id}`);
    return e;
  }

  /** The encounter's signed note; sending or exporting a draft is refused. */
  async signedNote(encounterId: number): Promise<{ note: SignedNote; encounter: EncounterDetail }> {
    const e = await this.requireEncounter(encounterId);
    const signed = e.notes.find((n) => n.kind === 'signed');
    if (!e.signed || !signed || !signed.signedAt || !signed.signedBy)
      throw new EhrError('state', `encounter ${encounterId} has no signed note: sign the note first`);
    const { text, sections } = noteText(signed.body);
    return {
      encounter: e,
      note: {
        encounterId,
        noteId: signed.id,
        version: signed.version,
        templateId: signed.templateId,
        text,
        sections,
        signedBy: signed.signedBy,
        signedAt: signed.signedAt,
      },
    };
  }

  private async audit(noteId: number, outcome: 'sent' | 'queued' | 'failed'): Promise<void> {
    await this.store.audit('send', 'note', `${noteId}:${outcome}`);
  }

  private result(e: OutboxEntry): SendResult {
    return {
      encounterId: e.encounterId,
      noteId: e.noteId,
      state: e.state === 'pending' ? 'queued' : e.state,
      fhirId: e.fhirId,
      attempts: e.attempts,
      message: e.lastError,
      nextAttemptAt: e.state === 'pending' ? e.nextAttemptAt : null,
    };
  }

  private async update(entry: OutboxEntry): Promise<void> {
    const box = (await this.state.outbox()).filter((e) => e.noteId !== entry.noteId);
    await this.state.setOutbox([...box, entry]);
  }

  /**
   * Sends the encounter's signed note as a DocumentReference. The note goes into the outbox first (persisted), so a
   * crash or an unreachable server loses nothing; a note already sent is not sent again.
   */
  send(encounterId: number): Promise<SendResult> {
    return this.serial(() => this.sendNow(encounterId));
  }

  private async sendNow(encounterId: number): Promise<SendResult> {
    const { note } = await this.signedNote(encounterId);
    const link = await this.state.link(encounterId);
    if (!link)
      throw new EhrError(
        'state',
        `encounter ${encounterId} is not linked to an EHR patient: run bedside fhir context --encounter ${encounterId} first`,
      );
    let entry = (await this.state.outbox()).find((e) => e.noteId === note.noteId);
    if (entry?.state === 'sent') return this.result(entry);
    const now = this.now().toISOString();
    entry = entry
      ? { ...entry, state: 'pending', nextAttemptAt: now }
      : {
          noteId: note.noteId,
          encounterId,
          state: 'pending',
          attempts: 0,
          queuedAt: now,
          nextAttemptAt: now,
          lastError: null,
          fhirId: null,
          sentAt: null,
        };
    await this.update(entry);
    return this.attempt(entry);
  }

  /** Tries every queued send that is due (all of them with `force`). */
  flush(opts: { force?: boolean } = {}): Promise<SendResult[]> {
    return this.serial(() => this.flushNow(opts));
  }

  private async flushNow(opts: { force?: boolean }): Promise<SendResult[]> {
    const now = this.now().getTime();
    const due = (await this.state.outbox()).filter(
      (e) => e.state === 'pending' && (opts.force || Date.parse(e.nextAttemptAt) <= now),
    );
    const out: SendResult[] = [];
    for (const e of due) out.push(await this.attempt(e));
    return out;
  }

  outbox(): Promise<OutboxEntry[]> {
    return this.state.outbox();
  }

  private async attempt(entry: OutboxEntry): Promise<SendResult> {
    const attempts = entry.attempts + 1;
    try {
      const { note } = await this.signedNote(entry.encounterId);
      const link = await this.state.link(entry.encounterId);
      if (!link) throw new EhrError('state', `encounter ${entry.encounterId} is not linked to an EHR patient`);
      const session = await this.requireSession();
      const databaseId = await this.dbId();
      if (session.patient !== link.patient)
        throw new EhrError(
          'reauthorize',
          `the EHR session is for another patient: launch the EHR with encounter ${entry.encounterId}'s patient open`,
        );
      if (session.iss !== link.iss)
        throw new EhrError(
          'reauthorize',
          `signed in to another EHR (${hostOf(session.iss)}): launch ${hostOf(link.iss)} again`,
        );
      const doc = buildDocumentReference(note, {
        patientId: link.patient,
        encounterId: link.encounter,
        fhirUser: session.fhirUser,
        databaseId,
      });
      const client = await this.client();
      const { id } = await client.createIfNoneExist(doc, noteIdentifier(databaseId, note.noteId));
      const sent: OutboxEntry = {
        ...entry,
        state: 'sent',
        attempts,
        lastError: null,
        fhirId: id,
        sentAt: this.now().toISOString(),
      };
      await this.update(sent);
      await this.audit(entry.noteId, 'sent');
      log.info('ehr.note_sent', { noteId: entry.noteId, attempts });
      return this.result(sent);
    } catch (err) {
      if (!(err instanceof EhrError)) throw err;
      // Unreachable servers and expired sign-ins keep the note queued; anything else needs a person to look.
      const keep = err.retryable || err.kind === 'reauthorize';
      const next: OutboxEntry = {
        ...entry,
        state: keep ? 'pending' : 'failed',
        attempts,
        lastError: err.message,
        nextAttemptAt: new Date(this.now().getTime() + this.backoff(attempts)).toISOString(),
      };
      await this.update(next);
      await this.audit(entry.noteId, keep ? 'queued' : 'failed');
      log.warn('ehr.note_not_sent', { noteId: entry.noteId, attempts, kind: err.kind, status: err.status });
      return this.result(next);
    }
  }

  // ---- export -------------------------------------------------------------------------------------------------------

  /** The document Bundle of the encounter's signed note. */
  async documentBundle(encounterId: number): Promise<{ bundle: Record<string, unknown>; noteId: number }> {
    const { note, encounter } = await this.signedNote(encounterId);
    const link = await this.state.link(encounterId);
    const ctx = await this.state.context(encounterId);
    const patient: ExportPatient = ctx
      ? {
          name: ctx.patient.name || encounter.patientLabel,
          birthDate: ctx.patient.birthDate,
          gender: ctx.patient.gender,
          ehrId: link?.patient ?? null,
          ehrSystem: link ? `${link.iss}/Patient` : null,
        }
      : { name: encounter.patientLabel, birthDate: encounter.dateOfBirth };
    const session = await this.state.session();
    const bundle = buildDocumentBundle(
      note,
      patient,
      {
        encounterId: link?.encounter ?? null,
        fhirUser: session && link && session.iss === link.iss ? session.fhirUser : null,
        databaseId: await this.dbId(),
      },
      this.now(),
    );
    return { bundle, noteId: note.noteId };
  }

  /** Writes the document Bundle to `file` (atomically: a temporary file renamed into place). */
  async exportBundle(encounterId: number, file: string): Promise<{ bytes: number }> {
    const { bundle, noteId } = await this.documentBundle(encounterId);
    const text = JSON.stringify(bundle, null, 2) + '\n';
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
    await this.store.audit('export', 'note', noteId);
    return { bytes: Buffer.byteLength(text) };
  }
}
