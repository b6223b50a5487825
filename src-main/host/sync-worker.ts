/**
 * A headless console for the crash harness (test/crash): the same services as the app, driven
 * line by line on stdin, reporting on stdout only what has committed. It is killed with SIGKILL
 * at random moments and started again on the same data folder.
 *
 *   stdin:  `create <amount>` | `code <orderId> <code>` | `drain`
 *   stdout: `ready` | `created <orderId> <amountMinor> <qrUrl>` | `accepted <orderId>` |
 *           `refused <orderId> <errorCode>` | `paid <orderId>` | `drained <lastSeq>`
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { OrderView } from '../../src-shared/api';
import { createApp } from '../app';
import { realTimers } from '../sync/timers';

/** Rounds of pull + push while draining before giving up (each waits for the network). */
const DRAIN_ROUNDS_MAX = 600;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');
  const app = createApp({
    dataDir,
    clock: { now: () => Date.now() },
    randomBytes: (n) => randomBytes(n),
    random: Math.random,
    timers: realTimers,
    version: 'sync-worker',
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
    }
  }
}

main().catch((e: unknown) => {
  console.error('sync-worker:', e);
  process.exit(1);
});
