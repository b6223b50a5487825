import { describe, expect, it } from 'vitest';
import type { ResultRowView } from '../../src-shared/api/index';
import type { RecordSideView } from '../../src-shared/api/reconcile-views';
import {
  canRecordRefund,
  causeKey,
  isRefund,
  isUncollected,
  signedFeeMinor,
  signedMinor,
} from '../../src-renderer/logic/recon-row';

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

  it('names which refund mismatch it is, and offers to record only a bill-only refund', () => {
    const mismatch = (c: RecordSideView | null, s: RecordSideView | null) =>
      ({ ...row(c, s), cls: 'refund_mismatch' }) as ResultRowView;
    expect(causeKey(mismatch(null, side('refund', 500)))).toBe('refund_only_statement');
    expect(causeKey(mismatch(side('refund', 500), null))).toBe('refund_only_console');
    expect(causeKey(mismatch(side('refund', 500), side('refund', 400)))).toBe('refund_amounts_differ');
    expect(causeKey(row(side('paid', 1), side('paid', 1)))).toBe('matched');
    expect(canRecordRefund(mismatch(null, side('refund', 500)))).toBe(true);
    expect(canRecordRefund(mismatch(side('refund', 500), null))).toBe(false);
    expect(canRecordRefund(mismatch(side('refund', 500), side('refund', 400)))).toBe(false);
  });

  it('an unpaid side reads as not collected, a paid or refunded one does not', () => {
    expect(isUncollected(side('unpaid', 5700))).toBe(true);
    expect(isUncollected(side('paid', 5700))).toBe(false);
    expect(isUncollected(side('refund', 500))).toBe(false);
    expect(isUncollected(null)).toBe(false);
  });
});
