/**
 * Numbered migrations tracked with `PRAGMA user_version`. Each runs in its own transaction
 * together with the version bump, so a crash leaves the database at a whole version.
 * A database from a newer gateway is refused, never guessed at.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  up(db: Database.Database): void;
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `gateway database schema version ${found} is newer than this gateway supports (${supported}); ` +
        'run a newer gateway or restore a backup',
    );
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  const v = db.pragma('user_version', { simple: true });
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error('assertion failed: user_version');
  return v;
}

/** Brings the database to the last migration's version; returns the versions applied. */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): number[] {
  // Strictly increasing from 1. Parallel branches own fixed version numbers, so until they are
  // all merged a branch's list may have gaps (e.g. 1, 4).
  migrations.forEach((m, i) => {
    const prev = i === 0 ? 0 : migrations[i - 1]!.version;
    if (i === 0 ? m.version !== 1 : m.version <= prev)
      throw new Error(`assertion failed: migration ${i} has version ${m.version}`);
  });
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const applied: number[] = [];
  for (const m of migrations.filter((x) => x.version > current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
