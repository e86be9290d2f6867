/**
 * The machine policy an IT department sets for Bedside: ONE schema for every source (Windows registry under
 * HKLM\Software\Policies\Bedside, macOS managed preferences of org.bedside.app, Linux /etc/bedside/policy.json),
 * for the ADMX/ADML and .mobileconfig templates generated from it (core/policy/templates.ts) and for `bedside policy
 * show`. Pure zod and data: the API contract (and so the preload bundle) imports it, so it imports no Node module.
 *
 * Each key is validated on its own: a bad value is reported in words and ignored, the other keys still apply.
 */
import { z } from 'zod';

const HttpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

const HttpsUrl = HttpUrl.refine((s) => s.startsWith('https://'), 'must be an https URL');

/** An absolute path on Windows (C:\…, \\server\share) or POSIX (/…). */
const AbsolutePath = z
  .string()
  .min(2)
  .max(1024)
  .refine((s) => /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(s), 'must be an absolute path');

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'must be an identifier (letters, digits, . _ -)');

export type PolicyKind = 'enum' | 'string' | 'int' | 'bool' | 'list';

export interface PolicyKeySpec {
  /** The zod schema of one value. */
  schema: z.ZodType;
  kind: PolicyKind;
  /** Short title (ADMX display name, mobileconfig pfm_title). */
  title: string;
  /** What it does, in words an IT admin reads. */
  description: string;
  /** The ADMX category it is listed under. */
  category: 'Updates' | 'Models' | 'Clinic servers' | 'EHR' | 'Data and privacy';
  /** For enums: the allowed values. */
  values?: readonly string[];
  /** For ints: the bounds. */
  min?: number;
  max?: number;
  /** Value when neither policy nor user sets it (null: none / no limit). */
  default: unknown;
}

const UPDATE_MODES = ['off', 'notify', 'auto'] as const;
const UPDATE_CHANNELS = ['stable', 'beta'] as const;

export const POLICY_KEYS = {
  updateMode: {
    schema: z.enum(UPDATE_MODES),
    kind: 'enum',
    values: UPDATE_MODES,
    title: 'Update mode',
    description:
      'off: Bedside never checks for updates (IT deploys new versions). notify: it checks and tells the user; the user ' +
      'downloads and restarts. auto: it downloads in the background and installs when the app quits or the user ' +
      'restarts it. Per-machine MSI installs never update themselves, whatever this says.',
    category: 'Updates',
    default: 'notify',
  },
  updateUrl: {
    schema: HttpUrl,
    kind: 'string',
    title: 'Update server URL',
    description:
      "Base URL of the clinic's (or the vendor's) update server holding latest.yml and the installers (an " +
      'electron-builder generic server). Empty: the vendor server built into the app.',
    category: 'Updates',
    default: null,
  },
  updateChannel: {
    schema: z.enum(UPDATE_CHANNELS),
    kind: 'enum',
    values: UPDATE_CHANNELS,
    title: 'Update channel',
    description: 'stable, or beta (pre-releases for a pilot group).',
    category: 'Updates',
    default: 'stable',
  },
  modelMirrorUrl: {
    schema: HttpUrl,
    kind: 'string',
    title: 'Model mirror URL',
    description:
      'Base URL the speech and text models are downloaded from instead of the public model hosts (the file name ' +
      'is appended). Models are still checked against their published SHA-256.',
    category: 'Models',
    default: null,
  },
  allowedModels: {
    schema: z.array(Id).max(200),
    kind: 'list',
    title: 'Allowed models',
    description: 'Model ids users may install and use (bedside models list shows them). Empty or unset: all models.',
    category: 'Models',
    default: null,
  },
  allowedNoteEngines: {
    schema: z.array(Id).max(50),
    kind: 'list',
    title: 'Allowed note engines',
    description:
      'Note engines users may draft with (e.g. rules, local, clinic-server). Empty or unset: every engine this ' +
      'version has.',
    category: 'Models',
    default: null,
  },
  inferenceServers: {
    schema: z.array(HttpsUrl).max(20),
    kind: 'list',
    title: 'Clinic inference servers',
    description:
      "URLs (https) of the clinic's own inference servers Bedside may send text to. Unset: none; nothing leaves " +
      'the computer.',
    category: 'Clinic servers',
    default: [],
  },
  inferenceCaFile: {
    schema: AbsolutePath,
    kind: 'string',
    title: 'Clinic CA certificate file',
    description:
      "Absolute path of a PEM file with the CA certificate(s) that sign the clinic servers' TLS certificates.",
    category: 'Clinic servers',
    default: null,
  },
  fhirIssuers: {
    schema: z.array(HttpsUrl).max(50),
    kind: 'list',
    title: 'Allowed FHIR issuers',
    description:
      'FHIR server base URLs (the SMART iss) Bedside may connect to. Empty or unset: any issuer the user confirms.',
    category: 'EHR',
    default: null,
  },
  smartClientId: {
    schema: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
    kind: 'string',
    title: 'SMART client id',
    description: 'The client id registered for Bedside with the EHR (SMART on FHIR).',
    category: 'EHR',
    default: null,
  },
  dataFolder: {
    schema: AbsolutePath,
    kind: 'string',
    title: 'Data folder',
    description:
      "Folder holding the encrypted store and models (default: the user's application data folder). Environment " +
      'variables are not expanded.',
    category: 'Data and privacy',
    default: null,
  },
  autoLockMaxMinutes: {
    schema: z.number().int().min(1).max(240),
    kind: 'int',
    min: 1,
    max: 240,
    title: 'Longest auto-lock time (minutes)',
    description: 'Users may choose an auto-lock time up to this many idle minutes, not longer.',
    category: 'Data and privacy',
    default: null,
  },
  audioRetentionMaxDays: {
    schema: z.number().int().min(1).max(3650),
    kind: 'int',
    min: 1,
    max: 3650,
    title: 'Longest audio retention (days)',
    description: 'Recorded audio is kept at most this many days, whatever the user chooses.',
    category: 'Data and privacy',
    default: null,
  },
  encounterRetentionMaxDays: {
    schema: z.number().int().min(1).max(3650),
    kind: 'int',
    min: 1,
    max: 3650,
    title: 'Longest encounter retention (days)',
    description: 'Encounters (transcripts and notes) are kept at most this many days, whatever the user chooses.',
    category: 'Data and privacy',
    default: null,
  },
  requireKeychain: {
    schema: z.boolean(),
    kind: 'bool',
    title: 'Require the OS keychain',
    description:
      "The encrypted store's key must be protected by the operating system keychain (a store cannot be created " +
      'with a passphrase alone).',
    category: 'Data and privacy',
    default: false,
  },
} as const satisfies Record<string, PolicyKeySpec>;

export type PolicyKey = keyof typeof POLICY_KEYS;
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];

/** A policy with each key either set (validated) or absent. */
export type Policy = { [K in PolicyKey]?: z.output<(typeof POLICY_KEYS)[K]['schema']> };

/** The whole policy as one zod object (for JSON documents and docs); sources are validated key by key instead. */
export const PolicySchema = z
  .object(
    Object.fromEntries(POLICY_KEY_NAMES.map((k) => [k, POLICY_KEYS[k].schema.optional()])) as {
      [K in PolicyKey]: z.ZodOptional<(typeof POLICY_KEYS)[K]['schema']>;
    },
  )
  .strict();

export const POLICY_DOMAIN = 'org.bedside.app';
export const WINDOWS_POLICY_KEY = 'Software\\Policies\\Bedside';
export const LINUX_POLICY_FILE = '/etc/bedside/policy.json';

/** Where an effective value came from. */
export const SettingSource = z.enum(['policy', 'user', 'default']);
export type SettingSource = z.infer<typeof SettingSource>;
