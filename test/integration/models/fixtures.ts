/** Paths of the shared read-only fixtures, and a faster derivative of the test model made at test time. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parseCatalogue, type Catalogue } from '../../../models/manager/catalogue.js';

export const FIXTURE_MODEL = '../shared/fixtures/for-tests-ggml-tiny.en.bin';
export const FIXTURE_MODEL_SHA256 = 'dd6b7796204a1cdf7164666423034e6e1a7a3e9f5c22327b4b7974c4584bd82d';
export const JFK_WAV = '../shared/fixtures/jfk.wav';

/** A catalogue of one model, 'test-tiny': the fixture model, downloaded from `url`. */
export function fixtureCatalogue(url: string): Catalogue {
  return parseCatalogue({
    version: 1,
    models: [
      {
        id: 'test-tiny',
        name: 'Test model',
        task: 'asr',
        format: 'ggml',
        quantisation: 'full',
        languages: ['en'],
        files: [
          { name: 'for-tests-ggml-tiny.en.bin', url, size: statSync(FIXTURE_MODEL).size, sha256: FIXTURE_MODEL_SHA256 },
        ],
        license: 'MIT',
        minRamGb: 1,
      },
    ],
  });
}

/**
 * The fixture model with its audio context cut from 1500 to 150 frames (a 3 s encoder window instead of 30 s).
 * Same code path in whisper.cpp, about ten times less compute per call: used where a test needs many runs.
 */
export function writeFastModel(dir: string): string {
  const buf = Buffer.from(readFileSync(FIXTURE_MODEL));
  if (buf.readUInt32LE(0) !== 0x67676d6c || buf.readInt32LE(8) !== 1500)
    throw new Error('unexpected fixture model header');
  buf.writeInt32LE(150, 8); // hparams.n_audio_ctx
  const path = join(dir, 'fast-test-model.bin');
  writeFileSync(path, buf);
  return path;
}

/**
 * For a test file: a temp folder holding the fast model, with BEDSIDE_MODEL_DIR pointing inside it for the
 * file's duration. The returned folder and model path are readable once beforeAll has run.
 */
export function useFastModel(prefix: string): { readonly dir: string; readonly model: string } {
  let dir = '';
  let model = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    model = writeFastModel(dir);
    process.env.BEDSIDE_MODEL_DIR = join(dir, 'models');
  });
  afterAll(() => {
    delete process.env.BEDSIDE_MODEL_DIR;
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get model() {
      return model;
    },
  };
}
