import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMigrations, SchemaTooNewError, schemaVersion, type Migration } from '../../src-gateway/db/migrate';
import { GATEWAY_MIGRATIONS } from '../../src-gateway/db/migrations';
import { openGatewayDb } from '../../src-gateway/db/open';

describe('gateway migrations', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pos-gateway-mig-'));
    path = join(dir, 'gateway.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings a new database to the latest version with durable pragmas', () => {
    const db = openGatewayDb(path);
    expect(schemaVersion(db)).toBe(GATEWAY_MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'changes',
        'meta',
        'nonces',
        'orders',
        'pairing_codes',
        'provider_sessions',
        'terminals',
      ]),
    );
    db.close();
    // Reopening applies nothing and keeps the data.
    const again = new Database(path);
    expect(runMigrations(again, GATEWAY_MIGRATIONS)).toEqual([]);
    again.close();
  });

  it('refuses a database from a newer gateway without touching it', () => {
    const db = new Database(path);
    db.pragma(`user_version = ${GATEWAY_MIGRATIONS.at(-1)!.version + 1}`);
    db.close();
    expect(() => openGatewayDb(path)).toThrow(SchemaTooNewError);
    expect(() => openGatewayDb(path)).toThrow(/newer than this gateway supports/);
    const check = new Database(path);
    expect(schemaVersion(check)).toBe(GATEWAY_MIGRATIONS.at(-1)!.version + 1);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('runs each step in one transaction: a failing step leaves the previous version', () => {
    const steps: Migration[] = [
      { version: 1, up: (db) => db.exec('CREATE TABLE a (x INTEGER)') },
      {
        version: 2,
        up: (db) => {
          db.exec('CREATE TABLE b (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    const db = new Database(':memory:');
    expect(() => runMigrations(db, steps)).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('refuses migrations that are not strictly increasing (a number owned by another branch may be skipped)', () => {
    const db = new Database(':memory:');
    expect(() => runMigrations(db, [{ version: 0, up: () => {} }])).toThrow(/assertion failed/);
    expect(() =>
      runMigrations(db, [
        { version: 3, up: () => {} },
        { version: 3, up: () => {} },
      ]),
    ).toThrow(/assertion failed/);
    expect(runMigrations(db, [{ version: 2, up: () => {} }])).toEqual([2]);
    db.close();
  });

  it('v0 → v1: the schema holds the invariants it promises', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(runMigrations(db, GATEWAY_MIGRATIONS.slice(0, 1))).toEqual([1]);
    db.prepare(
      "INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES ('TA0000000A', 'c', x'00', 1)",
    ).run();
    const insertOrder = db.prepare(
      `INSERT INTO orders (order_id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
        paid_at_ms, channel, provider_trade_no, created_by_scan) VALUES (?, 'TA0000000A', ?, 'CNY', '', ?, 1, 2, ?, ?, ?, 0)`,
    );
    insertOrder.run('O1', 100, 'awaiting_payment', null, null, null);
    // Paid without payment facts, and a non-positive amount, are refused.
    expect(() => insertOrder.run('O2', 100, 'paid', null, null, null)).toThrow(/CHECK/);
    expect(() => insertOrder.run('O3', 0, 'awaiting_payment', null, null, null)).toThrow(/CHECK/);
    // An order of an unknown terminal is refused.
    expect(() =>
      db
        .prepare(
          `INSERT INTO orders (order_id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
            created_by_scan) VALUES ('O4', 'TZZZZZZZZZ', 1, 'CNY', '', 'awaiting_payment', 1, 2, 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    // At most one payment change per order.
    const change = db.prepare(
      "INSERT INTO changes (terminal_id, type, order_id, payload, at_ms) VALUES ('TA0000000A', ?, 'O1', '{}', 1)",
    );
    change.run('payment.succeeded');
    expect(() => change.run('payment.succeeded')).toThrow(/UNIQUE/);
    change.run('order.closed');
    db.close();
  });

  it('previous → insert a paid order → v3: the order stays; refunds need a known order and settle with a number', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const v3 = GATEWAY_MIGRATIONS.findIndex((m) => m.version === 3);
    runMigrations(db, GATEWAY_MIGRATIONS.slice(0, v3));
    db.prepare(
      "INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES ('TA0000000A', 'c', x'00', 1)",
    ).run();
    db.prepare(
      `INSERT INTO orders (order_id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
        paid_at_ms, channel, provider_trade_no, created_by_scan)
       VALUES ('O1', 'TA0000000A', 100, 'CNY', '', 'paid', 1, 2, 3, 'sandbox', 'SB1', 0)`,
    ).run();
    expect(runMigrations(db, GATEWAY_MIGRATIONS.slice(0, v3 + 1))).toEqual([3]);
    expect(db.prepare('SELECT status FROM orders').get()).toEqual({ status: 'paid' });
    const insert = db.prepare(
      `INSERT INTO refunds (refund_id, terminal_id, order_id, amount_minor, currency, reason, status, provider_refund_no,
        created_at_ms, updated_at_ms) VALUES (?, 'TA0000000A', ?, 50, 'CNY', 'r', ?, ?, 1, 1)`,
    );
    insert.run('R1', 'O1', 'accepted', null);
    expect(() => insert.run('R2', 'O1', 'succeeded', null)).toThrow(/CHECK/);
    expect(() => insert.run('R3', 'NOPE', 'accepted', null)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('R1', 'O1', 'accepted', null)).toThrow(/UNIQUE|PRIMARY/);
  });

  it('v1 → insert → v2: terminal journals are append-only and keyed by terminal and seq', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(db, GATEWAY_MIGRATIONS.slice(0, 1));
    db.prepare(
      "INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES ('TA0000000A', 'c', x'00', 1)",
    ).run();
    expect(runMigrations(db, GATEWAY_MIGRATIONS.slice(0, 2))).toEqual([2]);
    expect(db.prepare('SELECT id FROM terminals').all()).toEqual([{ id: 'TA0000000A' }]);
    const insert = db.prepare(
      `INSERT INTO terminal_journal (terminal_id, seq, entry_id, kind, order_id, created_at_ms, memo, postings,
        prev_hash, hash, received_at_ms) VALUES (?, ?, 'E', 'sale.qr', NULL, 1, '', '[]', 'p', 'h', 1)`,
    );
    insert.run('TA0000000A', 1);
    expect(() => insert.run('TA0000000A', 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('TZZZZZZZZZ', 1)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE terminal_journal SET memo = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM terminal_journal').run()).toThrow(/append-only/);
    db.close();
  });
});
