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

describe('migration 0002 (offline)', () => {
  it('1 → insert → 2: queues every existing entry in the outbox and keeps orders', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 1);
    db.prepare(
      `INSERT INTO journal (seq, entry_id, kind, order_id, created_at_ms, memo, prev_hash, hash)
       VALUES (1, 'E1', 'sale.qr', 'O1', 42, '', 'p', 'h')`,
    ).run();
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms, updated_at_ms)
       VALUES ('O1', 'T1', 100, 'CNY', '', 'paid', 1, 2, 3)`,
    ).run();
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    expect(db.prepare('SELECT seq, queued_at_ms FROM outbox').all()).toEqual([{ seq: 1, queued_at_ms: 42 }]);
    expect(db.prepare('SELECT offline_state, code_attempts FROM orders').get()).toEqual({
      offline_state: null,
      code_attempts: 0,
    });
    expect(() => db.prepare("UPDATE orders SET offline_state = 'bogus'").run()).toThrow(/CHECK/);
    // an outbox row must name a journal entry
    expect(() => db.prepare('INSERT INTO outbox (seq, queued_at_ms) VALUES (9, 0)').run()).toThrow(/FOREIGN KEY/);
  });
});

describe('migration 0006 (code unlocks)', () => {
  it('5 → insert → 6: existing orders keep their tries and start with no unlocks', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 5);
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
         updated_at_ms, code_attempts)
       VALUES ('O1', 'T1', 100, 'CNY', '', 'awaiting_payment', 1, 2, 3, 5)`,
    ).run();
    expect(migrate(db, MIGRATIONS, 6)).toBe(6);
    expect(db.prepare('SELECT code_attempts, code_unlocks FROM orders').get()).toEqual({
      code_attempts: 5,
      code_unlocks: 0,
    });
    expect(() => db.prepare('UPDATE orders SET code_unlocks = -1').run()).toThrow(/CHECK/);
  });
});
