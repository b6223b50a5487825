import type { Change } from '../../src-shared/protocol/gateway';
import { assert, missingCase } from '../../src-shared/errors';
import type { Clock } from '../../src-shared/time';
import { writeTx, type Db } from '../db/connection';
import { ACCOUNTS, type EntryKind } from '../ledger/accounts';
import type { Journal } from '../ledger/journal';
import type { AuditLog } from '../audit/audit-log';
import { RefundRepo } from '../refunds/repo';
import { markOrderRefunded } from '../refunds/rules';
import type { IssueStore } from '../offline/issues';
import { isWrittenOff, type OrderRepo, type OrderRow } from './repo';
import { canTransition, isLatePayment } from './state';

export type ApplyOutcome =
  | { readonly kind: 'already_applied' }
  | { readonly kind: 'applied'; readonly orderId: string | null; readonly note: string };

/** Books a provider settlement batch (settlement module); runs inside the apply transaction. */
export type BatchRecorder = (batch: Extract<Change, { type: 'settlement.batch' }>) => string;

/**
 * Applies one gateway change in one transaction: the order's new state, the journal entry for
 * money that moved, the payment row and the applied-change mark (the cursor is the highest
 * mark). Re-applying the same change (by id) changes nothing.
 */
export class ChangeApplier {
  private readonly isApplied;
  private readonly markApplied;
  private readonly cursorStmt;
  private readonly paymentByTrade;
  private readonly insertPayment;
  private readonly insertUnknownOrder;
  private readonly refunds: RefundRepo;
  private readonly confirmOffline;
  private readonly forgetBeyond;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly journal: Journal,
    private readonly orders: OrderRepo,
    private readonly issues: IssueStore,
    private readonly audit: AuditLog | null = null,
    private readonly recordBatch: BatchRecorder = () => 'settlement batches not recorded here',
  ) {
    this.refunds = new RefundRepo(db);
    this.confirmOffline = db.prepare(
      `UPDATE orders SET offline_state = 'confirmed', channel = ?, provider_trade_no = ?, updated_at_ms = ?
       WHERE id = ? AND (offline_state = 'verified'
         OR (offline_state IS NULL AND offline_written_off_at_ms IS NOT NULL))`,
    );
    this.forgetBeyond = db.prepare('DELETE FROM applied_changes WHERE gateway_id = ? AND change_id > ?');
    this.isApplied = db.prepare<[string, number], { one: number }>(
      'SELECT 1 AS one FROM applied_changes WHERE gateway_id = ? AND change_id = ?',
    );
    this.cursorStmt = db.prepare<[string], { cursor: number | null }>(
      'SELECT MAX(change_id) AS cursor FROM applied_changes WHERE gateway_id = ?',
    );
    this.markApplied = db.prepare(
      'INSERT INTO applied_changes (gateway_id, change_id, applied_at_ms) VALUES (?, ?, ?)',
    );
    this.paymentByTrade = db.prepare<[string, string], { order_id: string }>(
      'SELECT order_id FROM payments WHERE channel = ? AND provider_trade_no = ?',
    );
    this.insertPayment = db.prepare(
      `INSERT INTO payments (provider_trade_no, channel, order_id, amount_minor, currency, paid_at_ms, entry_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertUnknownOrder = db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
         paid_at_ms, channel, provider_trade_no, registered, updated_at_ms)
       VALUES (?, ?, ?, ?, '', 'expired', 0, ?, ?, NULL, NULL, NULL, 1, ?)`,
    );
  }

  /** The highest change id applied from this gateway (migration 0009: no cursor row of its own). */
  cursor(gatewayId: string): number {
    return this.cursorStmt.get(gatewayId)?.cursor ?? 0;
  }

  /**
   * The gateway's feed went back below this counter's cursor (it was restored from an older
   * copy) and will number new changes with ids already marked here: the marks beyond its head
   * are forgotten, so those changes are applied. Re-applying one that is not new changes
   * nothing (a payment is known by its trade number, a refund by its id, a close by the order's
   * state). Audited with the mark count, in the same transaction, when there were any (a second
   * notice of the same rewind forgets nothing and records nothing). Returns the marks forgotten.
   */
  rewind(gatewayId: string, head: number): number {
    return writeTx(this.db, () => {
      const cursor = this.cursor(gatewayId);
      const forgotten = this.forgetBeyond.run(gatewayId, head).changes;
      if (forgotten > 0) {
        this.audit?.record('sync.feed_rewound', null, { gateway_head: head, console_cursor: cursor, marks: forgotten });
      }
      return forgotten;
    });
  }

  apply(gatewayId: string, terminalId: string, change: Change): ApplyOutcome {
    return writeTx(this.db, (): ApplyOutcome => {
      if (this.isApplied.get(gatewayId, change.change_id)) return { kind: 'already_applied' };
      const now = this.clock.now();
      let note: string;
      switch (change.type) {
        case 'payment.succeeded':
          note = this.applyPayment(terminalId, change, now);
          break;
        case 'order.closed':
          note = this.applyClosed(change, now);
          break;
        case 'refund.updated':
          note = this.applyRefund(change, now);
          break;
        case 'settlement.batch':
          note = this.recordBatch(change);
          break;
        default:
          throw missingCase(change);
      }
      this.markApplied.run(gatewayId, change.change_id, now);
      return { kind: 'applied', orderId: 'order_id' in change ? change.order_id : null, note };
    });
  }

  private applyPayment(terminalId: string, c: Extract<Change, { type: 'payment.succeeded' }>, now: number): string {
    if (this.paymentByTrade.get(c.channel, c.provider_trade_no)) return 'payment already recorded';
    let row: OrderRow | undefined = this.orders.byId.get(c.order_id);
    if (!row) {
      // Paid at the gateway, unknown here (lost with a crash or a restored backup): never drop
      // money. Recreate the order as a late payment so the owner sees it.
      this.insertUnknownOrder.run(c.order_id, terminalId, c.amount_minor, c.currency, c.paid_at_ms, c.paid_at_ms, now);
      row = this.orders.byId.get(c.order_id)!;
      this.issues.record(
        'payment_unknown_order',
        c.order_id,
        c.amount_minor,
        c.currency,
        `paid at the gateway (${c.channel} ${c.provider_trade_no}); this console had no such order`,
        now,
      );
    }
    if (row.offline_state === 'verified' || isWrittenOff(row)) return this.applyConfirmation(row, c, now);
    const alreadyPaid = row.status === 'paid' || row.status === 'partially_refunded' || row.status === 'refunded';
    const late = isLatePayment(row.status);
    const kind = alreadyPaid ? 'sale.qr.duplicate' : late ? 'sale.qr.late' : 'sale.qr';
    this.recordPayment(c, kind, ACCOUNTS.sales);
    if (alreadyPaid) return 'duplicate payment recorded';
    assert(canTransition(row.status, 'paid'), `order ${row.id} ${row.status} → paid`);
    this.orders.setPaid.run(late ? 1 : 0, c.paid_at_ms, c.channel, c.provider_trade_no, now, row.id);
    return late ? 'late payment recorded' : 'payment recorded';
  }

  /**
   * A refund's progress at the gateway. `succeeded` is when money leaves: journal Dr refunds,
   * Cr clearing, and the order becomes partially refunded or refunded. A refund this console
   * never saw (restored backup) is still journaled — money is never dropped.
   */
  private applyRefund(c: Extract<Change, { type: 'refund.updated' }>, now: number): string {
    let row = this.refunds.byId.get(c.refund_id);
    if (c.status === 'accepted') {
      // A refund marked failed here that the gateway took after all (the refusal came from
      // somewhere else, or was lost and guessed): the gateway's word wins.
      if (row && (row.status === 'requested' || row.status === 'failed')) {
        this.refunds.setStatus.run('accepted', now, row.id, row.status);
        if (row.status === 'failed') this.audit?.record('refund.reopened', null, { refund_id: row.id, to: 'accepted' });
      }
      return 'refund accepted';
    }
    if (c.status === 'failed') {
      if (row && row.status !== 'succeeded') {
        // Why, kept on the row (the feed carries no text of the provider's): said in the refund dialog and on Today.
        this.refunds.setFailed.run('provider_failed', null, now, row.id, row.status);
        this.audit?.record('refund.failed', null, { refund_id: c.refund_id, code: 'provider_failed' });
      }
      return 'refund failed';
    }
    if (row?.status === 'succeeded') return 'refund already recorded';
    const order = this.orders.byId.get(c.order_id);
    if (!row) {
      if (!order) return 'refund for an unknown order ignored';
      this.refunds.insert.run({
        id: c.refund_id,
        order_id: c.order_id,
        amount_minor: c.amount_minor,
        currency: c.currency,
        reason: '',
        status: 'accepted',
        operator_id: null,
        approver_id: 'unknown',
        created_at_ms: now,
        updated_at_ms: now,
        provider_refund_no: null,
        entry_seq: null,
      });
      row = this.refunds.byId.get(c.refund_id)!;
    }
    const entry = this.journal.append({
      kind: 'refund.qr',
      orderId: c.order_id,
      occurredAtMs: c.at_ms, // when the gateway saw it succeed
      creditTo: row.operator_id, // whoever asked for it, not whoever is at the till when it succeeds
      memo: `${c.channel} refund ${c.provider_refund_no ?? ''}`.trim(),
      postings: [
        { account: ACCOUNTS.refunds, currency: c.currency, amountMinor: c.amount_minor },
        { account: ACCOUNTS.clearing(c.channel), currency: c.currency, amountMinor: -c.amount_minor },
      ],
    });
    // From requested, accepted or failed (a refusal here that the provider's refund overtook).
    const changed = this.refunds.setSucceeded.run(c.provider_refund_no, entry.seq, now, row.id).changes;
    assert(changed === 1, `refund ${row.id} → succeeded`);
    this.audit?.record('refund.succeeded', null, {
      refund_id: row.id,
      order_id: c.order_id,
      amount_minor: c.amount_minor,
      entry_seq: entry.seq,
      ...(row.status === 'failed' ? { was_failed_here: true } : {}),
    });
    if (order) markOrderRefunded(this.orders, this.refunds, order, now);
    return 'refund recorded';
  }

  /**
   * The network's payment, once: a journal entry (Dr clearing:<channel>, Cr `from`) and the
   * `payments` row keyed by trade number that makes a second delivery a no-op.
   */
  private recordPayment(c: Extract<Change, { type: 'payment.succeeded' }>, kind: EntryKind, from: string): number {
    const entry = this.journal.append({
      kind,
      orderId: c.order_id,
      occurredAtMs: c.paid_at_ms, // a payment applied after an outage is the day it was paid
      memo: `${c.channel} ${c.provider_trade_no}`,
      postings: [
        { account: ACCOUNTS.clearing(c.channel), currency: c.currency, amountMinor: c.amount_minor },
        { account: from, currency: c.currency, amountMinor: -c.amount_minor },
      ],
    });
    this.insertPayment.run(
      c.provider_trade_no,
      c.channel,
      c.order_id,
      c.amount_minor,
      c.currency,
      c.paid_at_ms,
      entry.seq,
    );
    return entry.seq;
  }

  /**
   * The gateway's payment for a sale already verified by code: move it to the channel's clearing.
   * What moves is what this counter verified (the code binds the order's amount), so the offline
   * clearing nets to zero. A payment the gateway reports with another amount or currency is a
   * disagreement, not a crash: it is raised for the owner with both amounts, and the day's
   * reconciliation shows it as an amount mismatch against the statement.
   *
   * A sale the owner wrote off is paid after all: the same, from losses:offline (`sale.qr.recovered`),
   * audited. Its issue was closed by the owner and stays so.
   */
  private applyConfirmation(row: OrderRow, c: Extract<Change, { type: 'payment.succeeded' }>, now: number): string {
    const differs = c.amount_minor !== row.amount_minor || c.currency !== row.currency;
    const recovered = isWrittenOff(row);
    const entrySeq = this.recordPayment(
      { ...c, amount_minor: row.amount_minor, currency: row.currency },
      recovered ? 'sale.qr.recovered' : 'sale.qr.confirm',
      recovered ? ACCOUNTS.offlineLosses : ACCOUNTS.offlineClearing,
    );
    const changed = this.confirmOffline.run(c.channel, c.provider_trade_no, now, row.id).changes;
    assert(changed === 1, 'confirmation changed exactly one order');
    this.issues.resolve('offline_unconfirmed', row.id, now);
    if (recovered) {
      this.audit?.record('offline.write_off_recovered', null, {
        order_id: row.id,
        amount_minor: row.amount_minor,
        channel: c.channel,
        provider_trade_no: c.provider_trade_no,
        entry_seq: entrySeq,
      });
    }
    const what = recovered ? 'written-off sale paid after all' : 'offline sale confirmed';
    if (!differs) return what;
    this.issues.record(
      'offline_amount_mismatch',
      row.id,
      row.amount_minor,
      row.currency,
      `verified by code for ${row.amount_minor} ${row.currency}; the gateway's payment (${c.channel} ${c.provider_trade_no}) is ${c.amount_minor} ${c.currency}`,
      now,
      { amountMinor: c.amount_minor, currency: c.currency },
    );
    return `${what}, for another amount at the gateway`;
  }

  private applyClosed(c: Extract<Change, { type: 'order.closed' }>, now: number): string {
    const row = this.orders.byId.get(c.order_id);
    if (row?.offline_state === 'verified') {
      this.issues.record(
        'offline_unconfirmed',
        row.id,
        row.amount_minor,
        row.currency,
        `verified by code, but the gateway closed the order as ${c.status} without a payment`,
        now,
      );
      return 'offline sale disputed';
    }
    if (!row || row.status !== 'awaiting_payment') return 'nothing to close';
    this.orders.setStatus.run(c.status, now, row.id, 'awaiting_payment');
    return `closed as ${c.status}`;
  }
}
