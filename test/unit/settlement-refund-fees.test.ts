import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { feeHalfUp } from '../../src-main/settlement/fees';
import type { OrderView, RefundView } from '../../src-shared/api';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { gatewayFeed } from '../support/gateway-feed';
import { ulidSource } from '../support/ids';
import { OWNER_PIN, setupOwner } from '../support/operators';
import { must } from '../support/settlement';

/**
 * A refund gives back its share of its order's fee: refunds in pieces give back what one whole
 * refund would, never more than the sale was charged (the walker's ¥9.99 at 0.55 %, refunded in
 * seven pieces, had 8 fen back of a 5 fen fee).
 */
let app: App;
let clock: ManualClock;
let cleanup: () => void;
let ownerId: string;
const newId = ulidSource();
let feed: ReturnType<typeof gatewayFeed>;
const RATE = 55;

beforeEach(async () => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  app.settings.set('feeRatesBps', { alipay: 38, wechat: 60, sandbox: RATE });
  ownerId = await setupOwner(app);
  feed = gatewayFeed(app, clock);
});
afterEach(() => cleanup());

async function paidOrder(amount: string): Promise<OrderView> {
  const o = must(await app.dispatch('orders.create', { amount })) as OrderView;
  feed.pays(o);
  return o;
}

/** A wallet refund the provider completes (the change feed's `succeeded`). */
async function refund(o: OrderView, amountMinor: number): Promise<void> {
  clock.advance(1);
  const r = must(
    await app.dispatch('refunds.create', {
      requestId: newId(),
      orderId: o.id,
      amount: (amountMinor / 100).toFixed(2),
      reason: 'returned',
      approverId: ownerId,
      approverPin: OWNER_PIN,
    }),
  ) as RefundView;
  feed.refund(r, 'succeeded');
}

const day = () => {
  const today = app.orders.today().businessDate;
  return must(app.settlement.reports.report(today, today)).total;
};
const feesOf = (orderId: string) =>
  (
    app.db
      .prepare(
        `SELECT i.fee_expected_minor AS f FROM journal j JOIN entry_index i ON i.entry_seq = j.seq
         WHERE j.order_id = ? AND (i.sale_minor > 0 OR i.refund_minor > 0) ORDER BY j.seq`,
      )
      .all(orderId) as { f: number }[]
  ).map((r) => r.f);

describe('a refund’s fee', () => {
  it('in seven pieces, gives back the sale’s 5 fen, no more (was 8)', async () => {
    const o = await paidOrder('9.99');
    for (let i = 0; i < 6; i++) await refund(o, 91);
    await refund(o, 453);
    expect(feesOf(o.id)).toEqual([5, 0, -1, 0, -1, 0, -1, -2]); // 5 × refunded / 9.99, half up, piece by piece
    expect(day()).toMatchObject({ grossMinor: 999, refundsMinor: 999, feesMinor: 0, netMinor: 0 });
  });

  it('whole, gives back the sale’s fee; in two halves, the same in all', async () => {
    const a = await paidOrder('9.99');
    await refund(a, 999);
    expect(feesOf(a.id)).toEqual([5, -5]);
    const b = await paidOrder('1.80'); // 0.99 fen → 1; each half 0.495 fen would have been 0 on its own
    await refund(b, 90);
    await refund(b, 90);
    expect(feesOf(b.id)).toEqual([1, -1, 0]); // half of 1 fen, half up; then nothing is left
  });

  it('gives back the fee the sale was charged, whatever the rate is by the refund (was: the new rate’s)', async () => {
    const up = await paidOrder('100.00'); // 55 fen at 0.55 %
    app.settings.set('feeRatesBps', { alipay: 38, wechat: 60, sandbox: 100 });
    await refund(up, 100_00);
    expect(feesOf(up.id)).toEqual([55, -55]); // not −100: the provider returns what it took
    const down = await paidOrder('100.00'); // 100 fen at 1 %
    app.settings.set('feeRatesBps', { alipay: 38, wechat: 60, sandbox: 10 });
    await refund(down, 40_00);
    await refund(down, 60_00);
    expect(feesOf(down.id)).toEqual([100, -40, -60]);
    expect(day()).toMatchObject({ feesMinor: 0, expectedPayoutMinor: 0 });
  });

  it('a refund indexed before this rule that gave back too much: the next gives back nothing more', async () => {
    const o = await paidOrder('9.99'); // 5 fen
    await refund(o, 91);
    // as the old rule indexed six pieces: 1 fen each
    app.db.prepare('UPDATE entry_index SET fee_expected_minor = -6 WHERE refund_minor = 91').run();
    await refund(o, 908);
    expect(feesOf(o.id)).toEqual([5, -6, 0]); // never negative: nothing is taken back either
  });

  it('for any refunds of a sale, what comes back never exceeds what was charged, and all of it on a whole refund', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 500_00 }),
        fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 6 }),
        async (amount, weights) => {
          const o = await paidOrder((amount / 100).toFixed(2));
          // pieces that sum to the whole amount (each at least 1 fen), or fewer pieces than weights
          const total = weights.reduce((s, w) => s + w, 0);
          const pieces = weights.map((w) => Math.floor((amount * w) / total)).filter((p) => p > 0);
          const rest = amount - pieces.reduce((s, p) => s + p, 0);
          if (rest > 0) pieces.push(rest);
          let returned = 0;
          for (const p of pieces) {
            await refund(o, p);
            const fees = feesOf(o.id);
            returned = fees.slice(1).reduce((s, f) => s - f, 0);
            expect(returned).toBeLessThanOrEqual(fees[0]!);
            expect(fees.slice(1).every((f) => f <= 0)).toBe(true);
          }
          expect(returned).toBe(feeHalfUp(amount, RATE));
        },
      ),
      { numRuns: 25 },
    );
  });
});
