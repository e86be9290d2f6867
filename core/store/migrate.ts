import type { Db } from './sqlite.js';
import { SchemaTooNewError } from './errors.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration in one transaction and stamps `user_version`. A database newer than the list is
 * refused before anything is written. Returns the versions applied.
 */
export function migrate(db: Db, list: readonly Migration[] = allMigrations, target = list.length): number[] {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at position ${i + 1} (${m.name})`);
  });
  const current = schemaVersion(db);
  if (current > list.length) throw new SchemaTooNewError(current, list.length);
  const pending = list.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
  return pending.map((m) => m.version);
}
