import type { Db } from '../db/connection';
import type { ReconRecord } from './record';
import { recordsOf, type RawRecord } from './sources';

/**
 * The console side, read from the tables that exist on this branch: every payment the network
 * reported (`payments`, duplicates included) and every order without one (unpaid). Sorted by
 * order number and streamed, so the engine can sort-merge without holding a side in memory.
 *
 * Refunds: every succeeded refund (the ones booked as `refund.qr`, Dr refunds / Cr
 * clearing:<channel>), `status = 'refund'`, `refundNo` = the refund id (the gateway's refund_id
 * and Alipay's out_request_no), amount positive, counted by when it succeeded, with the order's
 * trade number and channel. Requested/accepted refunds have moved no money yet; failed never.
 *
 * Orders paid by confirmation code and not yet confirmed by the gateway (no `payments` row
 * until then) are `offline_verified`, not `unpaid`: the money was seen, the network has not
 * said so yet.
 *
 * Payments count by the time the network says they were paid; unpaid orders by creation time.
 */
const CONSOLE_SQL = `
  SELECT p.order_id AS orderNo, p.provider_trade_no AS tradeNo, p.amount_minor AS amountMinor, 0 AS feeMinor,
         'paid' AS status, p.paid_at_ms AS timeMs, NULL AS refundNo, p.channel AS channel
    FROM payments p WHERE p.paid_at_ms >= @from AND p.paid_at_ms < @to
  UNION ALL
  SELECT o.id, NULL, o.amount_minor, 0,
         CASE WHEN o.offline_state = 'verified' THEN 'offline_verified' ELSE 'unpaid' END,
         o.created_at_ms, NULL, COALESCE(o.channel, '')
    FROM orders o
   WHERE o.created_at_ms >= @from AND o.created_at_ms < @to
     AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id)
  UNION ALL
  SELECT r.order_id, o.provider_trade_no, r.amount_minor, 0, 'refund', r.updated_at_ms, r.id, COALESCE(o.channel, '')
    FROM refunds r JOIN orders o ON o.id = r.order_id
   WHERE r.status = 'succeeded' AND r.updated_at_ms >= @from AND r.updated_at_ms < @to`;

export function consoleRecords(db: Db, fromMs: number, toMs: number): Iterable<ReconRecord> {
  const stmt = db.prepare(`${CONSOLE_SQL} ORDER BY orderNo`).raw(true);
  return recordsOf(stmt.iterate({ from: fromMs, to: toMs }) as IterableIterator<RawRecord>);
}

export function countConsoleRecords(db: Db, fromMs: number, toMs: number): number {
  const r = db.prepare(`SELECT COUNT(*) AS n FROM (${CONSOLE_SQL})`).get({ from: fromMs, to: toMs }) as { n: number };
  return r.n;
}
