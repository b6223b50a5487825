import { expect } from 'vitest';
import { verifyJournal } from '../../src-main/ledger/verify';
import { World } from './world';

export interface SeedReport {
  readonly steps: number;
  readonly sales: number;
  readonly offlineVerified: number;
  readonly faults: number;
}

type Action = (w: World) => Promise<void>;

const actions: [weight: number, name: string, run: Action][] = [
  [
    20,
    'create',
    async (w) => {
      const r = w.app.orders.create({ amount: String(1 + Math.floor(w.rng() * 300)) });
      if (r.ok && r.value.qrUrl) w.qrUrls.set(r.value.id, r.value.qrUrl);
    },
  ],
  [
    20,
    'customer pays',
    async (w) => {
      const awaiting = w.orders().filter((o) => o.status === 'awaiting_payment');
      const o = w.rng() < 0.8 ? w.pick(awaiting) : w.pick(w.orders()); // sometimes late or twice
      const url = o ? w.qrUrls.get(o.id) : undefined;
      if (o && url) await w.customerPays(o, url);
    },
  ],
  [
    12,
    'cashier types code',
    async (w) => {
      const candidates = w.orders().filter((o) => w.codesShown.has(o.id) && o.status !== 'paid');
      const o = w.pick(candidates);
      if (!o) return;
      const right = w.codesShown.get(o.id)!;
      if (w.rng() < 0.2) w.app.offline.acceptCode(o.id, right === '000000' ? '000001' : '000000');
      w.app.offline.acceptCode(o.id, right);
    },
  ],
  [
    4,
    'cancel',
    async (w) => {
      const o = w.pick(w.orders().filter((x) => x.status === 'awaiting_payment'));
      if (!o) return;
      const r = w.app.orders.cancel(o.id);
      if (r.ok) await w.app.sync.flushRegistrations(); // the cancel, told to the gateway (owed if offline)
    },
  ],
  [
    10,
    'time passes',
    async (w) => {
      w.clock.advance(w.rng() < 0.2 ? 180_000 + Math.floor(w.rng() * 300_000) : 1_000 + Math.floor(w.rng() * 90_000));
    },
  ],
  [
    5,
    'expiry sweeps',
    async (w) => {
      w.app.orders.expireDue();
      w.gateway.maintain();
    },
  ],
  [10, 'push', (w) => w.app.sync.pushJournal()],
  [10, 'pull', async (w) => void (await w.app.sync.pullChanges())],
  [8, 'register', (w) => w.app.sync.flushRegistrations()],
  [5, 'network flips', async (w) => void (w.net.offline = !w.net.offline)],
  [4, 'late packets arrive', (w) => w.net.deliverHeld()],
  [2, 'console restarts', (w) => w.restartConsole()],
];
const TOTAL_WEIGHT = actions.reduce((s, a) => s + a[0], 0);

function choose(w: World): [string, Action] {
  let r = w.rng() * TOTAL_WEIGHT;
  for (const [weight, name, run] of actions) {
    if ((r -= weight) < 0) return [name, run];
  }
  return [actions[0]![1], actions[0]![2]];
}

/** Invariants that hold after every step, whatever the network did. */
function checkStep(w: World): void {
  const sum = w.app.db.prepare('SELECT COALESCE(SUM(amount_minor), 0) AS s FROM postings').get() as { s: number };
  expect(sum.s, 'postings sum to zero').toBe(0);
  const orphan = w.app.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE seq NOT IN (SELECT seq FROM journal)').get();
  expect(orphan).toEqual({ n: 0 });
  expect(w.app.sync.status().pushErrorCode ?? null, 'no refused push').toBeNull();
}

/** Heal the network and sync until both sides agree (bounded). */
/** Cancels made here that the gateway has not been told of, for orders not yet expired. */
const cancelsOwed = (w: World): number =>
  (
    w.app.db
      .prepare('SELECT COUNT(*) AS n FROM orders WHERE cancel_owed = 1 AND expires_at_ms > ?')
      .get(w.clock.now()) as { n: number }
  ).n;

async function converge(w: World): Promise<void> {
  w.net.offline = false;
  await w.net.deliverHeld();
  for (let round = 0; round < 200; round++) {
    w.clock.advance(1_000);
    w.gateway.maintain();
    await w.app.sync.flushRegistrations();
    const pulled = await w.app.sync.pullChanges();
    await w.app.sync.pushJournal();
    await w.app.sync.idle();
    if (pulled.complete && pulled.applied === 0 && w.app.sync.status().unsyncedEntries === 0 && cancelsOwed(w) === 0) {
      return;
    }
  }
  throw new Error('did not converge in 200 rounds');
}

/** The end state: every paid sale exactly once on both sides, balanced, chains verified. */
function checkFinal(w: World): SeedReport {
  const tid = w.app.terminal.get()!.terminalId;
  const gwPaid = w.gateway.audit.paidOrders(tid);
  const db = w.app.db;
  const payments = db.prepare('SELECT order_id, provider_trade_no FROM payments ORDER BY order_id').all();
  expect(payments, 'console payments = gateway payments').toEqual(
    gwPaid.map((p) => ({ order_id: p.order_id, provider_trade_no: p.provider_trade_no })),
  );
  const paidHere = db
    .prepare("SELECT id FROM orders WHERE status = 'paid' ORDER BY id")
    .all()
    .map((r) => (r as { id: string }).id);
  expect(paidHere, 'paid orders agree').toEqual(gwPaid.map((p) => p.order_id));
  const total = gwPaid.reduce((s, p) => s + p.amount_minor, 0);
  expect(w.app.journal.balance('sales', 'CNY'), 'sales counted once').toBe(-total);
  expect(w.app.journal.balance('clearing:offline', 'CNY'), 'nothing awaits confirmation').toBe(0);
  expect(w.app.journal.balance('clearing:sandbox', 'CNY')).toBe(total);
  const reported = db
    .prepare('SELECT channel, SUM(sale_count) AS n, SUM(gross_minor) AS gross FROM report_rollup GROUP BY channel')
    .all();
  const expectedLines = gwPaid.length > 0 ? [{ channel: 'sandbox', n: gwPaid.length, gross: total }] : [];
  expect(reported, 'reports: every sale under the channel that paid it, once').toEqual(expectedLines);
  const perOrder = db
    .prepare(
      `SELECT order_id, COUNT(*) AS n FROM journal WHERE kind IN ('sale.qr', 'sale.qr.late', 'sale.qr.offline')
       GROUP BY order_id HAVING n <> 1`,
    )
    .all();
  expect(perOrder, 'one sale entry per order').toEqual([]);
  expect(verifyJournal(db).ok, 'console chain verifies').toBe(true);
  const here = db.prepare('SELECT seq, hash, kind, order_id FROM journal ORDER BY seq').all();
  const there = w.gateway.audit
    .journal(tid)
    .map((e) => ({ seq: e.seq, hash: e.hash, kind: e.kind, order_id: e.order_id }));
  expect(there, 'gateway holds the same journal').toEqual(here);
  const status = w.app.sync.status();
  expect(status.unsyncedEntries).toBe(0);
  expect(status.offlinePending).toBe(0);
  expect(status.openIssues, 'no open disagreement').toBe(0);
  expect(status.pushErrorCode ?? null).toBeNull();
  expect(cancelsOwed(w), 'every cancel made here told to the gateway').toBe(0);
  const cancelledHere = db.prepare("SELECT id FROM orders WHERE status = 'cancelled'").all() as { id: string }[];
  const payableThere = cancelledHere.filter((o) => w.gateway.audit.orderStatus(o.id) === 'awaiting_payment');
  expect(payableThere, 'no order cancelled here can still be paid at the gateway').toEqual([]);
  for (const [id, code] of w.codesShown) {
    const o = w.app.orders.get(id);
    if (o.ok) expect(w.expectedCode(o.value), 'the gateway shows the code the console expects').toBe(code);
  }
  const s = w.net.stats;
  return {
    steps: 0,
    sales: gwPaid.length,
    offlineVerified: (
      db.prepare('SELECT COUNT(*) AS n FROM orders WHERE offline_state IS NOT NULL').get() as { n: number }
    ).n,
    faults: s.dropped + s.serverErrors + s.timeoutsAfterCommit + s.duplicated + s.delayed,
  };
}

/** One seeded run: random steps with invariants after each, then convergence and the end checks. */
export async function runSeed(seed: number): Promise<SeedReport> {
  const w = new World(seed);
  await w.start();
  const trail: string[] = [];
  try {
    const steps = 60 + Math.floor(w.rng() * 100);
    for (let i = 0; i < steps; i++) {
      const [name, run] = choose(w);
      trail.push(name);
      await run(w);
      await w.app.sync.idle();
      checkStep(w);
    }
    await converge(w);
    return { ...checkFinal(w), steps };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(
      `simulation seed ${seed} failed after [${trail.slice(-12).join(', ')}]: ${msg}\n` +
        `replay: SIM_SEED=${seed} npx vitest run --project sim   (or npm run sim -- --seed ${seed})`,
      { cause: e },
    );
  } finally {
    await w.close();
  }
}
