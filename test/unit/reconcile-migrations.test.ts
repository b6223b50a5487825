import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../src-gateway/db/migrate';
import { GATEWAY_MIGRATIONS } from '../../src-gateway/db/migrations';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';
import type { ResultRow } from '../../src-main/reconcile/record';
import { pushResultValues, ResultInserter } from '../../src-main/reconcile/result-rows';
import { RESULT_COLUMNS, rowKey, type StoredResult } from '../../src-main/reconcile/run-store';
import { rec, withSource } from '../support/recon-results';

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

/** How migration 0005's rows were read (the columns as they were stored). */
const V5_RESULT_COLUMNS = `idx, cls, via, row_key AS rowKey, order_no AS orderNo, c_trade_no AS cTradeNo,
  c_amount_minor AS cAmountMinor, c_status AS cStatus, c_time_ms AS cTimeMs, c_refund_no AS cRefundNo,
  c_channel AS cChannel, s_trade_no AS sTradeNo, s_amount_minor AS sAmountMinor, s_fee_minor AS sFeeMinor,
  s_status AS sStatus, s_time_ms AS sTimeMs, s_refund_no AS sRefundNo, s_channel AS sChannel`;

describe('console migration 0007 (compact reconciliation results)', () => {
  it('6 → insert results → 7 keeps every row as readers see it, row_key generated the same', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS, 6)).toBe(6);
    db.prepare(
      `INSERT INTO recon_sources (id, kind, sha256, label, row_count, imported_at_ms) VALUES ('S', 'alipay', 'h', 'f', 0, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO recon_runs (id, source_id, from_ms, to_ms, settings_json, started_at_ms, state) VALUES ('R', 'S', 0, 1, '{}', 1, 'done')`,
    ).run();
    const ins = db.prepare(
      `INSERT INTO recon_results (run_id, idx, cls, via, row_key, order_no, c_trade_no, c_amount_minor, c_status,
         c_time_ms, c_refund_no, c_channel, s_trade_no, s_amount_minor, s_fee_minor, s_status, s_time_ms, s_refund_no,
         s_channel) VALUES ('R', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // prettier-ignore
    const rows: unknown[][] = [
      [0, 'matched', 'order', 'O1|t1||P', 'O1', 't1', 100, 'paid', 5, null, 'alipay', 't1', 100, 1, 'paid', 6, null, 'alipay'],
      [1, 'only_console', 'none', 'O2|||P', 'O2', null, 200, 'unpaid', 7, null, '', null, null, null, null, null, null, null],
      [2, 'refund_mismatch', 'order', 'O3|t3|r3|R', 'O3', 't3', 10, 'refund', 8, 'r3', 'alipay', 't3', 20, 0, 'refund', 9, 'r3', 'alipay'],
    ];
    for (const r of rows) ins.run(...r);
    const before = db.prepare(`SELECT ${V5_RESULT_COLUMNS} FROM recon_results ORDER BY idx`).all();
    expect(migrate(db, MIGRATIONS, 7)).toBe(7);
    expect(db.prepare(`SELECT ${RESULT_COLUMNS} FROM recon_results ORDER BY idx`).all()).toEqual(before);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT idx FROM recon_results WHERE run_id = 'R' AND cls = ? AND cls <> 'matched'`)
      .all('only_console')
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toContain('recon_results_cls');
  });
});

/** Statement rows 0–2 and the four result rows of the tests below, referencing them by idx. */
const STATEMENT = [
  rec({ feeMinor: 1, timeMs: 6 }),
  rec({ orderNo: 'O3', status: 'refund', refundNo: 'r3', amountMinor: 20 }),
  rec({ orderNo: 'O4', tradeNo: 't4' }),
];
const ROWS: ResultRow[] = [
  { cls: 'matched', via: 'order', console: rec({}), statement: { ...STATEMENT[0]!, idx: 0 } },
  {
    cls: 'only_console',
    via: 'none',
    console: rec({ orderNo: 'O2', tradeNo: null, status: 'unpaid' }),
    statement: null,
  },
  {
    cls: 'refund_mismatch',
    via: 'order',
    console: rec({ orderNo: 'O3', status: 'refund', refundNo: 'r3', amountMinor: 10 }),
    statement: { ...STATEMENT[1]!, idx: 1 },
  },
  { cls: 'only_statement', via: 'none', console: null, statement: { ...STATEMENT[2]!, idx: 2 } },
];

describe('console migration 0008 (result rows reference their statement row)', () => {
  it('7 → insert results → 8 keeps every row as readers see it, the statement side found by reference', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS, 7)).toBe(7);
    withSource(db, STATEMENT);
    const ins = db.prepare(
      `INSERT INTO recon_results (run_id, idx, cls, via, order_no, c_same, c_trade_no, c_amount_minor, c_status,
         c_time_ms, c_refund_no, c_channel, s_trade_no, s_amount_minor, s_fee_minor, s_status, s_time_ms, s_refund_no,
         s_channel) VALUES ('R', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // As 0007's writer stored them: the statement copied, console columns equal to it NULL.
    // prettier-ignore
    const rows: unknown[][] = [
      [0, 'matched', 'order', 'O1', 0b110111, null, null, null, 5, null, null, 't1', 100, 1, 'paid', 6, null, 'alipay'],
      [1, 'only_console', 'none', 'O2', 0, null, 200, 'unpaid', 7, null, '', null, null, null, null, null, null, null],
      [2, 'refund_mismatch', 'order', 'O3', 0, 't1', 10, 'refund', 5, 'r3', 'alipay', 't1', 20, 0, 'refund', 5, 'r3', 'alipay'],
      [3, 'only_statement', 'none', 'O4', 0, null, null, null, null, null, null, 't4', 100, 0, 'paid', 5, null, 'alipay'],
    ];
    for (const r of rows) ins.run(...r);
    const before = db.prepare(`SELECT ${RESULT_COLUMNS} FROM recon_results ORDER BY idx`).all();
    expect(migrate(db, MIGRATIONS, 8)).toBe(8);
    expect(db.prepare(`SELECT ${RESULT_COLUMNS} FROM recon_result_rows ORDER BY idx`).all()).toEqual(before);
    expect(db.prepare('SELECT idx, s_idx FROM recon_results ORDER BY idx').all()).toEqual([
      { idx: 0, s_idx: 0 },
      { idx: 1, s_idx: null },
      { idx: 2, s_idx: 1 },
      { idx: 3, s_idx: 2 },
    ]);
  });

  it('a stored row whose statement row cannot be found stops the migration, changing nothing', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 7);
    withSource(db, STATEMENT);
    db.prepare(
      `INSERT INTO recon_results (run_id, idx, cls, via, order_no, c_same, s_trade_no, s_amount_minor, s_fee_minor,
         s_status, s_time_ms, s_channel) VALUES ('R', 0, 'only_statement', 'none', 'O4', 0, 't4', 999, 0, 'paid', 5, 'alipay')`,
    ).run();
    expect(() => migrate(db, MIGRATIONS, 8)).toThrow(/1 result rows have no statement row/);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT s_amount_minor FROM recon_results').get()).toEqual({ s_amount_minor: 999 });
  });

  it('the view computes row_key as the JS rowKey, and c_same expands to the statement side', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    withSource(db, STATEMENT);
    const values: unknown[] = [];
    ROWS.forEach((r, i) => pushResultValues(values, i, r));
    new ResultInserter(db).write('R', values);
    const stored = db.prepare(`SELECT ${RESULT_COLUMNS} FROM recon_result_rows ORDER BY idx`).all() as StoredResult[];
    expect(stored.map((s) => s.rowKey)).toEqual(ROWS.map(rowKey));
    expect(stored[0]).toMatchObject({
      cTradeNo: 't1',
      cAmountMinor: 100,
      cStatus: 'paid',
      cTimeMs: 5,
      cChannel: 'alipay',
    });
    expect(stored[0]).toMatchObject({ sTimeMs: 6, sFeeMinor: 1 });
    expect(stored[2]).toMatchObject({ cAmountMinor: 10, sAmountMinor: 20, cRefundNo: 'r3' });
    expect(stored[3]).toMatchObject({ cStatus: null, cTradeNo: null, sTradeNo: 't4' });
    const raw = db.prepare('SELECT c_same, c_trade_no, s_idx FROM recon_results WHERE idx = 0').get();
    expect(raw).toEqual({ c_same: 0b110111, c_trade_no: null, s_idx: 0 }); // all but the time stored once
  });

  it('a statement record without its row idx is refused, not written without its statement side', () => {
    const values: unknown[] = [];
    const { idx: _, ...noIdx } = ROWS[3]!.statement!;
    expect(() => pushResultValues(values, 0, { ...ROWS[3]!, statement: noIdx })).toThrow(/no row idx/);
  });

  it('reading a page looks each statement row up by its primary key', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT ${RESULT_COLUMNS} FROM recon_result_rows WHERE run_id = ? AND idx = ?`)
      .all('R', 0)
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/SEARCH s USING PRIMARY KEY \(source_id=\? AND order_no=\? AND idx=\?\)/);
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
