/** note.templates* and note.draft with the clinician's templates, through the real dispatcher over a real store. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { loadTemplate } from '../../../core/clinical/templates.js';
import { directStore } from '../../../core/store/client.js';
import { newStore } from '../store/helpers.js';

const ctx = { transport: 'cli' as const };
const sample = readFileSync('resources/samples/demo-visit.txt', 'utf8');
const soap = loadTemplate('soap');
const short = {
  ...soap,
  id: 'soap-short',
  name: 'Short SOAP',
  sections: [
    { id: 'subjective', title: 'What they said', source: 'hpi' },
    { id: 'plan', title: 'Plan', source: 'plan', omitIfEmpty: false },
  ],
};

type Listed = { id: string; kind: string; name: string; sections: { id: string; title: string }[] };

async function unlockedCore() {
  const { engine } = await newStore();
  const core = createCore();
  core.services.store = directStore(engine);
  const call = async (method: string, params: unknown) => {
    const r = await core.dispatch(method as never, params as never, ctx);
    return r as { ok: boolean; result?: unknown; error?: { code: string; message: string; issues?: unknown[] } };
  };
  return { engine, core, call };
}

describe('note templates API', () => {
  it('lists only bundled templates and refuses changes while the store is locked', async () => {
    const core = createCore();
    const list = await core.dispatch('note.templates', {}, ctx);
    const listed = (list.ok ? list.result : []) as Listed[];
    expect(listed.map((t) => t.kind)).toEqual(Array(8).fill('builtin'));
    expect(await core.dispatch('note.templates.save', { template: short }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await core.dispatch('note.templates.delete', { id: 'soap-short' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    const draft = await core.dispatch('note.draft', { transcript: sample, template: 'soap-short' }, ctx);
    expect(draft).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(!draft.ok && draft.error.message).toMatch(/unknown template 'soap-short'.*once the store is unlocked/);
  });

  it('lists the content sources with titles for the editor', async () => {
    const r = await createCore().dispatch('note.templates.sources', {}, ctx);
    const sources = (r.ok ? r.result : []) as { id: string; title: string; omitIfEmptyByDefault: boolean }[];
    expect(sources.find((s) => s.id === 'hpi')).toEqual({
      id: 'hpi',
      title: 'History of present illness',
      omitIfEmptyByDefault: true,
    });
    expect(sources.find((s) => s.id === 'letter_closing')?.omitIfEmptyByDefault).toBe(false);
  });

  it('saves a copy, drafts with it, changes and resets a bundled one, deletes, and audits by id', async () => {
    const { engine, call } = await unlockedCore();
    const saved = await call('note.templates.save', { template: short, create: true });
    expect(saved).toMatchObject({ ok: true, result: { id: 'soap-short', kind: 'custom' } });
    // A second "new" template under the same id is refused rather than replacing the first.
    expect(await call('note.templates.save', { template: short, create: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    const listed = (await call('note.templates', {})).result as Listed[];
    expect(listed.at(-1)).toMatchObject({ id: 'soap-short', kind: 'custom', name: 'Short SOAP' });

    const draft = await call('note.draft', { transcript: sample, template: 'soap-short' });
    expect(draft.ok).toBe(true);
    const d = draft.result as { template: string; sections: { title: string }[] };
    expect(d.template).toBe('soap-short');
    expect(d.sections.map((s) => s.title)).toEqual(['What they said', 'Plan']);

    // Change the bundled SOAP note (rename a section); drafting 'soap' follows, until it is reset.
    const changed = { ...soap, sections: soap.sections.map((s, i) => (i === 0 ? { ...s, title: 'History' } : s)) };
    expect(await call('note.templates.save', { template: changed })).toMatchObject({
      ok: true,
      result: { id: 'soap', kind: 'override' },
    });
    const list2 = (await call('note.templates', {})).result as Listed[];
    expect(list2.filter((t) => t.id === 'soap')).toHaveLength(1);
    expect(list2.find((t) => t.id === 'soap')).toMatchObject({ kind: 'override' });
    const soapDraft = (await call('note.draft', { transcript: sample, template: 'soap' })).result as {
      sections: { title: string }[];
    };
    expect(soapDraft.sections[0]!.title).toBe('History');

    expect(await call('note.templates.delete', { id: 'soap' })).toEqual({
      ok: true,
      result: { id: 'soap', restored: true },
    });
    const reset = (await call('note.draft', { transcript: sample, template: 'soap' })).result as {
      sections: { title: string }[];
    };
    expect(reset.sections[0]!.title).toBe(soap.sections[0]!.title);
    expect(await call('note.templates.delete', { id: 'soap' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    expect(await call('note.templates.delete', { id: 'soap-short' })).toMatchObject({
      ok: true,
      result: { restored: false },
    });
    expect(((await call('note.templates', {})).result as Listed[]).map((t) => t.kind)).not.toContain('custom');

    const rows = engine.auditRows().filter((r) => r.entity === 'template');
    expect(rows.map((r) => [r.action, r.entityId])).toEqual([
      ['create', 'soap-short'],
      ['edit', 'soap'],
      ['delete', 'soap'],
      ['delete', 'soap-short'],
    ]);
    expect(engine.verifyAudit().ok).toBe(true);
  });

  it('refuses invalid templates as invalid_params naming the field, and stores nothing', async () => {
    const { engine, call } = await unlockedCore();
    const cases: [unknown, RegExp][] = [
      [{ ...short, sections: [{ id: 'a', title: 'A', source: 'made_up' }] }, /sections\.0\.source/],
      [{ ...short, sections: [] }, /sections: a template needs at least one section/],
      [{ ...short, name: '' }, /name: name must not be empty/],
      [
        {
          ...short,
          sections: [
            { id: 'a', title: 'A', source: 'plan' },
            { id: 'a', title: 'B', source: 'hpi' },
          ],
        },
        /sections\.1\.id: section id is used twice/,
      ],
      [{ ...short, id: '../etc' }, /template\.id/],
    ];
    for (const [template, message] of cases) {
      const r = await call('note.templates.save', { template });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
      expect(r.error!.message).toMatch(message);
    }
    expect(engine.getSetting('templates.custom')).toBeNull();
  });

  it('does not lose a save when two arrive at once', async () => {
    const { call } = await unlockedCore();
    await Promise.all(
      ['one', 'two', 'three'].map((id) =>
        call('note.templates.save', { template: { ...short, id, name: id }, create: true }),
      ),
    );
    const listed = (await call('note.templates', {})).result as Listed[];
    expect(listed.filter((t) => t.kind === 'custom').map((t) => t.id)).toEqual(['one', 'three', 'two']);
  });
});
