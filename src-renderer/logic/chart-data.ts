import type { SettlementReportView } from '../../src-shared/api/index';

export interface DailyPoint {
  readonly date: string;
  readonly netMinor: number;
}

/** Net per business date over the range (every date present, zero when nothing sold). */
export function dailyNet(r: SettlementReportView): DailyPoint[] {
  const byDate = new Map<string, number>();
  for (const d of r.days) byDate.set(d.businessDate, (byDate.get(d.businessDate) ?? 0) + d.netMinor);
  const out: DailyPoint[] = [];
  const end = Date.parse(`${r.to}T00:00:00Z`);
  for (let ms = Date.parse(`${r.from}T00:00:00Z`); ms <= end; ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    out.push({ date, netMinor: byDate.get(date) ?? 0 });
  }
  return out;
}

/** Gross per channel, largest first, with its share in whole per-mille (for labels). */
export function channelMix(r: SettlementReportView): { channel: string; grossMinor: number; permille: number }[] {
  const total = r.channels.reduce((a, c) => a + c.grossMinor, 0);
  return r.channels
    .filter((c) => c.grossMinor > 0)
    .map((c) => ({
      channel: c.channel,
      grossMinor: c.grossMinor,
      permille: total === 0 ? 0 : Math.round((c.grossMinor * 1000) / total),
    }))
    .sort((a, b) => b.grossMinor - a.grossMinor);
}

/** Gross per local hour 0–23 (every hour present). */
export function salesByHour(r: SettlementReportView): { hour: number; grossMinor: number; saleCount: number }[] {
  const by = new Map(r.byHour.map((g) => [Number(g.key), g]));
  return Array.from({ length: 24 }, (_, hour) => ({
    hour,
    grossMinor: by.get(hour)?.grossMinor ?? 0,
    saleCount: by.get(hour)?.saleCount ?? 0,
  }));
}
