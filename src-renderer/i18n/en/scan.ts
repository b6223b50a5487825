/** Payment-code charges (the `scan` namespace). */
import type { scanZhCN } from '../zh-CN/scan';

export const scanEn: typeof scanZhCN = {
  title: "Scan the customer's payment code",
  inputLabel: 'Payment code',
  inputPlaceholder: 'Scan, or type and press Enter',
  charge: 'Charge',
  charging: 'Sending…',
  paying: 'Waiting for the customer to confirm on their phone…',
  payingHint: 'It completes by itself once the customer enters their password.',
  stop: 'Stop waiting',
  stopping: 'Cancelling…',
  paid: 'Paid with the payment code.',
  failed: 'Payment failed: {{reason}}. Ask the customer to pay another way.',
  cancelled: 'The customer did not confirm in time; the payment was cancelled.',
  stopped: 'Stopped waiting; the payment was cancelled.',
  offlineHint:
    'A payment code needs the gateway. Ask the customer to scan the QR above instead (their phone pays the gateway directly), or take cash.',
  offlineHintCashOnly:
    'A payment code needs the gateway, and this amount is above the offline limit: take cash until the network is back.',
  reasonDeclined: "the customer's wallet declined",
  reasonClosed: 'the trade was closed',
};
