/**
 * The engine provider the hosts plug into the core (the CLI, the dev host, the desktop app): generators for the local
 * model (models/llm/local.ts, a helper process of its own) and the clinic server (models/llm/server.ts). One
 * generator per configuration is kept between drafts (the local one unloads itself when idle) and replaced when the
 * settings change; `close` ends them all.
 *
 * The factories are injectable (`local`, `server`) so a host or a test can supply its own.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { createLocalGenerator, type LocalGeneratorOptions } from '../../models/llm/local.js';
import { createServerGenerator, type ServerGeneratorOptions } from '../../models/llm/server.js';
import { readCaFile } from '../../models/llm/http.js';
import { defaultModelDir } from '../../models/manager/manager.js';
import type { EngineProvider, NoteEngineSettings } from './select.js';
import { EngineError, type TextGenerator } from './types.js';

export type LocalFactory = (opts: LocalGeneratorOptions) => TextGenerator;
export type ServerFactory = (opts: ServerGeneratorOptions) => TextGenerator;

export interface ProviderOptions {
  /** Where installed models are (default: the model manager's folder, BEDSIDE_MODEL_DIR). */
  modelRoot?: string;
  /** The clinic server's API key (the encrypted store's, or the CLI's environment); never logged. */
  apiKey?: () => Promise<string | undefined> | string | undefined;
  /** PEM file of the organisation's CA (machine policy inferenceCaFile). */
  caFile?: string;
  local?: LocalFactory;
  server?: ServerFactory;
  env?: NodeJS.ProcessEnv;
}

/** A local model setting as a folder: a path as given, else a catalogue id under the model folder. */
export function localModelDir(model: string, root: string): string {
  const isPath = isAbsolute(model) || /[\\/]/.test(model) || model.startsWith('.');
  return isPath ? resolve(model) : join(root, model);
}

/** A short one-way digest for a cache key ('' for none): tells keys apart without keeping them in the map. */
const digest = (v: string | Buffer | undefined): string =>
  v === undefined || v.length === 0 ? '' : createHash('sha256').update(v).digest('base64url').slice(0, 22);

export function createEngineProvider(opts: ProviderOptions = {}): EngineProvider {
  const env = opts.env ?? process.env;
  const local = opts.local ?? createLocalGenerator;
  const server = opts.server ?? createServerGenerator;
  const kept = new Map<string, TextGenerator>();

  const keep = async (key: string, kind: 'local' | 'server', make: () => TextGenerator) => {
    const hit = kept.get(key);
    if (hit) return hit;
    // One generator per kind: a changed setting ends the old one (a local model frees its memory). The new one is
    // kept before the old is awaited, so two drafts at once share it.
    const old = [...kept].filter(([k]) => k.startsWith(`${kind}|`));
    for (const [k] of old) kept.delete(k);
    const g = make();
    kept.set(key, g);
    await Promise.all(old.map(([, o]) => o.close().catch(() => undefined)));
    return g;
  };

  return {
    async getGenerator(kind, settings: NoteEngineSettings) {
      if (kind === 'local') {
        if (!settings.localModel) throw new EngineError('unavailable', 'No model on this computer is chosen.');
        const dir = localModelDir(settings.localModel, opts.modelRoot ?? defaultModelDir(env));
        if (!existsSync(dir) || !statSync(dir).isDirectory())
          throw new EngineError(
            'unavailable',
            `The model ${settings.localModel.split(/[\\/]/).pop()} is not installed on this computer.`,
          );
        return keep(`local|${dir}`, 'local', () => local({ modelDir: dir }));
      }
      if (!settings.serverUrl) throw new EngineError('unavailable', 'No clinic server address is set.');
      if (!settings.serverModel) throw new EngineError('unavailable', 'No model name on the clinic server is set.');
      const apiKey = await opts.apiKey?.();
      let caPem: string | undefined;
      if (opts.caFile) {
        try {
          // Read once while the file is unchanged (by path, modification time, size), not at every draft.
          caPem = readCaFile(opts.caFile);
        } catch {
          throw new EngineError('unavailable', "The organisation's CA certificate file could not be read.");
        }
      }
      const url = settings.serverUrl;
      const model = settings.serverModel;
      // A changed key (or CA) makes a new generator: the cache key holds a digest of each, never the key itself.
      return keep(`server|${url}|${model}|${digest(apiKey)}|${digest(caPem)}`, 'server', () =>
        server({ url, model, ...(apiKey ? { apiKey } : {}), ...(caPem ? { caPem } : {}) }),
      );
    },
    async close() {
      const all = [...kept.values()];
      kept.clear();
      await Promise.allSettled(all.map((g) => g.close()));
    },
  };
}
