/**
 * A refund of an order paid in cash from the open shift's drawer, instead of through the
 * wallet: for when the gateway refused the wallet refund for good (the order is unknown there,
 * too old, the provider said no), or the customer simply wants cash. Any paid order with
 * something left to refund.
 *
 * The same owner PIN and reason as a wallet refund, and the same bound: the sum of the order's
 * refunds that are not `failed`, wallet and cash alike, never exceeds what was paid (checked in
 * the write transaction that saves it). Also bounded by the drawer, with the Shift screen's cash
 * refund rules and errors (`CashService.refundForOrder`). Idempotent by the device-made request
 * id. One transaction books `cash.refund` (Dr refunds, Cr cash:drawer, with the order's id),
 * saves the refund row as `method = 'cash'` and `succeeded`, audits `cash.refunded` with the
 * order, and moves the order to partially refunded or refunded. Never sent to the gateway: the
 * resend loop takes only `requested` wallet refunds, and the journal push carries the entry.
 */
import type { RefundView, ShiftReportView } from '../../src-shared/api';
import { parseAmount, type Currency } from '../../src-shared/money';
import { PROTOCOL_AMOUNT_MINOR_MAX } from '../../src-shared/protocol/gateway';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { AuditLog } from '../audit/audit-log';
import { writeTx, type Db } from '../db/connection';
import type { EventBus } from '../orders/events';
import type { OrderRepo } from '../orders/repo';
import type { OrderService } from '../orders/service';
import type { OperatorService } from '../operators/service';
import type { CashService } from '../settlement/cash';
import type { RefundRepo, RefundRow } from './repo';
import { checkNewRefund, markOrderRefunded } from './rules';
import type { RefundInput, RefundService } from './service';

export interface CashRefundDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** Its orders (and, after the commit, `order.updated` with the order's new status). */
  readonly orders: OrderService;
  /** The refunds table, and the view of a refund the window sees (with what is left to refund). */
  readonly refunds: RefundService;
  readonly operators: OperatorService;
  readonly audit: AuditLog;
  readonly cash: CashService;
  readonly events: EventBus;
  readonly currentOperatorId: () => string | null;
  /** The drawer's currency (the terminal's). */
  readonly currency: () => Currency;
}

export class CashRefunds {
  private readonly orders: OrderRepo;
  private readonly refunds: RefundRepo;

  constructor(private readonly d: CashRefundDeps) {
    this.orders = d.orders.repo;
    this.refunds = d.refunds.repo;
  }

  async create(input: RefundInput): Promise<Result<RefundView>> {
    // A wrong PIN counts towards the owner's lockout, as for a wallet refund.
    const approval = await this.d.operators.checkPin(input.approverId, input.approverPin, 'owner');
    if (!approval.ok) return approval;
    const saved = writeTx(this.d.db, () => this.save(input));
    if (!saved.ok) return saved;
    // Committed: now the window hears of it.
    const view = this.d.refunds.view(saved.value.row);
    this.d.events.emit('refund.updated', view);
    const order = saved.value.isNew ? this.d.orders.get(view.orderId) : null;
    if (order?.ok) this.d.events.emit('order.updated', order.value);
    return ok(view);
  }

  /**
   * Cash handed back for a return with no order (Shift → 现金退款): the same owner PIN, out of
   * the open shift's drawer, audited `cash.refunded` without an order.
   */
  async withoutOrder(input: {
    readonly amount: string;
    readonly reason: string;
    readonly approverId: string;
    readonly approverPin: string;
  }): Promise<Result<ShiftReportView>> {
    const approval = await this.d.operators.checkPin(input.approverId, input.approverPin, 'owner');
    if (!approval.ok) return approval;
    return this.d.cash.refund(input.amount, input.reason, (amountMinor, reason) =>
      this.d.audit.record('cash.refunded', this.d.currentOperatorId(), {
        amount_minor: amountMinor,
        reason,
        approver_id: input.approverId,
      }),
    );
  }

  private save(input: RefundInput): Result<{ row: RefundRow; isNew: boolean }> {
    const existing = this.refunds.byId.get(input.requestId);
    const order = this.orders.byId.get(input.orderId);
    if (!order) return err('order_not_found', `no order ${input.orderId}`);
    const amount = parseAmount(input.amount, order.currency, PROTOCOL_AMOUNT_MINOR_MAX);
    if (!amount.ok) return amount;
    if (existing) {
      // A retry of the same request: the stored refund, never a second one.
      if (existing.method !== 'cash' || existing.order_id !== input.orderId || existing.amount_minor !== amount.value) {
        return err('refund_conflict', 'this refund request id was used with other details');
      }
      return ok({ row: existing, isNew: false });
    }
    const allowed = checkNewRefund(this.refunds, order, amount.value);
    if (!allowed.ok) return allowed;
    // The gateway refused the latest wallet refund as more than is left: it holds refunds of this
    // order that this till lacks (a ledger restored from an older copy). Cash now could refund
    // twice; the owner checks the gateway's statement first.
    const last = this.refunds.forOrder.all(order.id).at(-1);
    if (last?.method === 'wallet' && last.status === 'failed' && last.failure_code === 'refund_exceeds_paid') {
      return err('refund_gateway_refunded', `the gateway holds refunds of ${order.id} this till lacks`);
    }
    // The drawer holds the terminal's currency; money in one never leaves in another.
    if (order.currency !== this.d.currency()) {
      return err('currency_unsupported', `the drawer holds ${this.d.currency()}, the order is in ${order.currency}`);
    }
    const operatorId = this.d.currentOperatorId();
    const paid = this.d.cash.refundForOrder(order.id, input.amount, input.reason, (amountMinor, reason) =>
      this.d.audit.record('cash.refunded', operatorId, {
        amount_minor: amountMinor,
        reason,
        approver_id: input.approverId,
        order_id: order.id,
        refund_id: input.requestId,
      }),
    );
    if (!paid.ok) return paid;
    const now = this.d.clock.now();
    this.refunds.insertCash.run({
      id: input.requestId,
      order_id: order.id,
      amount_minor: amount.value,
      currency: order.currency,
      reason: input.reason.trim(),
      status: 'succeeded',
      operator_id: operatorId,
      approver_id: input.approverId,
      created_at_ms: now,
      updated_at_ms: now,
      provider_refund_no: null,
      entry_seq: paid.value.entrySeq,
    });
    markOrderRefunded(this.orders, this.refunds, order, now);
    return ok({ row: this.refunds.byId.get(input.requestId)!, isNew: true });
  }
}
