/**
 * Catch-up after a long offline spell: N journal entries pushed to a real gateway process on
 * loopback, vs a raw loopback HTTP POST loop of the same bodies to a sink process (same run,
 * same machine). The push runs in a console process of its own (out/main/sync-worker.js on the
 * filled data folder), so its peak RSS is the console's, not this process's with the fill and
 * the baseline bodies. Also offline acceptance latency (code verify + durable commit).
 *
 * `BENCH_CPU_PROF=<dir>` writes V8 CPU profiles of the gateway and the console worker there.
 */
import { JOURNAL_LINES_CONTENT_TYPE } from '../src-shared/protocol/journal-lines';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createApp, type App } from '../src-main/app';
import { writeTx } from '../src-main/db/connection';
import { expectedConfirmationCode } from '../src-main/sync/signer';
import { realTimers } from '../src-main/sync/timers';
import { benchIntake, type IntakeBenchResult } from './intake-bench';
import { summarize } from './stats';

export interface OfflineBenchResult {
  entries: number;
  pushSecs: number;
  pushEntriesPerSec: number;
  rawSecs: number;
  rawEntriesPerSec: number;
  ratio: number;
  peakRssMb: number;
  /** CPU seconds (user + system) spent during the push by the console and the gateway process. */
  consoleCpuSecs: number;
  gatewayCpuSecs: number;
  acceptMs: ReturnType<typeof summarize>;
  /** The gateway's intake of the same bodies in this process vs storing them durably (intake-bench.ts). */
  intake: IntakeBenchResult;
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

const PROF_DIR = process.env.BENCH_CPU_PROF;
const profArgs = (name: string): string[] => (PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${join(PROF_DIR, name)}`] : []);

/** A process's CPU seconds so far, from /proc (Linux; NaN elsewhere). USER_HZ is 100 on Linux. */
function cpuSecsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function spawnReady(args: string[]): Promise<{ proc: ChildProcess; line: Record<string, string> }> {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: proc.stdout! }).once('line', resolve));
  return { proc, line: JSON.parse(line) as Record<string, string> };
}

/** The console process: pushes the outbox of `dataDir` until empty, reports time and peak RSS. */
async function pushInWorker(dataDir: string): Promise<{ pushMs: number; peakRssBytes: number; cpuMs: number }> {
  const worker = spawn(
    process.execPath,
    [...profArgs('console'), join(ROOT, 'out/main/sync-worker.js'), '--data-dir', dataDir, '--no-stream'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const lines = createInterface({ input: worker.stdout! });
  try {
    for await (const line of lines) {
      const [what, ...rest] = line.split(' ');
      if (what === 'ready') worker.stdin!.write('push\n');
      else if (what === 'push-failed') throw new Error(`push refused or stalled: ${rest.join(' ')}`);
      else if (what === 'pushed') {
        worker.stdin!.end(); // the worker closes its database and exits
        await exited;
        return { pushMs: Number(rest[1]), peakRssBytes: Number(rest[2]), cpuMs: Number(rest[3]) };
      }
    }
    throw new Error('the console worker exited before it reported the push');
  } finally {
    if (worker.exitCode === null) worker.kill('SIGKILL');
  }
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
    ...profArgs('gateway'),
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
    const filling = console_(join(dir, 'console'));
    await filling.start();
    const paired = await filling.handlers['gateway.pair']({ url: gw.line.url!, code: gw.line.pairing_code! });
    if (!paired.ok) throw new Error(paired.error.message);

    // A long offline spell: n sales committed, none pushed (1,000 per transaction to fill fast).
    for (let done = 0; done < n;) {
      const k = Math.min(1_000, n - done);
      writeTx(filling.db, () => {
        for (let i = 0; i < k; i++) {
          const amount = 1 + ((done + i) % 50_000);
          filling.journal.append({
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
    await filling.close();

    // Ours: a console process's sync service pushes the outbox until it is empty.
    const gatewayCpu0 = cpuSecsOf(gw.proc.pid);
    const pushed = await pushInWorker(join(dir, 'console'));
    const gatewayCpuSecs = cpuSecsOf(gw.proc.pid) - gatewayCpu0;
    const pushSecs = pushed.pushMs / 1000;

    // Baseline: the same bodies, POSTed one after another to a sink that only reads them.
    const app = console_(join(dir, 'console'));
    if (app.outbox.pending().count > 0) throw new Error('the console worker left entries in the outbox');
    app.db.exec('INSERT INTO outbox (seq, queued_at_ms) SELECT seq, created_at_ms FROM journal');
    const bodies: string[] = [];
    for (let b = app.outbox.nextBatch(); b; b = app.outbox.nextBatch(b.lastSeq)) bodies.push(b.body);
    app.db.exec('DELETE FROM outbox');
    const t0 = performance.now();
    for (const body of bodies) {
      const res = await fetch(`${sink.line.url}/v1/journal`, {
        method: 'POST',
        headers: { 'content-type': JOURNAL_LINES_CONTENT_TYPE },
        body,
      });
      await res.text();
    }
    const rawSecs = (performance.now() - t0) / 1000;
    await app.close();
    const intake = benchIntake(bodies);

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
      peakRssMb: pushed.peakRssBytes / 2 ** 20,
      consoleCpuSecs: pushed.cpuMs / 1000,
      gatewayCpuSecs,
      acceptMs: summarize(samples),
      intake,
    };
  } finally {
    gw.proc.kill('SIGTERM');
    sink.proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
