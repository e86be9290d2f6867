import type { Db } from '../sqlite.js';

/** One schema step. `up` runs inside the single transaction that applies every pending migration. */
export interface Migration {
  /** Equals its position in the list (1-based); becomes `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  up(db: Db): void;
}
