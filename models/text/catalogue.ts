/** The bundled text models as `bedside models list` shows them: name, task, size and sha256, checked against the file. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TextModelError, readCard, sha256, textModelDirs } from './loader.js';

export interface BundledTextModel {
  name: string;
  task: string;
  file: string;
  size: number;
  sha256: string;
  labels: string[];
  /** Whether the file on disk matches its card. */
  ok: boolean;
  problem?: string;
}

export function bundledTextModels(root?: string): BundledTextModel[] {
  return textModelDirs(root).map((dir) => {
    try {
      const c = readCard(dir);
      const base = {
        name: c.name,
        task: c.task.split(':')[0]!,
        file: c.file,
        size: c.size,
        sha256: c.sha256,
        labels: c.labels,
      };
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(dir, c.file));
      } catch {
        return { ...base, ok: false, problem: 'model file missing' };
      }
      if (bytes.byteLength !== c.size || sha256(bytes) !== c.sha256)
        return { ...base, ok: false, problem: 'file does not match its card' };
      return { ...base, ok: true };
    } catch (err) {
      const problem = err instanceof TextModelError ? err.message : 'unreadable card';
      return { name: basename(dir), task: '-', file: '-', size: 0, sha256: '-', labels: [], ok: false, problem };
    }
  });
}
