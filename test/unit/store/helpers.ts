import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import {
  initStore,
  PassphraseProtector,
  readKeyFile,
  storePaths,
  type StoreEngine,
} from '../../../core/store/index.js';
import { unlockDataKey } from '../../../core/store/keys.js';
import { openKeyed, type Db } from '../../../core/store/sqlite.js';

/** Lowest scrypt cost the key file accepts: tests stay fast, production default is 2^17. */
export const FAST_KDF = 10;
export const PASS = 'correct horse battery';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

export function tmpDir(prefix = 'bedside-store-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export function protector(pass = PASS, slot: 'passphrase' | 'recovery' = 'passphrase'): PassphraseProtector {
  return new PassphraseProtector(pass, slot, { scryptLog2N: FAST_KDF });
}

export async function newStore(pass = PASS): Promise<{ dir: string; engine: StoreEngine }> {
  const dir = tmpDir();
  const engine = await initStore(dir, [protector(pass)], { actor: 'test:unit' });
  return { dir, engine };
}

/** A raw keyed connection (no migrations, no triggers bypassed): what an attacker holding the key could do. */
export async function rawOpen(dir: string, pass = PASS): Promise<Db> {
  const paths = storePaths(dir);
  const key = await unlockDataKey(readKeyFile(paths.keys), protector(pass));
  return openKeyed(paths.db, key);
}

export function hashFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isFile()) out[f] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

/** 16-bit PCM of `samples` samples filled with a recognisable pattern. */
export function pcm(samples: number, fill = 0x1234): Buffer {
  const b = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) b.writeInt16LE(((fill + i) % 30000) - 15000, i * 2);
  return b;
}
