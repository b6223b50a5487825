import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';

describe('migration 0003 operators', () => {
  it('previous → insert an order → 0003: the order keeps its data with no operator; new tables work', () => {
    const db = openDatabase(':memory:');
    const before = MIGRATIONS.filter((m) => m.version < 3).at(-1)!.version;
    migrate(db, MIGRATIONS, before);
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
         registered, updated_at_ms) VALUES ('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'T000000001', 500, 'CNY', 'n', 'paid', 1, 2, 1, 1)`,
    ).run();
    migrate(db, MIGRATIONS, 3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT amount_minor, operator_id FROM orders').get()).toEqual({
      amount_minor: 500,
      operator_id: null,
    });
    db.prepare(
      `INSERT INTO refunds (id, order_id, amount_minor, currency, reason, status, approver_id, created_at_ms, updated_at_ms)
       VALUES ('01ARZ3NDEKTSV4RRFFQ69G5FAW', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 100, 'CNY', 'r', 'requested', 'o', 1, 1)`,
    ).run();
    // succeeded needs the journal entry that moved the money
    expect(() => db.prepare("UPDATE refunds SET status = 'succeeded'").run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO operators (id, name, role, pin_hash, created_at_ms) VALUES ('a', 'b', 'boss', 'h', 1)")
        .run(),
    ).toThrow(/CHECK/);
  });
});

describe('migration 0010 operator-disable', () => {
  it('9 → an operator → 10: they stay, active; deactivating sets the time', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 9);
    db.prepare(
      "INSERT INTO operators (id, name, role, pin_hash, created_at_ms) VALUES ('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'Li', 'cashier', 'h', 1)",
    ).run();
    migrate(db, MIGRATIONS, 10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT name, disabled_at_ms FROM operators').get()).toEqual({
      name: 'Li',
      disabled_at_ms: null,
    });
    db.prepare('UPDATE operators SET disabled_at_ms = 5').run();
    expect(db.prepare('SELECT disabled_at_ms FROM operators').get()).toEqual({ disabled_at_ms: 5 });
  });
});

describe('migration 0012 owner-recovery', () => {
  it('11 → 12: the recovery table holds at most one code', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 11);
    migrate(db, MIGRATIONS, 12);
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    db.prepare("INSERT INTO owner_recovery (one, code_hash, created_at_ms) VALUES (1, 'h', 1)").run();
    expect(() =>
      db.prepare("INSERT INTO owner_recovery (one, code_hash, created_at_ms) VALUES (2, 'h', 1)").run(),
    ).toThrow(/CHECK/);
  });
});
