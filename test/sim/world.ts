import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src-main/app';
import { startGateway, type RunningGateway } from '../../src-gateway/server';
import type { OrderView } from '../../src-shared/api';
import { expectedConfirmationCode } from '../../src-main/sync/signer';
import { frozenTimers } from '../support/console';
import { confirmationCodeOf, openQr, pressWallet } from '../support/customer';
import { ManualClock, seededBytes, seededRandom } from '../support/fixtures';
import { FaultyNetwork } from './faulty-network';

/** Where the console's database lives during a run: tmpfs when there is one (fsync is free). */
function simDir(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, 'counter-pos-sim-'));
}

/**
 * One simulated shop for one seed: a real gateway (in-memory SQLite, loopback HTTP, no
 * background timers), a console app on a real SQLite file talking through a faulty network,
 * customers' phones talking to the gateway directly, one injected clock for both.
 */
export class World {
  readonly clock = new ManualClock(Date.UTC(2026, 10, 22, 2, 0, 0));
  readonly rng: () => number;
  readonly net: FaultyNetwork;
  gateway!: RunningGateway;
  app!: App;
  /** Codes the customers' result pages showed, by order id. */
  readonly codesShown = new Map<string, string>();
  readonly log: string[] = [];
  readonly dir = simDir();
  /** Every QR the console showed, by order id: a phone keeps it after the counter moves on. */
  readonly qrUrls = new Map<string, string>();
  private readonly bytes: (n: number) => Uint8Array;

  constructor(readonly seed: number) {
    this.rng = seededRandom(mix(seed, 1));
    this.bytes = seededBytes(mix(seed, 2));
    this.net = new FaultyNetwork(seededRandom(mix(seed, 3)));
  }

  async start(): Promise<void> {
    this.gateway = await startGateway({
      dbPath: ':memory:',
      clock: this.clock,
      randomBytes: seededBytes(mix(this.seed, 4)),
      merchantName: 'Sim Shop',
      currency: 'CNY',
      maintenanceIntervalMs: 0,
      journalAheadWaitMs: 0,
      log: { info: () => undefined, error: (m, c) => this.log.push(`gateway error: ${m} ${String(c)}`) },
    });
    this.app = this.openConsole();
    await this.app.start();
    const paired = await this.app.handlers['gateway.pair']({
      url: this.gateway.url,
      code: this.gateway.issuePairingCode(),
    });
    if (!paired.ok) throw new Error(`pairing failed: ${paired.error.message}`);
  }

  private openConsole(): App {
    return createApp({
      dataDir: this.dir,
      clock: this.clock,
      randomBytes: this.bytes,
      random: this.rng,
      timers: frozenTimers,
      version: 'sim',
      fetch: this.net.fetch,
      stream: false,
      pushBatchMax: 1 + Math.floor(this.rng() * 4), // many batches per push: continuity is exercised
    });
  }

  /** The console process stops and starts again on the same data (a clean restart). */
  async restartConsole(): Promise<void> {
    await this.app.sync.idle();
    await this.app.close();
    this.app = this.openConsole();
    await this.app.start();
  }

  pick<T>(xs: readonly T[]): T | undefined {
    return xs.length === 0 ? undefined : xs[Math.floor(this.rng() * xs.length)];
  }

  orders(): OrderView[] {
    const rows = this.app.db.prepare('SELECT id FROM orders ORDER BY id').all() as { id: string }[];
    return rows.map((r) => {
      const v = this.app.orders.get(r.id);
      if (!v.ok) throw new Error('order vanished');
      return v.value;
    });
  }

  /** A customer scans an order's QR (built by the console, signed) and pays on the wallet page. */
  async customerPays(o: OrderView, qrUrl: string): Promise<void> {
    const visit = await openQr(qrUrl);
    if (visit.session === null) return; // expired, closed, already paid
    const paid = await pressWallet(qrUrl, visit.session, this.rng() < 0.1 ? 'decline' : 'pay');
    const code = confirmationCodeOf(paid.html);
    if (paid.resultStatus === 'paid' && code) this.codesShown.set(o.id, code);
  }

  /** The code the console itself expects (to check the gateway shows the same). */
  expectedCode(o: OrderView): string {
    return expectedConfirmationCode(this.app.terminal.get()!.secret, o.id, o.amountMinor);
  }

  async close(): Promise<void> {
    await this.app.sync.idle().catch(() => undefined);
    await this.app.close();
    await this.gateway.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Spreads nearby seeds apart (murmur3 finalizer), one stream per purpose. */
export function mix(seed: number, stream: number): number {
  let h = (seed * 0x9e3779b1 + stream * 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0 || 1;
}
