/** The clinician's own templates: validation, the merged list, resolving an id for the drafter, save/delete rules. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { SOURCES } from '../../../core/clinical/drafter.js';
import { listTemplates, loadTemplate, templateIds, TemplateError } from '../../../core/clinical/templates.js';
import { EditableTemplate, TEMPLATE_LIMITS } from '../../../core/clinical/templates-api-schema.js';
import {
  mergeTemplates,
  parseCustomTemplates,
  removeTemplate,
  resolveTemplate,
  serializeCustomTemplates,
  TemplateChangeError,
  templateInfo,
  upsertTemplate,
} from '../../../core/clinical/templates-custom.js';
import { TEMPLATE_SOURCES } from '../../../core/clinical/templates-sources.js';
import type { NoteTemplate } from '../../../core/clinical/types.js';

const soap = loadTemplate('soap');
const mine: NoteTemplate = {
  ...soap,
  id: 'soap-short',
  name: 'Short SOAP',
  sections: [
    { id: 'subjective', title: 'What they said', source: 'hpi' },
    { id: 'plan', title: 'Plan', source: 'plan' },
  ],
};

/** Issues of a failed parse as "path: message". */
function issues(value: unknown): string[] {
  const r = EditableTemplate.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('template sources', () => {
  it('offers exactly the drafter’s content sources, each with a title', () => {
    expect(Object.keys(TEMPLATE_SOURCES).sort()).toEqual(Object.keys(SOURCES).sort());
    for (const title of Object.values(TEMPLATE_SOURCES)) expect(title.length).toBeGreaterThan(3);
  });
});

describe('template validation', () => {
  it('accepts every bundled template as an editable one', () => {
    for (const t of listTemplates()) expect(issues(t), t.id).toEqual([]);
  });

  it('names the bad field without echoing values', () => {
    const bad = (patch: Record<string, unknown>) => issues({ ...mine, ...patch });
    expect(bad({ name: '   ' })).toEqual(['name: name must not be empty']);
    expect(bad({ name: 'x'.repeat(81) })).toEqual(['name: name must be at most 80 characters']);
    expect(bad({ id: 'Has Spaces' })[0]).toMatch(/^id: must be 1 to 41 lowercase/);
    expect(bad({ style: 'poem' })).toEqual(['style: style must be note, letter or instructions']);
    expect(bad({ sections: [] })).toEqual(['sections: a template needs at least one section']);
    const many = Array.from({ length: TEMPLATE_LIMITS.sections + 1 }, (_, i) => ({
      id: `s${i}`,
      title: `S${i}`,
      source: 'plan',
    }));
    expect(bad({ sections: many })).toEqual(['sections: a template may have at most 30 sections']);
    const secret = 'secret-source-name';
    const unknown = bad({ sections: [{ id: 'a', title: 'A', source: secret }] });
    expect(unknown).toEqual(['sections.0.source: is not a content source Bedside can fill']);
    expect(bad({ sections: [{ id: 'a', title: 'Two\nlines', source: 'plan' }] })).toEqual([
      'sections.0.title: section title must be one line',
    ]);
    expect(bad({ sections: [{ id: 'a', title: '', source: 'plan' }] })).toEqual([
      'sections.0.title: section title must not be empty',
    ]);
    expect(
      bad({
        sections: [
          { id: 'a', title: 'A', source: 'plan' },
          { id: 'a', title: 'B', source: 'hpi' },
        ],
      }),
    ).toEqual(['sections.1.id: section id is used twice: each section needs its own id']);
    expect(bad({ extra: 1 }).length).toBe(1);
  });

  it('trims names and titles', () => {
    const r = EditableTemplate.parse({
      ...mine,
      name: '  Short SOAP ',
      sections: [{ id: 'a', title: ' A ', source: 'plan' }],
    });
    expect(r.name).toBe('Short SOAP');
    expect(r.sections[0]!.title).toBe('A');
  });
});

describe('stored list', () => {
  it('round-trips and skips entries that no longer validate or repeat an id', () => {
    const json = serializeCustomTemplates([mine]);
    expect(parseCustomTemplates(json)).toEqual({ templates: [mine], skipped: 0 });
    const stale = { ...mine, id: 'old', sections: [{ id: 'x', title: 'X', source: 'gone_source' }] };
    expect(parseCustomTemplates(JSON.stringify([mine, stale, mine]))).toEqual({ templates: [mine], skipped: 2 });
    expect(parseCustomTemplates(null)).toEqual({ templates: [], skipped: 0 });
    expect(parseCustomTemplates('{not json')).toEqual({ templates: [], skipped: 1 });
    expect(parseCustomTemplates('{}')).toEqual({ templates: [], skipped: 1 });
  });
});

describe('merge and resolve', () => {
  const changedSoap: NoteTemplate = { ...soap, sections: [...soap.sections].reverse() };
  const zed: NoteTemplate = { ...mine, id: 'zed', name: 'A first by name' };

  it('lists bundled templates in order (a changed one in its place), then the clinician’s own by name', () => {
    const list = mergeTemplates(listTemplates(), [mine, changedSoap, zed]);
    expect(list.map((t) => [t.id, t.kind])).toEqual([
      ...templateIds().map((id) => [id, id === 'soap' ? 'override' : 'builtin']),
      ['zed', 'custom'],
      ['soap-short', 'custom'],
    ]);
    expect(list.find((t) => t.id === 'soap')!.sections[0]!.id).toBe('plan');
  });

  it('resolves the clinician’s template first, then the bundled one, and names the choices otherwise', () => {
    const ids = templateIds();
    const load = (id: string) => loadTemplate(id);
    expect(resolveTemplate('soap-short', [mine], load, ids)).toBe(mine);
    expect(resolveTemplate('soap', [changedSoap], load, ids)).toBe(changedSoap);
    expect(resolveTemplate('soap', [], load, ids)).toBe(soap);
    expect(() => resolveTemplate('nope', [mine], load, ids)).toThrow(TemplateError);
    expect(() => resolveTemplate('nope', [mine], load, ids)).toThrow(/available: outpatient, .*soap-short\)/);
  });

  it('reports each section’s omit-if-empty as the drafter applies it', () => {
    const info = templateInfo({ ...loadTemplate('referral'), kind: 'builtin' });
    expect(info.sections.map((s) => [s.source, s.omitIfEmpty])).toContainEqual(['letter_closing', false]);
    expect(info.sections.find((s) => s.source === 'hpi_brief')!.omitIfEmpty).toBe(true);
  });
});

describe('save and delete', () => {
  const builtInIds = templateIds();

  it('creates, replaces, refuses a taken id for a new template, and changes a bundled one under its id', () => {
    const a = upsertTemplate([], mine, { create: true, builtInIds });
    expect(a).toEqual({ templates: [mine], created: true });
    const renamed = { ...mine, name: 'Shorter' };
    expect(upsertTemplate(a.templates, renamed, { builtInIds })).toEqual({ templates: [renamed], created: false });
    expect(() => upsertTemplate(a.templates, mine, { create: true, builtInIds })).toThrow(/already exists/);
    expect(() => upsertTemplate([], soap, { create: true, builtInIds })).toThrow(TemplateChangeError);
    const changed = upsertTemplate(a.templates, { ...soap, name: 'My SOAP' }, { builtInIds });
    expect(changed.created).toBe(false);
    expect(changed.templates.map((t) => t.id)).toEqual(['soap-short', 'soap']);
  });

  it('keeps at most the limit of templates', () => {
    const full = Array.from({ length: TEMPLATE_LIMITS.templates }, (_, i) => ({ ...mine, id: `t${i}` }));
    expect(() => upsertTemplate(full, { ...mine, id: 'one-more' }, { builtInIds })).toThrow(/At most 50/);
    // Replacing one of them is still allowed.
    expect(upsertTemplate(full, { ...mine, id: 't3', name: 'x' }, { builtInIds }).templates).toHaveLength(50);
  });

  it('deletes the clinician’s own, resets a changed bundled one, and refuses what is not stored', () => {
    const stored = [mine, { ...soap, name: 'My SOAP' }];
    expect(removeTemplate(stored, 'soap-short', builtInIds)).toEqual({ templates: [stored[1]], restored: false });
    expect(removeTemplate(stored, 'soap', builtInIds)).toEqual({ templates: [mine], restored: true });
    expect(() => removeTemplate([mine], 'soap', builtInIds)).toThrow(/bundled with Bedside and has no changes/);
    expect(() => removeTemplate([mine], 'nope', builtInIds)).toThrow(/no template with id 'nope'/);
  });
});

describe('drafting with a template object', () => {
  const transcript = parseTranscript(readFileSync('resources/samples/demo-visit.txt', 'utf8'));

  it('uses the given sections, titles and order', () => {
    const draft = draftNote(transcript, { template: mine });
    expect(draft.template).toBe('soap-short');
    expect(draft.sections.map((s) => s.title)).toEqual(['What they said', 'Plan']);
    expect(draft.note.startsWith('What they said\n')).toBe(true);
  });

  it('keeps an empty section when the template says not to omit it, and drops it by default', () => {
    // The demo visit has no surgical history.
    const base: NoteTemplate = {
      ...mine,
      sections: [
        { id: 'plan', title: 'Plan', source: 'plan' },
        { id: 'psh', title: 'Surgical history', source: 'surgical_history' },
      ],
    };
    expect(draftNote(transcript, { template: base }).sections.map((s) => s.id)).toEqual(['plan']);
    const keep = { ...base, sections: base.sections.map((s) => ({ ...s, omitIfEmpty: false })) };
    const draft = draftNote(transcript, { template: keep });
    expect(draft.sections.map((s) => [s.id, s.sentences.length])).toEqual([
      ['plan', draft.sections[0]!.sentences.length],
      ['psh', 0],
    ]);
    expect(draft.note.endsWith('\n\nSurgical history\nNot discussed.')).toBe(mine.style === 'note');
  });
});
