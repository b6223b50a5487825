import type { PaymentChannel } from '../../src-shared/protocol/gateway';

/** The chart of accounts. Debits are positive, credits negative; every entry sums to zero. */
export const ACCOUNTS = {
  sales: 'sales',
  refunds: 'refunds',
  cashDrawer: 'cash:drawer',
  bank: 'bank',
  /** Sales paid by a verified confirmation code, until the gateway's payment names the channel. */
  offlineClearing: 'clearing:offline',
  clearing: (channel: PaymentChannel | string) => `clearing:${channel}`,
  fees: (channel: PaymentChannel | string) => `fees:${channel}`,
} as const;

export const ENTRY_KINDS = [
  'sale.qr',
  'sale.qr.late',
  'sale.qr.duplicate',
  /** Paid by confirmation code with no network: clearing:offline ← sales. */
  'sale.qr.offline',
  /** The gateway's payment for an offline-verified sale: clearing:<channel> ← clearing:offline. */
  'sale.qr.confirm',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ACCOUNT_RE = /^(sales|refunds|bank|cash:drawer|clearing:[a-z]{1,16}|fees:[a-z]{1,16})$/;
