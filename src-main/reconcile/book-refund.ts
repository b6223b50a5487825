import type { OrderStatus } from '../../src-shared/api';
import { err, ok, type Result } from '../../src-shared/result';
import { ACCOUNT_RE, ACCOUNTS } from '../ledger/accounts';
import { canTransition } from '../orders/state';
import type { ActionDeps } from './actions';
import type { StoredResult } from './run-store';

/** A refund only the statement has is one the console lacks: bill side a refund, no console side. */
export const isStatementOnlyRefund = (row: StoredResult): boolean =>
  row.cls === 'refund_mismatch' && row.cStatus === null && row.sStatus === 'refund';

/**
 * Books a refund only the bill has (done outside the till, e.g. in the merchant portal), as the
 * change feed books one the gateway reports: a `refund.qr` entry (Dr refunds / Cr
 * clearing:<channel>) dated when the bill says it happened, and a succeeded wallet refund row
 * whose id is the bill's refund number, so the next run pairs it (`matched`) and doing it twice
 * is `recon_already_recorded`. Refused, changing nothing: a row that is not such a refund; an
 * order this till never had, or never paid; a refund number this till already knows (its own
 * refund, still under way: the feed books it); more than the order's payments less its refunds.
 * Inside the caller's transaction. Returns the journal seq.
 */
export function recordStatementRefund(d: ActionDeps, runId: string, row: StoredResult, now: number): Result<number> {
  const refundNo = row.sRefundNo;
  const amount = row.sAmountMinor;
  if (!isStatementOnlyRefund(row) || !refundNo || amount === null || amount <= 0) {
    return err('recon_action_refused', `row ${row.idx} (${row.cls}) is not a refund only the statement has`);
  }
  const channel = row.sChannel ?? '';
  if (!ACCOUNT_RE.test(ACCOUNTS.clearing(channel))) return err('recon_action_refused', `channel ${channel}`);
  const known = d.db.prepare('SELECT status FROM refunds WHERE id = ?').get(refundNo) as { status: string } | undefined;
  if (known?.status === 'succeeded') return err('recon_already_recorded', `refund ${refundNo} is already recorded`);
  if (known) {
    return err(
      'recon_action_refused',
      `refund ${refundNo} is this till's, ${known.status}: the gateway's feed books it`,
    );
  }
  const order = d.db.prepare('SELECT status, currency, amount_minor FROM orders WHERE id = ?').get(row.orderNo) as
    { status: OrderStatus; currency: string; amount_minor: number } | undefined;
  if (!order) return err('recon_action_refused', `order ${row.orderNo} is not this till's`);
  const sums = d.db
    .prepare(
      `SELECT (SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE order_id = @o) AS paid,
              (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE order_id = @o AND status <> 'failed') AS refunded,
              (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE order_id = @o AND status = 'succeeded') AS done`,
    )
    .get({ o: row.orderNo }) as { paid: number; refunded: number; done: number };
  if (sums.paid === 0) {
    return err('recon_action_refused', `order ${row.orderNo} has no payment here: record the payment first`);
  }
  if (amount > sums.paid - sums.refunded) {
    return err(
      'recon_action_refused',
      `refund ${amount} exceeds what is left of order ${row.orderNo}'s payments (${sums.paid - sums.refunded})`,
    );
  }
  const at = row.sTimeMs ?? now;
  const entry = d.journal.append({
    kind: 'refund.qr',
    orderId: row.orderNo,
    occurredAtMs: at, // the day the money went back, as the bill says
    memo: `reconciled in run ${runId}: ${channel} refund ${refundNo}`.slice(0, 200),
    postings: [
      { account: ACCOUNTS.refunds, currency: order.currency, amountMinor: amount },
      { account: ACCOUNTS.clearing(channel), currency: order.currency, amountMinor: -amount },
    ],
  });
  const operatorId = d.currentOperatorId();
  d.db
    .prepare(
      `INSERT INTO refunds (id, order_id, amount_minor, currency, reason, status, operator_id, approver_id,
         created_at_ms, updated_at_ms, provider_refund_no, entry_seq, method)
       VALUES (?, ?, ?, ?, ?, 'succeeded', ?, ?, ?, ?, ?, ?, 'wallet')`,
    )
    .run(
      refundNo,
      row.orderNo,
      amount,
      order.currency,
      'reconciliation',
      operatorId,
      operatorId ?? 'reconcile',
      at,
      at,
      refundNo,
      entry.seq,
    );
  // What is left of the order's payments (a duplicate's refund leaves the sale paid).
  const left = sums.paid - sums.done - amount;
  const next: OrderStatus | null = left <= 0 ? 'refunded' : left < order.amount_minor ? 'partially_refunded' : null;
  if (next && next !== order.status && canTransition(order.status, next)) {
    d.db
      .prepare('UPDATE orders SET status = ?, updated_at_ms = ? WHERE id = ? AND status = ?')
      .run(next, now, row.orderNo, order.status);
  }
  return ok(entry.seq);
}
