/** Gateway migration 6 (provider trades): 5 → insert → 6 keeps the data and adds the tables. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../src-gateway/db/migrate';
import { GATEWAY_MIGRATIONS } from '../../src-gateway/db/migrations';

describe('gateway migration 6', () => {
  it('migrates a version-5 database with orders and accepts provider trades for them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(
      db,
      GATEWAY_MIGRATIONS.filter((m) => m.version < 6),
    );
    expect(schemaVersion(db)).toBe(5);
    db.prepare(
      "INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES ('T000000001', 'c', x'00', 1)",
    ).run();
    db.prepare(
      `INSERT INTO orders (order_id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
         created_by_scan) VALUES ('01J00000000000000000000000', 'T000000001', 100, 'CNY', '', 'awaiting_payment', 1, 2, 0)`,
    ).run();
    expect(
      runMigrations(
        db,
        GATEWAY_MIGRATIONS.filter((m) => m.version <= 6),
      ),
    ).toEqual([6]);
    const insert = db.prepare(
      `INSERT INTO provider_trades (out_trade_no, order_id, channel, kind, amount_minor, state, created_at_ms,
         deadline_ms, next_query_at_ms, updated_at_ms) VALUES (?, ?, 'alipay', 'code', 100, ?, 1, 2, 3, 1)`,
    );
    insert.run('01J00000000000000000000000', '01J00000000000000000000000', 'paying');
    expect(() => insert.run('x', '01J00000000000000000000000', 'weird')).toThrow(/CHECK/);
    expect(() => insert.run('y', '01JNOSUCHORDER000000000000', 'paying')).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 1 });
    db.close();
  });
});
