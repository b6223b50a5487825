import type { OrderView, TodayView } from '../../src-shared/api';
import { assert } from '../../src-shared/errors';
import { parseAmount } from '../../src-shared/money';
import { ORDER_NOTE_LENGTH_MAX } from '../../src-shared/protocol/gateway';
import { err, ok, type Result } from '../../src-shared/result';
import { businessDate, HOUR_MS, parseDate, type Clock } from '../../src-shared/time';
import { readCrockford, ULID_RE, type IdSource } from '../../src-shared/ulid';
import { writeTx, type Db } from '../db/connection';
import type { SettingsStore } from '../settings/settings';
import type { TerminalStore } from '../sync/terminal-store';
import type { EventBus } from './events';
import { OrderRepo, type OrderRow } from './repo';
import { canTransition } from './state';
import { toOrderView } from './views';

/** Orders expired per sweep; the rest wait for the next tick (a sweep never blocks the counter long). */
export const EXPIRY_SWEEP_BATCH_MAX = 200;
/** The Today list shows at most this many orders (newest first); totals cover the whole day. */
export const TODAY_ORDERS_MAX = 2_000;
/** A business day is at most 24 h + cutoff + DST; look back this far and filter exactly. */
const TODAY_LOOKBACK_MS = 50 * HOUR_MS;
export const ORDER_FIND_MAX = 20;
/** The last 8 characters of an order number: Crockford base32. */
const ORDER_TAIL_RE = /^[0-9A-HJKMNP-TV-Z]{8}$/;
const TODAY_SCAN_MAX = 100_000;

export interface CreateOrderInput {
  readonly amount: string;
  readonly note?: string | undefined;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** Cleans a cashier's note: control characters out, whitespace collapsed. */
export function cleanNote(note: string | undefined): Result<string> {
  const cleaned = (note ?? '').replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  if ([...cleaned].length > ORDER_NOTE_LENGTH_MAX) {
    return err('note_too_long', `note is longer than ${ORDER_NOTE_LENGTH_MAX} characters`, {
      max: ORDER_NOTE_LENGTH_MAX,
    });
  }
  return ok(cleaned);
}

export class OrderService {
  readonly repo: OrderRepo;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly settings: SettingsStore,
    private readonly terminal: TerminalStore,
    private readonly events: EventBus,
    /** The logged-in operator (operators/session.ts); recorded on every order. */
    private readonly currentOperatorId: () => string | null = () => null,
  ) {
    this.repo = new OrderRepo(db);
  }

  view(row: OrderRow): OrderView {
    return toOrderView(row, this.terminal.get(), this.settings.get());
  }

  /**
   * Orders by what a customer or a receipt shows: the whole order number (26 characters, as the
   * wallet shows it), its last 8 (as the console's screens and receipts show it), or a payment's
   * trade number (the wallet shows that too). Every form is one index lookup. Newest first, at
   * most `ORDER_FIND_MAX`. Order numbers are read upper-cased, Crockford's look-alikes
   * (I, L → 1; O → 0) as the digit they resemble.
   */
  find(query: string): readonly OrderView[] {
    const text = query.trim();
    const asId = readCrockford(text);
    const rows = new Map<string, OrderRow>();
    if (ULID_RE.test(asId)) {
      const r = this.repo.byId.get(asId);
      if (r) rows.set(r.id, r);
    } else if (ORDER_TAIL_RE.test(asId)) {
      for (const r of this.repo.byTail.all(asId, ORDER_FIND_MAX)) rows.set(r.id, r);
    }
    for (const r of this.repo.byTradeNo.all(text, text.toUpperCase(), ORDER_FIND_MAX)) rows.set(r.id, r);
    return [...rows.values()]
      .sort((a, b) => b.created_at_ms - a.created_at_ms)
      .slice(0, ORDER_FIND_MAX)
      .map((r) => this.view(r));
  }

  /** Saves the order before anything is sent; the signed QR needs no network. */
  create(input: CreateOrderInput): Result<OrderView> {
    const pairing = this.terminal.get();
    if (!pairing) return err('not_paired', 'this counter is not paired with a gateway');
    const s = this.settings.get();
    const amount = parseAmount(input.amount, pairing.currency, s.orderAmountMaxMinor);
    if (!amount.ok) return amount;
    const note = cleanNote(input.note);
    if (!note.ok) return note;
    const now = this.clock.now();
    const row: OrderRow = {
      id: this.ids(),
      terminal_id: pairing.terminalId,
      amount_minor: amount.value,
      currency: pairing.currency,
      note: note.value,
      status: 'awaiting_payment',
      late: 0,
      created_at_ms: now,
      expires_at_ms: now + s.orderTtlMs,
      paid_at_ms: null,
      channel: null,
      provider_trade_no: null,
      registered: 0,
      updated_at_ms: now,
      operator_id: this.currentOperatorId(),
    };
    writeTx(this.db, () => this.repo.insert.run(row));
    const view = this.view(row);
    this.events.emit('order.updated', view);
    return ok(view);
  }

  /**
   * The order a customer may still be paying: the newest awaiting payment and not expired. The
   * checkout shows it again after the till was locked or the window reloaded, so a sale under
   * way is neither lost from the screen nor rung up twice.
   */
  open(): OrderView | null {
    const row = this.repo.newestPayable.get(this.clock.now());
    return row ? this.view(row) : null;
  }

  get(id: string): Result<OrderView> {
    const row = this.repo.byId.get(id);
    return row ? ok(this.view(row)) : err('order_not_found', `no order ${id}`);
  }

  /**
   * Cancel (void) an unpaid order. The cancel is owed to the gateway in the same transaction;
   * the sync service tells it when reachable (now, or when the network returns).
   */
  cancel(id: string): Result<OrderView> {
    const result = writeTx(this.db, (): Result<OrderRow> => {
      const row = this.repo.byId.get(id);
      if (!row) return err('order_not_found', `no order ${id}`);
      if (!canTransition(row.status, 'cancelled')) {
        return err('order_transition_refused', `a ${row.status} order cannot be cancelled`, { status: row.status });
      }
      const changed = this.repo.setCancelled.run(this.clock.now(), id, row.status).changes;
      assert(changed === 1, 'cancel changed exactly one order');
      return ok(this.repo.byId.get(id)!);
    });
    if (!result.ok) return result;
    const view = this.view(result.value);
    this.events.emit('order.updated', view);
    return ok(view);
  }

  /** Marks awaiting orders past their expiry as expired. Returns how many. */
  expireDue(): number {
    const now = this.clock.now();
    const expired = writeTx(this.db, () => {
      const due = this.repo.dueForExpiry.all(now, EXPIRY_SWEEP_BATCH_MAX);
      for (const row of due) this.repo.setStatus.run('expired', now, row.id, 'awaiting_payment');
      return due.map((r) => this.repo.byId.get(r.id)!);
    });
    for (const row of expired) this.events.emit('order.updated', this.view(row));
    return expired.length;
  }

  /**
   * Orders refunded past what they were paid: the day's own, and any order, paid on any day,
   * whose refund succeeded this business day (a refund of last week's sale done twice shows on
   * the day it happened).
   */
  private overRefunds(paidIds: readonly string[], midnightUtc: number, day: string): TodayView['overRefunds'] {
    const s = this.settings.get();
    const refundedToday = this.repo.refundedBetween
      .all(midnightUtc - 26 * HOUR_MS, midnightUtc + 50 * HOUR_MS, TODAY_SCAN_MAX)
      .filter((r) => businessDate(r.at, s.timeZone, s.businessDayCutoffHour) === day)
      .map((r) => r.order_id);
    const ids = JSON.stringify([...new Set([...paidIds, ...refundedToday])]);
    return this.repo.overRefundedOf.all(ids).map((r) => ({ orderId: r.order_id, minor: r.over }));
  }

  /**
   * A business day's orders (today's when no date is given) and QR totals; the handler adds the
   * cash sales (settlement's rollup). Any date: a customer returns with yesterday's purchase.
   */
  today(date?: string): Omit<TodayView, 'cashSaleCount' | 'cashSalesMinor'> {
    const now = this.clock.now();
    const s = this.settings.get();
    const today = date ?? businessDate(now, s.timeZone, s.businessDayCutoffHour);
    const midnightUtc = parseDate(today);
    assert(midnightUtc !== null, `business date ${today}`);
    // Every zone (UTC−12…+14) and cutoff (≤ 12 h) puts the day inside this window; the filter
    // below keeps exactly the day's orders.
    const candidates = date
      ? this.repo.createdBetween.all(midnightUtc - 26 * HOUR_MS, midnightUtc + 50 * HOUR_MS, TODAY_SCAN_MAX)
      : this.repo.createdSince.all(now - TODAY_LOOKBACK_MS, TODAY_SCAN_MAX);
    const rows = candidates.filter((r) => businessDate(r.created_at_ms, s.timeZone, s.businessDayCutoffHour) === today);
    const paid = rows.filter(
      (r) => r.status === 'paid' || r.status === 'partially_refunded' || r.status === 'refunded',
    );
    const currency = this.terminal.get()?.currency ?? 'CNY';
    const paidIds = JSON.stringify(paid.map((r) => r.id));
    const refunds = this.repo.refundsOf.all(paidIds);
    const sum = (f: (r: (typeof refunds)[number]) => number) => refunds.reduce((n, r) => n + f(r), 0);
    // A second payment of one order is money in too (the reports count it): in the total, and
    // the order marked, so the counter sees it and gives it back.
    const extra = this.repo.extraPaymentsOf.all(paidIds);
    const failed = this.repo.lastRefundFailed.all(paidIds);
    return {
      businessDate: today,
      orders: rows.slice(0, TODAY_ORDERS_MAX).map((r) => this.view(r)),
      paidCount: paid.length,
      paidTotalMinor: paid.reduce((sum, r) => sum + r.amount_minor, 0) + extra.reduce((n, e) => n + e.minor, 0),
      extraPayments: extra.map((e) => ({ orderId: e.order_id, count: e.n, minor: e.minor })),
      refundedMinor: sum((r) => r.refunded),
      refundsPending: sum((r) => r.pending),
      refundsPendingMinor: sum((r) => r.pending_minor),
      refundPendingOrderIds: refunds.filter((r) => r.pending > 0).map((r) => r.order_id),
      refundFailures: failed.map((r) => ({ orderId: r.order_id, code: r.failure_code })),
      overRefunds: this.overRefunds(
        paid.map((r) => r.id),
        midnightUtc,
        today,
      ),
      currency,
    };
  }
}
