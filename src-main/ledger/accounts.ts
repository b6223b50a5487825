import type { PaymentChannel } from '../../src-shared/protocol/gateway';

/** The chart of accounts. Debits are positive, credits negative; every entry sums to zero. */
export const ACCOUNTS = {
  sales: 'sales',
  refunds: 'refunds',
  cashDrawer: 'cash:drawer',
  /** The back office: opening floats come from it, counted drawers go back to it at close. */
  cashSafe: 'cash:safe',
  /** Counted minus expected at a shift close (over is a credit, short a debit). */
  cashOverShort: 'cash:overshort',
  /** The other side of cash paid in / paid out with a reason (petty cash). */
  cashPetty: 'cash:petty',
  bank: 'bank',
  /** Sales paid by a verified confirmation code, until the gateway's payment names the channel. */
  offlineClearing: 'clearing:offline',
  /**
   * A sale verified by code that the gateway never confirmed, written off by the owner: the
   * money the shop did not receive (Dr), taken out of clearing:offline. A payment that arrives
   * after all is booked back from here (`sale.qr.recovered`).
   */
  offlineLosses: 'losses:offline',
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
  // settlement (issue 5): shifts, cash, network fees and payouts
  'shift.open',
  'shift.close',
  'cash.sale',
  /** Cash handed back to a customer, approved by an owner: Dr refunds, Cr cash:drawer. */
  'cash.refund',
  'cash.in',
  'cash.out',
  'cash.overshort',
  'settlement.fee',
  'settlement.payout',
  /** Paid by confirmation code with no network: clearing:offline ← sales. */
  'sale.qr.offline',
  /** The gateway's payment for an offline-verified sale: clearing:<channel> ← clearing:offline. */
  'sale.qr.confirm',
  /** The owner writes off an offline-verified sale the gateway never confirmed: losses:offline ← clearing:offline. */
  'sale.qr.offline.writeoff',
  /** The payment for a written-off sale, arrived after all: clearing:<channel> ← losses:offline. */
  'sale.qr.recovered',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ACCOUNT_RE =
  /^(sales|refunds|bank|cash:(?:drawer|safe|overshort|petty)|clearing:[a-z]{1,16}|fees:[a-z]{1,16}|losses:offline)$/;
