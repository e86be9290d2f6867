import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, unlockStore, type StoreEngine } from '../../../core/store/index.js';
import type { Db } from '../../../core/store/sqlite.js';
import { newStore, protector, rawOpen } from './helpers.js';

const toClose: Array<{ close(): unknown }> = [];
afterEach(() => {
  for (const c of toClose.splice(0)) c.close();
});

/** A store with a few audited actions, closed; returns its folder. */
async function populated(): Promise<string> {
  const { dir, engine } = await newStore();
  const pid = engine.createPatient({ label: 'Grace Hopper', dateOfBirth: '1906-12-09' });
  const eid = engine.createEncounter({ patientId: pid });
  engine.addTranscriptSegments(eid, [{ speaker: 'patient', text: 'my knee hurts' }]);
  engine.getEncounter(eid);
  engine.saveDraft(eid, { templateId: 'outpatient', body: {} });
  engine.close();
  return dir;
}

async function verifyAfter(dir: string, tamper: (raw: Db) => void) {
  const raw = await rawOpen(dir);
  tamper(raw);
  raw.close();
  const { engine } = await unlockStore(dir, [protector()]);
  toClose.push(engine);
  return engine.verifyAudit();
}

describe('audit trail', () => {
  it('records who did what to which id, without PHI, in an intact chain', async () => {
    const dir = await populated();
    const { engine } = await unlockStore(dir, [protector()]);
    toClose.push(engine as StoreEngine);
    const rows = engine.auditRows();
    expect(rows.map((r) => `${r.action}:${r.entity}`)).toEqual([
      'create:database',
      'create:patient',
      'create:encounter',
      'edit:transcript',
      'view:encounter',
      'create:note',
      'unlock:database',
    ]);
    expect(rows.every((r) => r.actor === 'test:unit' || r.actor === 'local')).toBe(true);
    // PHI as words: a random id or hash may hold the digits "1906" inside it ("…fbe1906a…") without saying the year.
    const text = JSON.stringify(rows);
    for (const phi of ['Grace', 'Hopper', '1906', 'knee'])
      expect(text).not.toMatch(new RegExp(`(?<![0-9a-z])${phi}(?![0-9a-z])`, 'i'));
    expect(engine.verifyAudit()).toEqual({ ok: true, rows: 7, firstBadSeq: null, problem: null });
    expect(AUDIT_ACTIONS).toEqual(
      expect.arrayContaining([
        'open',
        'view',
        'create',
        'edit',
        'sign',
        'copy',
        'export',
        'send',
        'delete',
        'purge',
        'unlock',
        'failed_unlock',
      ]),
    );
  });

  it('refuses UPDATE and DELETE through the normal connection', async () => {
    const { engine } = await newStore();
    toClose.push(engine);
    expect(() => engine.db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => engine.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => engine.audit('view', 'encounter', 'Jane Doe')).toThrow(/must be an id/);
    expect(() => engine.audit('steal' as never, 'encounter', 1)).toThrow(/unknown audit action/);
  });

  it('detects an edited row and names it', async () => {
    const dir = await populated();
    const r = await verifyAfter(dir, (raw) => {
      raw.exec('DROP TRIGGER audit_log_no_update');
      raw.prepare("UPDATE audit_log SET actor = 'someone:else' WHERE seq = 3").run();
    });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(r.problem).toMatch(/modified/);
  });

  it('detects a deleted row in the middle', async () => {
    const dir = await populated();
    const r = await verifyAfter(dir, (raw) => {
      raw.exec('DROP TRIGGER audit_log_no_delete');
      raw.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('detects swapped rows', async () => {
    const dir = await populated();
    const r = await verifyAfter(dir, (raw) => {
      raw.exec('DROP TRIGGER audit_log_no_update');
      const a = raw.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
      const b = raw.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, unknown>;
      const put = raw.prepare(
        'UPDATE audit_log SET at = ?, actor = ?, action = ?, entity = ?, entity_id = ?, prev_hash = ?, hash = ? WHERE seq = ?',
      );
      put.run(b.at, b.actor, b.action, b.entity, b.entity_id, b.prev_hash, b.hash, 2);
      put.run(a.at, a.actor, a.action, a.entity, a.entity_id, a.prev_hash, a.hash, 3);
    });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('detects rows removed from the end', async () => {
    const dir = await populated();
    const r = await verifyAfter(dir, (raw) => {
      raw.exec('DROP TRIGGER audit_log_no_delete');
      raw.prepare('DELETE FROM audit_log WHERE seq >= 6').run();
    });
    // The unlock that verifyAfter performs chains from the recorded head (row 6), so it is written as row 7.
    expect(r).toMatchObject({ ok: false, firstBadSeq: 7 });
    expect(r.problem).toMatch(/deleted/);
  });

  it('detects a row whose hash was recomputed without the chain', async () => {
    const dir = await populated();
    const r = await verifyAfter(dir, (raw) => {
      raw.exec('DROP TRIGGER audit_log_no_update');
      raw.prepare('UPDATE audit_log SET prev_hash = hash WHERE seq = 5').run();
    });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 5 });
  });
});
