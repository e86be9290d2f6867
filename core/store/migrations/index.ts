/**
 * Every schema migration, in order. Add one: a numbered file beside this one, one entry at the end of the list.
 * Never edit or reorder an applied migration; `version` must equal the position (checked at start-up and in tests).
 */
import { m001Initial } from './001-initial.js';
import { m002TranscriptSearch } from './002-transcript-search.js';
import { m003PatientMrn } from './003-patient-mrn.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

export const migrations: readonly Migration[] = [m001Initial, m002TranscriptSearch, m003PatientMrn];

export const LATEST_SCHEMA_VERSION = migrations.length;
