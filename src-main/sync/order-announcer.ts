/**
 * Tells the gateway about this counter's orders: registers new ones (made here, with their ids)
 * and cancels voided ones, including those voided while the network was down. Part of
 * SyncService, which runs one pass at a time; kept apart because it has its own rules.
 */
import type { RegisterOrderRequest } from '../../src-shared/protocol/gateway';
import type { Clock } from '../../src-shared/time';
import type { EventBus } from '../orders/events';
import type { OrderRow } from '../orders/repo';
import type { OrderService } from '../orders/service';
import type { GatewayClient } from './gateway-client';

/** Orders registered (and cancels told) per pass; the rest follow in the next pass. */
export const REGISTER_BATCH_MAX = 50;
/** Gateway answers that refuse an order for good (it is not retried until restart). */
const REGISTRATION_REFUSALS = new Set(['order_conflict', 'invalid_argument', 'currency_unsupported']);
/** Gateway answers to a cancel after which the cancel is not owed any more. */
const CANCEL_FINAL = new Set(['not_found', 'order_not_found', ...REGISTRATION_REFUSALS]);

export interface OrderAnnouncerDeps {
  readonly clock: Clock;
  readonly orders: OrderService;
  readonly events: EventBus;
  /** The current gateway connection; another one (or none) after a re-pair or stop. */
  readonly gateway: () => GatewayClient | null;
  readonly emitStatus: () => void;
}

export class OrderAnnouncer {
  private readonly refused = new Set<string>();

  constructor(private readonly d: OrderAnnouncerDeps) {}

  /** Registrations, then cancels. A network failure ends the pass; the next one continues. */
  async pass(): Promise<void> {
    const gw = this.d.gateway();
    if (!gw) return;
    if (await this.register(gw)) await this.cancel(gw);
  }

  /** False when the pass must end (the gateway unreachable, or the connection changed). */
  private async register(gw: GatewayClient): Promise<boolean> {
    const repo = this.d.orders.repo;
    const pending = repo.unregistered
      .all(REGISTER_BATCH_MAX + this.refused.size)
      .filter((r) => !this.refused.has(r.id))
      .slice(0, REGISTER_BATCH_MAX);
    let going = true;
    for (const row of pending) {
      const r = await gw.registerOrder(registerRequest(row));
      if (this.d.gateway() !== gw) return false; // stopped (or re-paired) while waiting: the database may be closed
      if (r.ok) {
        repo.setRegistered.run(row.id);
        const view = this.d.orders.get(row.id);
        if (view.ok) this.d.events.emit('order.updated', view.value);
        continue;
      }
      // Only a refusal of the order itself is final; anything else (network, clock, nonce, rate) is retried.
      if (!REGISTRATION_REFUSALS.has(r.error.code)) {
        going = false; // retried on reconnect
        break;
      }
      console.warn(`sync: gateway refused order ${row.id}: ${r.error.code}`);
      this.refused.add(row.id);
    }
    if (pending.length > 0) this.d.emitStatus();
    return going;
  }

  /**
   * Orders cancelled here that the gateway has not been told of (the network was down, or the
   * order was made offline and never registered): their QR would still pay there, where the
   * customer's phone reaches. Each is registered first if the gateway never heard of it (so a
   * scan cannot create it), then cancelled. A cancel made moot by the order's expiry is dropped
   * (the gateway closes the order by itself); a network failure leaves the rest for the next pass.
   */
  private async cancel(gw: GatewayClient): Promise<void> {
    const repo = this.d.orders.repo;
    repo.dropMootCancels.run(this.d.clock.now());
    for (const row of repo.cancelsOwed.all(REGISTER_BATCH_MAX)) {
      if (!row.registered) {
        const reg = await gw.registerOrder(registerRequest(row));
        if (this.d.gateway() !== gw) return;
        if (!reg.ok && !REGISTRATION_REFUSALS.has(reg.error.code)) return;
        if (reg.ok) repo.setRegistered.run(row.id);
      }
      const r = await gw.cancelOrder(row.id);
      if (this.d.gateway() !== gw) return;
      // Told: cancelled, or already paid (the change feed brings the payment: a late sale) or
      // closed. Unknown there, or refused for good: nothing more this counter can do.
      if (!r.ok && !CANCEL_FINAL.has(r.error.code)) return;
      if (!r.ok) console.warn(`sync: gateway could not cancel order ${row.id}: ${r.error.code}`);
      repo.cancelTold.run(row.id);
    }
  }
}

function registerRequest(row: OrderRow): RegisterOrderRequest {
  return {
    order_id: row.id,
    amount_minor: row.amount_minor,
    currency: row.currency,
    created_at_ms: row.created_at_ms,
    expires_at_ms: row.expires_at_ms,
    note: row.note,
  };
}
