/**
 * `bedside demo`: the main job end to end on the bundled sample visit (resources/samples/demo-visit.txt, written
 * for Bedside): transcript → facts → draft note with evidence markers → decision-support hints with their basis →
 * the encounter saved in the encrypted store (and a check that its raw files hold no readable PHI).
 * Each step is a small function so later capabilities (audio) can be added as further steps.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { storeVisit } from '../../encounters/store-visit.js';
import { computeHints, type Hint } from '../../hints/index.js';
import { initStore, PassphraseProtector, storeExists, storePaths, type StoreEngine } from '../../store/index.js';
import { cliActor, cliErrorOf, openWithPassphrase, readNewPassphrase } from './db.js';
import { draftNote, extractFacts, parseTranscript } from '../../clinical/index.js';
import type { ClinicalFacts, Draft, Transcript } from '../../clinical/index.js';
import { resourcePath } from '../../platform/paths.js';
import { CliError, EXIT, HelpRequested, parseFlags, type CliIO, type Command } from '../cli.js';

export interface DemoState {
  dataDir: string | null;
  transcript?: Transcript;
  facts?: ClinicalFacts;
  draft?: Draft;
  hints?: Hint[];
}

/** The sample visit's patient; the raw-bytes check looks for this surname in the database files. */
const DEMO_PATIENT = 'Daniel Alvarez (demo)';
const DEMO_SURNAME = 'alvarez';

export function loadSampleVisit(): Transcript {
  let text: string;
  try {
    text = readFileSync(resourcePath('samples', 'demo-visit.txt'), 'utf8');
  } catch {
    throw new CliError('the bundled sample visit (resources/samples/demo-visit.txt) is missing from this installation');
  }
  return parseTranscript(text);
}

/** The note text with `[T3,T5]` evidence markers after each sentence. */
export function noteWithEvidence(draft: Draft): string {
  return draft.sections
    .map((s) =>
      [s.title, ...s.sentences.map((x) => `${x.text} [${x.evidence.map((e) => `T${e + 1}`).join(',')}]`)].join('\n'),
    )
    .join('\n\n');
}

function printTranscript(state: DemoState, io: CliIO): void {
  const t = state.transcript!;
  io.stdout.write(`== Sample visit transcript (${t.turns.length} turns) ==\n`);
  for (const turn of t.turns) io.stdout.write(`T${turn.index + 1} [${turn.speaker}] ${turn.text}\n`);
  io.stdout.write('\n');
}

function extractStep(state: DemoState, io: CliIO): void {
  const f = extractFacts(state.transcript!);
  state.facts = f;
  io.stdout.write(
    `== Facts == ${f.symptoms.length} symptoms, ${f.medications.length} medication mentions, ` +
      `${f.allergies.length} allergies, ${f.vitals.length} vitals, ${f.problems.length} problems, ${f.plan.length} plan items\n\n`,
  );
}

function draftStep(state: DemoState, io: CliIO): void {
  const d = draftNote(state.transcript!, { facts: state.facts! });
  state.draft = d;
  const sentences = d.sections.flatMap((s) => s.sentences);
  io.stdout.write(`== Draft note (template ${d.template}; [Tn] = supporting transcript turns) ==\n\n`);
  io.stdout.write(noteWithEvidence(d) + '\n\n');
  io.stdout.write(
    `${sentences.length} sentences, ${sentences.filter((s) => s.supported).length} with evidence, drafted offline with no model.\n`,
  );
}

function hintsStep(state: DemoState, io: CliIO): void {
  const hints = computeHints(state.transcript!, { facts: state.facts! });
  state.hints = hints;
  io.stdout.write(`\n== Decision-support hints (${hints.length}; advisory, each with its basis and source) ==\n`);
  if (hints.length === 0) io.stdout.write('No hints for this visit.\n');
  for (const h of hints) {
    const evidence = h.evidence.length ? ` [${h.evidence.map((e) => `T${e + 1}`).join(',')}]` : '';
    io.stdout.write(
      `- ${h.severity.toUpperCase()} ${h.kind}: ${h.title}${evidence}\n    basis: ${h.basis}\n    source: ${h.source}\n`,
    );
  }
}

/** A new store in `dir` whose data key is wrapped by `passphrase`. */
function newStore(dir: string, passphrase: string): Promise<StoreEngine> {
  return initStore(dir, [new PassphraseProtector(passphrase, 'passphrase')], { actor: cliActor() });
}

async function openDemoStore(
  state: DemoState,
  io: CliIO,
): Promise<{ dir: string; engine: StoreEngine; temporary: boolean }> {
  if (state.dataDir) {
    const dir = state.dataDir;
    const engine = storeExists(dir)
      ? (await openWithPassphrase(dir, io)).engine
      : await newStore(dir, await readNewPassphrase(io, 'BEDSIDE_PASSPHRASE', 'passphrase'));
    return { dir, engine, temporary: false };
  }
  // No folder given: a throw-away store with a random passphrase, so the demo never touches real clinical data.
  const dir = mkdtempSync(join(tmpdir(), 'bedside-demo-'));
  return { dir, engine: await newStore(dir, randomBytes(24).toString('base64url')), temporary: true };
}

/** Files of the store on disk that hold data (database and WAL) and whether the surname appears in their raw bytes. */
function rawBytesCheck(dir: string): { files: number; found: number } {
  const paths = storePaths(dir);
  const files = [paths.db, `${paths.db}-wal`].filter((f) => existsSync(f));
  const found = files.filter((f) => readFileSync(f).toString('latin1').toLowerCase().includes(DEMO_SURNAME)).length;
  return { files: files.length, found };
}

async function storeStep(state: DemoState, io: CliIO): Promise<void> {
  let opened;
  try {
    opened = await openDemoStore(state, io);
  } catch (err) {
    throw cliErrorOf(err);
  }
  const { dir, engine, temporary } = opened;
  try {
    const id = storeVisit(engine, {
      patientLabel: DEMO_PATIENT,
      consent: true,
      transcript: state.transcript!,
      draft: state.draft!,
      hints: state.hints ?? [],
    });
    const saved = engine.getEncounter(id)!;
    const check = rawBytesCheck(dir);
    io.stdout.write(
      `\n== Encrypted store ==\nSaved encounter ${id}: ${saved.transcript.length} transcript turns, draft note v${saved.notes.length}, ` +
        `${saved.hints.length} hints, consent recorded (SQLCipher, AES-256; audit trail ${engine.verifyAudit().ok ? 'verified' : 'FAILED'}).\n` +
        `Raw-bytes check: the patient's surname appears in ${check.found} of ${check.files} database files on disk.\n`,
    );
  } finally {
    engine.close();
    if (temporary) rmSync(dir, { recursive: true, force: true });
  }
  io.stdout.write(
    temporary
      ? 'The demo used a throw-away store that has now been deleted; pass --data-dir DIR to keep it.\n'
      : `Kept in ${dir}: see it with 'bedside encounters list --data-dir ${dir}'.\n`,
  );
}

export const demo: Command = {
  name: 'demo',
  summary: 'Run the main job end to end on a bundled sample visit (no model needed).',
  usage: `Usage: bedside demo [--data-dir DIR]

Drafts the bundled sample visit into a clinical note and prints it with evidence markers ([T3,T5] = transcript
turns 3 and 5 support the sentence), shows the decision-support hints with their basis and source, and saves the
encounter in an encrypted store. Works offline on a fresh machine with no model installed.

Options:
  --data-dir DIR   keep the demo encounter in the encrypted store in DIR (created if absent; passphrase from
                   BEDSIDE_PASSPHRASE or asked). Default: a throw-away store, deleted after the demo.`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { 'data-dir': { type: 'string' } });
    if (values.help) throw new HelpRequested();
    const state: DemoState = { dataDir: values['data-dir'] ? resolve(io.cwd, values['data-dir']) : null };
    state.transcript = loadSampleVisit();
    printTranscript(state, io);
    extractStep(state, io);
    draftStep(state, io);
    hintsStep(state, io);
    await storeStep(state, io);
    return EXIT.ok;
  },
};
