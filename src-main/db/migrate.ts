import type { Db } from './connection';
import { MIGRATIONS } from './migrations';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`database schema version ${found} is newer than this app knows (${known}); refusing to open it`);
  }
}

/**
 * Brings the database to the newest schema, one numbered migration per transaction, tracked in
 * `PRAGMA user_version`. A database from a newer version is refused, never guessed at.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, upTo?: number): number {
  const target = upTo ?? migrations.at(-1)?.version ?? 0;
  migrations.forEach((m, i) => {
    const prev = i === 0 ? 0 : migrations[i - 1]!.version;
    if (m.version <= prev)
      throw new Error(`assertion failed: migration ${m.name} is numbered ${m.version}, not above ${prev}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) throw new SchemaTooNewError(current, newest);
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
