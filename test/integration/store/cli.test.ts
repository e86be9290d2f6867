import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKeyFile, storePaths } from '../../../core/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { PASS, hashFiles, newStore, rawOpen, tmpDir } from '../../unit/store/helpers.js';

const env = { BEDSIDE_PASSPHRASE: PASS };
const TRANSCRIPT = `[doctor] Good morning, what brings you in today?
[patient] I've had a sore throat and a fever for three days.
[doctor] Any cough or trouble breathing?
[patient] A little cough, no trouble breathing.
[doctor] Your throat looks red. We'll do a strep test.
`;

async function storeWithEncounter(): Promise<{ dir: string; file: string }> {
  const { dir, engine } = await newStore();
  engine.close();
  const file = join(dir, 'visit.txt');
  writeFileSync(file, TRANSCRIPT);
  return { dir, file };
}

describe('bedside db / audit / encounters', () => {
  it('db init creates a store with the default (strong) key derivation; a second init is refused', async () => {
    const dir = join(tmpDir(), 'data');
    const r = await runCli(['db', 'init', '--data-dir', dir], {
      env: { BEDSIDE_PASSPHRASE: 'a good long passphrase' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created an encrypted Bedside database');
    const slot = readKeyFile(storePaths(dir).keys).slots.passphrase;
    expect(slot).toMatchObject({ kind: 'scrypt', log2N: 17 });
    const again = await runCli(['db', 'init', '--data-dir', dir], {
      env: { BEDSIDE_PASSPHRASE: 'a good long passphrase' },
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('db init refuses a short passphrase and a missing one (exit 2)', async () => {
    const dir = join(tmpDir(), 'data');
    const short = await runCli(['db', 'init', '--data-dir', dir], { env: { BEDSIDE_PASSPHRASE: 'short' } });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 8 characters');
    const none = await runCli(['db', 'init', '--data-dir', dir], { env: { BEDSIDE_PASSPHRASE: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no passphrase');
    expect(existsSync(dir)).toBe(false);
  });

  it('reads the passphrase from piped stdin when the variable is unset', async () => {
    const { dir } = await storeWithEncounter();
    const r = await runCli(['db', 'verify', '--data-dir', dir], {
      env: { BEDSIDE_PASSPHRASE: '' },
      stdin: `${PASS}\n`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Integrity check ok');
  });

  it('encounters import / list / show / search round-trip a transcript and its draft', async () => {
    const { dir, file } = await storeWithEncounter();
    // The patient label comes from stdin, so it never shows in the process list.
    const imp = await runCli(['encounters', 'import', '--dob', '1980-05-06', '--data-dir', dir, file], {
      env,
      stdin: 'Pat Example\n',
    });
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/Encounter 1 created: 5 transcript segments, draft note v1 stored/);

    const list = await runCli(['encounters', 'list', '--json', '--data-dir', dir], { env });
    const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 1, patientLabel: 'Pat Example', segments: 5 });
    const text = await runCli(['encounters', 'list', '--data-dir', dir], { env });
    expect(text.stdout).toContain('Pat Example');

    const show = await runCli(['encounters', 'show', '1', '--json', '--data-dir', dir], { env });
    const e = JSON.parse(show.stdout) as {
      transcript: Array<{ speaker: string; text: string }>;
      notes: Array<{ body: { sections?: Array<{ sentences: Array<{ evidence: number[] }> }> } }>;
      dateOfBirth: string;
    };
    expect(e.dateOfBirth).toBe('1980-05-06');
    expect(e.transcript[0]).toMatchObject({ speaker: 'doctor' });
    expect(e.transcript[1]!.text.toLowerCase()).toContain('sore throat');
    // The drafter's note is stored as version 1 with evidence pointing at transcript segments.
    expect(e.notes).toHaveLength(1);
    const evidence = (e.notes[0]!.body.sections ?? []).flatMap((s) => s.sentences.flatMap((x) => x.evidence));
    expect(evidence.length).toBeGreaterThan(0);
    for (const i of evidence) expect(i).toBeLessThan(e.transcript.length);
    const showText = await runCli(['encounters', 'show', '1', '--data-dir', dir], { env });
    expect(showText.stdout).toContain('Transcript (5 segments)');

    const search = await runCli(['encounters', 'search', 'strep test', '--json', '--data-dir', dir], { env });
    expect(JSON.parse(search.stdout)).toEqual([expect.objectContaining({ encounterId: 1, seq: 4 })]);

    const missing = await runCli(['encounters', 'show', '42', '--data-dir', dir], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no encounter with id 42');
    const bad = await runCli(['encounters', 'show', 'abc', '--data-dir', dir], { env });
    expect(bad.code).toBe(2);
  });

  it('encounters list and show print the MRN beside the patient label, and only where it was given', async () => {
    const { dir, engine } = await newStore();
    engine.createEncounter({ patientId: engine.findOrCreatePatient({ label: 'Bed 4', mrn: 'A-77/1' }) });
    engine.createEncounter({ patientId: engine.findOrCreatePatient({ label: 'Bed 5' }) });
    engine.close();
    const list = await runCli(['encounters', 'list', '--data-dir', dir], { env });
    expect(list.stderr).toBe('');
    const lines = list.stdout.trim().split('\n');
    expect(lines.find((l) => l.includes('Bed 4'))).toMatch(/Bed 4 \(MRN A-77\/1\)$/);
    expect(lines.find((l) => l.includes('Bed 5'))).toMatch(/Bed 5$/);
    const json = JSON.parse((await runCli(['encounters', 'list', '--json', '--data-dir', dir], { env })).stdout);
    expect(json.map((e: { mrn: string | null }) => e.mrn).sort()).toEqual(['A-77/1', null]);
    const show = await runCli(['encounters', 'show', '1', '--data-dir', dir], { env });
    expect(show.stdout).toMatch(/^Patient +Bed 4 {2}MRN A-77\/1$/m);
  });

  it('encounters import rejects bad input with one-line errors', async () => {
    const { dir, file } = await storeWithEncounter();
    const noPatient = await runCli(['encounters', 'import', '--data-dir', dir, file], { env });
    expect(noPatient.code).toBe(2);
    expect(noPatient.stderr).toContain('--patient');
    const noFile = await runCli(
      ['encounters', 'import', '--patient', 'X', '--data-dir', dir, join(dir, 'Jane Roe visit.txt')],
      { env },
    );
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain('cannot read the transcript file (ENOENT)');
    expect(noFile.stderr).not.toContain('Jane Roe');
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '\n\n');
    const r = await runCli(['encounters', 'import', '--patient', 'X', '--data-dir', dir, empty], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no dialogue');
    for (const res of [noPatient, noFile, r]) expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('db verify exits 4 on a foreign-key violation', async () => {
    const { dir } = await storeWithEncounter();
    const raw = await rawOpen(dir);
    raw.pragma('foreign_keys = OFF');
    raw
      .prepare(
        "INSERT INTO encounters (patient_id, status, started_at, created_at, updated_at) VALUES (77, 'new', 'x', 'x', 'x')",
      )
      .run();
    raw.close();
    const r = await runCli(['db', 'verify', '--data-dir', dir], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('integrity check failed');
  });

  it('audit verify passes, then exits 4 naming the first tampered row; export writes CSV and JSON', async () => {
    const { dir, file } = await storeWithEncounter();
    await runCli(['encounters', 'import', '--patient', 'Pat Example', '--data-dir', dir, file], { env });
    const ok = await runCli(['audit', 'verify', '--data-dir', dir], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Audit trail ok: \d+ rows/);

    const csv = await runCli(['audit', 'export', '--data-dir', dir], { env });
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor,action,entity,entity_id,prev_hash,hash');
    expect(csv.stdout).not.toContain('Pat Example');
    const out = join(dir, 'audit.json');
    const json = await runCli(['audit', 'export', '--format', 'json', '--output', out, '--data-dir', dir], { env });
    expect(json.code).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8')) as Array<{ action: string }>;
    expect(rows.some((r) => r.action === 'export')).toBe(true);
    const exists = await runCli(['audit', 'export', '--output', out, '--data-dir', dir], { env });
    expect(exists.code).toBe(1);
    const badFormat = await runCli(['audit', 'export', '--format', 'xml', '--data-dir', dir], { env });
    expect(badFormat.code).toBe(2);

    const raw = await rawOpen(dir);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET action = 'view' WHERE seq = 3").run();
    raw.close();
    const broken = await runCli(['audit', 'verify', '--data-dir', dir], { env });
    expect(broken.code).toBe(4);
    expect(broken.stderr).toContain('audit trail broken at row 3');
  });

  it('db backup writes an encrypted copy plus its key file, which opens with the passphrase', async () => {
    const { dir, file } = await storeWithEncounter();
    await runCli(['encounters', 'import', '--patient', 'Backup Patient', '--data-dir', dir, file], { env });
    const dest = join(tmpDir(), 'bedside.db');
    const r = await runCli(['db', 'backup', dest, '--data-dir', dir], { env });
    expect(r.code).toBe(0);
    expect(existsSync(`${dest}.keys.json`)).toBe(true);
    expect(readFileSync(dest).includes('Backup Patient')).toBe(false);
    // Restore = put the copy and its key file in a data folder.
    const restored = join(tmpDir(), 'restored');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(restored);
    copyFileSync(dest, storePaths(restored).db);
    copyFileSync(`${dest}.keys.json`, storePaths(restored).keys);
    const list = await runCli(['encounters', 'list', '--json', '--data-dir', restored], { env });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)[0].patientLabel).toBe('Backup Patient');
    const again = await runCli(['db', 'backup', dest, '--data-dir', dir], { env });
    expect(again.code).toBe(1);
  });

  it('db rekey changes the passphrase; the old one then exits 3', async () => {
    const { dir } = await storeWithEncounter();
    const r = await runCli(['db', 'rekey', '--data-dir', dir], {
      env: { ...env, BEDSIDE_NEW_PASSPHRASE: 'brand new passphrase' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const old = await runCli(['db', 'verify', '--data-dir', dir], { env });
    expect(old.code).toBe(3);
    const next = await runCli(['db', 'verify', '--data-dir', dir], {
      env: { BEDSIDE_PASSPHRASE: 'brand new passphrase' },
    });
    expect(next.code).toBe(0);
    const wrong = await runCli(['db', 'rekey', '--data-dir', dir], {
      env: { BEDSIDE_PASSPHRASE: 'nope nope', BEDSIDE_NEW_PASSPHRASE: 'whatever else' },
    });
    expect(wrong.code).toBe(3);
  });

  it('db retention and purge: settings change, purge is audited', async () => {
    const { dir, file } = await storeWithEncounter();
    await runCli(
      ['encounters', 'import', '--patient', 'Old', '--started', '2020-01-01T00:00:00Z', '--data-dir', dir, file],
      { env },
    );
    await runCli(['encounters', 'import', '--patient', 'New', '--data-dir', dir, file], { env });
    const show = await runCli(['db', 'retention', '--data-dir', dir], { env });
    expect(show.stdout).toBe('audio-days 30\nencounter-days 365\n');
    const set = await runCli(['db', 'retention', '--encounter-days', '100', '--data-dir', dir], { env });
    expect(set.stdout).toBe('audio-days 30\nencounter-days 100\n');
    const bad = await runCli(['db', 'retention', '--encounter-days', '-4', '--data-dir', dir], { env });
    expect(bad.code).toBe(2);
    const dry = await runCli(['db', 'purge', '--dry-run', '--data-dir', dir], { env });
    expect(dry.stdout).toContain('Would purge: audio of 0 encounter(s) (0 chunks), 1 encounter(s), 1 patient(s)');
    const purge = await runCli(['db', 'purge', '--data-dir', dir], { env });
    expect(purge.stdout).toContain('Purged:');
    const list = JSON.parse(
      (await runCli(['encounters', 'list', '--json', '--data-dir', dir], { env })).stdout,
    ) as Array<{ patientLabel: string }>;
    expect(list.map((e) => e.patientLabel)).toEqual(['New']);
    const audit = JSON.parse(
      (await runCli(['audit', 'export', '--format', 'json', '--data-dir', dir], { env })).stdout,
    ) as Array<{ action: string; entity: string }>;
    expect(
      audit
        .filter((a) => a.action === 'purge')
        .map((a) => a.entity)
        .sort(),
    ).toEqual(['encounter', 'patient']);
    expect((await runCli(['audit', 'verify', '--data-dir', dir], { env })).code).toBe(0);
  });

  it('a database from a newer Bedside is refused with a clear error and left untouched', async () => {
    const { dir } = await storeWithEncounter();
    const raw = await rawOpen(dir);
    raw.pragma('user_version = 999');
    raw.close();
    const before = hashFiles(dir);
    for (const args of [
      ['encounters', 'list'],
      ['db', 'purge'],
    ]) {
      const r = await runCli([...args, '--data-dir', dir], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('schema version 999, newer than this Bedside supports');
    }
    // The database and key file are byte-identical (a read-only open may leave an empty -wal and an -shm index).
    const after = hashFiles(dir);
    for (const f of ['bedside.db', 'bedside.keys.json']) expect(after[f], f).toBe(before[f]);
    if (existsSync(join(dir, 'bedside.db-wal'))) expect(readFileSync(join(dir, 'bedside.db-wal')).length).toBe(0);
  });

  it('usage errors: unknown sub-command, stray argument, missing store', async () => {
    const dir = tmpDir();
    expect((await runCli(['db', 'frob'])).code).toBe(2);
    expect((await runCli(['db', 'verify', 'extra', '--data-dir', dir], { env })).code).toBe(2);
    expect((await runCli(['audit', 'verify', '--bogus'], { env })).code).toBe(2);
    const none = await runCli(['db', 'verify', '--data-dir', join(dir, 'nothing')], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("run 'bedside db init' first");
    const help = await runCli(['db', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: bedside db');
  });
});

describe('encounters import: the patient label, the file, and what is printed', () => {
  it('takes the label from --patient-file or stdin; --patient still works but warns about the process list', async () => {
    const { dir, file } = await storeWithEncounter();
    const labelFile = join(dir, 'label.txt');
    writeFileSync(labelFile, 'From File\nsecond line ignored\n');
    const fromFile = await runCli(['encounters', 'import', '--patient-file', labelFile, '--data-dir', dir, file], {
      env,
    });
    expect(fromFile.stderr).toBe('');
    expect(fromFile.code).toBe(0);
    // Passphrase and label both piped: the passphrase line first.
    const piped = await runCli(['encounters', 'import', '--data-dir', dir, file], {
      env: { BEDSIDE_PASSPHRASE: '' },
      stdin: `${PASS}\nFrom Stdin\n`,
    });
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    const flag = await runCli(['encounters', 'import', '--patient', 'From Flag', '--data-dir', dir, file], { env });
    expect(flag.code).toBe(0);
    expect(flag.stderr).toMatch(/^warning: --patient shows the patient label to every user .*process list/);
    expect(flag.stderr).not.toContain('From Flag');
    const both = await runCli(
      ['encounters', 'import', '--patient', 'X', '--patient-file', labelFile, '--data-dir', dir, file],
      { env },
    );
    expect(both.code).toBe(2);
    const list = JSON.parse(
      (await runCli(['encounters', 'list', '--json', '--data-dir', dir], { env })).stdout,
    ) as Array<{
      patientLabel: string;
    }>;
    expect(list.map((e) => e.patientLabel).sort()).toEqual(['From File', 'From Flag', 'From Stdin']);
  });

  it('refuses binary and non-UTF-8 transcripts (exit 2) without echoing the file name, and stores nothing', async () => {
    const { dir } = await storeWithEncounter();
    const labelFile = join(dir, 'label.txt');
    writeFileSync(labelFile, 'Someone\n');
    const latin1 = join(dir, 'Jane Roe latin1.txt');
    writeFileSync(latin1, Buffer.from('[doctor] caf\xe9 au lait?\n[patient] oui\n', 'latin1'));
    const binary = join(dir, 'Jane Roe binary.txt');
    writeFileSync(binary, Buffer.concat([Buffer.from('[doctor] hello\n'), Buffer.from([0, 1, 2, 0xff, 0])]));
    for (const [f, why] of [
      [latin1, /not UTF-8 text \(line 1: not valid UTF-8\)/],
      [binary, /binary/],
    ] as const) {
      const r = await runCli(['encounters', 'import', '--patient-file', labelFile, '--data-dir', dir, f], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toContain('Jane Roe');
    }
    const list = await runCli(['encounters', 'list', '--data-dir', dir], { env });
    expect(list.stdout).toBe('No encounters.\n');
  });

  it('prints labels and transcripts with terminal control sequences escaped', async () => {
    const { dir, engine } = await newStore();
    const evil = 'Bed 9\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e';
    const eid = engine.createEncounter({ patientId: engine.createPatient({ label: evil }) });
    engine.addTranscriptSegments(eid, [{ speaker: 'doctor', text: 'hello\u001b[1A\u001b[2Kthere\r\nnext' }]);
    engine.close();
    const outputs = [
      await runCli(['encounters', 'list', '--data-dir', dir], { env }),
      await runCli(['encounters', 'list', '--json', '--data-dir', dir], { env }),
      await runCli(['encounters', 'show', String(eid), '--data-dir', dir], { env }),
      await runCli(['encounters', 'show', String(eid), '--json', '--data-dir', dir], { env }),
      await runCli(['encounters', 'search', 'hello', '--data-dir', dir], { env }),
    ];
    for (const r of outputs) {
      expect(r.code).toBe(0);
      // eslint-disable-next-line no-control-regex -- the point: no raw control characters reach the terminal
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    }
    expect(outputs[0]!.stdout).toContain('Bed 9\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202e');
    expect(outputs[2]!.stdout).toContain('hello\\x1b[1A\\x1b[2Kthere\\x0d\\x0anext');
    // JSON stays valid and round-trips to the stored value.
    expect((JSON.parse(outputs[1]!.stdout) as Array<{ patientLabel: string }>)[0]!.patientLabel).toBe(evil);
  });
});

describe('read commands', () => {
  it('audit verify, db status and db verify write nothing; views of patient data and backups are audited', async () => {
    const { dir, engine } = await newStore();
    engine.createEncounter({ patientId: engine.createPatient({ label: 'Bed 2' }) });
    const rowsBefore = engine.auditRows().length;
    engine.close();
    const before = hashFiles(dir);
    for (const args of [
      ['audit', 'verify'],
      ['db', 'status'],
      ['db', 'verify'],
    ]) {
      const r = await runCli([...args, '--data-dir', dir], { env });
      expect(r.code, args.join(' ')).toBe(0);
    }
    expect(hashFiles(dir)['bedside.db']).toBe(before['bedside.db']);
    const raw = await rawOpen(dir);
    expect(raw.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(rowsBefore);
    raw.close();
    expect((await runCli(['encounters', 'list', '--data-dir', dir], { env })).code).toBe(0);
    expect((await runCli(['db', 'backup', join(tmpDir(), 'b.db'), '--data-dir', dir], { env })).code).toBe(0);
    const after = await rawOpen(dir);
    const actions = (
      after.prepare('SELECT action, entity FROM audit_log WHERE seq > ?').all(rowsBefore) as Array<{
        action: string;
        entity: string;
      }>
    ).map((r) => `${r.action} ${r.entity}`);
    after.close();
    expect(actions).toEqual(['unlock database', 'view encounter', 'unlock database', 'backup database']);
  });
});
