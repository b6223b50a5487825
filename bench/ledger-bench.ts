/**
 * Durable sale commits/s through the ledger vs raw durable single-row inserts into SQLite with
 * the same settings (WAL, synchronous=FULL), measured in the same run on the same disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TEST_SCRYPT_PARAMS } from '../src-main/operators/pin-hash';
import { createApp } from '../src-main/app';
import { openDatabase } from '../src-main/db/connection';
import { IssueStore } from '../src-main/offline/issues';
import { ChangeApplier } from '../src-main/orders/apply-change';
import { ManualClock, seededBytes, seededRandom } from '../test/support/fixtures';
import { frozenTimers, TEST_PAIRING } from '../test/support/console';

export interface LedgerBenchResult {
  rawInsertsPerSec: number;
  salesPerSec: number;
  ratio: number;
  n: number;
}

export async function benchLedger(n = 2_000): Promise<LedgerBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-'));
  try {
    // Baseline: one durable transaction per row, one row each.
    const raw = openDatabase(join(dir, 'raw.db'));
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL)');
    const ins = raw.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
    const tx = raw.transaction((i: number) => ins.run(`row-${i}`, i));
    let t0 = performance.now();
    for (let i = 0; i < n; i++) tx.immediate(i);
    const rawSecs = (performance.now() - t0) / 1000;
    raw.close();

    // Ours: an order paid = order update + hash-chained journal entry (2 postings) + payment row
    // + change bookkeeping, one durable transaction each.
    const clock = new ManualClock();
    const app = createApp({
      dataDir: dir,
      clock,
      randomBytes: seededBytes(3),
      random: seededRandom(3),
      timers: frozenTimers,
      version: 'bench',
      scrypt: TEST_SCRYPT_PARAMS,
    });
    app.terminal.save(TEST_PAIRING);
    const applier = new ChangeApplier(app.db, clock, app.journal, app.orders.repo, new IssueStore(app.db));
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = app.orders.create({ amount: String(1 + (i % 500)) });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.id);
    }
    t0 = performance.now();
    ids.forEach((id, i) => {
      applier.apply('gw-bench', TEST_PAIRING.terminalId, {
        change_id: i + 1,
        type: 'payment.succeeded',
        at_ms: clock.now(),
        order_id: id,
        amount_minor: 100 * (1 + (i % 500)),
        currency: 'CNY',
        channel: 'sandbox',
        provider_trade_no: `SBX${i}`,
        paid_at_ms: clock.now(),
      });
    });
    const saleSecs = (performance.now() - t0) / 1000;
    await app.close();
    const rawInsertsPerSec = n / rawSecs;
    const salesPerSec = n / saleSecs;
    return { rawInsertsPerSec, salesPerSec, ratio: salesPerSec / rawInsertsPerSec, n };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
