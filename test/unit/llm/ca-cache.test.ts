/**
 * The organisation's CA file is read once and kept by path (models/llm/http.ts readCaFile): a draft or a
 * transcription does not read it again while the file is unchanged, and a changed file (new modification time, size,
 * or a new file moved into place) is read again. The engine provider and the policy CA reader both use it.
 */
import { renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaFile } from '../../../models/llm/http.js';
import { createEngineProvider } from '../../../core/engines/providers.js';
import { readPolicyCa } from '../../../core/engines/server-api.js';
import { DEFAULT_NOTE_ENGINE } from '../../../core/engines/select.js';
import type { TextGenerator } from '../../../core/engines/types.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const dirs = useTempDirs({ ca: 'bedside-ca-cache-' });

const pem = (tag: string) => `-----BEGIN CERTIFICATE-----\n${tag}\n-----END CERTIFICATE-----\n`;
/** Whole seconds: the file's time is then exactly the one set, to the nanosecond. */
const touch = (path: string, sec: number) => utimesSync(path, sec, sec);

describe('the CA file cache', () => {
  it('is not read again while the file is unchanged; a new time, size or file is read again', () => {
    const path = join(dirs.ca, 'ca.pem');
    writeFileSync(path, pem('AAAA'));
    touch(path, 1_700_000_000);
    expect(readCaFile(path)).toBe(pem('AAAA'));

    // Same size, same time: the cached text (the file was not read again).
    writeFileSync(path, pem('BBBB'));
    touch(path, 1_700_000_000);
    expect(readCaFile(path)).toBe(pem('AAAA'));

    // IT replaced it: a new modification time.
    touch(path, 1_700_000_100);
    expect(readCaFile(path)).toBe(pem('BBBB'));

    // A different size at the same time.
    writeFileSync(path, pem('CCCCCC'));
    touch(path, 1_700_000_100);
    expect(readCaFile(path)).toBe(pem('CCCCCC'));

    // A new file moved into place with the same size and time (a new inode).
    const next = join(dirs.ca, 'ca.pem.new');
    writeFileSync(next, pem('DDDDDD'));
    touch(next, 1_700_000_100);
    renameSync(next, path);
    expect(readCaFile(path)).toBe(pem('DDDDDD'));

    // Gone: an error (said in words by the callers), not the old certificate.
    rmSync(path);
    expect(() => readCaFile(path)).toThrow();
  });

  it('the policy CA reader uses it', () => {
    const path = join(dirs.ca, 'policy-ca.pem');
    writeFileSync(path, pem('P111'));
    touch(path, 1_700_000_000);
    expect(readPolicyCa({ inferenceCaFile: path })).toEqual({ path, pem: pem('P111') });
    writeFileSync(path, pem('P222'));
    touch(path, 1_700_000_000);
    expect(readPolicyCa({ inferenceCaFile: path }).pem).toBe(pem('P111'));
    touch(path, 1_700_000_200);
    expect(readPolicyCa({ inferenceCaFile: path }).pem).toBe(pem('P222'));
  });

  it('the engine provider: the same generator while the CA is unchanged, a new one with the new CA after', async () => {
    const path = join(dirs.ca, 'provider-ca.pem');
    writeFileSync(path, pem('G111'));
    touch(path, 1_700_000_000);
    const made: string[] = [];
    const provider = createEngineProvider({
      caFile: path,
      server: (opts) => {
        made.push(String(opts.caPem));
        return { kind: 'server', model: opts.model, generate: async () => ({}) as never, close: async () => {} };
      },
    });
    const settings = {
      ...DEFAULT_NOTE_ENGINE,
      kind: 'server' as const,
      serverUrl: 'https://llm.clinic.example',
      serverModel: 'm',
    };
    const a: TextGenerator = await provider.getGenerator('server', settings);
    // The file's content changes without a new time: still the cached CA, the same generator.
    writeFileSync(path, pem('G222'));
    touch(path, 1_700_000_000);
    expect(await provider.getGenerator('server', settings)).toBe(a);
    touch(path, 1_700_000_300);
    const b = await provider.getGenerator('server', settings);
    expect(b).not.toBe(a);
    expect(made).toEqual([pem('G111'), pem('G222')]);
    await provider.close?.();
  });
});
