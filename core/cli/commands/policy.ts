/** `bedside policy ...`: the organisation's machine policy, as the app reads it, and the templates IT deploys it with. */
import { readFileSync, statSync } from 'node:fs';

const MAX_POLICY_BYTES = 1024 * 1024;
import { resolve } from 'node:path';
import { createCore } from '../../api/index.js';
import {
  loadMachinePolicy,
  mergeSources,
  sourceFromJson,
  sourceFromPlist,
  sourceFromRegQuery,
} from '../../policy/policy.js';
import type { PolicyReport } from '../../policy/policy.js';
import { writePolicyTemplates } from '../../policy/templates.js';
import { CliError, EXIT, HelpRequested, parseFlags, subcommands, UsageError, type Command } from '../cli.js';

/** A policy document given on the command line: JSON, an XML property list or `reg query` output. */
function policyFromFile(path: string): PolicyReport {
  let text: string;
  try {
    // A policy document is a few kilobytes; a device or a huge file is refused before it is read.
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_POLICY_BYTES) throw new Error('not a policy file');
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read ${path} as a policy file (a regular file of at most 1 MiB)`);
  }
  const head = text.trimStart();
  const source = head.startsWith('<')
    ? sourceFromPlist(path, text)
    : head.startsWith('HKEY_')
      ? sourceFromRegQuery(path, text)
      : sourceFromJson(path, text);
  return mergeSources([source]);
}

const shown = (v: unknown): string =>
  v === null || v === undefined ? '-' : Array.isArray(v) ? (v.length ? v.join(', ') : '-') : String(v);

export const policy: Command = {
  name: 'policy',
  summary: "Show the organisation's machine policy (each effective value and where it came from); write templates.",
  usage: `Usage: bedside policy <sub-command> [options]

Sub-commands:
  show [--json] [--file FILE]   each policy setting: its effective value and its source (policy, user, default);
                                malformed values are listed and ignored. --file reads a policy document instead of
                                this computer's (JSON, a .plist, or 'reg query' output) to check it before deploying.
  templates --out DIR           write the ADMX/ADML (Group Policy, Intune), a sample .mobileconfig (Jamf, Intune for
                                Mac) and a sample policy.json (Linux), generated from the policy schema

Sources, in order of precedence:
  Windows  HKLM\\Software\\Policies\\Bedside, then HKCU\\Software\\Policies\\Bedside
  macOS    /Library/Managed Preferences/org.bedside.app.plist (configuration profile), then the per-user one
  Linux    /etc/bedside/policy.json

See docs/admin.md.`,
  run: subcommands('policy', {
    async show(argv, io) {
      const { values } = parseFlags(argv, { json: { type: 'boolean' }, file: { type: 'string' } });
      if (values.help) throw new HelpRequested();
      const report = values.file ? policyFromFile(resolve(io.cwd, values.file)) : loadMachinePolicy();
      const core = createCore({ policy: report });
      const reply = await core.dispatch('policy.show', {}, { transport: 'cli', signal: io.signal });
      if (!reply.ok) throw new CliError(reply.error.message);
      const r = reply.result as {
        settings: { key: string; value: unknown; source: string; from: string | null }[];
        sources: { name: string; present: boolean }[];
        problems: string[];
      };
      if (values.json) {
        io.stdout.write(JSON.stringify(r, null, 2) + '\n');
        return EXIT.ok;
      }
      const width = Math.max(...r.settings.map((s) => s.key.length));
      for (const s of r.settings)
        io.stdout.write(
          `${s.key.padEnd(width)}  ${shown(s.value)}  (${s.source === 'policy' ? `set by your organisation: ${s.from}` : s.source})\n`,
        );
      io.stdout.write(`\nSources: ${r.sources.map((s) => `${s.name} (${s.present ? 'found' : 'none'})`).join('; ')}\n`);
      if (r.problems.length > 0) {
        io.stdout.write(`\n${r.problems.length} problem(s), each ignored:\n`);
        for (const p of r.problems) io.stdout.write(`  ${p}\n`);
      }
      return EXIT.ok;
    },

    async templates(argv, io) {
      const { values } = parseFlags(argv, { out: { type: 'string' } });
      if (values.help) throw new HelpRequested();
      if (!values.out) throw new UsageError('policy templates needs --out DIR');
      const files = writePolicyTemplates(resolve(io.cwd, values.out));
      for (const f of files) io.stdout.write(`${f}\n`);
      return EXIT.ok;
    },
  }),
};
