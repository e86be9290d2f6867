/**
 * Regenerates docs/policy/ (ADMX/ADML, sample .reg, sample .mobileconfig, sample policy.json) from the policy schema.
 * Run: npx tsx scripts/policy-templates.ts   (test/unit/policy/templates.test.ts fails when docs/policy/ is stale)
 */
import { fileURLToPath } from 'node:url';
import { writePolicyTemplates } from '../core/policy/templates.js';

const out = fileURLToPath(new URL('../docs/policy/', import.meta.url));
for (const file of writePolicyTemplates(out)) process.stdout.write(`${file}\n`);
