/** Settlement settings and receipt printer strings (namespace `print`), English; same keys as zh-CN. */
import type { print as zh } from '../zh-CN/print';

export const print: { readonly [K in keyof typeof zh]: string } = {
  feesTitle: 'Fees and payouts',
  feesHint: 'Rates in basis points: 38 = 0.38%. Applies to new sales only; booked sales keep their rate.',
  rate: '{{channel}} rate (bps)',
  payoutDelay: 'Payout delay (T+N days)',
  save: 'Save',
  saved: 'Saved.',
  printerTitle: 'Receipt printer (network ESC/POS)',
  printerHint: 'Receipts print with English labels; every amount prints exactly.',
  enabled: 'On',
  host: 'Address',
  port: 'Port',
  printReceipt: 'Print to receipt printer',
  printed: 'Sent to the receipt printer.',
};
