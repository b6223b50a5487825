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

export const ENTRY_KINDS = [
  'sale.qr',
  'sale.qr.late',
  'sale.qr.duplicate',
  // A payment the statement shows and the console never recorded, accepted by the owner in reconciliation.
  'sale.qr.reconciled',
  /** A QR refund the provider completed — Dr refunds, Cr clearing:<channel>. */
  'refund.qr',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ACCOUNT_RE = /^(sales|refunds|bank|cash:drawer|clearing:[a-z]{1,16}|fees:[a-z]{1,16})$/;
