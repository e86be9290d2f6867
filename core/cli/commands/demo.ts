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
import { createCore } from '../../api/index.js';
import { storeVisit } from '../../encounters/store-visit.js';
import { directStore } from '../../store/client.js';
import { computeHints, type Hint } from '../../hints/index.js';
import { initStore, PassphraseProtector, storeExists, storePaths, type StoreEngine } from '../../store/index.js';
import { cliActor, cliErrorOf, openWithPassphrase, readNewPassphrase } from './db.js';
import { draftNote, extractFacts, parseTranscript } from '../../clinical/index.js';
import type { ClinicalFacts, Draft, Transcript, VerifiedSentence } from '../../clinical/index.js';
import { resourcePath } from '../../platform/paths.js';
import { draftGenerative } from '../../engines/generative.js';
import { ScriptedGenerator } from '../../engines/scripted.js';
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
const DEMO_MRN = 'DEMO-004217';

export function loadSampleVisit(): Transcript {
  let text: string;
  try {
    text = readFileSync(resourcePath('samples', 'demo-visit.txt'), 'utf8');
  } catch {
    throw new CliError('the bundled sample visit (resources/samples/demo-visit.txt) is missing from this installation');
  }
  return parseTranscript(text);
}

/** The note text with `[T3,T5]` evidence markers after each sentence; an unsupported one is flagged with why. */
export function noteWithEvidence(draft: Draft): string {
  const mark = (x: Draft['sections'][number]['sentences'][number]) =>
    `${x.text} [${x.evidence.map((e) => `T${e + 1}`).join(',')}]` +
    (x.supported ? '' : `  ⚠ UNSUPPORTED: ${(x.problems ?? []).map((p) => `${p.kind} (${p.detail})`).join('; ')}`);
  return draft.sections
    .map((s) => [s.title, ...(s.sentences.length ? s.sentences.map(mark) : ['Not discussed.'])].join('\n'))
    .join('\n\n');
}

/**
 * A note pasted from elsewhere (here: one a careless drafter might write for the same visit) checked through
 * note.verify, the API any note goes through: each wrong sentence is flagged with its reason.
 */
const PASTED_NOTE = [
  'He reports chest pain and a cough for 2 weeks.',
  'Crackles at the left lower base.',
  'Start amoxicillin 500 mg twice a day for 7 days.',
  'Continue lisinopril 40 mg daily.',
  'Follow up in one week.',
].join(' ');

/**
 * Generative drafting, grounded: a scripted stand-in for a language model (no weights can ship with the demo)
 * answers with the built-in draft's plan sentences and their turn citations, one of them with a dose the visit never
 * said. Every sentence goes through the verifier; the wrong one is replaced by the built-in drafter's sentence.
 */
async function generativeStep(state: DemoState, io: CliIO): Promise<void> {
  const draft = state.draft!;
  const plan = draft.sections.find((s) => /plan/i.test(s.title)) ?? draft.sections[draft.sections.length - 1]!;
  const sentences = plan.sentences.map((s) => ({ text: s.text.replace(/^•\s*/, ''), cites: s.evidence }));
  const dosed = sentences.findIndex((s) => /\d+ mg\b/.test(s.text));
  if (dosed >= 0)
    sentences[dosed]!.text = sentences[dosed]!.text.replace(/(\d+) mg\b/, (_, n: string) => `${Number(n) * 3} mg`);
  const generator = new ScriptedGenerator({
    model: 'scripted stand-in',
    answer: JSON.stringify({ sections: [{ id: plan.id, sentences }] }),
    chunk: 40,
  });
  const out = await draftGenerative(state.transcript!, { generator, template: 'outpatient' });
  io.stdout.write(
    `\n== Generative drafting, grounded (a scripted stand-in model; 'bedside draft --engine local|server' uses a real one) ==\n`,
  );
  if (dosed >= 0) io.stdout.write(`The model wrote: "${sentences[dosed]!.text}"\n`);
  const g = out.engine.grounding;
  if (g)
    io.stdout.write(
      `Verifier: ${g.supported} of ${g.written} model sentences backed by their turns; ${g.replaced} replaced by the built-in drafter's sentence, ${g.dropped} dropped.\n`,
    );
  const section = out.sections.find((s) => s.id === plan.id);
  for (const s of section?.sentences ?? []) io.stdout.write(`  ${s.text} [T${s.evidence.join(',T')}]\n`);
}

async function verifyStep(state: DemoState, io: CliIO): Promise<void> {
  const core = createCore();
  const text = state.transcript!.turns.map((t) => `[${t.speaker}] ${t.text}`).join('\n');
  const reply = await core.dispatch('note.verify', { transcript: text, note: PASTED_NOTE }, { transport: 'cli' });
  if (!reply.ok) throw new CliError(`note.verify failed: ${reply.error.message}`);
  const { sentences, missing } = reply.result as {
    sentences: VerifiedSentence[];
    missing: Array<{ kind: string; detail: string; evidence: number[] }>;
  };
  io.stdout.write(`\n== Verifying a note from elsewhere (note.verify; 'bedside verify' does the same) ==\n`);
  for (const s of sentences) {
    io.stdout.write(`${s.supported ? '✓' : '✗'} ${s.text}\n`);
    for (const p of s.problems) io.stdout.write(`    ${p.kind}: ${p.detail}\n`);
  }
  for (const m of missing)
    io.stdout.write(`missing ${m.kind}: ${m.detail} [${m.evidence.map((e) => `T${e + 1}`).join(',')}]\n`);
  io.stdout.write(
    `${sentences.filter((s) => !s.supported).length} of ${sentences.length} sentences flagged; ` +
      `${missing.length} plan items of the visit are not in the note.\n`,
  );
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
  const denied = f.symptoms.filter((x) => x.subject === 'patient' && x.negated).map((x) => x.name);
  const reported = f.symptoms.filter((x) => x.subject === 'patient' && !x.negated).map((x) => x.name);
  const problems = f.problems.map(
    (p) => `${p.name}${p.certainty && p.certainty !== 'confirmed' ? ` (${p.certainty})` : ''}`,
  );
  io.stdout.write(
    `== Facts == ${f.symptoms.length} symptoms, ${f.medications.length} medication mentions, ` +
      `${f.allergies.length} allergies, ${f.vitals.length} vitals, ${f.problems.length} problems, ${f.plan.length} plan items\n` +
      `  reported: ${[...new Set(reported)].join(', ') || '-'}\n  denied: ${[...new Set(denied)].join(', ') || '-'}\n` +
      `  assessed problems: ${problems.join(', ') || '-'}\n\n`,
  );
}

function draftStep(state: DemoState, io: CliIO): void {
  const d = draftNote(state.transcript!, { facts: state.facts! });
  state.draft = d;
  const sentences = d.sections.flatMap((s) => s.sentences);
  io.stdout.write(
    `== Draft note (template ${d.template}; written from the facts; [Tn] = supporting transcript turns) ==\n\n`,
  );
  io.stdout.write(noteWithEvidence(d) + '\n\n');
  io.stdout.write(
    `${sentences.length} sentences, ${sentences.filter((s) => s.supported).length} backed by their evidence turns ` +
      `(checked: numbers, drugs, doses, side, polarity, person), ${sentences.filter((s) => !s.supported).length} ` +
      `flagged ⚠ for review; drafted offline with no model.\n`,
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

/** Files of the store on disk that hold data (database and WAL) and whether the surname or MRN is in their raw bytes. */
function rawBytesCheck(dir: string): { files: number; found: number } {
  const paths = storePaths(dir);
  const files = [paths.db, `${paths.db}-wal`].filter((f) => existsSync(f));
  const found = files.filter((f) => {
    const raw = readFileSync(f).toString('latin1').toLowerCase();
    return raw.includes(DEMO_SURNAME) || raw.includes(DEMO_MRN.toLowerCase());
  }).length;
  return { files: files.length, found };
}

/**
 * What the clinician does next in the desktop app, through the same API (dispatcher, validation, audit) the UI
 * calls: correct a turn of the transcript, draft with their own template, sign after review; a signed note then
 * refuses further transcript changes.
 */
async function reviewStep(engine: StoreEngine, id: number, io: CliIO): Promise<void> {
  const core = createCore();
  core.services.store = directStore(engine);
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const reply = await core.dispatch(method, params, {
      transport: 'cli',
      ...(io.signal ? { signal: io.signal } : {}),
    });
    if (!reply.ok) throw new CliError(`${method} failed: ${reply.error.message}`);
    return reply.result as T;
  };
  io.stdout.write('\n== Clinician review (the API the desktop app uses) ==\n');

  // 1. A transcript correction: the recogniser heard "at work", the patient said "at home" (an example edit).
  const turns = engine.getEncounter(id)!.transcript.map((t) => ({ speaker: t.speaker, text: t.text }));
  const at = turns.findIndex((t) => t.text.includes('stairs at work'));
  if (at >= 0) {
    turns[at] = { ...turns[at]!, text: turns[at]!.text.replace('stairs at work', 'stairs at home') };
    const saved = await call<{ changed: number }>('encounters.saveTranscript', { id, turns });
    io.stdout.write(
      `Corrected turn ${at + 1} ("at work" -> "at home"): ${saved.changed} turn changed in the store, audited by id.\n`,
    );
  }

  // 2. The clinician's own template: a copy of SOAP with a renamed first section and no review of systems.
  const soap = (
    await call<{ id: string; sections: { id: string; title: string; source: string }[] }[]>('note.templates', {})
  ).find((t) => t.id === 'soap')!;
  const mine = {
    id: 'demo-short-soap',
    name: 'Short SOAP (demo)',
    description: 'SOAP without the review of systems.',
    style: 'note',
    sections: soap.sections
      .filter((x) => x.source !== 'ros')
      .map((x, i) => ({ id: x.id, title: i === 0 ? 'WHAT THE PATIENT SAID' : x.title, source: x.source })),
  };
  await call('note.templates.save', { template: mine }); // replaces the demo's own copy on a kept store
  const transcript = turns.map((t) => `[${t.speaker}] ${t.text}`).join('\n');
  const draft = await call<{ sections: { title: string }[] }>('note.draft', { transcript, template: mine.id });
  io.stdout.write(
    `Drafted the corrected visit with the clinician's own template "${mine.name}" (kept in the encrypted store): ` +
      `${draft.sections.map((x) => x.title).join(' | ')}\n`,
  );
  const version = await call<{ version: number }>('encounters.saveDraft', { id, draft });

  // 3. Sign-off after review; the signed version is immutable and the transcript can no longer change.
  const signed = await call<{ version: number; signedBy: string }>('encounters.sign', { id, reviewed: true });
  io.stdout.write(`Signed note v${signed.version} after "I have reviewed this draft" (draft v${version.version}).\n`);
  const refused = await core.dispatch('encounters.saveTranscript', { id, turns }, { transport: 'cli' });
  io.stdout.write(
    `A later transcript change is refused: ${refused.ok ? 'NOT REFUSED' : `${refused.error.code}, "${refused.error.message}"`}\n`,
  );
  if (refused.ok) throw new CliError('a signed encounter accepted a transcript change');
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
      mrn: DEMO_MRN,
      consent: true,
      transcript: state.transcript!,
      draft: state.draft!,
      hints: state.hints ?? [],
    });
    const saved = engine.getEncounter(id)!;
    io.stdout.write(
      `\n== Encrypted store ==\nSaved encounter ${id} (filed under the patient's MRN): ${saved.transcript.length} transcript turns, draft note v${saved.notes.length}, ` +
        `${saved.hints.length} hints, consent recorded (SQLCipher, AES-256).\n`,
    );
    await reviewStep(engine, id, io);
    const check = rawBytesCheck(dir);
    io.stdout.write(
      `\nAudit trail ${engine.verifyAudit().ok ? 'verified' : 'FAILED'} (hash chain; ids and actions only).\n` +
        `Raw-bytes check: the patient's surname and MRN appear in ${check.found} of ${check.files} database files on disk.\n`,
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
encounter in an encrypted store. Then, through the API the desktop app uses, a clinician's review: one transcript
turn corrected, the note drafted with their own template (a copy of SOAP kept in the store), signed after review,
and a later transcript change refused. Works offline on a fresh machine with no model installed.

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
    await verifyStep(state, io);
    await generativeStep(state, io);
    hintsStep(state, io);
    await storeStep(state, io);
    return EXIT.ok;
  },
};
