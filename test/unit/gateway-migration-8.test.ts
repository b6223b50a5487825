/** Gateway migration 8 (fee returned): 7 → insert → 8 keeps the batches and takes a negative fee. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../src-gateway/db/migrate';
import { GATEWAY_MIGRATIONS } from '../../src-gateway/db/migrations';

describe('gateway migration 8', () => {
  it('keeps every settlement batch, takes a fee returned, and still checks net = gross − refunds − fee', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(
      db,
      GATEWAY_MIGRATIONS.filter((m) => m.version < 8),
    );
    expect(schemaVersion(db)).toBe(7);
    db.prepare(
      "INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES ('T000000001', 'c', x'00', 1)",
    ).run();
    const insert = db.prepare(
      `INSERT INTO settlement_batches (batch_id, terminal_id, business_date, channel, currency, sale_count,
         gross_minor, refunds_minor, fee_minor, net_minor, payout_date, status, created_at_ms)
       VALUES (?, 'T000000001', ?, 'alipay', 'CNY', ?, ?, ?, ?, ?, '2026-11-24', 'pending', 1)`,
    );
    insert.run('B1', '2026-11-22', 1, 10_000, 0, 38, 9_962);
    expect(() => insert.run('B2', '2026-11-23', 0, 0, 10_000, -38, -9_962)).toThrow(/CHECK/);
    expect(runMigrations(db, GATEWAY_MIGRATIONS)).toEqual([8]);
    expect(db.prepare('SELECT batch_id, fee_minor, net_minor, status FROM settlement_batches').all()).toEqual([
      { batch_id: 'B1', fee_minor: 38, net_minor: 9_962, status: 'pending' },
    ]);
    insert.run('B2', '2026-11-23', 0, 0, 10_000, -38, -9_962);
    expect(() => insert.run('B3', '2026-11-24', 0, 0, 10_000, -38, 0)).toThrow(/CHECK/);
    expect(() => insert.run('B4', '2026-11-22', 0, 0, 0, 0, 0)).toThrow(/UNIQUE/);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT batch_id FROM settlement_batches WHERE status = 'pending' AND payout_date <= ?",
      )
      .all('2026-12-01') as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/settlement_batches_pending/);
    db.close();
  });
});
