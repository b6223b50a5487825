import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../src-gateway/db/migrate';
import { GATEWAY_MIGRATIONS } from '../../src-gateway/db/migrations';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';

describe('console migration 0005 (reconcile)', () => {
  it('4 → insert → 5 keeps the ledger and adds the reconciliation tables, actions append-only', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS, 4)).toBeLessThan(5);
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms, updated_at_ms)
       VALUES ('01KAAAAAAAAAAAAAAAAAAAAAA1', 'T000000001', 100, 'CNY', '', 'expired', 1, 2, 3)`,
    ).run();
    expect(migrate(db, MIGRATIONS, 5)).toBe(5);
    expect(db.prepare('SELECT COUNT(*) AS n FROM orders').get()).toEqual({ n: 1 });
    db.prepare(
      `INSERT INTO recon_sources (id, kind, sha256, label, row_count, imported_at_ms) VALUES ('S', 'alipay', 'h', 'f', 0, 1)`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO recon_sources (id, kind, sha256, label, row_count, imported_at_ms) VALUES ('S2', 'alipay', 'h', 'f', 0, 1)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare(
      `INSERT INTO recon_runs (id, source_id, from_ms, to_ms, settings_json, started_at_ms, state) VALUES ('R', 'S', 0, 1, '{}', 1, 'done')`,
    ).run();
    db.prepare(
      `INSERT INTO recon_actions (id, run_id, result_idx, row_key, kind, reason, at_ms) VALUES ('A', 'R', 0, 'k', 'annotate', 'r', 1)`,
    ).run();
    expect(() => db.prepare(`UPDATE recon_actions SET reason = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM recon_actions`).run()).toThrow(/append-only/);
  });
});

describe('gateway migration 5 (reconcile)', () => {
  it('4 → insert → 5 keeps orders and adds the paid-at index the statement uses', () => {
    const db = new Database(':memory:');
    runMigrations(
      db,
      GATEWAY_MIGRATIONS.filter((m) => m.version < 5),
    );
    db.prepare(
      `INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES ('T000000001', 't', x'00', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO orders (order_id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
         paid_at_ms, channel, provider_trade_no, created_by_scan)
       VALUES ('01KAAAAAAAAAAAAAAAAAAAAAA1', 'T000000001', 100, 'CNY', '', 'paid', 1, 2, 3, 'sandbox', 't1', 0)`,
    ).run();
    expect(
      runMigrations(
        db,
        GATEWAY_MIGRATIONS.filter((m) => m.version <= 5),
      ),
    ).toEqual([5]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM orders`).get()).toEqual({ n: 1 });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM orders WHERE status = 'paid' AND paid_at_ms >= 0 AND paid_at_ms < 9`)
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toContain('orders_paid_at');
  });
});
