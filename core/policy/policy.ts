/**
 * Reading the machine policy. Each platform's sources are read in order of precedence, each value validated on its
 * own against the one schema (core/policy/schema.ts): a bad value or an unreadable source becomes a problem in words
 * and is ignored, the rest still applies, and nothing here throws.
 *
 *   Windows  HKLM\Software\Policies\Bedside, then HKCU\Software\Policies\Bedside (machine wins, key by key)
 *   macOS    /Library/Managed Preferences/org.bedside.app.plist, then …/<user>/org.bedside.app.plist
 *   Linux    /etc/bedside/policy.json
 *
 * The I/O is injected (`PolicyIo`) so every source is tested from fixtures on any platform.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { posix } from 'node:path';
import {
  LINUX_POLICY_FILE,
  POLICY_DOMAIN,
  POLICY_KEYS,
  POLICY_KEY_NAMES,
  WINDOWS_POLICY_KEY,
  type Policy,
  type PolicyKey,
  type PolicyKeySpec,
} from './schema.js';
import {
  parseJsonText,
  parsePlistXml,
  parseRegQuery,
  PolicyParseError,
  type RawValue,
  type RegValue,
} from './parse.js';

/** Where one value of the policy came from, e.g. "HKLM\Software\Policies\Bedside". */
export interface PolicySourceReport {
  name: string;
  /** Whether the source exists (a key or file was found). */
  present: boolean;
  values: Policy;
  /** Each problem in words (the key, what is wrong, that it was ignored). */
  problems: string[];
}

export interface PolicyReport {
  /** The merged policy: for each key, the value from the first source (by precedence) that sets it validly. */
  values: Policy;
  /** For each key set: the source it came from. */
  origin: Partial<Record<PolicyKey, string>>;
  sources: PolicySourceReport[];
  problems: string[];
}

const shown = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
};

/** Turns a raw value (from any source) into the key's type where that is unambiguous, before validation. */
function coerce(spec: PolicyKeySpec, raw: RawValue | RegValue['data']): unknown {
  switch (spec.kind) {
    case 'int':
      return typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
    case 'bool':
      if (raw === 0 || raw === 1) return raw === 1;
      if (typeof raw === 'string' && /^(0|1|true|false)$/i.test(raw.trim())) return /^(1|true)$/i.test(raw.trim());
      return raw;
    case 'list':
      // A single REG_SZ / string may list several values separated by ';' or new lines.
      if (typeof raw === 'string')
        return raw
          .split(/[;\r\n]+/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
      return raw;
    default:
      return typeof raw === 'string' ? raw.trim() : raw;
  }
}

/**
 * Validates a source's raw entries key by key. Names are matched case-insensitively (the registry's rule); an unknown
 * name is a problem, an empty string or empty list means "not set".
 */
export function validateEntries(source: string, entries: Iterable<[string, RawValue | RegValue['data']]>) {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const byLower = new Map(POLICY_KEY_NAMES.map((k) => [k.toLowerCase(), k]));
  for (const [name, raw] of entries) {
    const key = byLower.get(name.toLowerCase());
    if (!key) {
      // Configuration profiles add their own Payload* keys; those are not policy.
      if (!/^Payload/.test(name)) problems.push(`${source}: unknown policy "${name}" ignored.`);
      continue;
    }
    if (raw === '' || raw === null || (Array.isArray(raw) && raw.length === 0)) continue;
    const spec: PolicyKeySpec = POLICY_KEYS[key];
    const parsed = spec.schema.safeParse(coerce(spec, raw));
    if (parsed.success) values[key] = parsed.data;
    else {
      const why = parsed.error.issues[0]?.message ?? 'invalid value';
      const expected =
        spec.kind === 'enum'
          ? `one of ${spec.values?.join(', ')}`
          : spec.kind === 'int'
            ? `a whole number from ${spec.min} to ${spec.max}`
            : spec.kind === 'bool'
              ? 'true or false (1 or 0)'
              : spec.kind === 'list'
                ? 'a list of values'
                : 'text';
      problems.push(`${source}: ${key} = ${shown(raw)} is not valid (expected ${expected}: ${why}); ignored.`);
    }
  }
  return { values: values as Policy, problems };
}

/** Merges sources in precedence order (first wins), key by key. */
export function mergeSources(sources: PolicySourceReport[]): PolicyReport {
  const values: Record<string, unknown> = {};
  const origin: Partial<Record<PolicyKey, string>> = {};
  for (const s of sources)
    for (const key of POLICY_KEY_NAMES) {
      const v = s.values[key];
      if (v !== undefined && values[key] === undefined) {
        values[key] = v;
        origin[key] = s.name;
      }
    }
  return { values: values as Policy, origin, sources, problems: sources.flatMap((s) => s.problems) };
}

export function sourceFromRegQuery(name: string, text: string | null): PolicySourceReport {
  if (text === null) return { name, present: false, values: {}, problems: [] };
  const parsed = parseRegQuery(text);
  const { values, problems } = validateEntries(
    name,
    [...parsed].map(([k, v]) => [k, v.data] as [string, RegValue['data']]),
  );
  return { name, present: true, values, problems };
}

function sourceFromDocument(
  name: string,
  text: string | null,
  parse: (t: string) => RawValue,
  what: string,
): PolicySourceReport {
  if (text === null) return { name, present: false, values: {}, problems: [] };
  let doc: RawValue;
  try {
    doc = parse(text);
  } catch (err) {
    const why = err instanceof PolicyParseError ? err.message : 'unreadable';
    return { name, present: true, values: {}, problems: [`${name}: the ${what} cannot be read (${why}); ignored.`] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return { name, present: true, values: {}, problems: [`${name}: the ${what} is not a dictionary; ignored.`] };
  const { values, problems } = validateEntries(name, Object.entries(doc));
  return { name, present: true, values, problems };
}

/** A configuration profile (.mobileconfig) is read through its org.bedside.app payload; managed preferences as is. */
function plistPolicy(text: string): RawValue {
  const doc = parsePlistXml(text);
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && Array.isArray(doc.PayloadContent)) {
    const payload = doc.PayloadContent.find(
      (p) => p !== null && typeof p === 'object' && !Array.isArray(p) && p.PayloadType === POLICY_DOMAIN,
    );
    if (!payload) throw new PolicyParseError(`the profile has no ${POLICY_DOMAIN} payload`);
    return payload;
  }
  return doc;
}

export const sourceFromPlist = (name: string, text: string | null) =>
  sourceFromDocument(name, text, plistPolicy, 'property list');
export const sourceFromJson = (name: string, text: string | null) =>
  sourceFromDocument(name, text, parseJsonText, 'JSON policy file');

/** The operating system calls the loader makes; tests replace them. */
export interface PolicyIo {
  platform: NodeJS.Platform;
  /** `reg query KEY` output, or null when the key does not exist. */
  regQuery(key: string): string | null;
  /** A file's text (binary property lists converted to XML), or null when it does not exist. */
  readText(path: string): string | null;
  userName(): string;
}

const REG_QUERY_TIMEOUT_MS = 5000;

export const systemPolicyIo: PolicyIo = {
  platform: process.platform,
  regQuery(key) {
    try {
      // The 64-bit registry view, where Group Policy and Intune write, whatever this process's bitness.
      return execFileSync('reg', ['query', key, '/reg:64'], {
        encoding: 'utf8',
        timeout: REG_QUERY_TIMEOUT_MS,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return null; // exit 1: the key does not exist
    }
  },
  readText(path) {
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch {
      return null;
    }
    // Managed preferences written by configuration profiles are usually binary property lists.
    if (buf.subarray(0, 6).toString('latin1') === 'bplist' && process.platform === 'darwin')
      return execFileSync('/usr/bin/plutil', ['-convert', 'xml1', '-o', '-', path], {
        encoding: 'utf8',
        timeout: REG_QUERY_TIMEOUT_MS,
      });
    return buf.toString('utf8');
  },
  userName() {
    try {
      return userInfo().username;
    } catch {
      return '';
    }
  },
};

export const MAC_MANAGED_DIR = '/Library/Managed Preferences';

/** The machine policy of this computer, from its platform's sources. Never throws. */
export function loadMachinePolicy(io: PolicyIo = systemPolicyIo): PolicyReport {
  const guard = (name: string, read: () => PolicySourceReport): PolicySourceReport => {
    try {
      return read();
    } catch {
      return { name, present: true, values: {}, problems: [`${name}: could not be read; ignored.`] };
    }
  };
  if (io.platform === 'win32') {
    return mergeSources(
      ['HKLM', 'HKCU'].map((hive) => {
        const name = `${hive}\\${WINDOWS_POLICY_KEY}`;
        return guard(name, () => sourceFromRegQuery(name, io.regQuery(name)));
      }),
    );
  }
  if (io.platform === 'darwin') {
    const file = `${POLICY_DOMAIN}.plist`;
    const user = io.userName();
    const paths = [posix.join(MAC_MANAGED_DIR, file), ...(user ? [posix.join(MAC_MANAGED_DIR, user, file)] : [])];
    return mergeSources(paths.map((p) => guard(p, () => sourceFromPlist(p, io.readText(p)))));
  }
  return mergeSources([
    guard(LINUX_POLICY_FILE, () => sourceFromJson(LINUX_POLICY_FILE, io.readText(LINUX_POLICY_FILE))),
  ]);
}
