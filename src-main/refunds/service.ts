/**
 * Refunds of paid orders. Each needs an owner's PIN and a reason; the request id is made on the
 * device and reused on retry, so a double click, a retry after a timeout or two concurrent
 * submits refund once (the row's primary key here, and the gateway's, are that id). The sum of
 * refunds that are not `failed` never exceeds the amount paid (checked in the write
 * transaction). Money moves in the journal only when the gateway reports `succeeded`.
 */
import { REFUND_FAILURE_CODES } from '../../src-shared/audit-events';
import type { RefundView } from '../../src-shared/api';
import { formatPlain, parseAmount, type Currency } from '../../src-shared/money';
import { PROTOCOL_AMOUNT_MINOR_MAX } from '../../src-shared/protocol/gateway';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { AuditLog } from '../audit/audit-log';
import { writeTx, type Db } from '../db/connection';
import type { EventBus } from '../orders/events';
import type { OrderRepo } from '../orders/repo';
import type { OperatorService } from '../operators/service';
import type { SyncService } from '../sync/sync-service';
import { FAILURE_MESSAGE_LENGTH_MAX, RefundRepo, toRefundView, type NewRefundRow, type RefundRow } from './repo';
import { checkNewRefund, paidOf } from './rules';

export interface RefundInput {
  readonly requestId: string;
  readonly orderId: string;
  readonly amount: string;
  readonly reason: string;
  readonly approverId: string;
  readonly approverPin: string;
}

/** Gateway answers that mean "this refund will never happen": the row is marked failed. */
// The audit log's refusal codes (audited as refund.failed, labelled on the Audit screen), but the
// provider's own failure, which comes through the change feed.
const DEFINITE_REFUSALS: ReadonlySet<string> = new Set(REFUND_FAILURE_CODES.filter((c) => c !== 'provider_failed'));
/** Requested refunds re-sent per pass when the gateway is back. */
const RESEND_BATCH_MAX = 50;
/** A refund still `requested` this long after it was made (or last moved) is sent again… */
const RESEND_AFTER_MS = 15_000;
/** …by the maintenance tick, at most this often. */
const RESEND_EVERY_MS = 30_000;

export interface RefundDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly orders: OrderRepo;
  readonly operators: OperatorService;
  readonly audit: AuditLog;
  readonly sync: SyncService;
  readonly events: EventBus;
  readonly currentOperatorId: () => string | null;
}

export class RefundService {
  readonly repo: RefundRepo;
  private resending: Promise<void> | null = null;
  private resentAtMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly d: RefundDeps) {
    this.repo = new RefundRepo(d.db);
  }

  view(row: RefundRow): RefundView {
    const order = this.d.orders.byId.get(row.order_id);
    const reserved = this.repo.reservedFor.get(row.order_id)?.total ?? 0;
    return toRefundView(row, Math.max(0, (order ? paidOf(this.repo, order) : 0) - reserved));
  }

  /** What is left to refund on an order, as plain decimal text (an error's `refundable`). */
  private refundableText(orderId: string): string {
    const order = this.d.orders.byId.get(orderId);
    const reserved = this.repo.reservedFor.get(orderId)?.total ?? 0;
    return formatPlain(
      Math.max(0, (order ? paidOf(this.repo, order) : 0) - reserved),
      (order?.currency ?? 'CNY') as Currency,
    );
  }

  forOrder(orderId: string): readonly RefundView[] {
    return this.repo.forOrder.all(orderId).map((r) => this.view(r));
  }

  async create(input: RefundInput): Promise<Result<RefundView>> {
    const approval = await this.d.operators.checkPin(input.approverId, input.approverPin, 'owner');
    if (!approval.ok) return approval;
    const saved = writeTx(this.d.db, () => this.save(input));
    if (!saved.ok) return saved;
    if (saved.value.status !== 'requested') return ok(this.view(saved.value));
    return this.forward(saved.value);
  }

  /** Re-sends refunds the gateway has not confirmed (called when the gateway is reachable again). */
  async resendRequested(sentBeforeMs = Number.POSITIVE_INFINITY): Promise<void> {
    if (this.resending) return this.resending;
    this.resending = this.resendPass(sentBeforeMs).finally(() => {
      this.resending = null;
      this.resentAtMs = this.d.clock.now();
    });
    return this.resending;
  }

  /**
   * From the console's maintenance tick: refunds still `requested` a while after they were made
   * are sent again, at most every RESEND_EVERY_MS. A refund whose answer was lost, or was not the
   * gateway's (an unsigned refusal), while the change stream stayed up, waited for the next
   * reconnect; meanwhile its amount stayed reserved and nothing said why.
   */
  resendDue(): void {
    const now = this.d.clock.now();
    if (this.resending || now - this.resentAtMs < RESEND_EVERY_MS) return;
    this.resentAtMs = now;
    const stale = this.d.db
      .prepare<[number], { n: number }>(
        "SELECT COUNT(*) AS n FROM refunds WHERE status = 'requested' AND method = 'wallet' AND updated_at_ms <= ?",
      )
      .get(now - RESEND_AFTER_MS)!.n;
    if (stale > 0) {
      void this.resendRequested(now - RESEND_AFTER_MS).catch((e: unknown) => console.error('refund resend failed', e));
    }
  }

  /** `sentBeforeMs`: only refunds made (or last moved) before then: not one whose first request is on its way. */
  private async resendPass(sentBeforeMs: number): Promise<void> {
    const rows = this.d.db
      .prepare<[number, number], RefundRow>(
        "SELECT * FROM refunds WHERE status = 'requested' AND method = 'wallet' AND updated_at_ms <= ? ORDER BY created_at_ms LIMIT ?",
      )
      .all(Math.min(sentBeforeMs, Number.MAX_SAFE_INTEGER), RESEND_BATCH_MAX);
    for (const row of rows) {
      if (!this.d.db.open) return;
      const r = await this.forward(row);
      if (!r.ok && r.error.code === 'gateway_unreachable') return;
    }
  }

  private save(input: RefundInput): Result<RefundRow> {
    const existing = this.repo.byId.get(input.requestId);
    const order = this.d.orders.byId.get(input.orderId);
    if (!order) return err('order_not_found', `no order ${input.orderId}`);
    const amount = parseAmount(input.amount, order.currency, PROTOCOL_AMOUNT_MINOR_MAX);
    if (!amount.ok) return amount;
    if (existing) {
      // A retry of the same request: the stored refund, never a second one.
      if (
        existing.method !== 'wallet' ||
        existing.order_id !== input.orderId ||
        existing.amount_minor !== amount.value
      ) {
        return err('refund_conflict', 'this refund request id was used with other details');
      }
      return ok(existing);
    }
    const allowed = checkNewRefund(this.repo, order, amount.value);
    if (!allowed.ok) return allowed;
    const now = this.d.clock.now();
    const row: NewRefundRow = {
      id: input.requestId,
      order_id: order.id,
      amount_minor: amount.value,
      currency: order.currency,
      reason: input.reason.trim(),
      status: 'requested',
      operator_id: this.d.currentOperatorId(),
      approver_id: input.approverId,
      created_at_ms: now,
      updated_at_ms: now,
      provider_refund_no: null,
      entry_seq: null,
    };
    this.repo.insert.run(row);
    this.d.audit.record('refund.requested', row.operator_id, {
      refund_id: row.id,
      order_id: row.order_id,
      amount_minor: row.amount_minor,
      approver_id: row.approver_id,
      reason: row.reason,
    });
    return ok(this.repo.byId.get(row.id)!);
  }

  private async forward(row: RefundRow): Promise<Result<RefundView>> {
    const r = await this.d.sync.forwardRefund(row.order_id, {
      refund_id: row.id,
      amount_minor: row.amount_minor,
      currency: row.currency,
      reason: row.reason,
    });
    if (!this.d.db.open) return err('gateway_unreachable', 'the console closed while the gateway was asked');
    const now = this.d.clock.now();
    if (r.ok) {
      this.repo.setStatus.run('accepted', now, row.id, 'requested');
    } else if (DEFINITE_REFUSALS.has(r.error.code)) {
      // Why, kept on the row: the refund dialog and Today say it (the audit log has it too).
      const message = r.error.message.slice(0, FAILURE_MESSAGE_LENGTH_MAX);
      writeTx(this.d.db, () => {
        if (this.repo.setFailed.run(r.error.code, message, now, row.id, 'requested').changes === 1) {
          this.d.audit.record('refund.failed', null, { refund_id: row.id, code: r.error.code });
        }
      });
    }
    const fresh = this.repo.byId.get(row.id)!;
    const view = this.view(fresh);
    this.d.events.emit('refund.updated', view);
    // Unreachable: the refund is saved as requested and re-sent when the gateway is back.
    if (!r.ok && fresh.status === 'failed') {
      // The gateway's word on what is left is its own; said in the same terms as ours.
      const params: Record<string, string | number> = { ...r.error.params };
      if (r.error.code === 'refund_exceeds_paid') params.refundable = this.refundableText(row.order_id);
      return err(r.error.code, r.error.message, params);
    }
    return ok(view);
  }
}
