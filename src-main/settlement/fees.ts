import { assert } from '../../src-shared/errors';

import { FEE_RATE_BPS_MAX } from '../../src-shared/api/print';

/** A rate in basis points: 38 = 0.38 %; the limit lives with the contract. */
export { FEE_RATE_BPS_MAX };

/**
 * The network fee of one transaction, as the providers compute it: amount × rate, rounded
 * **half up to the fen** (0.5 fen → 1 fen). Amounts are non-negative minor units.
 * Integer arithmetic only: amount × bps stays far below 2^53 for any amount we accept.
 */
export function feeHalfUp(amountMinor: number, rateBps: number): number {
  assert(Number.isSafeInteger(amountMinor) && amountMinor >= 0, `fee amount ${amountMinor}`);
  assert(Number.isInteger(rateBps) && rateBps >= 0 && rateBps <= FEE_RATE_BPS_MAX, `fee rate ${rateBps}`);
  return Math.floor((amountMinor * rateBps + 5_000) / 10_000);
}

/**
 * What the refunds of a payment give back of its fee, once `refundedMinor` of `paidMinor` is
 * refunded: the fee in proportion, half up to the fen (`fee × refunded / paid`). A refund
 * returns the difference this makes (before and after it), so refunds in pieces return what one
 * whole refund would, and all of them together exactly the fee charged, whatever the rate is by
 * then. The gateway's batches use the same rule (src-gateway/services/settlement.ts).
 */
export function feeReturnedOf(feeMinor: number, paidMinor: number, refundedMinor: number): number {
  assert(Number.isSafeInteger(feeMinor) && feeMinor >= 0, `fee ${feeMinor}`);
  assert(Number.isSafeInteger(paidMinor) && paidMinor > 0, `paid ${paidMinor}`);
  const part = Math.min(Math.max(refundedMinor, 0), paidMinor);
  return Math.floor((2 * feeMinor * part + paidMinor) / (2 * paidMinor));
}

/**
 * Splits `total` over parts in proportion to `weights` (largest remainder): the parts always
 * sum to `total` exactly; ties go to the earlier part. Used to spread a batch fee over the
 * batch's transactions.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assert(Number.isSafeInteger(total) && total >= 0, `allocate total ${total}`);
  assert(weights.length > 0, 'allocate over nothing');
  const sum = weights.reduce((a, w) => {
    assert(Number.isSafeInteger(w) && w >= 0, `allocate weight ${w}`);
    return a + w;
  }, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  assert(Number.isSafeInteger(total * sum), 'allocate overflow');
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const rema = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0);
  rema.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of rema) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
