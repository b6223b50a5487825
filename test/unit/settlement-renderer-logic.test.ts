import { describe, expect, it } from 'vitest';
import type { SettlementReportView } from '../../src-shared/api';
import { changePreview } from '../../src-renderer/logic/cash-change';
import { channelMix, dailyNet, salesByHour } from '../../src-renderer/logic/chart-data';

describe('changePreview', () => {
  it('shows change for a sufficient tender, exact for empty, nothing for short or bad input', () => {
    expect(changePreview('12.34', '20', 'CNY')).toBe(7_66);
    expect(changePreview('12.34', '', 'CNY')).toBe(0);
    expect(changePreview('12.34', '12.33', 'CNY')).toBeNull();
    expect(changePreview('12.34', 'x', 'CNY')).toBeNull();
    expect(changePreview('', '5', 'CNY')).toBeNull();
  });
});

const line = (channel: string, gross: number, net: number) => ({
  channel,
  saleCount: 1,
  grossMinor: gross,
  refundCount: 0,
  refundsMinor: 0,
  writtenOffMinor: 0,
  netMinor: net,
  feesMinor: 0,
  expectedPayoutMinor: 0,
  paidMinor: 0,
  feesBookedMinor: 0,
  differenceMinor: 0,
  status: 'pending' as const,
});

const report: SettlementReportView = {
  from: '2026-11-20',
  to: '2026-11-22',
  currency: 'CNY',
  feeRule: '',
  channels: [line('alipay', 300, 290), line('cash', 100, 100), line('wechat', 0, 0)],
  total: line('total', 400, 390),
  days: [
    { ...line('alipay', 300, 290), businessDate: '2026-11-20', payoutDate: '2026-11-21' },
    { ...line('cash', 100, 100), businessDate: '2026-11-22', payoutDate: null },
  ],
  byHour: [
    {
      key: '9',
      name: null,
      openedAtMs: null,
      saleCount: 2,
      grossMinor: 400,
      refundsMinor: 0,
      feesMinor: 0,
      writtenOffMinor: 0,
      netMinor: 400,
    },
  ],
  byCashier: [],
  byShift: [],
};

describe('chart data', () => {
  it('has every date of the range, zero where nothing sold', () => {
    expect(dailyNet(report)).toEqual([
      { date: '2026-11-20', netMinor: 290 },
      { date: '2026-11-21', netMinor: 0 },
      { date: '2026-11-22', netMinor: 100 },
    ]);
  });
  it('mixes channels by gross, largest first, skipping empty ones', () => {
    expect(channelMix(report)).toEqual([
      { channel: 'alipay', grossMinor: 300, permille: 750 },
      { channel: 'cash', grossMinor: 100, permille: 250 },
    ]);
  });
  it('has all 24 hours', () => {
    const h = salesByHour(report);
    expect(h).toHaveLength(24);
    expect(h[9]).toEqual({ hour: 9, grossMinor: 400, saleCount: 2 });
    expect(h[10]).toEqual({ hour: 10, grossMinor: 0, saleCount: 0 });
  });
});
