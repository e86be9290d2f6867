/** Temporary folders for a test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * For the enclosing file or describe: one new empty folder under the system's temp folder per entry of `prefixes`
 * (named by its prefix), made before its tests and removed with its contents after them. The paths are read from the
 * returned object inside tests (they are set in beforeAll).
 */
export function useTempDirs<K extends string>(prefixes: Record<K, string>): Readonly<Record<K, string>> {
  const dirs = {} as Record<K, string>;
  beforeAll(() => {
    for (const k of Object.keys(prefixes) as K[]) dirs[k] = mkdtempSync(join(tmpdir(), prefixes[k]));
  });
  afterAll(() => {
    for (const k of Object.keys(dirs) as K[]) rmSync(dirs[k], { recursive: true, force: true });
  });
  return dirs;
}
