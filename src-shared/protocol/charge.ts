/**
 * Protocol additions for payment codes and provider statements (alipay branch): the terminal
 * asks the gateway to charge a customer's payment code for an order, then reads the charge's
 * state while the customer confirms. Statements are the provider's bill bytes for a date.
 */
import { z } from 'zod';
import { PAYMENT_CODE_LENGTH_MAX } from '../payment-code';

export const CHARGE_PATHS = {
  chargeCode: (orderId: string) => `/v1/orders/${orderId}/charge-code`,
  charge: (orderId: string) => `/v1/orders/${orderId}/charge`,
  stopCharge: (orderId: string) => `/v1/orders/${orderId}/charge/stop`,
  statement: (channel: string, billType: string, date: string) => `/v1/statements/${channel}/${billType}/${date}`,
} as const;

export const chargeCodeRequest = z.strictObject({
  auth_code: z.string().regex(/^\d+$/).max(PAYMENT_CODE_LENGTH_MAX),
});
export type ChargeCodeRequest = z.infer<typeof chargeCodeRequest>;

export const CHARGE_STATES = ['paying', 'paid', 'failed', 'cancelled'] as const;
export type ChargeState = (typeof CHARGE_STATES)[number];

export const chargeView = z.strictObject({
  out_trade_no: z.string().min(1).max(64),
  state: z.enum(CHARGE_STATES),
  failure: z.string().max(100).nullable(),
  deadline_ms: z.number().int().min(0),
  /** How many times the provider was asked so far. */
  queries: z.number().int().min(0),
});
export type ChargeViewWire = z.infer<typeof chargeView>;

export const chargeReply = z.strictObject({ charge: chargeView.nullable() });

/** A bill date: a day (yyyy-MM-dd) or a month (yyyy-MM), as Alipay takes it. */
export const BILL_DATE_RE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
export const BILL_TYPES = ['trade', 'signcustomer'] as const;
