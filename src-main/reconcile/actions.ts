import type { ActionView, ReconActionKind } from '../../src-shared/api';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { IdSource } from '../../src-shared/ulid';
import { writeTx, type Db } from '../db/connection';
import { ACCOUNT_RE, ACCOUNTS } from '../ledger/accounts';
import type { Journal } from '../ledger/journal';
import { parseStatementLabel } from '../../src-shared/api/statement-label';
import { recordStatementRefund } from './book-refund';
import type { StoredResult } from './run-store';
import { isWrittenOff, type OrderRow } from '../orders/repo';

export interface AuditEvent {
  readonly type: string;
  readonly operatorId: string | null;
  readonly atMs: number;
  readonly detail: Readonly<Record<string, string | number | null>>;
}

export interface ActionDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly journal: Journal;
  readonly currentOperatorId: () => string | null;
  readonly audit: (event: AuditEvent) => void;
  /** Terminal id and currency for an order the console never saw (created by accepting it). */
  readonly terminal: () => { terminalId: string; currency: string };
}

const ACCEPTABLE: readonly string[] = ['status_paid_unrecorded', 'only_statement'];

/**
 * What the owner can do about a result row. Nothing is edited: accepting a late payment is a
 * new journal entry (Dr clearing:<channel> / Cr sales) plus the payment row the change feed
 * would have written; every action is an append-only row in recon_actions.
 */
export function applyAction(
  d: ActionDeps,
  runId: string,
  row: StoredResult,
  kind: ReconActionKind,
  reason: string,
): Result<ActionView> {
  const operatorId = d.currentOperatorId();
  return writeTx(d.db, (): Result<ActionView> => {
    const now = d.clock.now();
    let entrySeq: number | null = null;
    if (kind === 'accept_late_payment') {
      if (storeWide(d, runId) && !d.db.prepare('SELECT 1 FROM orders WHERE id = ?').get(row.orderNo)) {
        // A store-wide statement (fetched before it was this terminal's only) holds other tills'
        // sales: an order this till never had is theirs, in their books already.
        return err(
          'recon_action_refused',
          `order ${row.orderNo} is not this till's: the statement is the whole store's`,
        );
      }
      const accepted = acceptLatePayment(d, runId, row, now);
      if (!accepted.ok) return accepted;
      entrySeq = accepted.value;
    } else if (kind === 'record_statement_refund') {
      const booked = recordStatementRefund(d, runId, row, now);
      if (!booked.ok) return booked;
      entrySeq = booked.value;
    } else if (kind === 'mark_duplicate_for_refund') {
      // "Pending refund" stayed pending after the money went back: no longer offered.
      return err('recon_action_refused', 'mark_duplicate_for_refund is replaced by mark_duplicate_refunded');
    } else if (kind === 'mark_duplicate_refunded' && row.cls !== 'duplicate_payment') {
      return err('recon_action_refused', `row ${row.idx} is ${row.cls}, not a duplicate payment`);
    }
    const id = d.ids();
    d.db
      .prepare(
        `INSERT INTO recon_actions (id, run_id, result_idx, row_key, kind, reason, operator_id, at_ms, entry_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, runId, row.idx, row.rowKey, kind, reason, operatorId, now, entrySeq);
    // In the same transaction: the action and its audit row commit (or roll back) together.
    d.audit({
      type: `reconcile.${kind}`,
      operatorId,
      atMs: now,
      detail: { runId, idx: row.idx, row: row.rowKey, reason, entrySeq },
    });
    return ok({ id, kind, reason, operatorId, atMs: now, entrySeq });
  });
}

function acceptLatePayment(d: ActionDeps, runId: string, row: StoredResult, now: number): Result<number> {
  if (!ACCEPTABLE.includes(row.cls) || row.sStatus !== 'paid' || !row.sTradeNo || row.sAmountMinor === null) {
    return err('recon_action_refused', `row ${row.idx} (${row.cls}) is not a payment the console lacks`);
  }
  const channel = row.sChannel ?? '';
  if (!ACCOUNT_RE.test(ACCOUNTS.clearing(channel))) return err('recon_action_refused', `channel ${channel}`);
  const known = d.db
    .prepare('SELECT 1 AS one FROM payments WHERE channel = ? AND provider_trade_no = ?')
    .get(channel, row.sTradeNo);
  if (known) return err('recon_already_recorded', `${channel} ${row.sTradeNo} is already recorded`);
  const paidAt = row.sTimeMs ?? now;
  const amount = row.sAmountMinor;
  const facts = d.db
    .prepare('SELECT status, currency, amount_minor, offline_state, offline_written_off_at_ms FROM orders WHERE id = ?')
    .get(row.orderNo) as OrderFacts | undefined;
  let order: { status: string; currency: string } | undefined = facts;
  if (facts?.offline_state === 'verified') {
    // The sale is booked already (verified by code): this payment is its confirmation, which the
    // gateway's feed brings. Booking it here too would count the sale twice.
    return err(
      'recon_action_refused',
      `order ${row.orderNo} was verified by code and is booked; the gateway's payment confirms it when it arrives`,
    );
  }
  if (facts && isWrittenOff(facts)) return recoverWrittenOff(d, runId, row, facts, channel, row.sTradeNo, paidAt, now);
  if (!order) {
    const t = d.terminal();
    d.db
      .prepare(
        `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
           paid_at_ms, channel, provider_trade_no, registered, updated_at_ms)
         VALUES (?, ?, ?, ?, '', 'expired', 0, ?, ?, NULL, NULL, NULL, 1, ?)`,
      )
      .run(row.orderNo, t.terminalId, amount, t.currency, paidAt, paidAt, now);
    order = { status: 'expired', currency: t.currency };
  }
  const entry = d.journal.append({
    kind: 'sale.qr.reconciled',
    orderId: row.orderNo,
    occurredAtMs: paidAt, // the reports date it when the customer paid, as the statement does
    memo: `reconciled in run ${runId}: ${channel} ${row.sTradeNo}`.slice(0, 200),
    postings: [
      { account: ACCOUNTS.clearing(channel), currency: order.currency, amountMinor: amount },
      { account: ACCOUNTS.sales, currency: order.currency, amountMinor: -amount },
    ],
  });
  d.db
    .prepare(
      `INSERT INTO payments (provider_trade_no, channel, order_id, amount_minor, currency, paid_at_ms, entry_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(row.sTradeNo, channel, row.orderNo, amount, order.currency, paidAt, entry.seq);
  if (order.status !== 'paid' && order.status !== 'partially_refunded' && order.status !== 'refunded') {
    d.db
      .prepare(
        `UPDATE orders SET status = 'paid', late = 1, paid_at_ms = ?, channel = ?, provider_trade_no = ?,
           updated_at_ms = ? WHERE id = ?`,
      )
      .run(paidAt, channel, row.sTradeNo, now, row.orderNo);
  }
  return ok(entry.seq);
}

type OrderFacts = Pick<
  OrderRow,
  'status' | 'currency' | 'amount_minor' | 'offline_state' | 'offline_written_off_at_ms'
>;

/**
 * The statement shows paid a sale verified by code that the owner wrote off: the money came
 * after all. The sale is booked already, so this is no new sale: the receivable comes back from
 * losses:offline (`sale.qr.recovered`, as when the gateway's payment arrives), with the payment
 * row, and the order is confirmed. Another amount than the one verified is refused, for the
 * owner to look into, rather than booked.
 */
function recoverWrittenOff(
  d: ActionDeps,
  runId: string,
  row: StoredResult,
  order: OrderFacts,
  channel: string,
  tradeNo: string,
  paidAt: number,
  now: number,
): Result<number> {
  if (row.sAmountMinor !== order.amount_minor) {
    return err(
      'recon_action_refused',
      `order ${row.orderNo} was written off at ${order.amount_minor}; the statement's payment is ${row.sAmountMinor}`,
    );
  }
  const entry = d.journal.append({
    kind: 'sale.qr.recovered',
    orderId: row.orderNo,
    occurredAtMs: paidAt,
    memo: `reconciled in run ${runId}: ${channel} ${tradeNo}`.slice(0, 200),
    postings: [
      { account: ACCOUNTS.clearing(channel), currency: order.currency, amountMinor: order.amount_minor },
      { account: ACCOUNTS.offlineLosses, currency: order.currency, amountMinor: -order.amount_minor },
    ],
  });
  d.db
    .prepare(
      `INSERT INTO payments (provider_trade_no, channel, order_id, amount_minor, currency, paid_at_ms, entry_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(tradeNo, channel, row.orderNo, order.amount_minor, order.currency, paidAt, entry.seq);
  d.db
    .prepare(
      `UPDATE orders SET offline_state = 'confirmed', channel = ?, provider_trade_no = ?, updated_at_ms = ?
       WHERE id = ? AND offline_state IS NULL AND offline_written_off_at_ms IS NOT NULL`,
    )
    .run(channel, tradeNo, now, row.orderNo);
  d.audit({
    type: 'offline.write_off_recovered',
    operatorId: d.currentOperatorId(),
    atMs: now,
    detail: {
      order_id: row.orderNo,
      amount_minor: order.amount_minor,
      channel,
      provider_trade_no: tradeNo,
      entry_seq: entry.seq,
    },
  });
  return ok(entry.seq);
}

export function actionsFor(db: Db, rowKeys: readonly string[]): Map<string, ActionView[]> {
  const out = new Map<string, ActionView[]>();
  if (rowKeys.length === 0) return out;
  const stmt = db.prepare(
    `SELECT id, kind, reason, operator_id AS operatorId, at_ms AS atMs, entry_seq AS entrySeq
       FROM recon_actions WHERE row_key = ? ORDER BY at_ms, id`,
  );
  for (const k of new Set(rowKeys)) {
    const rows = stmt.all(k) as ActionView[];
    if (rows.length) out.set(k, rows);
  }
  return out;
}

/** The run compares against a store-wide gateway statement (every till's sales). */
function storeWide(d: ActionDeps, runId: string): boolean {
  const r = d.db
    .prepare('SELECT s.label FROM recon_runs r JOIN recon_sources s ON s.id = r.source_id WHERE r.id = ?')
    .get(runId) as { label: string } | undefined;
  return r !== undefined && parseStatementLabel(r.label)?.scope === 'store';
}
