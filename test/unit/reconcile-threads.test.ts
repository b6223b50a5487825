import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src-main/app';
import type { ReconRecord } from '../../src-main/reconcile/record';
import { RUN_CHUNK_ROWS } from '../../src-main/reconcile/runner';
import type { ReconProgressEvent } from '../../src-shared/api';
import { offlineConsole } from '../support/console';
import { brokenWorkerScript, bundledWorkerScript } from '../support/reconcile-worker';

const T0 = Date.UTC(2026, 10, 21, 4);
const SOURCE_ID = '01KSRC0000000000000000000W';

/**
 * n orders, one in ten of each kind of difference; half the matched pairs disagree on the time
 * (so `c_same` is exercised both ways).
 */
function fill(app: App, n: number): void {
  const statement: ReconRecord[] = [];
  app.db.pragma('foreign_keys = OFF'); // payments reference journal entries; filled directly here
  app.db.transaction(() => {
    const pay = app.db.prepare(
      `INSERT INTO payments (provider_trade_no, channel, order_id, amount_minor, currency, paid_at_ms, entry_seq)
       VALUES (?, 'alipay', ?, ?, 'CNY', ?, 1)`,
    );
    const unpaid = app.db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
         updated_at_ms) VALUES (?, 'T000000001', ?, 'CNY', '', 'expired', ?, ?, ?)`,
    );
    for (let i = 0; i < n; i++) {
      const orderNo = `O${String(i).padStart(8, '0')}`;
      const amount = 100 + (i % 97);
      const time = T0 + i;
      const k = i % 10;
      if (k !== 3) {
        statement.push({
          orderNo,
          tradeNo: `t${i}`,
          amountMinor: amount,
          feeMinor: 1,
          status: 'paid',
          timeMs: time,
          refundNo: null,
          channel: 'alipay',
        });
      }
      if (k === 0) pay.run(`t${i}`, orderNo, amount + 1, time);
      else if (k === 1) unpaid.run(orderNo, amount, time, time, time);
      else if (k !== 2) pay.run(`t${i}`, orderNo, k === 3 ? 50_000 + i : amount, time + (i % 2) * 1000);
    }
  })();
  app.db.pragma('foreign_keys = ON');
  app.reconcile.sources.save(
    { id: SOURCE_ID, kind: 'alipay', sha256: 'w', label: 'w', encoding: null, importedAtMs: 0, importedBy: null },
    statement,
  );
}

async function run(app: App, onProgress?: (e: ReconProgressEvent) => void, onStarted?: (runId: string) => void) {
  const seen: ReconProgressEvent[] = [];
  app.events.subscribe((name, payload) => {
    if (name !== 'reconcile.progress') return;
    seen.push(payload as ReconProgressEvent);
    onProgress?.(payload as ReconProgressEvent);
  });
  const started = app.reconcile.start({ sourceId: SOURCE_ID, fromDate: '2026-11-21', toDate: '2026-11-21' });
  if (!started.ok) throw new Error(started.error.message);
  onStarted?.(started.value.id);
  await app.reconcile.idle();
  const r = app.reconcile.getRun(started.value.id);
  if (!r.ok) throw new Error(r.error.message);
  return { run: r.value, seen };
}

const rowsOf = (app: App, runId: string) =>
  app.db.prepare('SELECT COUNT(*) AS n FROM recon_results WHERE run_id = ?').get(runId) as { n: number };

describe('a run in its own thread, writing through a writer thread', () => {
  const N = 2 * RUN_CHUNK_ROWS + 500;
  let script: Awaited<ReturnType<typeof bundledWorkerScript>>;
  beforeAll(async () => {
    script = await bundledWorkerScript();
  });
  afterAll(() => script.cleanup());

  it('writes exactly the rows the in-thread writer writes, and reports progress to the end', async () => {
    const threaded = offlineConsole(3, { reconcileWorkerScript: script.path });
    const inThread = offlineConsole(3);
    try {
      fill(threaded.app, N);
      fill(inThread.app, N);
      const appendOnMain = vi.spyOn(threaded.app.reconcile.runs, 'append');
      const appendInThread = vi.spyOn(inThread.app.reconcile.runs, 'append');
      const a = await run(threaded.app);
      expect(appendOnMain).not.toHaveBeenCalled(); // no row was written by the main thread
      const b = await run(inThread.app);
      expect(appendInThread).toHaveBeenCalled();
      expect(a.run.state).toBe('done');
      expect(b.run.state).toBe('done');
      expect(a.run.totals).toEqual(b.run.totals);
      expect(a.run.totals!.byClass.amount_mismatch.count).toBe(N / 10); // every tenth order
      expect(a.seen.at(-1)).toMatchObject({ state: 'done', done: a.seen.at(-1)!.total });
      expect(a.seen.filter((e) => e.state === 'running').length).toBeGreaterThan(2);
      // the ledger connection stays FULL; the thread had its own connection
      expect(threaded.app.db.pragma('synchronous', { simple: true })).toBe(2);
      const pageA = threaded.app.reconcile.results(a.run.id, null, 0, N + 10);
      const pageB = inThread.app.reconcile.results(b.run.id, null, 0, N + 10);
      if (!pageA.ok || !pageB.ok) throw new Error('results');
      expect(pageA.value.total).toBe(rowsOf(threaded.app, a.run.id).n);
      expect(pageA.value.rows).toEqual(pageB.value.rows);
      // a page of one class is that class's rows in order, from the offset on
      const mismatches = pageA.value.rows.filter((r) => r.cls === 'amount_mismatch');
      const page = threaded.app.reconcile.results(a.run.id, 'amount_mismatch', 100, 50);
      expect(page.ok && page.value.rows).toEqual(mismatches.slice(100, 150));
      expect(page.ok && page.value.total).toBe(mismatches.length);
      const matchedPage = threaded.app.reconcile.results(a.run.id, 'matched', 7, 3);
      expect(matchedPage.ok && matchedPage.value.rows).toEqual(
        pageA.value.rows.filter((r) => r.cls === 'matched').slice(7, 10),
      );
      // both sides read back in full: a matched pair that agreed on everything but the time
      const matched = pageA.value.rows.find((r) => r.cls === 'matched' && r.console!.timeMs !== r.statement!.timeMs)!;
      expect(matched.console).toMatchObject({ tradeNo: matched.statement!.tradeNo, status: 'paid', channel: 'alipay' });
      expect(matched.console!.amountMinor).toBe(matched.statement!.amountMinor);
    } finally {
      await threaded.app.reconcile.cancelAndWait(); // the run and its thread's checkpoint
      threaded.cleanup();
      inThread.cleanup();
    }
  });

  it('a cancelled run keeps the rows handed to the thread, every one committed, and says cancelled', async () => {
    const c = offlineConsole(4, { reconcileWorkerScript: script.path });
    try {
      fill(c.app, N);
      // Cancelled as it starts: the thread stops after its first chunk. (Cancelling from a
      // progress event would race the thread, which runs on while the test handles the event.)
      const { run: r, seen } = await run(c.app, undefined, (runId) => c.app.reconcile.cancel(runId));
      expect(r.state).toBe('cancelled');
      expect(seen.at(-1)).toMatchObject({ state: 'cancelled' });
      const written = rowsOf(c.app, r.id).n;
      expect(written).toBe(RUN_CHUNK_ROWS); // the chunk it was on, committed; nothing after
      // the count the UI shows (from the totals) is the rows that are there
      const page = c.app.reconcile.results(r.id, null, 0, 1);
      expect(page.ok && page.value.total).toBe(written);
    } finally {
      await c.app.reconcile.idle();
      c.cleanup();
    }
  });

  it('a run that fails in its thread (a statement row it cannot read) fails, names the cause, writes nothing', async () => {
    const c = offlineConsole(6, { reconcileWorkerScript: script.path });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      fill(c.app, 100);
      c.app.db
        .prepare(
          `INSERT INTO recon_statement_rows (source_id, idx, order_no, trade_no, amount_minor, fee_minor, status, time_ms,
             refund_no, channel) VALUES (?, 1000, 'O00000050x', 't', 1, 0, 'bogus', ?, NULL, 'alipay')`,
        )
        .run(SOURCE_ID, T0 + 50);
      const { run: r, seen } = await run(c.app);
      expect(r.state).toBe('failed');
      expect(seen.at(-1)).toMatchObject({ state: 'failed' });
      expect(String(errors.mock.calls.flat().join(' '))).toMatch(/O00000050x has an unknown status/);
      expect(rowsOf(c.app, r.id).n).toBe(0);
    } finally {
      errors.mockRestore();
      await c.app.reconcile.cancelAndWait();
      c.cleanup();
    }
  });

  it('a writer thread that cannot start fails the run; the ledger connection keeps working', async () => {
    const c = offlineConsole(5, { reconcileWorkerScript: brokenWorkerScript(script.dir) });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}); // the run logs its failure
    try {
      fill(c.app, 100);
      const { run: r, seen } = await run(c.app);
      expect(r.state).toBe('failed');
      expect(seen.at(-1)).toMatchObject({ state: 'failed' });
      expect(c.app.reconcile.start({ sourceId: SOURCE_ID, fromDate: '2026-11-21', toDate: '2026-11-21' }).ok).toBe(
        true,
      ); // not left busy
    } finally {
      await c.app.reconcile.idle();
      quiet.mockRestore();
      c.cleanup();
    }
  });
});
