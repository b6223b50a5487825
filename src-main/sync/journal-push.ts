/**
 * The journal push: the outbox sent to the gateway in seq order, batch after batch, until it is
 * empty, the gateway is unreachable (retried with backoff and jitter) or refuses the journal
 * (stopped, the cause named, until the owner retries). Part of SyncService, which owns the
 * gateway connection; kept apart because it has its own state and rules.
 */
import type { Clock } from '../../src-shared/time';
import { backoffDelayMs, RECONNECT_BACKOFF } from './backoff';
import type { GatewayClient } from './gateway-client';
import type { Outbox, PushBatch } from './outbox';
import { SingleFlight } from './single-flight';
import type { TerminalStore } from './terminal-store';
import type { Timers } from './timers';

/** Batches per push pass; the next pass (or a wake-up) continues. */
export const PUSH_BATCHES_MAX = 200;
/**
 * During a catch-up the status (outbox count, a COUNT over the outbox) is sent to the window at
 * most this often, not after each of ~100 batches: progress a cashier can read, for less work.
 */
export const PUSH_STATUS_EVERY_MS = 250;
/** Gateway answers that mean "this journal is wrong", not "try later": pushing stops, named. */
const PUSH_FATAL = new Set([
  'journal_gap',
  'journal_chain_broken',
  'journal_conflict',
  'journal_unbalanced',
  'unauthorized',
  'signature_invalid',
  'terminal_unknown',
  'invalid_argument',
]);

/**
 * One turn of the event loop, so a request just started is written before the synchronous work
 * that follows it (acknowledge, read the next batch: ~5 ms per 1,000 entries). fetch writes from
 * the event loop; without this turn the body waited for that work, and console and gateway took
 * turns instead of working at once (a 100k catch-up: 1.9 s → 1.4 s).
 */
function requestLeaves(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface JournalPushDeps {
  readonly clock: Clock;
  readonly random: () => number;
  readonly timers: Timers;
  readonly terminal: TerminalStore;
  readonly outbox: Outbox;
  /** The current gateway connection; another one (or none) after a re-pair or stop. */
  readonly gateway: () => GatewayClient | null;
  /** Retries are timed only while the service runs with its stream (not in the simulation). */
  readonly retriesTimed: () => boolean;
  readonly emitStatus: () => void;
  /** Entries per push (default JOURNAL_PUSH_BATCH_MAX); the simulation makes it small. */
  readonly pushBatchMax?: number;
}

export class JournalPush {
  private readonly passes = new SingleFlight(() => this.pass());
  private timer: unknown = null;
  private attempts = 0;
  private refusal: { code: string; message: string } | null = null;

  constructor(private readonly d: JournalPushDeps) {}

  /** The gateway's refusal that stopped pushing, if any. */
  errorCode(): string | null {
    return this.refusal?.code ?? null;
  }

  running(): Promise<void> | null {
    return this.passes.running();
  }

  /** A new connection: a refusal of the old one no longer stands. */
  reset(): void {
    this.refusal = null;
  }

  stop(): void {
    if (this.timer) this.d.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Pushes until the outbox is empty, or the gateway is unreachable, or it refuses. */
  push(): Promise<void> {
    return this.passes.run();
  }

  /** The owner asks to try again after a refused push (e.g. after the gateway was fixed). */
  retry(): void {
    this.refusal = null;
    this.attempts = 0;
    this.d.emitStatus();
    void this.push();
  }

  /**
   * One pass: batches go one at a time (two in flight could arrive out of order and be refused
   * as a gap), but the next batch is read and serialized while the one before is in flight,
   * and the acknowledgement is written after the next request has left.
   */
  private async pass(): Promise<void> {
    const gw = this.d.gateway();
    const p = this.d.terminal.get();
    if (!gw || !p || this.refusal) return;
    const max = this.d.pushBatchMax;
    let batch: PushBatch | null = this.d.outbox.nextBatch(0, max);
    if (!batch) return;
    let reply = gw.pushJournal(batch);
    await requestLeaves();
    if (this.d.gateway() !== gw) return;
    let next: PushBatch | null = PUSH_BATCHES_MAX > 1 ? this.d.outbox.nextBatch(batch.lastSeq, max) : null;
    let statusAtMs = this.d.clock.now();
    let statusStale = false;
    for (let sent = 1; ; sent++) {
      const r = await reply;
      if (this.d.gateway() !== gw) return; // re-paired (or closed) meanwhile: the database may be gone
      if (!r.ok) {
        if (PUSH_FATAL.has(r.error.code)) {
          this.refusal = { code: r.error.code, message: r.error.message };
          console.error(`sync: the gateway refused the journal: ${r.error.code}: ${r.error.message}`);
          this.d.emitStatus();
          return;
        }
        if (statusStale) this.d.emitStatus();
        this.scheduleRetry();
        return;
      }
      const done: PushBatch = batch;
      const complete: boolean = r.value.acked_seq >= done.lastSeq;
      // Send the next batch first: it travels while this one is acknowledged here.
      batch = complete && next && sent < PUSH_BATCHES_MAX ? next : null;
      if (batch) {
        reply = gw.pushJournal(batch);
        await requestLeaves();
        if (this.d.gateway() !== gw) return;
      }
      this.attempts = 0;
      this.d.outbox.acknowledge(p.terminalId, r.value.acked_seq);
      statusStale = true;
      if (!batch || this.d.clock.now() - statusAtMs >= PUSH_STATUS_EVERY_MS) {
        this.d.emitStatus();
        statusAtMs = this.d.clock.now();
        statusStale = false;
      }
      if (!complete) {
        // The gateway holds less than we sent without refusing: a bug on one side. Stop, named.
        this.refusal = { code: 'journal_gap', message: `gateway acknowledged ${r.value.acked_seq} only` };
        this.d.emitStatus();
        return;
      }
      if (!batch) break;
      next = sent + 1 < PUSH_BATCHES_MAX ? this.d.outbox.nextBatch(batch.lastSeq, max) : null;
    }
    if (statusStale) this.d.emitStatus();
    if (this.d.outbox.pending().count > 0) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.d.retriesTimed() || this.timer) return;
    const delay = backoffDelayMs(this.attempts++, RECONNECT_BACKOFF, this.d.random);
    this.timer = this.d.timers.setTimeout(() => {
      this.timer = null;
      void this.push();
    }, delay);
  }
}
