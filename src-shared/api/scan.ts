/**
 * Charging the customer's payment code (付款码) for an order on the checkout screen: the
 * renderer detects a scanner's burst (or the cashier types the code), main forwards it to the
 * gateway, and the renderer follows the charge while the customer confirms on the phone.
 */
import { z } from 'zod';
import { PAYMENT_CODE_LENGTH_MAX } from '../payment-code';
import { ULID_RE } from '../ulid';
import { call } from './contract';

export const CHARGE_STATUSES = ['paying', 'paid', 'failed', 'cancelled'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

export interface ChargeView {
  readonly orderId: string;
  readonly status: ChargeStatus;
  /** `timeout` (not confirmed in time), `stopped`, or the provider's reason; null otherwise. */
  readonly failure: string | null;
  /** When the gateway stops waiting for the customer's confirmation (gateway clock, epoch ms). */
  readonly deadlineMs: number;
}

const orderId = z.string().regex(ULID_RE, 'not an order id');

export const scanCalls = {
  /** `code` as scanned or typed; main checks its shape before anything is sent. */
  'orders.chargeCode': call<ChargeView>()(
    z.strictObject({
      id: orderId,
      code: z.string().max(PAYMENT_CODE_LENGTH_MAX * 2),
    }),
  ),
  /** The order's latest payment-code charge, or null when none was made. */
  'orders.chargeStatus': call<ChargeView | null>()(z.strictObject({ id: orderId })),
  /** The cashier stops waiting; the gateway cancels the trade after a last query. */
  'orders.stopCharge': call<ChargeView | null>()(z.strictObject({ id: orderId })),
};
