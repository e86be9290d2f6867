/** Every CLI command, in the order `bedside --help` lists them. Add a command: one file beside this one, one line here. */
import type { Command } from '../cli.js';
import { audit } from './audit.js';
import { db } from './db.js';
import { demo } from './demo.js';
import { draft } from './draft.js';
import { encounters } from './encounters.js';
import { engines } from './engines.js';
import { fhir } from './fhir.js';
import { hints } from './hints.js';
import { info } from './info.js';
import { models } from './models.js';
import { policy } from './policy.js';
import { serve } from './serve.js';
import { transcribe } from './transcribe.js';
import { verify } from './verify.js';

export const commands: Command[] = [
  info,
  serve,
  db,
  audit,
  encounters,
  draft,
  verify,
  hints,
  demo,
  transcribe,
  models,
  fhir,
  policy,
  engines,
];
