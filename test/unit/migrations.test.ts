import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate, SchemaTooNewError, type Migration } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';

const LATEST = MIGRATIONS.at(-1)!.version;

describe('migrations', () => {
  it('are strictly increasing and bring an empty database to the newest version', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBeGreaterThan(i === 0 ? 0 : MIGRATIONS[i - 1]!.version));
    const db = openDatabase(':memory:');
    expect(migrate(db)).toBe(LATEST);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(['journal', 'postings', 'orders', 'payments', 'terminal', 'settings']),
    );
    // running again changes nothing
    expect(migrate(db)).toBe(LATEST);
  });

  it('refuses a database from a newer version of the app', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.pragma(`user_version = ${LATEST + 1}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
  });

  it('rolls a failing migration back whole, leaving the version where it was', () => {
    const db = openDatabase(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LATEST + 1,
        name: 'broken',
        up(d) {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
  });

  it('0 → 1 keeps data written at each step (N-1 → insert → N)', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS, 0)).toBe(0);
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('locale', '\"en\"')").run();
    expect(migrate(db)).toBe(LATEST);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'locale'").get()).toEqual({ value: '"en"' });
  });
});
