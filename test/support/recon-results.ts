import type { Db } from '../../src-main/db/connection';
import type { ReconRecord } from '../../src-main/reconcile/record';

/** A source 'S' with the given statement rows (idx = position) and a run 'R' over it. */
export function withSource(db: Db, rows: ReconRecord[]): void {
  db.prepare(
    `INSERT INTO recon_sources (id, kind, sha256, label, row_count, imported_at_ms) VALUES ('S', 'alipay', 'h', 'f', ?, 1)`,
  ).run(rows.length);
  const ins = db.prepare(
    `INSERT INTO recon_statement_rows (source_id, idx, order_no, trade_no, amount_minor, fee_minor, status, time_ms,
       refund_no, channel) VALUES ('S', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  rows.forEach((r, i) =>
    ins.run(i, r.orderNo, r.tradeNo, r.amountMinor, r.feeMinor, r.status, r.timeMs, r.refundNo, r.channel),
  );
  db.prepare(
    `INSERT INTO recon_runs (id, source_id, from_ms, to_ms, settings_json, started_at_ms, state) VALUES ('R', 'S', 0, 1, '{}', 1, 'running')`,
  ).run();
}

export const rec = (over: Partial<ReconRecord>): ReconRecord => ({
  orderNo: 'O1',
  tradeNo: 't1',
  amountMinor: 100,
  feeMinor: 0,
  status: 'paid',
  timeMs: 5,
  refundNo: null,
  channel: 'alipay',
  ...over,
});
