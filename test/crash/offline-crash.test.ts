import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import { realTimers } from '../../src-main/sync/timers';
import { startGateway, type RunningGateway } from '../../src-gateway/server';
import { confirmationCodeOf, openQr, pressWallet } from '../support/customer';
import { seededRandom, tempDir, waitFor } from '../support/fixtures';

/**
 * Crash harness: a headless console (out/main/sync-worker.js) sells and syncs with a real
 * gateway on loopback and is killed with SIGKILL at random moments, then started again on the
 * same data. CRASH_KILLS sets the number of kills (default 200), CRASH_SEED the kill schedule.
 * Only what the worker reported after commit counts as acknowledged; none of it may be lost.
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const SEED = Number(process.env.CRASH_SEED ?? 20261122);
const WORKER = join(import.meta.dirname, '../../out/main/sync-worker.js');

interface Worker {
  readonly proc: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  send(line: string): void;
}

const created = new Map<string, { amountMinor: number; qrUrl: string }>();
const accepted = new Set<string>();
const paidSeen = new Set<string>();
const codes = new Map<string, string>();
let drainedSeq: number | null = null;

function startWorker(dataDir: string): Worker {
  const proc = spawn(process.execPath, [WORKER, '--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const [what, id, x, y] = line.split(' ');
    if (what === 'ready') onReady();
    else if (what === 'created') created.set(id!, { amountMinor: Number(x), qrUrl: y! });
    else if (what === 'accepted') accepted.add(id!);
    else if (what === 'paid') paidSeen.add(id!);
    else if (what === 'drained') drainedSeq = Number(id);
  });
  const exited = new Promise<void>((resolve, reject) =>
    proc.once('exit', (code, signal) => {
      if (code !== null && code !== 0) reject(new Error(`worker exited ${code}: ${stderr}`));
      else resolve();
      void signal;
    }),
  );
  proc.stdin!.on('error', () => undefined); // writing to a killed worker
  return { proc, ready, exited, send: (line) => proc.stdin!.write(`${line}\n`) };
}

let gateway: RunningGateway;
let tmp: ReturnType<typeof tempDir>;
let terminalId: string;
const rnd = seededRandom(SEED);

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error('out/main/sync-worker.js is missing: run `npm run build` (npm test does)');
  tmp = tempDir('counter-pos-crash-');
  gateway = await startGateway({
    dbPath: join(tmp.dir, 'gateway.db'),
    clock: { now: () => Date.now() },
    randomBytes: (n) => randomBytes(n),
    merchantName: 'Crash Shop',
    currency: 'CNY',
    log: { info: () => undefined, error: (m, c) => console.error(m, c) },
  });
  const dataDir = join(tmp.dir, 'console');
  const app = createApp({
    dataDir: (await import('node:fs')).mkdirSync(dataDir, { recursive: true }) ?? dataDir,
    clock: { now: () => Date.now() },
    randomBytes: (n) => randomBytes(n),
    random: Math.random,
    timers: realTimers,
    version: 'crash',
  });
  await app.start();
  const paired = await app.handlers['gateway.pair']({ url: gateway.url, code: gateway.issuePairingCode() });
  if (!paired.ok) throw new Error(paired.error.message);
  terminalId = app.terminal.get()!.terminalId;
  await app.close();
});
afterAll(async () => {
  await gateway?.close();
  tmp?.cleanup();
});

/** Customers pay a few orders on the gateway directly; their codes go to the cashier later. */
async function customersPay(n: number): Promise<void> {
  const open = [...created.keys()].filter((id) => !codes.has(id));
  for (let i = 0; i < n && open.length > 0; i++) {
    const id = open.splice(Math.floor(rnd() * open.length), 1)[0]!;
    const visit = await openQr(created.get(id)!.qrUrl);
    if (!visit.session) continue;
    const paid = await pressWallet(created.get(id)!.qrUrl, visit.session, 'pay');
    const code = confirmationCodeOf(paid.html);
    if (code) codes.set(id, code);
  }
}

describe(`crash harness: ${KILLS} SIGKILLs while selling and syncing`, () => {
  it('loses no acknowledged sale, duplicates nothing at the gateway, keeps SQLite intact', async () => {
    const dataDir = join(tmp.dir, 'console');
    for (let kill = 0; kill < KILLS; kill++) {
      const w = startWorker(dataDir);
      await w.ready;
      // One sale is acknowledged each life (progress), more are in flight when the kill lands.
      const before = created.size;
      w.send(`create ${1 + Math.floor(rnd() * 500)}`);
      await waitFor(() => created.size > before, 'a sale acknowledged');
      const pending = [...codes.keys()].filter((id) => !accepted.has(id) && !paidSeen.has(id));
      for (const id of pending.slice(0, 2)) w.send(`code ${id} ${codes.get(id)!}`);
      for (let i = 0, n = Math.floor(rnd() * 3); i < n; i++) w.send(`create ${1 + Math.floor(rnd() * 500)}`);
      await customersPay(1 + Math.floor(rnd() * 2));
      // The kill lands anywhere: mid-transaction, mid-push, mid-stream (that is the point).
      await new Promise((r) => setTimeout(r, Math.floor(rnd() * 40)));
      w.proc.kill('SIGKILL');
      await w.exited;
    }

    const last = startWorker(dataDir);
    await last.ready;
    last.send('drain');
    await last.exited;
    expect(drainedSeq).not.toBeNull();

    const db = new Database(join(dataDir, 'ledger.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(verifyJournal(db).ok).toBe(true);
      const has = db.prepare<[string], { status: string; offline_state: string | null }>(
        'SELECT status, offline_state FROM orders WHERE id = ?',
      );
      for (const id of created.keys()) expect(has.get(id), `acknowledged order ${id}`).toBeDefined();
      for (const id of accepted) expect(has.get(id)?.offline_state, `accepted ${id}`).not.toBeNull();
      for (const id of paidSeen) expect(has.get(id)?.status, `paid ${id}`).toBe('paid');

      // Every payment the gateway took is in the console exactly once, and nothing else is.
      const gwPaid = gateway.audit.paidOrders(terminalId);
      const payments = db.prepare('SELECT order_id, provider_trade_no FROM payments ORDER BY order_id').all();
      expect(payments).toEqual(gwPaid.map((p) => ({ order_id: p.order_id, provider_trade_no: p.provider_trade_no })));
      expect(gwPaid.length).toBeGreaterThan(KILLS / 2);
      const sales = db
        .prepare(
          `SELECT order_id, COUNT(*) AS n FROM journal WHERE kind IN ('sale.qr', 'sale.qr.late', 'sale.qr.offline')
           GROUP BY order_id HAVING n <> 1`,
        )
        .all();
      expect(sales).toEqual([]);
      // The gateway holds the same chain, each seq once (its primary key), nothing missing.
      const here = db.prepare('SELECT seq, hash FROM journal ORDER BY seq').all();
      const there = gateway.audit.journal(terminalId).map((e) => ({ seq: e.seq, hash: e.hash }));
      expect(there).toEqual(here);
      expect(drainedSeq).toBe(here.length);
      expect(db.prepare("SELECT COUNT(*) AS n FROM orders WHERE offline_state = 'verified'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
