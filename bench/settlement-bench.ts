/**
 * A year of a busy store: N sales (2 % refunded) spread over 365 days, written through the
 * real journal (hash chain + settlement index). Then settlement reports for one day, 31 days
 * and the whole year, and the XLSX export of a month's transactions — against a baseline
 * measured in the same run: a raw `SELECT SUM(amount_minor)` over every sales posting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src-main/app';
import { writeTx } from '../src-main/db/connection';
import { ACCOUNTS, type EntryKind } from '../src-main/ledger/accounts';
import { addDays } from '../src-main/settlement/business-day';
import { ManualClock, seededBytes, seededRandom } from '../test/support/fixtures';
import { frozenTimers, TEST_PAIRING } from '../test/support/console';
import { summarize } from './stats';

type Summary = ReturnType<typeof summarize>;
export interface SettlementBenchResult {
  sales: number;
  seedSecs: number;
  baselineSumMs: Summary;
  oneDayMs: Summary;
  monthMs: Summary;
  yearMs: Summary;
  /** The same year and one day with a 04:00 cutoff: each batch shared between business days (payout-split.ts). */
  yearCutoffMs: Summary;
  oneDayCutoffMs: Summary;
  xlsxMonthMs: number;
  xlsxMonthRows: number;
}

const CHANNELS = ['alipay', 'alipay', 'wechat', 'wechat', 'cash'] as const;
const FIRST_DAY = '2025-11-22';
const CHUNK = 20_000;

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const v = fn();
  return [performance.now() - t0, v];
}

export async function benchSettlement(sales = 1_000_000, runs = 50): Promise<SettlementBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-settle-'));
  const clock = new ManualClock(Date.parse(`${FIRST_DAY}T00:00:00Z`));
  const app = createApp({
    dataDir: dir,
    clock,
    randomBytes: seededBytes(11),
    random: seededRandom(11),
    timers: frozenTimers,
    version: 'bench',
  });
  try {
    app.terminal.save(TEST_PAIRING);
    app.db.pragma('synchronous = OFF'); // seeding only; the reports read, they never commit
    const rnd = seededRandom(7);
    const stepMs = Math.floor((365 * 86_400_000) / sales);
    const [seedMs] = time(() => {
      for (let done = 0; done < sales; done += CHUNK) {
        writeTx(app.db, () => {
          for (let i = done; i < Math.min(sales, done + CHUNK); i++) {
            clock.advance(stepMs);
            const channel = CHANNELS[i % CHANNELS.length]!;
            const amount = 100 + Math.floor(rnd() * 20_000);
            const from = channel === 'cash' ? ACCOUNTS.cashDrawer : ACCOUNTS.clearing(channel);
            app.journal.append({
              kind: channel === 'cash' ? 'cash.sale' : 'sale.qr',
              orderId: null,
              memo: '',
              postings: [
                { account: from, currency: 'CNY', amountMinor: amount },
                { account: ACCOUNTS.sales, currency: 'CNY', amountMinor: -amount },
              ],
            });
            if (i % 50 === 0) {
              app.journal.append({
                kind: 'refund' as EntryKind, // the operators branch's kind; reports read accounts
                orderId: null,
                memo: '',
                postings: [
                  { account: ACCOUNTS.refunds, currency: 'CNY', amountMinor: amount },
                  { account: from, currency: 'CNY', amountMinor: -amount },
                ],
              });
            }
          }
        });
      }
    });
    app.db.pragma('synchronous = FULL');
    app.db.exec('ANALYZE');

    const baseline = app.db.prepare("SELECT SUM(amount_minor) AS s FROM postings WHERE account = 'sales'");
    const baselineSumMs = summarize(Array.from({ length: 5 }, () => time(() => baseline.get())[0]));
    const days = Array.from({ length: runs }, (_, i) => addDays(FIRST_DAY, 1 + ((i * 7) % 360)));
    const oneDayMs = summarize(days.map((d) => time(() => app.settlement.reports.report(d, d))[0]));
    const monthMs = summarize(
      days.slice(0, Math.max(5, runs / 5)).map((d) => time(() => app.settlement.reports.report(d, addDays(d, 30)))[0]),
    );
    const yearMs = summarize(
      Array.from({ length: 5 }, () => time(() => app.settlement.reports.report(FIRST_DAY, addDays(FIRST_DAY, 364)))[0]),
    );
    app.settings.set('businessDayCutoffHour', 4);
    app.settlement.index.rederive();
    const oneDayCutoffMs = summarize(days.map((d) => time(() => app.settlement.reports.report(d, d))[0]));
    const yearCutoffMs = summarize(
      Array.from({ length: 5 }, () => time(() => app.settlement.reports.report(FIRST_DAY, addDays(FIRST_DAY, 364)))[0]),
    );
    app.settings.set('businessDayCutoffHour', 0);
    app.settlement.index.rederive();
    const t0 = performance.now();
    const x = await app.handlers['reports.export']({
      table: 'settlement.entries',
      format: 'xlsx',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    const xlsxMonthMs = performance.now() - t0;
    if (!x.ok) throw new Error(`xlsx export failed: ${x.error.code}`);
    return {
      sales,
      seedSecs: seedMs / 1000,
      baselineSumMs,
      oneDayMs,
      monthMs,
      yearMs,
      yearCutoffMs,
      oneDayCutoffMs,
      xlsxMonthMs,
      xlsxMonthRows: x.value.rows,
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
