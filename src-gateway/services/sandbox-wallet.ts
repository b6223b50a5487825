/**
 * The sandbox provider: what happens when a customer scans a QR, then pays or declines on the
 * built-in wallet page. A real provider plug-in (Alipay) would replace the wallet page with a
 * hand-off; the state changes here stay the same.
 */
import { isCurrency, type Currency } from '../../src-shared/money';
import type { ParsedQr } from '../../src-shared/protocol/qr-url';
import { confirmationCode, verifyQrSignature } from '../auth/qr-signature';
import { randomBase64url, randomCrockford } from '../crypto';
import type { GatewayCore } from '../core';
import { ORDER_LIFETIME_MAX_MS, PROVIDER_SESSION_TTL_MS, SESSIONS_PER_ORDER_MAX } from '../limits';
import { effectiveStatus, type OrderRow } from '../store/orders';

/** Session ids are capabilities: 128 random bits. */
const SESSION_ID_BYTES = 16;
export const SESSION_ID_RE = /^[A-Za-z0-9_-]{22}$/;

export interface OrderFacts {
  readonly orderId: string;
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly confirmationCode: string;
}

export type WalletOutcome =
  | { readonly kind: 'wallet'; readonly order: OrderFacts; readonly sessionId: string }
  | { readonly kind: 'paid' | 'already_paid'; readonly order: OrderFacts }
  | { readonly kind: 'closed' | 'expired' | 'declined' | 'invalid' | 'busy' };

const INVALID: WalletOutcome = { kind: 'invalid' };

export class SandboxWallet {
  constructor(private readonly core: GatewayCore) {}

  private facts(row: OrderRow, secret: Buffer): OrderFacts {
    if (!isCurrency(row.currency)) throw new Error('assertion failed: stored currency');
    return {
      orderId: row.order_id,
      amountMinor: row.amount_minor,
      currency: row.currency,
      confirmationCode: confirmationCode(secret, row.order_id, row.amount_minor),
    };
  }

  /** A scan: verify the terminal's signature, create the order if unknown, open a wallet session. */
  scan(qr: ParsedQr): WalletOutcome {
    const { db, clock, terminals, orders, sessions, identity, randomBytes } = this.core;
    const secret = terminals.activeSecret(qr.terminalId);
    if (!secret || !verifyQrSignature(secret, qr) || qr.currency !== identity.currency) return INVALID;
    return db
      .transaction((): WalletOutcome => {
        const now = clock.now();
        let row = orders.get(qr.orderId);
        if (!row) {
          if (now >= qr.expiresAtMs) return { kind: 'expired' };
          if (qr.expiresAtMs - now > ORDER_LIFETIME_MAX_MS) return INVALID;
          row = orders.insert({
            order_id: qr.orderId,
            terminal_id: qr.terminalId,
            amount_minor: qr.amountMinor,
            currency: qr.currency,
            note: '',
            created_at_ms: now,
            expires_at_ms: qr.expiresAtMs,
            created_by_scan: true,
          });
        }
        const same =
          row.terminal_id === qr.terminalId &&
          row.amount_minor === qr.amountMinor &&
          row.currency === qr.currency &&
          row.expires_at_ms === qr.expiresAtMs;
        if (!same) return INVALID;
        const status = effectiveStatus(row, now);
        if (status === 'paid') return { kind: 'already_paid', order: this.facts(row, secret) };
        if (status === 'cancelled') return { kind: 'closed' };
        if (status === 'expired') return { kind: 'expired' };
        if (sessions.countForOrder(row.order_id) >= SESSIONS_PER_ORDER_MAX) return { kind: 'busy' };
        const sessionId = randomBase64url(randomBytes, SESSION_ID_BYTES);
        sessions.open(sessionId, row.order_id, now, now + PROVIDER_SESSION_TTL_MS);
        return { kind: 'wallet', order: this.facts(row, secret), sessionId };
      })
      .immediate();
  }

  /**
   * The customer pays on an open session. Accepted even when the order expired after the session
   * opened (the provider's trade outlives ours); never twice; never for a cancelled order.
   */
  pay(terminalId: string, orderId: string, sessionId: string): WalletOutcome {
    const { db, clock, terminals, orders, sessions, changes, randomBytes } = this.core;
    const secret = terminals.activeSecret(terminalId);
    if (!secret) return INVALID;
    const outcome = db
      .transaction((): WalletOutcome => {
        const now = clock.now();
        const order = orders.get(orderId);
        const session = sessions.get(sessionId);
        if (!order || order.terminal_id !== terminalId || !session || session.order_id !== orderId) return INVALID;
        if (order.status === 'paid') return { kind: 'already_paid', order: this.facts(order, secret) };
        if (order.status === 'cancelled') return { kind: 'closed' };
        if (session.state === 'declined') return { kind: 'declined' };
        if (session.state !== 'open') return { kind: 'closed' };
        if (now >= session.expires_at_ms) {
          sessions.end(sessionId, 'closed', now);
          return { kind: 'expired' };
        }
        const providerTradeNo = `SBX${randomCrockford(randomBytes, 20)}`;
        const paid = orders.markPaid(orderId, { paidAtMs: now, channel: 'sandbox', providerTradeNo });
        if (!sessions.end(sessionId, 'used', now)) throw new Error('assertion failed: open session did not end');
        sessions.closeAllOpen(orderId, now);
        if (!isCurrency(paid.currency)) throw new Error('assertion failed: stored currency');
        changes.append(
          terminalId,
          {
            type: 'payment.succeeded',
            order_id: orderId,
            amount_minor: paid.amount_minor,
            currency: paid.currency,
            channel: 'sandbox',
            provider_trade_no: providerTradeNo,
            paid_at_ms: now,
          },
          now,
        );
        return { kind: 'paid', order: this.facts(paid, secret) };
      })
      .immediate();
    if (outcome.kind === 'paid') this.core.changesCommitted(terminalId);
    return outcome;
  }

  /** The customer declines: the session closes, the order stays payable through a new scan. */
  decline(terminalId: string, orderId: string, sessionId: string): WalletOutcome {
    const { db, clock, terminals, orders, sessions } = this.core;
    const secret = terminals.activeSecret(terminalId);
    if (!secret) return INVALID;
    return db
      .transaction((): WalletOutcome => {
        const now = clock.now();
        const order = orders.get(orderId);
        const session = sessions.get(sessionId);
        if (!order || order.terminal_id !== terminalId || !session || session.order_id !== orderId) return INVALID;
        if (order.status === 'paid') return { kind: 'already_paid', order: this.facts(order, secret) };
        if (session.state === 'declined') return { kind: 'declined' };
        if (!sessions.end(sessionId, 'declined', now)) return { kind: 'closed' };
        return { kind: 'declined' };
      })
      .immediate();
  }
}
