/**
 * The architecture's process boundaries are lint rules. These tests feed deliberate violations to ESLint with the
 * project's own config and expect them to be reported (and legal code to pass).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layering lint rules', () => {
  it.each(['core/example.ts', 'models/example.ts', 'native/example.ts', 'renderer/src/example.ts'])(
    'forbids importing electron in %s',
    async (file) => {
      expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", file)).toContain(
        'no-restricted-imports',
      );
    },
  );

  it.each([
    "import { createRequire } from 'node:module';\nexport const e = createRequire(import.meta.url)('electron');\n",
    "export const e = await import('electron');\n",
  ])('forbids loading electron dynamically in core: %s', async (code) => {
    expect(await ruleIds(code, 'core/x.ts')).toContain('no-restricted-syntax');
  });

  it('lets the renderer import only types from the API contract', async () => {
    expect(
      await ruleIds(
        "import type { BedsideApi } from '../../core/api/types';\nexport type A = BedsideApi;\n",
        'renderer/src/x.ts',
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        "import { requests } from '../../core/api/contract';\nexport const r = requests;\n",
        'renderer/src/x.ts',
      ),
    ).toContain('@typescript-eslint/no-restricted-imports');
    expect(
      await ruleIds("import { log } from '../../core/platform/log';\nexport const l = log;\n", 'renderer/src/x.ts'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds("import type { Core } from '../../core/api/index';\nexport type C = Core;\n", 'renderer/src/x.ts'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'renderer/src/x.ts'),
    ).toContain('no-restricted-imports');
  });

  it('keeps raw ipcMain in the IPC host and raw ipcRenderer in the preload', async () => {
    const main = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
    expect(await ruleIds(main, 'electron/main/window.ts')).toEqual(
      expect.arrayContaining(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']),
    );
    expect(await ruleIds(main, 'electron/main/ipc-host.ts')).toEqual([]);
    const pre = "import { ipcRenderer } from 'electron';\nvoid ipcRenderer.invoke('x');\n";
    expect(await ruleIds(pre, 'electron/preload/preload.ts')).toEqual([]);
    expect(await ruleIds(pre, 'electron/main/app.ts')).toEqual(
      expect.arrayContaining(['@typescript-eslint/no-restricted-imports']),
    );
    expect(await ruleIds('export const x = window.ipcRenderer;\n', 'renderer/src/x.ts')).toContain(
      'no-restricted-syntax',
    );
  });

  it('allows electron in the main process', async () => {
    expect(
      await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'electron/main/window.ts'),
    ).toEqual([]);
  });
});
