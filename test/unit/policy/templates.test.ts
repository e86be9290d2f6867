/**
 * The deployment templates generated from the policy schema: the XML parses, every policy key is present in each,
 * the samples pass the same validation the app applies, and docs/policy/ is what the generator writes today.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parsePlistXml } from '../../../core/policy/parse.js';
import { mergeSources, sourceFromJson, validateEntries } from '../../../core/policy/policy.js';
import { POLICY_KEYS, POLICY_KEY_NAMES } from '../../../core/policy/schema.js';
import {
  adml,
  admx,
  linuxPolicyJson,
  mobileconfig,
  POLICY_EXAMPLES,
  regFile,
  TEMPLATE_FILES,
  writePolicyTemplates,
} from '../../../core/policy/templates.js';
import { runCli } from '../../helpers/cli.js';

/** The DOM parts used here (the test tsconfig has no DOM lib); jsdom's DOMParser does the parsing. */
interface XmlElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(tag: string): Iterable<XmlElement> & { [i: number]: XmlElement | undefined };
  querySelector(selector: string): XmlElement | null;
  querySelectorAll(selector: string): Iterable<XmlElement>;
}
type XmlDocument = XmlElement & { documentElement: XmlElement };
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string) => {
    window: { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
  };
};
const { DOMParser } = new JSDOM('').window;

function xml(text: string): XmlDocument {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) throw new Error(`XML does not parse: ${err.textContent}`);
  return doc;
}

const attrs = (doc: XmlDocument, tag: string, attr: string) =>
  [...doc.getElementsByTagName(tag)].map((e) => e.getAttribute(attr));

describe('ADMX / ADML', () => {
  it('parse as XML and define one policy per key, under Software\\Policies\\Bedside, machine and user', () => {
    const doc = xml(admx());
    expect(doc.documentElement.tagName).toBe('policyDefinitions');
    expect(attrs(doc, 'policy', 'name')).toEqual(POLICY_KEY_NAMES);
    for (const p of doc.getElementsByTagName('policy')) {
      expect(p.getAttribute('key')).toBe('Software\\Policies\\Bedside');
      expect(p.getAttribute('class')).toBe('Both');
    }
    // The value names are the keys the loader reads; each kind has the element the registry type needs.
    const valueNames = [...doc.querySelectorAll('policy')].map(
      (p) => p.getAttribute('valueName') ?? p.querySelector('elements > *')?.getAttribute('valueName'),
    );
    expect(valueNames).toEqual(POLICY_KEY_NAMES);
    expect(attrs(doc, 'multiText', 'id')).toEqual(POLICY_KEY_NAMES.filter((k) => POLICY_KEYS[k].kind === 'list'));
    expect(attrs(doc, 'decimal', 'id').filter((x) => x)).toEqual(
      POLICY_KEY_NAMES.filter((k) => POLICY_KEYS[k].kind === 'int'),
    );
    const mode = doc.querySelector('enum#updateMode, enum[id="updateMode"]')!;
    expect([...mode.getElementsByTagName('string')].map((s) => s.textContent)).toEqual(['off', 'notify', 'auto']);
  });

  it('the ADML has every string and presentation the ADMX refers to', () => {
    const admxText = admx();
    const doc = xml(adml());
    const strings = new Set(attrs(doc, 'string', 'id'));
    const presentations = new Set(attrs(doc, 'presentation', 'id'));
    const refs = [...admxText.matchAll(/\$\((string|presentation)\.([^)]+)\)/g)];
    expect(refs.length).toBeGreaterThan(POLICY_KEY_NAMES.length * 2);
    for (const [, kind, id] of refs) expect((kind === 'string' ? strings : presentations).has(id!), id).toBe(true);
    for (const k of POLICY_KEY_NAMES) expect(strings.has(`${k}_Explain`)).toBe(true);
  });
});

describe('.mobileconfig and Linux sample', () => {
  it('the profile parses, targets org.bedside.app, and its payload sets every key validly', () => {
    const text = mobileconfig();
    xml(text);
    const profile = parsePlistXml(text) as { PayloadContent: Record<string, unknown>[]; PayloadType: string };
    expect(profile.PayloadType).toBe('Configuration');
    const payload = profile.PayloadContent[0]!;
    expect(payload.PayloadType).toBe('org.bedside.app');
    const { values, problems } = validateEntries('profile', Object.entries(payload) as [string, never][]);
    expect(problems).toEqual([]);
    expect(Object.keys(values).sort()).toEqual([...POLICY_KEY_NAMES].sort());
  });

  it('policy.json sets every key validly; the examples match the schema', () => {
    const r = mergeSources([sourceFromJson('/etc/bedside/policy.json', linuxPolicyJson())]);
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual(POLICY_EXAMPLES);
    expect(Object.keys(POLICY_EXAMPLES).sort()).toEqual([...POLICY_KEY_NAMES].sort());
  });

  it('the sample .reg names every key under HKLM', () => {
    const reg = regFile();
    expect(reg).toMatch(
      /^Windows Registry Editor Version 5\.00\r\n\r\n\[HKEY_LOCAL_MACHINE\\Software\\Policies\\Bedside\]/,
    );
    for (const k of POLICY_KEY_NAMES) expect(reg).toContain(`"${k}"=`);
  });
});

describe('generated files', () => {
  it('docs/policy/ is up to date (regenerate: npx tsx scripts/policy-templates.ts)', () => {
    for (const [rel, make] of Object.entries(TEMPLATE_FILES))
      expect(readFileSync(new URL(`../../../docs/policy/${rel}`, import.meta.url), 'utf8'), rel).toBe(make());
  });

  it('bedside policy templates --out writes them; bedside policy show --file checks a document before deploying', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-policy-'));
    try {
      const r = await runCli(['policy', 'templates', '--out', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual(writePolicyTemplates(dir));
      // A whole configuration profile is read through its org.bedside.app payload.
      for (const file of [join(dir, 'macos', 'bedside.mobileconfig'), join(dir, 'linux', 'policy.json')]) {
        const r = await runCli(['policy', 'show', '--json', '--file', file]);
        expect(r.code).toBe(0);
        const out = JSON.parse(r.stdout) as { settings: { key: string; source: string }[]; problems: string[] };
        expect(out.problems).toEqual([]);
        expect(out.settings.map((s) => s.source)).toEqual(POLICY_KEY_NAMES.map(() => 'policy'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
