import type { PaymentChannel } from '../../src-shared/protocol/gateway';

/** The chart of accounts. Debits are positive, credits negative; every entry sums to zero. */
export const ACCOUNTS = {
  sales: 'sales',
  refunds: 'refunds',
  cashDrawer: 'cash:drawer',
  bank: 'bank',
  clearing: (channel: PaymentChannel | string) => `clearing:${channel}`,
  fees: (channel: PaymentChannel | string) => `fees:${channel}`,
} as const;

/** `refund.qr`: a QR refund the provider completed — Dr refunds, Cr clearing:<channel>. */
export const ENTRY_KINDS = ['sale.qr', 'sale.qr.late', 'sale.qr.duplicate', 'refund.qr'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ACCOUNT_RE = /^(sales|refunds|bank|cash:drawer|clearing:[a-z]{1,16}|fees:[a-z]{1,16})$/;
