/**
 * Reconciliation: the engine on 1M vs 1M records (1% per mismatch class) against a plain sort of
 * the same keys; a full run through SQLite (sorted cursors in, result rows out); the import of a
 * 1M-row Alipay bill against raw unzip + decode + split of the same bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inflateRawSync } from 'node:zlib';
import { createApp } from '../src-main/app';
import { reconcile } from '../src-main/reconcile/engine';
import { importBill } from '../src-main/reconcile/import/import-bill';
import { readZip } from '../src-main/reconcile/import/zip';
import { DEFAULT_MATCH_SETTINGS } from '../src-main/reconcile/record';
import { addRow, emptyTotals } from '../src-main/reconcile/totals';
import { ManualClock, seededBytes, seededRandom } from '../test/support/fixtures';
import { frozenTimers, TEST_PAIRING } from '../test/support/console';
import { alipayZip, consoleSide, statementSide } from './reconcile-data';

const MB = 1024 * 1024;
const rss = () => process.memoryUsage.rss();
const gc = () => (globalThis as { gc?: () => void }).gc?.();

export interface ReconcileBench {
  n: number;
  sortBaselineMs: number;
  engineMs: number;
  enginePeakRssMb: number;
  rssBeforeMb: number;
  classCounts: Record<string, number>;
  sqliteRunMs: number;
  sqliteRunPeakRssMb: number;
  sqliteRows: number;
  importMs: number;
  importBaselineMs: number;
  importSaveMs: number;
  billBytes: number;
}

export async function benchReconcile(n: number): Promise<ReconcileBench> {
  // Baseline: sort the same 2n keys as plain strings.
  gc();
  const keys: string[] = [];
  for (const r of consoleSide(n)) keys.push(r.orderNo);
  for (const r of statementSide(n)) keys.push(r.orderNo);
  keys.reverse();
  let t0 = performance.now();
  keys.sort();
  const sortBaselineMs = performance.now() - t0;
  keys.length = 0;
  gc();

  // The engine over two lazy sorted streams.
  const rssBefore = rss();
  let peak = rssBefore;
  const totals = emptyTotals();
  t0 = performance.now();
  let i = 0;
  for (const row of reconcile(consoleSide(n), statementSide(n), DEFAULT_MATCH_SETTINGS)) {
    addRow(totals, row);
    if (++i % 50_000 === 0) peak = Math.max(peak, rss());
  }
  const engineMs = performance.now() - t0;
  peak = Math.max(peak, rss());
  const classCounts = Object.fromEntries(Object.entries(totals.byClass).map(([k, v]) => [k, v.count]));

  // Full run through SQLite: both sides stored, sorted cursors on a read connection, rows written.
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-recon-'));
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 4));
  const app = createApp({
    dataDir: dir,
    clock,
    randomBytes: seededBytes(5),
    random: seededRandom(5),
    timers: frozenTimers,
    version: 'bench',
  });
  let sqliteRunMs = 0;
  let sqliteRunPeak = 0;
  let sqliteRows = 0;
  let importMs = 0;
  let importBaselineMs = 0;
  let importSaveMs = 0;
  let billBytes = 0;
  try {
    app.terminal.save(TEST_PAIRING);
    app.db.exec('DROP INDEX IF EXISTS payments_order');
    // Payments reference journal entries; the bench fills the table directly (setup, untimed).
    app.db.pragma('foreign_keys = OFF');
    app.db.transaction(() => {
      const ins = app.db.prepare(
        `INSERT INTO payments (provider_trade_no, channel, order_id, amount_minor, currency, paid_at_ms, entry_seq)
         VALUES (?, 'alipay', ?, ?, 'CNY', ?, 1)`,
      );
      const unpaid = app.db.prepare(
        `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
           updated_at_ms) VALUES (?, 'T000000001', ?, 'CNY', '', 'expired', ?, ?, ?)`,
      );
      // The console tables hold payments and unpaid orders; refunds and offline-verified sales
      // arrive with the operators/offline branches, so those 2% are absent from this side here.
      for (const r of consoleSide(n)) {
        if (r.status === 'paid') ins.run(r.tradeNo, r.orderNo, r.amountMinor, r.timeMs);
        else if (r.status === 'unpaid') unpaid.run(r.orderNo, r.amountMinor, r.timeMs, r.timeMs, r.timeMs);
      }
    })();
    app.db.pragma('foreign_keys = ON');
    app.db.exec('CREATE INDEX payments_order ON payments(order_id)');
    const { source } = app.reconcile.sources.save(
      {
        id: '01KBENCH000000000000000000',
        kind: 'alipay',
        sha256: 'bench',
        label: 'bench',
        encoding: null,
        importedAtMs: 0,
        importedBy: null,
      },
      statementSide(n),
    );
    gc();
    const before = rss();
    sqliteRunPeak = before;
    const sampler = setInterval(() => (sqliteRunPeak = Math.max(sqliteRunPeak, rss())), 50);
    t0 = performance.now();
    const started = app.reconcile.start({ sourceId: source.id, fromDate: '2026-11-21', toDate: '2026-11-21' });
    if (!started.ok) throw new Error(started.error.message);
    await app.reconcile.idle();
    sqliteRunMs = performance.now() - t0;
    clearInterval(sampler);
    sqliteRows = app.reconcile.runs.count(started.value.id, null);

    // Import of a 1M-row Alipay bill (zip of GBK CSV).
    const bytes = alipayZip(n);
    billBytes = bytes.length;
    gc();
    t0 = performance.now();
    const raw = readZip(bytes)[0]!.data; // baseline: unzip (inflate) …
    void inflateRawSync;
    const text = new TextDecoder('gb18030').decode(raw); // … decode …
    const lines = text.split('\n').length; // … and split, no parsing
    importBaselineMs = performance.now() - t0;
    void lines;
    gc();
    t0 = performance.now();
    const bill = importBill(bytes);
    importMs = performance.now() - t0;
    t0 = performance.now();
    app.reconcile.sources.save(
      {
        id: '01KBENCH000000000000000001',
        kind: 'alipay',
        sha256: bill.sha256,
        label: 'bill',
        encoding: 'gbk',
        importedAtMs: 0,
        importedBy: null,
      },
      bill.records,
    );
    importSaveMs = performance.now() - t0;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    n,
    sortBaselineMs,
    engineMs,
    enginePeakRssMb: peak / MB,
    rssBeforeMb: rssBefore / MB,
    classCounts,
    sqliteRunMs,
    sqliteRunPeakRssMb: sqliteRunPeak / MB,
    sqliteRows,
    importMs,
    importBaselineMs,
    importSaveMs,
    billBytes,
  };
}
