import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate, SchemaTooNewError, type Migration } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';

describe('migrations', () => {
  const NEWEST = MIGRATIONS.at(-1)!.version;

  it('are numbered strictly increasing and bring an empty database to the newest version', () => {
    // Parallel branches own fixed numbers (see the briefing), so a branch may have gaps until merged.
    MIGRATIONS.forEach((m, i) => expect(m.version).toBeGreaterThan(i === 0 ? 0 : MIGRATIONS[i - 1]!.version));
    const db = openDatabase(':memory:');
    expect(migrate(db)).toBe(NEWEST);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(['journal', 'postings', 'orders', 'payments', 'terminal', 'settings']),
    );
    // running again changes nothing
    expect(migrate(db)).toBe(NEWEST);
  });

  it('refuses a database from a newer version of the app', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.pragma(`user_version = ${NEWEST + 1}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
  });

  it('rolls a failing migration back whole, leaving the version where it was', () => {
    const db = openDatabase(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: NEWEST + 1,
        name: 'broken',
        up(d) {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(NEWEST);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
  });

  it('0 → 1 keeps data written at each step (N-1 → insert → N)', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS, 0)).toBe(0);
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('locale', '\"en\"')").run();
    expect(migrate(db)).toBe(NEWEST);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'locale'").get()).toEqual({ value: '"en"' });
  });
});
