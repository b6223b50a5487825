import { describe, expect, it } from 'vitest';
import type { ResultRowView } from '../../src-shared/api/index';
import type { RecordSideView } from '../../src-shared/api/reconcile-views';
import { isRefund, signedFeeMinor, signedMinor } from '../../src-renderer/logic/recon-row';

const side = (status: string, amountMinor: number): RecordSideView =>
  ({ status, amountMinor, tradeNo: 't', timeMs: 1, refundNo: null, channel: 'alipay' }) as RecordSideView;
const row = (c: RecordSideView | null, s: RecordSideView | null) =>
  ({
    idx: 0,
    cls: 'matched',
    via: 'order',
    rowKey: 'k',
    orderNo: 'O',
    console: c,
    statement: s,
    actions: [],
  }) as ResultRowView;

describe('a reconciliation row as shown', () => {
  it('shows a refund as money going back, and a sale as money in', () => {
    expect(isRefund(row(side('refund', 1000), side('refund', 1000)))).toBe(true);
    expect(isRefund(row(null, side('refund', 500)))).toBe(true);
    expect(isRefund(row(side('paid', 1000), side('paid', 1000)))).toBe(false);
    expect(signedMinor(side('refund', 1000))).toBe(-1000);
    expect(signedMinor(side('paid', 1000))).toBe(1000);
    expect(signedMinor(null)).toBeUndefined();
  });

  it('shows the fee a refund returns as negative, the fee a sale is charged as positive', () => {
    expect(signedFeeMinor({ ...side('refund', 500), feeMinor: 3 })).toBe(-3);
    expect(signedFeeMinor({ ...side('paid', 1230), feeMinor: 7 })).toBe(7);
    expect(signedFeeMinor({ ...side('paid', 1230), feeMinor: null })).toBeNull();
    expect(signedFeeMinor(null)).toBeNull();
  });
});
