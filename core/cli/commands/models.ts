import { CatalogueError } from '../../../models/manager/catalogue.js';
import { bundledTextModels } from '../../../models/text/catalogue.js';
import { probeHardware, recommendLlm, recommendModel } from '../../../models/manager/hardware.js';
import { ModelError, ModelManager, type InstallProgress } from '../../../models/manager/manager.js';
import {
  CliError,
  EXIT,
  HelpRequested,
  UsageError,
  parseFlags,
  subcommands,
  type CliIO,
  type Command,
} from '../cli.js';

function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

function manager(io: CliIO): ModelManager {
  try {
    return new ModelManager({ env: io.env });
  } catch (err) {
    if (err instanceof CatalogueError) throw new CliError(err.message);
    throw err;
  }
}

function wrap(err: unknown): never {
  if (err instanceof ModelError) {
    if (err.code === 'unknown_model') throw new UsageError(err.message);
    throw new CliError(err.message);
  }
  throw err;
}

/** One status line, redrawn in place on a terminal; on a pipe, a line every 10%. */
function progressPrinter(io: CliIO): (p: InstallProgress) => void {
  let lastDecile = -1;
  return (p) => {
    const frac = p.total > 0 ? Math.min(1, p.bytes / p.total) : 0;
    const eta = p.etaSec === null ? '--' : `${p.etaSec}s`;
    const line = `${p.phase} ${p.file} ${(frac * 100).toFixed(0).padStart(3)}% ${mb(p.bytes)}/${mb(p.total)} ${mb(p.rate)}/s ETA ${eta}`;
    if (io.stderr.isTTY) {
      const width = 24;
      const filled = Math.round(frac * width);
      io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}   `);
    } else {
      const decile = Math.floor(frac * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        io.stderr.write(line + '\n');
      }
    }
  };
}

const list = async (argv: string[], io: CliIO) => {
  const { values } = parseFlags(argv, { json: { type: 'boolean' } });
  if (values.help) throw new HelpRequested();
  const m = manager(io);
  const rows = m.list();
  const hw = probeHardware();
  const rec = recommendModel(hw);
  const llm = recommendLlm(hw);
  const text = bundledTextModels();
  if (values.json) {
    io.stdout.write(
      JSON.stringify({ models: rows, hardware: hw, recommended: rec, recommendedLlm: llm, textModels: text }, null, 2) +
        '\n',
    );
    return EXIT.ok;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows)
    io.stdout.write(
      `${r.installed ? '*' : ' '} ${r.id.padEnd(w)}  ${r.task.padEnd(3)}  ${r.installable ? mb(r.sizeBytes).padStart(9) : '        -'}  ${r.minRamGb} GB RAM  ${r.name}${r.id === rec.id || r.id === llm.id ? '  (recommended)' : ''}\n`,
    );
  io.stdout.write(
    `\nBundled text models (ONNX, resources/models; on with BEDSIDE_TEXT_MODELS=1):\n${text.map((t) => `  ${t.name}  ${t.task}  ${mb(t.size)} (${t.size} bytes)  sha256 ${t.sha256}${t.ok ? '' : `  (${t.problem})`}\n`).join('') || '  none\n'}` +
      `\n* installed in ${m.root}\nThis machine: ${hw.ramGb} GB RAM, ${hw.cores} cores, AVX2 ${hw.avx2 === null ? 'unknown' : hw.avx2 ? 'yes' : 'no'}, GPU ${hw.gpu.cuda ? 'CUDA' : hw.gpu.vulkan ? 'Vulkan' : 'none'}; recommended: ${rec.id} (${rec.reason}); text model: ${llm.id ?? 'none'} (${llm.reason})\n`,
  );
  return EXIT.ok;
};

const install = async (argv: string[], io: CliIO) => {
  const { values, positionals } = parseFlags(
    argv,
    {
      from: { type: 'string' },
      mirror: { type: 'string' },
      timeout: { type: 'string' },
      checksums: { type: 'string' },
    },
    { positionals: 1 },
  );
  if (values.help) throw new HelpRequested();
  if (values.mirror && !/^https?:\/\//i.test(values.mirror)) throw new UsageError('--mirror must be an http(s) URL');
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    if (!/^\d+$/.test(values.timeout) || Number(values.timeout) < 1 || Number(values.timeout) > 3600)
      throw new UsageError(`--timeout must be a number of seconds between 1 and 3600, got '${values.timeout}'`);
    timeoutMs = Number(values.timeout) * 1000;
  }
  const m = manager(io);
  const id = positionals[0]!;
  const mirror = values.mirror ?? io.env.BEDSIDE_MODEL_MIRROR;
  try {
    const man = await m.install(id, {
      ...(values.from ? { from: values.from } : {}),
      ...(values.checksums ? { checksums: values.checksums } : {}),
      ...(mirror ? { mirror } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      signal: io.signal,
      env: io.env,
      onProgress: progressPrinter(io),
    });
    if (io.stderr.isTTY) io.stderr.write('\n');
    io.stdout.write(`installed ${man.id} (${man.files.map((f) => f.name).join(', ')}), sha256 verified\n`);
    return EXIT.ok;
  } catch (err) {
    if (io.stderr.isTTY) io.stderr.write('\n');
    return wrap(err);
  }
};

const verify = async (argv: string[], io: CliIO) => {
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } }, { positionals: [0, 1] });
  if (values.help) throw new HelpRequested();
  const m = manager(io);
  let reports;
  try {
    reports = await m.verify(positionals[0]);
  } catch (err) {
    return wrap(err);
  }
  if (values.json) io.stdout.write(JSON.stringify(reports) + '\n');
  else if (reports.length === 0) io.stdout.write('no models installed\n');
  else
    for (const r of reports) io.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.id}${r.problem ? `: ${r.problem}` : ''}\n`);
  return reports.every((r) => r.ok) ? EXIT.ok : EXIT.integrity;
};

const remove = async (argv: string[], io: CliIO) => {
  const { values, positionals } = parseFlags(argv, {}, { positionals: 1 });
  if (values.help) throw new HelpRequested();
  const m = manager(io);
  try {
    const removed = m.remove(positionals[0]!);
    if (!removed) throw new CliError(`model '${m.model(positionals[0]!).id}' is not installed`);
    io.stdout.write(`removed ${m.model(positionals[0]!).id}\n`);
    return EXIT.ok;
  } catch (err) {
    return wrap(err);
  }
};

export const models: Command = {
  name: 'models',
  summary: 'List, install (download or USB pack), verify and remove on-device models.',
  usage: `Usage: bedside models <list|install|verify|remove> [options]

  list [--json]                        catalogue, what is installed, and the model this machine should use
  install ID [--from FILE|DIR|URL]     install a model: downloaded from the catalogue URL (resumable), from a
         [--mirror URL] [--timeout S]  local file or model-pack folder, or from another URL; sha256 verified,
         [--checksums FILE]            installed atomically (nothing half-installed on failure). Models marked
                                       'checksums supplied' (local text models) need ID.sha256.json from the IT
                                       mirror: in the --from folder, or given with --checksums
  verify [ID] [--json]                 re-check installed files against their sha256 (exit 4 on a mismatch)
  remove ID                            delete an installed model

Models live in <data dir>/models (BEDSIDE_MODEL_DIR overrides). Downloads honour HTTPS_PROXY/HTTP_PROXY/NO_PROXY;
BEDSIDE_MODEL_MIRROR (or --mirror) replaces the download host with an IT mirror (the file name is appended).`,
  run: subcommands('models', { list, install, verify, remove }),
};
