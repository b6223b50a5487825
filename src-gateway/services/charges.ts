/**
 * Charging the customer's payment code (付款码) for an order, and the poller that settles
 * trades the provider has not finished: the customer still confirming (Alipay 10003), a lost
 * answer, a QR trade whose notify never came. Every trade row is written before the provider
 * is called, so a crash leaves something to query, never a payment nobody looks for.
 */
import { classifyPaymentCode, maskPaymentCode } from '../../src-shared/payment-code';
import { err, ok, type Result } from '../../src-shared/result';
import type { GatewayCore } from '../core';
import { effectiveStatus } from '../store/orders';
import type { TradeRow } from '../store/provider-trades';
import type { PayAnswer, PaymentProvider, QueryAnswer } from './provider';
import { settlePaid } from './settle';
import {
  CODE_ATTEMPTS_PER_ORDER_MAX,
  CODE_CANCEL_ATTEMPTS_MAX,
  CODE_CANCEL_INTERVAL_MS,
  CODE_CONFIRM_WINDOW_MS,
  CODE_QUERY_INTERVAL_MS,
  nextQrQueryAt,
  POLL_BATCH_MAX,
} from './trade-schedule';

/** What the terminal sees of a payment-code charge. */
export interface ChargeView {
  readonly out_trade_no: string;
  readonly state: 'paying' | 'paid' | 'failed' | 'cancelled';
  /** Why it failed or was cancelled: `timeout`, `declined`, or the provider's code. */
  readonly failure: string | null;
  readonly deadline_ms: number;
  readonly queries: number;
}

export function chargeView(t: TradeRow): ChargeView {
  const state =
    t.state === 'paid'
      ? 'paid'
      : t.state === 'paying' || t.state === 'open'
        ? 'paying'
        : t.state === 'cancelled'
          ? 'cancelled'
          : 'failed';
  return { out_trade_no: t.out_trade_no, state, failure: t.failure, deadline_ms: t.deadline_ms, queries: t.queries };
}

/** The n-th trade of an order: the order id itself first (Alipay's out_trade_no = our order id). */
export function outTradeNoFor(orderId: string, existingTrades: number): string {
  return existingTrades === 0 ? orderId : `${orderId}_${existingTrades + 1}`;
}

export class ChargeService {
  private polling = false;

  constructor(
    private readonly core: GatewayCore,
    private readonly provider: PaymentProvider,
  ) {}

  subject(orderId: string): string {
    return `${this.core.identity.merchantName} ${orderId.slice(-6)}`;
  }

  async chargeCode(terminalId: string, orderId: string, code: string): Promise<Result<ChargeView>> {
    const { db, clock, orders, trades, log } = this.core;
    const wallet = classifyPaymentCode(code);
    if (!wallet.ok) return wallet;
    if (!this.provider.acceptsWallet(wallet.value)) {
      return err('payment_code_wallet_unsupported', `${wallet.value} payment codes are not accepted by this gateway`);
    }
    const started = db
      .transaction((): Result<TradeRow> => {
        const now = clock.now();
        const order = orders.get(orderId);
        if (!order || order.terminal_id !== terminalId) return err('not_found', 'no such order');
        const status = effectiveStatus(order, now);
        if (status !== 'awaiting_payment') return err('charge_not_allowed', `the order is ${status}`);
        const existing = trades.forOrder(orderId);
        if (existing.some((t) => t.kind === 'code' && t.state === 'paying')) {
          return err('charge_not_allowed', 'a payment code for this order is still being confirmed');
        }
        if (existing.filter((t) => t.kind === 'code').length >= CODE_ATTEMPTS_PER_ORDER_MAX) {
          return err('charge_attempts_exhausted', `at most ${CODE_ATTEMPTS_PER_ORDER_MAX} payment codes per order`);
        }
        return ok(
          trades.insert({
            out_trade_no: outTradeNoFor(orderId, existing.length),
            order_id: orderId,
            channel: this.provider.channel,
            kind: 'code',
            amount_minor: order.amount_minor,
            state: 'paying',
            created_at_ms: now,
            deadline_ms: now + CODE_CONFIRM_WINDOW_MS,
            next_query_at_ms: now + CODE_QUERY_INTERVAL_MS,
          }),
        );
      })
      .immediate();
    if (!started.ok) return started;
    const trade = started.value;
    log.info(`order ${orderId}: charging ${wallet.value} code ${maskPaymentCode(code)} as ${trade.out_trade_no}`);
    const answer = await this.provider.pay({
      outTradeNo: trade.out_trade_no,
      amountMinor: trade.amount_minor,
      subject: this.subject(orderId),
      authCode: code,
    });
    return ok(chargeView(this.applyPay(trade, answer)));
  }

  private applyPay(trade: TradeRow, answer: PayAnswer): TradeRow {
    const { db, clock, trades, log } = this.core;
    let wake: string | null = null;
    const row = db
      .transaction((): TradeRow => {
        const now = clock.now();
        switch (answer.kind) {
          case 'paid': {
            const s = settlePaid(this.core, trade, answer.providerTradeNo, answer.amountMinor, now);
            if (s.kind === 'paid') wake = s.terminalId;
            break;
          }
          case 'paying':
            if (answer.providerTradeNo)
              trades.update(trade.out_trade_no, { provider_trade_no: answer.providerTradeNo }, now);
            break;
          case 'failed':
            trades.update(
              trade.out_trade_no,
              { state: 'failed', failure: answer.reason.slice(0, 100), next_query_at_ms: null },
              now,
            );
            break;
          case 'unknown':
            log.info(`trade ${trade.out_trade_no}: no clear answer (${answer.reason}); querying`);
            break;
        }
        return trades.get(trade.out_trade_no)!;
      })
      .immediate();
    if (wake) this.core.changesCommitted(wake);
    return row;
  }

  /** The latest payment-code charge of the terminal's order, or null. */
  status(terminalId: string, orderId: string): ChargeView | null {
    const order = this.core.orders.get(orderId);
    if (!order || order.terminal_id !== terminalId) return null;
    const codes = this.core.trades.forOrder(orderId).filter((t) => t.kind === 'code');
    const last = codes.at(-1);
    return last ? chargeView(last) : null;
  }

  /** The cashier stops waiting: the next poll step cancels (after its last query). */
  stop(terminalId: string, orderId: string): ChargeView | null {
    const { db, clock, trades } = this.core;
    return db
      .transaction((): ChargeView | null => {
        const now = clock.now();
        const view = this.status(terminalId, orderId);
        if (!view || view.state !== 'paying') return view;
        const t = trades.update(view.out_trade_no, { next_query_at_ms: now }, now);
        db.prepare('UPDATE provider_trades SET deadline_ms = ? WHERE out_trade_no = ?').run(now, t.out_trade_no);
        return chargeView(trades.get(t.out_trade_no)!);
      })
      .immediate();
  }

  /**
   * The order was cancelled at the counter: every trade still open at the provider (a code the
   * customer is confirming, a QR trade a customer may be paying) is cancelled by the next poll
   * step, after a last query. A payment that wins the race is recorded and logged for refund.
   */
  cancelOpenTrades(terminalId: string, orderId: string): number {
    const { db, clock, orders, trades } = this.core;
    return db
      .transaction((): number => {
        const now = clock.now();
        const order = orders.get(orderId);
        if (!order || order.terminal_id !== terminalId) return 0;
        const open = trades
          .forOrder(orderId)
          .filter((t) => t.channel === this.provider.channel && (t.state === 'paying' || t.state === 'open'));
        for (const t of open) {
          trades.update(t.out_trade_no, { next_query_at_ms: now }, now);
          db.prepare('UPDATE provider_trades SET deadline_ms = ? WHERE out_trade_no = ?').run(now, t.out_trade_no);
        }
        return open.length;
      })
      .immediate();
  }

  /** One poll step over due trades of this provider; not re-entered while a step runs. */
  async pollDue(): Promise<number> {
    if (this.polling) return 0;
    this.polling = true;
    try {
      const due = this.core.trades.due(this.provider.channel, this.core.clock.now(), POLL_BATCH_MAX);
      for (const t of due) await this.pollOne(t);
      return due.length;
    } finally {
      this.polling = false;
    }
  }

  private async pollOne(t: TradeRow): Promise<void> {
    const now = this.core.clock.now();
    const cancellable = (t.kind === 'code' && t.state === 'paying') || (t.kind === 'qr' && t.state === 'open');
    if (cancellable && now >= t.deadline_ms) {
      // The last query right before cancelling: a confirmation in the final seconds still counts.
      if (t.cancel_attempts === 0) {
        const last = await this.provider.query(t.out_trade_no);
        if (last.kind === 'paid' || last.kind === 'closed') return this.applyQuery(t, last);
      }
      return this.cancelOne(t);
    }
    const answer = await this.provider.query(t.out_trade_no);
    this.applyQuery(t, answer);
  }

  applyQuery(t: TradeRow, answer: QueryAnswer): void {
    const { db, clock, trades } = this.core;
    let wake: string | null = null;
    db.transaction(() => {
      const now = clock.now();
      const current = trades.get(t.out_trade_no)!;
      if (current.state === 'paid' || current.next_query_at_ms === null) return;
      const queries = current.queries + 1;
      if (answer.kind === 'paid') {
        const s = settlePaid(this.core, current, answer.providerTradeNo, answer.amountMinor, now);
        if (s.kind === 'paid') wake = s.terminalId;
        if (s.kind === 'amount_mismatch')
          trades.update(
            current.out_trade_no,
            { state: 'failed', failure: 'amount_mismatch', next_query_at_ms: null, queries },
            now,
          );
        return;
      }
      if (answer.kind === 'closed') {
        trades.update(
          current.out_trade_no,
          { state: current.kind === 'code' ? 'failed' : 'closed', failure: 'closed', next_query_at_ms: null, queries },
          now,
        );
        return;
      }
      const next =
        current.kind === 'code'
          ? Math.min(now + CODE_QUERY_INTERVAL_MS, Math.max(current.deadline_ms, now))
          : nextQrQueryAt(current.created_at_ms, now);
      trades.update(current.out_trade_no, { next_query_at_ms: next, queries }, now);
    }).immediate();
    if (wake) this.core.changesCommitted(wake);
  }

  private async cancelOne(t: TradeRow): Promise<void> {
    const answer = await this.provider.cancel(t.out_trade_no);
    const { db, clock, trades, log } = this.core;
    db.transaction(() => {
      const now = clock.now();
      const current = trades.get(t.out_trade_no)!;
      if (current.state !== 'paying' && current.state !== 'open') return;
      const attempts = current.cancel_attempts + 1;
      if (answer.kind === 'done') {
        trades.update(
          current.out_trade_no,
          { state: 'cancelled', failure: 'timeout', next_query_at_ms: null, cancel_attempts: attempts },
          now,
        );
        log.info(`trade ${current.out_trade_no}: the customer did not confirm in time; cancelled`);
      } else if (attempts >= CODE_CANCEL_ATTEMPTS_MAX) {
        trades.update(
          current.out_trade_no,
          { state: 'failed', failure: 'cancel_failed', next_query_at_ms: null, cancel_attempts: attempts },
          now,
        );
        log.error(
          `trade ${current.out_trade_no}: cancel failed ${attempts} times (${answer.reason}); check it by hand`,
        );
      } else {
        trades.update(
          current.out_trade_no,
          { next_query_at_ms: now + CODE_CANCEL_INTERVAL_MS, cancel_attempts: attempts },
          now,
        );
      }
    }).immediate();
  }
}
