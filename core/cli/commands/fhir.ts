/**
 * `bedside fhir ...`: sign in to an EHR with SMART on FHIR, load the open patient's context, send a signed note as a
 * DocumentReference, export a FHIR document Bundle. Tokens live only in the encrypted store. Output of `context`
 * holds PHI (what the user asked to see); errors hold host names, status codes and scopes only.
 */
import { resolve } from 'node:path';
import { openInSystemBrowser } from '../../ehr/browser.js';
import type { EhrContext } from '../../ehr/context.js';
import { EhrError } from '../../ehr/errors.js';
import { hostOf } from '../../ehr/http.js';
import { EhrService, type SendResult } from '../../ehr/service.js';
import { parseLaunchLink } from '../../ehr/smart.js';
import { StoreEhrState } from '../../ehr/state.js';
import type { StoreEngine } from '../../store/index.js';
import {
  CliError,
  HelpRequested,
  UsageError,
  intFlag,
  parseFlags,
  subcommands,
  type CliIO,
  type Command,
} from '../cli.js';
import { withStore } from './db.js';
import { encounterId } from './encounters.js';

const DEFAULT_CLIENT_ID = 'bedside';

/** Runs `fn` with an EHR service over the unlocked store; EHR errors become one-line CLI errors. */
async function withEhr<T>(
  values: { 'data-dir'?: string },
  io: CliIO,
  fn: (ehr: EhrService, engine: StoreEngine) => Promise<T>,
): Promise<T> {
  return withStore(values, io, async (engine) => {
    const timeout = io.env.BEDSIDE_FHIR_TIMEOUT_MS;
    const ehr = new EhrService(engine, new StoreEhrState(engine), {
      ...(timeout && /^\d+$/.test(timeout) ? { http: { timeoutMs: Number(timeout) } } : {}),
    });
    try {
      return await fn(ehr, engine);
    } catch (err) {
      if (err instanceof EhrError) throw new CliError(err.message);
      throw err;
    }
  });
}

function contextText(c: EhrContext): string {
  const ctx = c.context;
  const out = [
    `Patient     ${c.patient.name || '(no name)'}  (EHR id ${c.patient.id})`,
    `Born        ${c.patient.birthDate ?? '-'}${ctx.age !== undefined ? `  (age ${ctx.age})` : ''}   Sex ${c.patient.gender ?? '-'}`,
    '',
    `Allergies (${ctx.allergies?.length ?? 0})`,
    ...(ctx.allergies ?? []).map((a) =>
      typeof a === 'string'
        ? `  ${a}`
        : `  ${a.substance}${'status' in a && a.status && a.status !== 'active' ? ` [${a.status}]` : ''}${'reaction' in a && a.reaction ? ` (${a.reaction})` : ''}`,
    ),
    `Medications (${ctx.medications?.length ?? 0})`,
    ...(ctx.medications ?? []).map((m) =>
      'dose' in m && m.dose !== undefined
        ? `  ${m.name} ${m.dose} ${m.unit ?? ''}${m.perDay ? ` x${m.perDay}/day` : ''}`
        : `  ${m.name}`,
    ),
    `Conditions (${ctx.conditions?.length ?? 0})`,
    ...(ctx.conditions ?? []).map((k) => `  ${k.name}${'code' in k && k.code ? ` (${k.code})` : ''}`),
    'Labs',
    ...Object.entries(ctx.labs ?? {}).map(([k, v]) => `  ${k.padEnd(11)} ${v}`),
    `Recent observations (${c.observations.length})`,
    ...c.observations.slice(0, 15).map((o) => `  ${(o.at ?? '').slice(0, 10).padEnd(10)}  ${o.name}: ${o.value}`),
  ];
  return out.join('\n') + '\n';
}

function sendLine(r: SendResult, host: string): string {
  if (r.state === 'sent')
    return `Encounter ${r.encounterId}: the signed note is on ${host} as DocumentReference/${r.fhirId}.\n`;
  if (r.state === 'queued')
    return `Encounter ${r.encounterId}: not sent yet (${r.message}); queued, next try after ${r.nextAttemptAt}.\n`;
  return `Encounter ${r.encounterId}: the EHR did not accept the note (${r.message}).\n`;
}

const dataDir = { 'data-dir': { type: 'string' } } as const;

export const fhir: Command = {
  name: 'fhir',
  summary: 'Sign in to an EHR (SMART on FHIR), load patient context, send signed notes, export FHIR documents.',
  usage: `Usage: bedside fhir <sub-command> [--data-dir DIR] [options]

Sub-commands:
  launch --iss URL [--launch ID] [--client-id ID] [--port N] [--no-browser] [--timeout SECONDS]
  launch --link 'bedside://launch?iss=...&launch=...'
                              sign in to the EHR in the system browser (SMART App Launch, PKCE S256, redirect to
                              http://127.0.0.1:PORT/callback); with --launch or --link this is an EHR launch
  status [--json]             who is signed in where, granted scopes, queued notes (never the tokens)
  context [--encounter ID] [--json]
                              load the open patient's allergies, medications, conditions and recent labs; with
                              --encounter the encounter is linked to that patient and its hints use the context
  send ENCOUNTER_ID [--json]  send the encounter's signed note as a DocumentReference (exactly once; queued and
                              retried with backoff when the EHR cannot be reached)
  queue [--retry] [--json]    list queued and sent notes; --retry tries the queued ones now
  export ENCOUNTER_ID --out FILE
                              write a FHIR document Bundle (Composition, Patient, DocumentReference) to FILE
  logout                      forget the EHR session (tokens)

Options:
  --data-dir DIR    the Bedside data folder (default: BEDSIDE_DATA_DIR or the OS user-data folder)
  --client-id ID    the client id the EHR administrator registered (default: BEDSIDE_SMART_CLIENT_ID or '${DEFAULT_CLIENT_ID}')

The passphrase of the encrypted store is read from BEDSIDE_PASSPHRASE, the terminal, or stdin.`,
  run: subcommands('fhir', {
    async launch(argv, io) {
      const { values } = parseFlags(argv, {
        ...dataDir,
        iss: { type: 'string' },
        launch: { type: 'string' },
        link: { type: 'string' },
        'client-id': { type: 'string' },
        port: { type: 'string' },
        'no-browser': { type: 'boolean' },
        timeout: { type: 'string' },
      });
      if (values.help) throw new HelpRequested();
      let iss = values.iss;
      let launchId = values.launch;
      if (values.link !== undefined) {
        if (iss !== undefined || launchId !== undefined)
          throw new UsageError('--link cannot be combined with --iss or --launch');
        try {
          ({ iss, launch: launchId } = parseLaunchLink(values.link));
        } catch (err) {
          throw new UsageError(err instanceof Error ? err.message : 'invalid launch link');
        }
      }
      if (!iss) throw new UsageError('--iss URL (the FHIR server base URL) or --link is required');
      if (launchId !== undefined && !launchId.trim()) throw new UsageError('--launch must not be empty');
      const port = intFlag('port', values.port, 0, 0, 65_535);
      const timeoutS = intFlag('timeout', values.timeout, 300, 5, 3600);
      const clientId = values['client-id'] ?? io.env.BEDSIDE_SMART_CLIENT_ID ?? DEFAULT_CLIENT_ID;
      return withEhr(values, io, async (ehr) => {
        const session = await ehr.launch({
          iss: iss!,
          ...(launchId !== undefined ? { launch: launchId } : {}),
          clientId,
          port,
          timeoutMs: timeoutS * 1000,
          signal: io.signal,
          openUrl: async (url) => {
            if (values['no-browser']) {
              io.stdout.write(`Open this address in a browser to sign in to the EHR:\n${url}\n`);
              return;
            }
            io.stderr.write('Opening the system browser to sign in to the EHR...\n');
            await openInSystemBrowser(url);
          },
        });
        io.stdout.write(
          `Signed in to ${hostOf(session.iss)}: patient ${session.patient}` +
            `${session.encounter ? `, encounter ${session.encounter}` : ''}; ${session.scope.split(/\s+/).filter(Boolean).length} scopes granted` +
            `${session.refreshToken ? ', refresh allowed' : ''}.\n`,
        );
        return 0;
      });
    },

    async status(argv, io) {
      const { values } = parseFlags(argv, { ...dataDir, json: { type: 'boolean' } });
      if (values.help) throw new HelpRequested();
      return withEhr(values, io, async (ehr) => {
        const s = await ehr.status();
        if (values.json) io.stdout.write(JSON.stringify(s, null, 2) + '\n');
        else
          io.stdout.write(
            [
              `signed in   ${s.signedIn ? `yes, ${s.server}` : 'no'}`,
              `patient     ${s.patient ?? '-'}`,
              `encounter   ${s.encounter ?? '-'}`,
              `user        ${s.user ?? '-'}`,
              `expires     ${s.expiresAt ?? '-'}`,
              `scopes      ${s.scopes.join(' ') || '-'}`,
              `outbox      ${s.outbox.pending} queued, ${s.outbox.sent} sent, ${s.outbox.failed} failed`,
            ].join('\n') + '\n',
          );
        return 0;
      });
    },

    async context(argv, io) {
      const { values } = parseFlags(argv, { ...dataDir, json: { type: 'boolean' }, encounter: { type: 'string' } });
      if (values.help) throw new HelpRequested();
      const id = values.encounter !== undefined ? encounterId(values.encounter) : undefined;
      return withEhr(values, io, async (ehr) => {
        const ctx = await ehr.loadContext(id);
        io.stdout.write(values.json ? JSON.stringify(ctx, null, 2) + '\n' : contextText(ctx));
        if (id !== undefined && !values.json)
          io.stdout.write(`Encounter ${id} is linked to EHR patient ${ctx.patient.id}.\n`);
        return 0;
      });
    },

    async send(argv, io) {
      const { values, positionals } = parseFlags(argv, { ...dataDir, json: { type: 'boolean' } }, { positionals: 1 });
      if (values.help) throw new HelpRequested();
      const id = encounterId(positionals[0]);
      return withEhr(values, io, async (ehr) => {
        const r = await ehr.send(id);
        const host = hostOf((await ehr.status()).server ?? '');
        io.stdout.write(values.json ? JSON.stringify(r, null, 2) + '\n' : sendLine(r, host));
        if (r.state === 'failed') throw new CliError(`the note of encounter ${id} was not accepted: ${r.message}`);
        return 0;
      });
    },

    async queue(argv, io) {
      const { values } = parseFlags(argv, { ...dataDir, json: { type: 'boolean' }, retry: { type: 'boolean' } });
      if (values.help) throw new HelpRequested();
      return withEhr(values, io, async (ehr) => {
        if (values.retry) await ehr.flush({ force: true });
        const box = await ehr.outbox();
        if (values.json) io.stdout.write(JSON.stringify(box, null, 2) + '\n');
        else if (box.length === 0) io.stdout.write('No notes queued or sent.\n');
        else
          io.stdout.write(
            box
              .map(
                (e) =>
                  `${String(e.encounterId).padStart(5)}  note ${e.noteId}  ${e.state.padEnd(7)}  ${e.attempts} tries  ` +
                  (e.state === 'sent' ? `DocumentReference/${e.fhirId}` : (e.lastError ?? '')),
              )
              .join('\n') + '\n',
          );
        return 0;
      });
    },

    async export(argv, io) {
      const { values, positionals } = parseFlags(argv, { ...dataDir, out: { type: 'string' } }, { positionals: 1 });
      if (values.help) throw new HelpRequested();
      const id = encounterId(positionals[0]);
      if (!values.out) throw new UsageError('--out FILE is required');
      const file = resolve(io.cwd, values.out);
      return withEhr(values, io, async (ehr) => {
        const { bytes } = await ehr.exportBundle(id, file);
        io.stdout.write(`Wrote a FHIR document Bundle for encounter ${id} to ${file} (${bytes} bytes).\n`);
        return 0;
      });
    },

    async logout(argv, io) {
      const { values } = parseFlags(argv, { ...dataDir });
      if (values.help) throw new HelpRequested();
      return withEhr(values, io, async (ehr) => {
        await ehr.signOut();
        io.stdout.write('Signed out of the EHR; the tokens were removed from the store.\n');
        return 0;
      });
    },
  }),
};
