/**
 * A headless console for the crash harness (test/crash): the same services as the app, driven
 * line by line on stdin, reporting on stdout only what has committed. It is killed with SIGKILL
 * at random moments and started again on the same data folder.
 *
 * The bench (bench/offline-bench.ts) starts it with `--no-stream` and sends `push`: the catch-up
 * push measured in a console process of its own, whose peak RSS is then the console's alone.
 *
 *   stdin:  `create <amount>` | `code <orderId> <code>` | `drain` | `push`
 *   stdout: `ready` | `created <orderId> <amountMinor> <qrUrl>` | `accepted <orderId>` |
 *           `refused <orderId> <errorCode>` | `paid <orderId>` | `drained <lastSeq>` |
 *           `pushed <lastSeq> <pushMs> <peakRssBytes> <cpuMs>` | `push-failed <errorCode>`
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { OrderView } from '../../src-shared/api';
import { createApp } from '../app';
import { realTimers } from '../sync/timers';

/** Rounds of pull + push while draining before giving up (each waits for the network). */
const DRAIN_ROUNDS_MAX = 600;
/** Push passes for `push` before giving up (a pass sends up to PUSH_BATCHES_MAX batches). */
const PUSH_PASSES_MAX = 100;

/**
 * This process's own peak RSS: Linux's VmHWM, of its own address space. getrusage's maxrss is
 * kept across fork + exec, so it reports the spawning process's RSS when that was larger (the
 * bench, after the 1M-record reconciliation, gave ~280 MB for a console whose VmHWM was ~170).
 */
function peakRssBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS * 1024;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, 'no-stream': { type: 'boolean', default: false } },
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');
  const app = createApp({
    dataDir,
    clock: { now: () => Date.now() },
    randomBytes: (n) => randomBytes(n),
    random: Math.random,
    timers: realTimers,
    version: 'sync-worker',
    stream: !values['no-stream'],
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  app.events.subscribe((name, payload) => {
    if (name !== 'order.updated') return;
    const o = payload as OrderView;
    if (o.status === 'paid' && !o.offlineVerified) say(`paid ${o.id}`);
  });
  await app.start();
  say('ready');

  const drain = async () => {
    for (let round = 0; round < DRAIN_ROUNDS_MAX; round++) {
      await app.sync.flushRegistrations();
      const pulled = await app.sync.pullChanges();
      await app.sync.pushJournal();
      await app.sync.idle();
      const s = app.sync.status();
      if (pulled.complete && pulled.applied === 0 && s.unsyncedEntries === 0) {
        say(`drained ${app.journal.lastSeq()}`);
        await app.close();
        process.exit(0);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('could not drain');
  };

  // The outbox pushed until empty; the time, this process's peak RSS and CPU.
  const push = async () => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let pass = 0; app.sync.status().unsyncedEntries > 0; pass++) {
      const refused = app.sync.status().pushErrorCode;
      if (refused || pass >= PUSH_PASSES_MAX) {
        say(`push-failed ${refused ?? 'stalled'}`);
        return;
      }
      await app.sync.pushJournal();
    }
    const pushMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    say(`pushed ${app.journal.lastSeq()} ${pushMs.toFixed(1)} ${peakRssBytes()} ${cpuMs.toFixed(0)}`);
  };

  for await (const line of createInterface({ input: process.stdin })) {
    const [cmd, a, b] = line.trim().split(/\s+/);
    if (cmd === 'create') {
      const r = await app.handlers['orders.create']({ amount: a ?? '' });
      if (r.ok) say(`created ${r.value.id} ${r.value.amountMinor} ${r.value.qrUrl ?? ''}`);
    } else if (cmd === 'code' && a && b) {
      const r = await app.handlers['offline.acceptCode']({ orderId: a, code: b });
      say(r.ok ? `accepted ${a}` : `refused ${a} ${r.error.code}`);
    } else if (cmd === 'drain') {
      await drain();
    } else if (cmd === 'push') {
      await push();
    }
  }
  // stdin closed without a kill (the bench): close the database cleanly and let the process end.
  await app.close();
}

main().catch((e: unknown) => {
  console.error('sync-worker:', e);
  process.exit(1);
});
