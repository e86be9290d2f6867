/**
 * Machine policy from every source, parsed from fixtures (reg query output, XML property lists, JSON): precedence
 * (machine over user, key by key), bad values reported in words and ignored one by one, never a crash.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlistXml, parseRegQuery, PolicyParseError } from '../../../core/policy/parse.js';
import { loadMachinePolicy, type PolicyIo } from '../../../core/policy/policy.js';
import { effectiveSettings } from '../../../core/policy/effective.js';
import { POLICY_KEY_NAMES, PolicySchema } from '../../../core/policy/schema.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/policy/${name}`, import.meta.url), 'utf8');

function io(platform: NodeJS.Platform, files: Record<string, string | Error>): PolicyIo {
  const get = (k: string) => {
    const v = files[k];
    if (v instanceof Error) throw v;
    return v ?? null;
  };
  return { platform, regQuery: get, readText: get, userName: () => 'drsmith' };
}

describe('reg query output', () => {
  it('reads REG_SZ, REG_DWORD (hex) and REG_MULTI_SZ values of the key itself, not of its subkeys', () => {
    const v = parseRegQuery(fixture('hklm.txt'));
    expect(v.get('UpdateMode')).toEqual({ type: 'REG_SZ', data: 'off' });
    expect(v.get('autoLockMaxMinutes')).toEqual({ type: 'REG_DWORD', data: 30 });
    expect(v.get('allowedModels')).toEqual({
      type: 'REG_MULTI_SZ',
      data: ['whisper-base.en', 'whisper-small.en-q5_1'],
    });
    expect(v.get('updateMode')).toBeUndefined(); // the Extra subkey's value is not read
    expect(parseRegQuery('ERROR: The system was unable to find the specified registry key or value.').size).toBe(0);
  });
});

describe('Windows: HKLM over HKCU', () => {
  const windows = io('win32', {
    'HKLM\\Software\\Policies\\Bedside': fixture('hklm.txt'),
    'HKCU\\Software\\Policies\\Bedside': fixture('hkcu.txt'),
  });

  it('the machine hive wins key by key; keys only the user hive sets still apply', () => {
    const r = loadMachinePolicy(windows);
    expect(r.values).toEqual({
      updateMode: 'off', // HKLM (HKCU says auto)
      updateUrl: 'https://updates.clinic.example/bedside',
      autoLockMaxMinutes: 30, // HKLM (HKCU says 60)
      allowedModels: ['whisper-base.en', 'whisper-small.en-q5_1'],
      requireKeychain: true,
      updateChannel: 'beta', // HKLM's "nightly" is invalid, so HKCU's value applies
      smartClientId: 'bedside-clinic-42',
      fhirIssuers: ['https://fhir.clinic.example/r4', 'https://ehr.clinic.example/fhir'],
    });
    expect(r.origin.updateMode).toBe('HKLM\\Software\\Policies\\Bedside');
    expect(r.origin.smartClientId).toBe('HKCU\\Software\\Policies\\Bedside');
    expect(r.origin.updateChannel).toBe('HKCU\\Software\\Policies\\Bedside');
  });

  it('reports each bad value and unknown name in words and ignores only that key', () => {
    const r = loadMachinePolicy(windows);
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^HKLM\\Software\\Policies\\Bedside: audioRetentionMaxDays = 0 is not valid \(expected a whole number from 1 to 3650/,
      ),
      expect.stringMatching(/updateChannel = "nightly" is not valid \(expected one of stable, beta/),
      'HKLM\\Software\\Policies\\Bedside: unknown policy "colourScheme" ignored.',
    ]);
    expect(r.values.audioRetentionMaxDays).toBeUndefined();
  });

  it('no key: no policy, no problem; a failing reg query is a problem, not a crash', () => {
    expect(loadMachinePolicy(io('win32', {}))).toMatchObject({ values: {}, problems: [] });
    const r = loadMachinePolicy(
      io('win32', {
        'HKLM\\Software\\Policies\\Bedside': new Error('spawn reg ENOENT'),
        'HKCU\\Software\\Policies\\Bedside': fixture('hkcu.txt'),
      }),
    );
    expect(r.problems).toEqual(['HKLM\\Software\\Policies\\Bedside: could not be read; ignored.']);
    expect(r.values.updateMode).toBe('auto'); // HKCU still applies
  });
});

describe('macOS managed preferences (org.bedside.app)', () => {
  const MACHINE = '/Library/Managed Preferences/org.bedside.app.plist';
  const USER = '/Library/Managed Preferences/drsmith/org.bedside.app.plist';

  it('parses XML property lists (entities, comments, empty elements)', () => {
    const doc = parsePlistXml(fixture('machine.plist')) as Record<string, unknown>;
    expect(doc.updateUrl).toBe('https://updates.clinic.example/bedside?site=north&ring=1');
    expect(doc.requireKeychain).toBe(true);
    expect(doc.encounterRetentionMaxDays).toBe(90);
    expect(doc.allowedNoteEngines).toEqual([]);
    expect(() => parsePlistXml(fixture('broken.plist'))).toThrow(PolicyParseError);
    expect(() => parsePlistXml('<html></html>')).toThrow(/not a property list/);
  });

  it('the device-level profile wins over the user-level one; Payload keys are not policy', () => {
    const r = loadMachinePolicy(io('darwin', { [MACHINE]: fixture('machine.plist'), [USER]: fixture('user.plist') }));
    expect(r.values).toEqual({
      updateMode: 'notify',
      updateUrl: 'https://updates.clinic.example/bedside?site=north&ring=1',
      encounterRetentionMaxDays: 90,
      requireKeychain: true,
      inferenceServers: ['https://llm.clinic.example'],
      modelMirrorUrl: 'http://mirror.clinic.local/models/',
      autoLockMaxMinutes: 15,
    });
    expect(r.origin.autoLockMaxMinutes).toBe(USER);
    expect(r.problems).toEqual([
      expect.stringMatching(/dataFolder = "relative\/folder" is not valid .*absolute path.*ignored/),
    ]);
  });

  it('a malformed property list is reported and ignored; the other source still applies', () => {
    const r = loadMachinePolicy(io('darwin', { [MACHINE]: fixture('broken.plist'), [USER]: fixture('user.plist') }));
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^\/Library\/Managed Preferences\/org\.bedside\.app\.plist: the property list cannot be read \(.+\); ignored\.$/,
      ),
    ]);
    expect(r.values.updateMode).toBe('off');
  });
});

describe('Linux /etc/bedside/policy.json', () => {
  const FILE = '/etc/bedside/policy.json';
  it('validates each key on its own (numbers in strings accepted; a wrong type or out-of-range value ignored)', () => {
    const r = loadMachinePolicy(io('linux', { [FILE]: fixture('policy.json') }));
    expect(r.values).toEqual({
      updateMode: 'auto',
      updateChannel: 'beta',
      updateUrl: 'https://updates.clinic.example/bedside',
      modelMirrorUrl: 'https://mirror.clinic.example/models',
      allowedModels: ['whisper-base.en'],
      dataFolder: '/srv/bedside',
      autoLockMaxMinutes: 20,
    });
    expect(r.problems).toHaveLength(3);
    expect(r.problems.join('\n')).toMatch(/fhirIssuers = .* must be an https URL.*ignored/);
    expect(r.problems.join('\n')).toMatch(/audioRetentionMaxDays = 5000 is not valid/);
    expect(r.problems.join('\n')).toMatch(/requireKeychain = "yes" is not valid \(expected true or false/);
  });

  it('malformed JSON or a JSON list is reported in words, never thrown', () => {
    expect(loadMachinePolicy(io('linux', { [FILE]: '{ "updateMode": "auto", ' })).problems).toEqual([
      expect.stringMatching(/^\/etc\/bedside\/policy\.json: the JSON policy file cannot be read \(not valid JSON/),
    ]);
    expect(loadMachinePolicy(io('linux', { [FILE]: '["a"]' })).problems).toEqual([
      '/etc/bedside/policy.json: the JSON policy file is not a dictionary; ignored.',
    ]);
    expect(loadMachinePolicy(io('linux', {}))).toMatchObject({
      values: {},
      problems: [],
      sources: [{ present: false }],
    });
  });
});

describe('effective settings', () => {
  it('policy (locked) > user > default, with the source named', () => {
    const r = loadMachinePolicy(io('linux', { '/etc/bedside/policy.json': '{"updateChannel":"beta"}' }));
    const eff = effectiveSettings(r, { updateChannel: 'stable', modelMirrorUrl: 'https://m.example/' });
    const by = Object.fromEntries(eff.map((e) => [e.key, e]));
    expect(eff.map((e) => e.key)).toEqual(POLICY_KEY_NAMES);
    expect(by.updateChannel).toEqual({
      key: 'updateChannel',
      value: 'beta',
      source: 'policy',
      locked: true,
      from: '/etc/bedside/policy.json',
    });
    expect(by.modelMirrorUrl).toMatchObject({ value: 'https://m.example/', source: 'user', locked: false });
    expect(by.updateMode).toMatchObject({ value: 'notify', source: 'default', locked: false });
  });

  it('the whole-document schema accepts a full valid policy and names each key', () => {
    expect(PolicySchema.safeParse(JSON.parse(fixture('policy.json'))).success).toBe(false);
    expect(PolicySchema.safeParse({ updateMode: 'off', requireKeychain: true }).success).toBe(true);
  });
});
