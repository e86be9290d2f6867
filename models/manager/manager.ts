/**
 * Installs, verifies, lists and removes model files in the user's model folder.
 *
 * Layout: `<root>/<id>/<file>` plus `<root>/<id>/manifest.json`. Installs are atomic: files are fetched into
 * `<root>/.partial/` (kept between attempts so a download resumes), verified by sha256, assembled in
 * `<root>/.staging/<random>/` with the manifest, and only then renamed into place. A failure at any step leaves
 * no `<root>/<id>` behind; a model without a manifest is not installed.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../../core/platform/paths.js';
import { log } from '../../core/platform/log.js';
import {
  CatalogueFile,
  findModel,
  isChecked,
  loadCatalogue,
  type Catalogue,
  type CatalogueModel,
} from './catalogue.js';
import { DownloadError, download, displayUrl, type Progress } from './download.js';

export class ModelError extends Error {
  constructor(
    message: string,
    public readonly code: 'unknown_model' | 'not_installed' | 'checksum' | 'source' | 'download' | 'cancelled' | 'io',
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export interface InstallProgress extends Progress {
  id: string;
  file: string;
  phase: 'download' | 'copy' | 'verify';
}

export interface InstallOptions {
  /** Local file or folder (USB model pack), or an http(s) URL for the file (ending in '/' = base URL). */
  from?: string;
  /** IT mirror base URL: the file name is appended (settings). */
  mirror?: string;
  onProgress?: (p: InstallProgress) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Environment for proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Checksum manifest (`<id>.sha256.json`) for a model whose catalogue entry has `checksums: 'supplied'`; default:
   * that file in the `from` folder. */
  checksums?: string;
}

export interface Manifest {
  id: string;
  files: { name: string; size: number; sha256: string }[];
  installedAt: string;
  /** 'url' | 'mirror' | 'local' (the location itself is not recorded: it may name a person's folder). */
  source: string;
}

export interface ModelStatus {
  id: string;
  name: string;
  task: CatalogueModel['task'];
  sizeBytes: number;
  minRamGb: number;
  installed: boolean;
  path: string | null;
  installable: boolean;
}

export interface VerifyReport {
  id: string;
  ok: boolean;
  problem?: string;
}

export function defaultModelDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BEDSIDE_MODEL_DIR ? resolve(env.BEDSIDE_MODEL_DIR) : join(defaultDataDir(env), 'models');
}

async function sha256File(path: string, onBytes?: (n: number) => void): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return h.digest('hex');
}

export class ModelManager {
  readonly root: string;
  readonly catalogue: Catalogue;

  constructor(opts: { root?: string; catalogue?: Catalogue; env?: NodeJS.ProcessEnv } = {}) {
    this.root = opts.root ?? defaultModelDir(opts.env);
    this.catalogue = opts.catalogue ?? loadCatalogue();
  }

  model(id: string): CatalogueModel {
    const m = findModel(this.catalogue, id);
    if (!m) throw new ModelError(`unknown model '${id}' (see 'bedside models list')`, 'unknown_model');
    return m;
  }

  private dir(id: string): string {
    return join(this.root, id);
  }

  manifest(id: string): Manifest | undefined {
    const p = join(this.dir(id), 'manifest.json');
    if (!existsSync(p)) return undefined;
    try {
      return JSON.parse(readFileSync(p, 'utf8')) as Manifest;
    } catch {
      return undefined;
    }
  }

  list(): ModelStatus[] {
    return this.catalogue.models.map((m) => {
      const installed = !!this.manifest(m.id);
      return {
        id: m.id,
        name: m.name,
        task: m.task,
        sizeBytes: m.approxBytes ?? m.files.reduce((s, f) => s + (isChecked(f) ? f.size : 0), 0),
        minRamGb: m.minRamGb,
        installed,
        path: installed && m.files[0] ? join(this.dir(m.id), m.files[0].name) : null,
        installable: m.files.length > 0,
      };
    });
  }

  /** Path of the main file of an installed model. */
  path(id: string): string {
    const m = this.model(id);
    if (!this.manifest(m.id) || !m.files[0])
      throw new ModelError(`model '${m.id}' is not installed (run 'bedside models install ${m.id}')`, 'not_installed');
    return join(this.dir(m.id), m.files[0].name);
  }

  installedIds(): string[] {
    return this.catalogue.models.filter((m) => this.manifest(m.id)).map((m) => m.id);
  }

  async install(id: string, opts: InstallOptions = {}): Promise<Manifest> {
    const m = this.model(id);
    if (m.files.length === 0)
      throw new ModelError(`model '${m.id}' has no downloadable files in the catalogue (see its notes)`, 'source');
    const files = this.checkedFiles(m, opts);
    const partialDir = join(this.root, '.partial');
    const staging = join(this.root, '.staging', `${m.id}-${randomBytes(4).toString('hex')}`);
    mkdirSync(partialDir, { recursive: true });
    mkdirSync(staging, { recursive: true });
    let source: Manifest['source'] = 'url';
    try {
      for (const f of files) {
        const dest = join(staging, f.name);
        const local = opts.from && !/^https?:\/\//i.test(opts.from) ? resolve(opts.from) : undefined;
        if (local) {
          source = 'local';
          await this.fromLocal(m, f, local, dest, opts);
        } else {
          const url = opts.from
            ? opts.from.endsWith('/')
              ? opts.from + f.name
              : opts.from
            : opts.mirror
              ? opts.mirror.replace(/\/?$/, '/') + f.name
              : f.url;
          source = opts.from ? 'url' : opts.mirror ? 'mirror' : 'url';
          await this.fromUrl(m, f, url, join(partialDir, `${f.sha256}.part`), dest, opts);
        }
      }
      const manifest: Manifest = {
        id: m.id,
        files: files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
        installedAt: new Date().toISOString(),
        source,
      };
      writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
      const final = this.dir(m.id);
      if (existsSync(final)) {
        const trash = join(this.root, '.staging', `old-${m.id}-${randomBytes(4).toString('hex')}`);
        renameSync(final, trash);
        renameSync(staging, final);
        rmSync(trash, { recursive: true, force: true });
      } else renameSync(staging, final);
      log.info('models.installed', { id: m.id, source });
      return manifest;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  /**
   * The files to install with their sizes and sha256: from the catalogue, or — for a model marked
   * `checksums: 'supplied'` — from the checksum manifest the IT mirror or model pack supplies (`<id>.sha256.json`:
   * `{ "files": [{ "name", "size", "sha256" }] }`, one entry per catalogue file). Without one, nothing is installed.
   */
  private checkedFiles(m: CatalogueModel, opts: InstallOptions): CatalogueFile[] {
    if (m.checksums !== 'supplied') return m.files.filter(isChecked);
    const local = opts.from && !/^https?:\/\//i.test(opts.from) ? resolve(opts.from) : undefined;
    const path =
      opts.checksums ??
      (local && existsSync(local) && statSync(local).isDirectory() ? join(local, `${m.id}.sha256.json`) : undefined);
    const refuse = (why: string) =>
      new ModelError(
        `model '${m.id}' has no published checksums in the catalogue, so it is installed only with the checksum ` +
          `manifest ${m.id}.sha256.json from your IT mirror or model pack (--from DIR holding the files and the ` +
          `manifest, or --checksums FILE): ${why}; nothing was installed`,
        'checksum',
      );
    if (!path || !existsSync(path)) throw refuse('no manifest was given');
    let listed: CatalogueFile[];
    try {
      const json = JSON.parse(readFileSync(path, 'utf8')) as { files?: unknown };
      listed = CatalogueFile.omit({ url: true })
        .array()
        .parse(json.files)
        .map((f) => ({ ...f, url: m.files.find((c) => c.name === f.name)?.url ?? '' }));
    } catch {
      throw refuse('the manifest is not valid');
    }
    const names = (xs: { name: string }[]) =>
      xs
        .map((f) => f.name)
        .sort()
        .join('\n');
    if (names(listed) !== names(m.files)) throw refuse('the manifest does not list exactly the files of this model');
    return m.files.map((c) => listed.find((f) => f.name === c.name)!);
  }

  private async fromUrl(
    m: CatalogueModel,
    f: CatalogueFile,
    url: string,
    part: string,
    dest: string,
    o: InstallOptions,
  ) {
    let sha: string;
    try {
      sha = await download(url, part, {
        expectedSize: f.size,
        ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
        ...(o.retries !== undefined ? { retries: o.retries } : {}),
        ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.env ? { env: o.env } : {}),
        onProgress: (p) => o.onProgress?.({ ...p, id: m.id, file: f.name, phase: 'download' }),
      });
    } catch (err) {
      if (err instanceof DownloadError)
        throw new ModelError(
          `downloading ${f.name} failed: ${err.message}`,
          err.code === 'cancelled' ? 'cancelled' : 'download',
        );
      throw err;
    }
    if (sha !== f.sha256) {
      rmSync(part, { force: true }); // corrupt: never resume from it
      throw new ModelError(
        `checksum mismatch for ${f.name} from ${displayUrl(url)}: nothing was installed`,
        'checksum',
      );
    }
    renameSync(part, dest);
  }

  private async fromLocal(m: CatalogueModel, f: CatalogueFile, from: string, dest: string, o: InstallOptions) {
    // One message for every way a local source can fail, so a path parameter never tells a caller whether some file
    // exists, how large it is or what a folder holds (models.install from=/etc/passwd).
    const refuse = () =>
      new ModelError(
        `the --from source is not ${f.name} (missing, unreadable, wrong size or checksum mismatch): nothing was installed`,
        'checksum',
      );
    let src = from;
    let size: number;
    try {
      if (statSync(from).isDirectory()) src = join(from, f.name);
      const st = statSync(src);
      if (!st.isFile()) throw refuse();
      size = st.size;
    } catch {
      throw refuse();
    }
    if (size !== f.size) throw refuse();
    let done = 0;
    const started = performance.now();
    let sha: string;
    try {
      sha = await sha256File(src, (n) => {
        done += n;
        const secs = (performance.now() - started) / 1000;
        const rate = secs > 0 ? done / secs : 0;
        o.onProgress?.({
          id: m.id,
          file: f.name,
          phase: 'verify',
          bytes: done,
          total: f.size,
          rate: Math.round(rate),
          etaSec: rate > 0 ? Math.round((f.size - done) / rate) : null,
        });
      });
    } catch {
      throw refuse();
    }
    if (sha !== f.sha256) throw refuse();
    copyFileSync(src, dest);
    // Re-check the copy (a failing USB stick can return different bytes the second time).
    if ((await sha256File(dest)) !== f.sha256)
      throw new ModelError(`the copy of ${f.name} is corrupt: nothing was installed`, 'io');
  }

  async verify(id?: string): Promise<VerifyReport[]> {
    const ids = id ? [this.model(id).id] : this.installedIds();
    const out: VerifyReport[] = [];
    for (const mid of ids) {
      const man = this.manifest(mid);
      if (!man) {
        out.push({ id: mid, ok: false, problem: 'not installed' });
        continue;
      }
      let problem: string | undefined;
      for (const f of man.files) {
        const p = join(this.dir(mid), f.name);
        if (!existsSync(p)) problem = `${f.name} is missing`;
        else if (statSync(p).size !== f.size) problem = `${f.name} has the wrong size`;
        else if ((await sha256File(p)) !== f.sha256) problem = `${f.name} fails its checksum`;
        if (problem) break;
      }
      out.push(problem ? { id: mid, ok: false, problem } : { id: mid, ok: true });
    }
    return out;
  }

  remove(id: string): boolean {
    const m = this.model(id);
    const dir = this.dir(m.id);
    if (!existsSync(dir)) return false;
    const trash = join(this.root, '.staging', `rm-${m.id}-${randomBytes(4).toString('hex')}`);
    mkdirSync(join(this.root, '.staging'), { recursive: true });
    renameSync(dir, trash); // atomic: the model disappears at once, then the bytes go
    rmSync(trash, { recursive: true, force: true });
    log.info('models.removed', { id: m.id });
    return true;
  }
}
