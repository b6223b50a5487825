/**
 * Catch-up after a long offline spell: N journal entries pushed to a real gateway process on
 * loopback, vs a raw loopback HTTP POST loop of the same bodies to a sink process (same run,
 * same machine). Also the console's peak RSS and offline acceptance latency (code verify +
 * durable commit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createApp, type App } from '../src-main/app';
import { writeTx } from '../src-main/db/connection';
import { expectedConfirmationCode } from '../src-main/sync/signer';
import { realTimers } from '../src-main/sync/timers';
import { summarize } from './stats';

export interface OfflineBenchResult {
  entries: number;
  pushSecs: number;
  pushEntriesPerSec: number;
  rawSecs: number;
  rawEntriesPerSec: number;
  ratio: number;
  peakRssMb: number;
  acceptMs: ReturnType<typeof summarize>;
}

const ROOT = join(import.meta.dirname, '..');
const SINK = `
const http = require('node:http');
const s = http.createServer((req, res) => {
  let n = 0;
  req.on('data', (d) => (n += d.length));
  req.on('end', () => { const b = JSON.stringify({ acked_seq: n }); res.writeHead(200, { 'content-type': 'application/json', 'content-length': b.length }); res.end(b); });
});
s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + s.address().port })));
`;

async function spawnReady(args: string[]): Promise<{ proc: ChildProcess; line: Record<string, string> }> {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: proc.stdout! }).once('line', resolve));
  return { proc, line: JSON.parse(line) as Record<string, string> };
}

function console_(dataDir: string): App {
  return createApp({
    dataDir,
    clock: { now: () => Date.now() },
    randomBytes: (n) => randomBytes(n),
    random: Math.random,
    timers: realTimers,
    version: 'bench',
    stream: false,
  });
}

export async function benchOffline(n = 100_000, acceptN = 1_000): Promise<OfflineBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-offline-'));
  const gw = await spawnReady([
    join(ROOT, 'out/main/gateway.js'),
    '--db',
    join(dir, 'gw.db'),
    '--port',
    '0',
    '--issue-pairing-code',
  ]);
  const sink = await spawnReady(['-e', SINK]);
  try {
    mkdirSync(join(dir, 'console'));
    const app = console_(join(dir, 'console'));
    await app.start();
    const paired = await app.handlers['gateway.pair']({ url: gw.line.url!, code: gw.line.pairing_code! });
    if (!paired.ok) throw new Error(paired.error.message);

    // A long offline spell: n sales committed, none pushed (1,000 per transaction to fill fast).
    for (let done = 0; done < n;) {
      const k = Math.min(1_000, n - done);
      writeTx(app.db, () => {
        for (let i = 0; i < k; i++) {
          const amount = 1 + ((done + i) % 50_000);
          app.journal.append({
            kind: 'sale.qr',
            orderId: null,
            memo: `sandbox SBX${String(done + i).padStart(20, '0')}`,
            postings: [
              { account: 'clearing:sandbox', currency: 'CNY', amountMinor: amount },
              { account: 'sales', currency: 'CNY', amountMinor: -amount },
            ],
          });
        }
      });
      done += k;
    }
    global.gc?.();

    // Ours: the sync service pushes the outbox until it is empty.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    let t0 = performance.now();
    for (let pass = 0; app.sync.status().unsyncedEntries > 0; pass++) {
      if (pass > 50) throw new Error(`push stalled: ${JSON.stringify(app.sync.status())}`);
      await app.sync.pushJournal();
    }
    const pushSecs = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (app.sync.status().pushErrorCode) throw new Error(`push refused: ${app.sync.status().pushErrorCode}`);

    // Baseline: the same bodies, POSTed one after another to a sink that only reads them.
    app.db.exec('INSERT INTO outbox (seq, queued_at_ms) SELECT seq, created_at_ms FROM journal');
    const bodies: string[] = [];
    for (let batch = app.outbox.nextBatch(); batch.length > 0; batch = app.outbox.nextBatch()) {
      bodies.push(JSON.stringify({ entries: batch }));
      app.db.prepare('DELETE FROM outbox WHERE seq <= ?').run(batch.at(-1)!.seq);
    }
    t0 = performance.now();
    for (const body of bodies) {
      const res = await fetch(`${sink.line.url}/v1/journal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.text();
    }
    const rawSecs = (performance.now() - t0) / 1000;
    await app.close();

    // Offline acceptance: verify the code and commit the sale, one durable transaction each.
    const acceptApp = console_(join(dir, 'console'));
    acceptApp.settings.set('offlineTotalMaxMinor', 10_000_000_000);
    const secret = acceptApp.terminal.get()!.secret;
    const samples: number[] = [];
    for (let i = 0; i < acceptN; i++) {
      const o = acceptApp.orders.create({ amount: String(1 + (i % 100)) });
      if (!o.ok) throw new Error(o.error.message);
      const code = expectedConfirmationCode(secret, o.value.id, o.value.amountMinor);
      const s = performance.now();
      const r = acceptApp.offline.acceptCode(o.value.id, code);
      samples.push(performance.now() - s);
      if (!r.ok) throw new Error(r.error.message);
    }
    await acceptApp.close();

    return {
      entries: n,
      pushSecs,
      pushEntriesPerSec: n / pushSecs,
      rawSecs,
      rawEntriesPerSec: n / rawSecs,
      ratio: rawSecs / pushSecs,
      peakRssMb: peakRss / 2 ** 20,
      acceptMs: summarize(samples),
    };
  } finally {
    gw.proc.kill('SIGTERM');
    sink.proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
