/**
 * Deployment templates generated from the one policy schema (core/policy/schema.ts), so that no key can be missing
 * or spelled differently: an ADMX + en-US ADML (Group Policy, Intune administrative templates), a sample
 * .mobileconfig (Jamf, Intune for Mac; domain org.bedside.app) and a sample /etc/bedside/policy.json.
 * `bedside policy templates --out DIR` and scripts/policy-templates.ts write them; docs/policy/ holds the output.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  POLICY_DOMAIN,
  POLICY_KEYS,
  POLICY_KEY_NAMES,
  WINDOWS_POLICY_KEY,
  type Policy,
  type PolicyKey,
  type PolicyKeySpec,
} from './schema.js';

/** A valid example value for every key (the samples use them; a test checks they pass the schema). */
export const POLICY_EXAMPLES: Required<Policy> = {
  updateMode: 'notify',
  updateUrl: 'https://updates.clinic.example/bedside/',
  updateChannel: 'stable',
  modelMirrorUrl: 'https://mirror.clinic.example/bedside-models/',
  allowedModels: ['whisper-base.en', 'whisper-small.en-q5_1'],
  allowedNoteEngines: ['rules'],
  inferenceServers: ['https://inference.clinic.example'],
  inferenceCaFile: '/etc/bedside/clinic-ca.pem',
  fhirIssuers: ['https://fhir.clinic.example/r4'],
  smartClientId: 'bedside-clinic',
  dataFolder: '/srv/bedside',
  autoLockMaxMinutes: 15,
  audioRetentionMaxDays: 30,
  encounterRetentionMaxDays: 365,
  requireKeychain: true,
};

const WINDOWS_EXAMPLES: Partial<Policy> = {
  inferenceCaFile: 'C:\\ProgramData\\Bedside\\clinic-ca.pem',
  dataFolder: 'D:\\Bedside',
};
const MAC_EXAMPLES: Partial<Policy> = {
  inferenceCaFile: '/Library/Application Support/Bedside/clinic-ca.pem',
  dataFolder: '/Users/Shared/Bedside',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const spec = (k: PolicyKey): PolicyKeySpec => POLICY_KEYS[k];
const categoryId = (c: string) => `Category_${c.replace(/[^A-Za-z]/g, '')}`;
const categories = () => [...new Set(POLICY_KEY_NAMES.map((k) => spec(k).category))];

export function admx(): string {
  const policies = POLICY_KEY_NAMES.map((k) => {
    const s = spec(k);
    const head = `    <policy name="${k}" class="Both" displayName="$(string.${k})" explainText="$(string.${k}_Explain)" key="${WINDOWS_POLICY_KEY}"`;
    const common = `      <parentCategory ref="${categoryId(s.category)}" />\n      <supportedOn ref="Supported_0_1" />`;
    if (s.kind === 'bool')
      return `${head} valueName="${k}">
${common}
      <enabledValue><decimal value="1" /></enabledValue>
      <disabledValue><decimal value="0" /></disabledValue>
    </policy>`;
    const element =
      s.kind === 'enum'
        ? `        <enum id="${k}" valueName="${k}">\n${(s.values ?? [])
            .map(
              (v) =>
                `          <item displayName="$(string.${k}_${v})"><value><string>${esc(v)}</string></value></item>`,
            )
            .join('\n')}\n        </enum>`
        : s.kind === 'int'
          ? `        <decimal id="${k}" valueName="${k}" minValue="${s.min}" maxValue="${s.max}" />`
          : s.kind === 'list'
            ? `        <multiText id="${k}" valueName="${k}" maxStrings="200" />`
            : `        <text id="${k}" valueName="${k}" maxLength="2048" />`;
    return `${head} presentation="$(presentation.${k})">
${common}
      <elements>
${element}
      </elements>
    </policy>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from core/policy/schema.ts by 'bedside policy templates'; do not edit. -->
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <policyNamespaces>
    <target prefix="bedside" namespace="Bedside.Policies.Bedside" />
    <using prefix="windows" namespace="Microsoft.Policies.Windows" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="Supported_0_1" displayName="$(string.Supported_0_1)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="Bedside" displayName="$(string.Bedside)" />
${categories()
  .map(
    (c) =>
      `    <category name="${categoryId(c)}" displayName="$(string.${categoryId(c)})">\n      <parentCategory ref="Bedside" />\n    </category>`,
  )
  .join('\n')}
  </categories>
  <policies>
${policies.join('\n')}
  </policies>
</policyDefinitions>
`;
}

export function adml(): string {
  const strings: [string, string][] = [
    ['Bedside', 'Bedside'],
    ['Supported_0_1', 'Bedside 0.1 and later'],
    ...categories().map((c) => [categoryId(c), c] as [string, string]),
  ];
  const presentations: string[] = [];
  for (const k of POLICY_KEY_NAMES) {
    const s = spec(k);
    strings.push([k, s.title], [`${k}_Explain`, s.description]);
    if (s.kind === 'enum') for (const v of s.values ?? []) strings.push([`${k}_${v}`, v]);
    const control =
      s.kind === 'enum'
        ? `<dropdownList refId="${k}">${esc(s.title)}</dropdownList>`
        : s.kind === 'int'
          ? `<decimalTextBox refId="${k}">${esc(s.title)}</decimalTextBox>`
          : s.kind === 'list'
            ? `<multiTextBox refId="${k}">${esc(s.title)} (one per line)</multiTextBox>`
            : s.kind === 'string'
              ? `<textBox refId="${k}"><label>${esc(s.title)}</label></textBox>`
              : null;
    if (control) presentations.push(`      <presentation id="${k}">\n        ${control}\n      </presentation>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from core/policy/schema.ts by 'bedside policy templates'; do not edit. -->
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <displayName>Bedside</displayName>
  <description>Machine policy for Bedside, the on-device clinical copilot.</description>
  <resources>
    <stringTable>
${strings.map(([id, text]) => `      <string id="${id}">${esc(text)}</string>`).join('\n')}
    </stringTable>
    <presentationTable>
${presentations.join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
}

/** A stable UUID derived from a name (so regenerating the profile does not change it). */
function nameUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

function plistValue(v: unknown, indent: string): string {
  if (typeof v === 'boolean') return `${indent}<${v}/>`;
  if (typeof v === 'number') return `${indent}<integer>${v}</integer>`;
  if (Array.isArray(v))
    return `${indent}<array>\n${v.map((x) => plistValue(x, indent + '\t')).join('\n')}\n${indent}</array>`;
  return `${indent}<string>${esc(String(v))}</string>`;
}

export function mobileconfig(): string {
  const values = { ...POLICY_EXAMPLES, ...MAC_EXAMPLES };
  const keys = POLICY_KEY_NAMES.map((k) => `\t\t\t<key>${k}</key>\n${plistValue(values[k], '\t\t\t')}`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Sample generated from core/policy/schema.ts by 'bedside policy templates': remove the keys you do not set. -->
<plist version="1.0">
<dict>
	<key>PayloadContent</key>
	<array>
		<dict>
			<key>PayloadDisplayName</key>
			<string>Bedside</string>
			<key>PayloadIdentifier</key>
			<string>${POLICY_DOMAIN}.policy</string>
			<key>PayloadType</key>
			<string>${POLICY_DOMAIN}</string>
			<key>PayloadUUID</key>
			<string>${nameUuid(`${POLICY_DOMAIN}.policy`)}</string>
			<key>PayloadVersion</key>
			<integer>1</integer>
${keys}
		</dict>
	</array>
	<key>PayloadDescription</key>
	<string>Machine policy for Bedside (managed preferences of ${POLICY_DOMAIN}).</string>
	<key>PayloadDisplayName</key>
	<string>Bedside policy</string>
	<key>PayloadIdentifier</key>
	<string>${POLICY_DOMAIN}.profile</string>
	<key>PayloadScope</key>
	<string>System</string>
	<key>PayloadType</key>
	<string>Configuration</string>
	<key>PayloadUUID</key>
	<string>${nameUuid(`${POLICY_DOMAIN}.profile`)}</string>
	<key>PayloadVersion</key>
	<integer>1</integer>
</dict>
</plist>
`;
}

/** /etc/bedside/policy.json with every key (laid out as prettier would). */
export function linuxPolicyJson(): string {
  const line = (k: PolicyKey) => {
    const v = POLICY_EXAMPLES[k];
    return `  ${JSON.stringify(k)}: ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v)}`;
  };
  return `{\n${POLICY_KEY_NAMES.map(line).join(',\n')}\n}\n`;
}

/** A .reg file an admin can import on a test machine (HKLM), with the Windows example values. */
export function regFile(): string {
  const values = { ...POLICY_EXAMPLES, ...WINDOWS_EXAMPLES };
  const hex = (s: string) =>
    [...Buffer.from(s + '\0', 'utf16le')].map((b) => b.toString(16).padStart(2, '0')).join(',');
  const line = (k: PolicyKey) => {
    const v = values[k];
    if (typeof v === 'boolean') return `"${k}"=dword:${v ? '00000001' : '00000000'}`;
    if (typeof v === 'number') return `"${k}"=dword:${v.toString(16).padStart(8, '0')}`;
    if (Array.isArray(v)) return `"${k}"=hex(7):${hex(v.join('\0') + '\0')}`;
    return `"${k}"="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  };
  return `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\${WINDOWS_POLICY_KEY}]\r\n${POLICY_KEY_NAMES.map(line).join('\r\n')}\r\n`;
}

export const TEMPLATE_FILES = {
  'windows/bedside.admx': admx,
  'windows/en-US/bedside.adml': adml,
  'windows/bedside-sample.reg': regFile,
  'macos/bedside.mobileconfig': mobileconfig,
  'linux/policy.json': linuxPolicyJson,
} as const;

/** Writes every template under `dir`; returns the paths written. */
export function writePolicyTemplates(dir: string): string[] {
  return Object.entries(TEMPLATE_FILES).map(([rel, make]) => {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, make());
    return path;
  });
}
