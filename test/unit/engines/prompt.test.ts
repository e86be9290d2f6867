/** Prompts as data (resources/prompts): one per bundled template, versioned, and what a prompt carries. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFacts, listTemplates, parseTranscript } from '../../../core/clinical/index.js';
import type { NoteTemplate } from '../../../core/clinical/types.js';
import { buildPrompt, compactFacts, loadPrompt, numberedTurns, promptsDir } from '../../../core/engines/prompt.js';
import { VISIT } from './fixtures.js';

describe('prompts', () => {
  it('has one versioned prompt per bundled template, guiding every section', () => {
    const files = readdirSync(promptsDir()).filter((f) => f.endsWith('.json'));
    const templates = listTemplates();
    expect(files.sort()).toEqual([...templates.map((t) => `${t.id}.json`), 'default.json'].sort());
    for (const t of templates) {
      const p = loadPrompt(t);
      expect(p.id).toBe(t.id);
      expect(p.version).toBeGreaterThanOrEqual(1);
      for (const s of t.sections) expect(p.sections[s.id], `${t.id}/${s.id}`).toMatch(/\w/);
    }
  });

  it("gives the clinician's own template the default prompt, guided by each section's source", () => {
    const own: NoteTemplate = {
      id: 'knee-clinic',
      name: 'Knee clinic',
      description: '',
      style: 'note',
      sections: [
        { id: 'story', title: 'STORY', source: 'hpi' },
        { id: 'todo', title: 'TO DO', source: 'plan' },
      ],
    };
    const p = loadPrompt(own);
    expect(p).toMatchObject({ id: 'default', version: 1 });
    expect(p.sections.story).toMatch(/third person/);
    expect(p.sections.todo).toMatch(/plan/i);
  });

  it('carries the numbered turns, the compact fact model and the sections, and asks for cited JSON', () => {
    const t = parseTranscript(VISIT);
    const facts = extractFacts(t);
    const template = listTemplates().find((x) => x.id === 'soap')!;
    const built = buildPrompt(template, t, facts);
    expect(built.prompt).toEqual({ id: 'soap', version: 1 });
    expect(built.messages.map((m) => m.role)).toEqual(['system', 'user']);
    const user = built.messages[1]!.content;
    expect(numberedTurns(t).split('\n')).toHaveLength(t.turns.length);
    expect(user).toContain('[T0] Doctor: hi, what brings you in today?');
    expect(user).toContain('[T7] Patient: my mother has diabetes.');
    for (const s of template.sections) expect(user).toContain(`id "${s.id}" (${s.title})`);
    const compact = JSON.parse(compactFacts(facts)) as { medications: { name: string; turns: number[] }[] };
    expect(compact.medications.find((m) => m.name === 'meloxicam')).toMatchObject({ dose: 15, turns: [11] });
    expect(compactFacts(facts)).not.toMatch(/"evidence"|"source"|null|false/);
    const schema = built.jsonSchema as {
      properties: { sections: { items: { properties: { id: { enum: string[] } } } } };
    };
    expect(schema.properties.sections.items.properties.id.enum).toEqual(template.sections.map((s) => s.id));
  });
});
