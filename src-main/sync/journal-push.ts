/**
 * The journal push: the outbox sent to the gateway in seq order, batch after batch, until it is
 * empty, the gateway is unreachable (retried with backoff and jitter) or refuses the journal
 * (stopped, the cause named, until the owner retries). Part of SyncService, which owns the
 * gateway connection; kept apart because it has its own state and rules.
 */
import type { JournalPushReply } from '../../src-shared/protocol/gateway';
import type { Result } from '../../src-shared/result';
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
/**
 * Batches on their way at once. Two: the gateway verifies and stores one while the next travels
 * (one at a time left each side idle half the time); more would only queue at a busy gateway.
 */
export const PUSH_IN_FLIGHT = 2;
/** Passes run back to back after batches overtook each other, before the usual backoff. */
const OVERTAKEN_PASSES_MAX = 3;
/** How soon an entry written here is pushed: a burst (a sale and its change, a shift's close) goes as one. */
export const PUSH_SOON_MS = 300;

interface Sent {
  readonly batch: PushBatch;
  readonly reply: Promise<Result<JournalPushReply>>;
  /** Sent with nothing of ours before it still on its way to the gateway. */
  readonly first: boolean;
}

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
  'terminal_revoked',
  'payload_too_large',
  'console_outdated',
]);

/**
 * What a reply acknowledges of what it was sent for: never beyond the batch. A gateway that holds
 * more (a re-sent batch, answered with its head) has not seen this counter's later entries; they
 * stay in the outbox and go next, where its chain check finds any that differ.
 */
function ackedOf(s: Sent, reply: JournalPushReply): number {
  return Math.min(reply.acked_seq, s.batch.lastSeq);
}

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
  /**
   * The gateway held this terminal's journal only up to `gatewaySeq` (restored from an older
   * copy) and everything after it was queued again (`entries` now waiting): for the audit log.
   */
  readonly onJournalResent?: (e: { gatewaySeq: number; consoleSeq: number; entries: number }) => void;
}

export class JournalPush {
  private readonly passes = new SingleFlight(() => this.pass());
  private timer: unknown = null;
  /** A push asked for by an entry written here (`soon`). */
  private soonTimer: unknown = null;
  private attempts = 0;
  private refusal: { code: string; message: string } | null = null;
  /** The last pass failed here, not at the gateway (the database threw): retried with backoff, shown. */
  private localFault = false;
  /** The push went back after a gap and no batch has been acknowledged since (a second gap stops). */
  private rejoined = false;

  constructor(private readonly d: JournalPushDeps) {}

  /** The gateway's refusal that stopped pushing, if any. */
  errorCode(): string | null {
    return this.refusal?.code ?? (this.localFault ? 'sync_local_error' : null);
  }

  running(): Promise<void> | null {
    return this.passes.running();
  }

  /** A new connection: a refusal of the old one no longer stands. */
  reset(): void {
    this.refusal = null;
    this.localFault = false;
    this.rejoined = false;
  }

  stop(): void {
    if (this.timer) this.d.timers.clearTimeout(this.timer);
    this.timer = null;
    if (this.soonTimer) this.d.timers.clearTimeout(this.soonTimer);
    this.soonTimer = null;
  }

  /**
   * An entry was written here (a cash sale, a paid-out, a shift closed…): push it shortly, once
   * for a burst. Called inside the entry's transaction, so it only sets a timer; by the time it
   * fires the entry has committed (or rolled back, and there is nothing new). Not while a retry
   * is already waiting (the gateway unreachable: that retry goes first, with its backoff), nor
   * after a refusal, which waits for the owner.
   */
  soon(): void {
    if (this.soonTimer || this.timer || this.refusal || !this.d.retriesTimed()) return;
    this.soonTimer = this.d.timers.setTimeout(() => {
      this.soonTimer = null;
      void this.push();
    }, PUSH_SOON_MS);
  }

  /** Pushes until the outbox is empty, or the gateway is unreachable, or it refuses. */
  push(): Promise<void> {
    return this.passes.run();
  }

  /** The owner asks to try again after a refused push (e.g. after the gateway was fixed). */
  retry(): void {
    this.refusal = null;
    this.rejoined = false;
    this.attempts = 0;
    this.d.emitStatus();
    void this.push();
  }

  /**
   * A pass, run again at once (a few times) when a batch overtook the one before it on its way
   * to the gateway: that is ordering, not failure, so no backoff.
   */
  private async pass(): Promise<void> {
    for (let passes = 1; ; passes++) {
      let outcome: 'done' | 'overtaken';
      try {
        outcome = await this.onePass();
        this.localFault = false;
      } catch (e) {
        // Nothing acknowledged is lost (the outbox changes only in its own transactions); the
        // status names it and the pass is tried again after a backoff, never given up in silence.
        console.error(`sync: the journal push failed here, will retry: ${e instanceof Error ? e.message : String(e)}`);
        this.localFault = true;
        this.scheduleRetry(); // first: telling the window reads the database, which may throw too
        try {
          this.d.emitStatus();
        } catch {
          // logged above; the retry is already on its way
        }
        return;
      }
      if (outcome !== 'overtaken') return;
      if (passes >= OVERTAKEN_PASSES_MAX) {
        this.scheduleRetry();
        return;
      }
    }
  }

  /**
   * Up to PUSH_IN_FLIGHT batches travel at once, each on its own connection: the gateway checks
   * and stores one while the next is on its way. Replies are taken in send order; the next batch
   * is read and sent before the acknowledgement of the one before it is written.
   */
  private async onePass(): Promise<'done' | 'overtaken'> {
    const gw = this.d.gateway();
    const p = this.d.terminal.get();
    if (!gw || !p || this.refusal) return 'done';
    const max = this.d.pushBatchMax;
    const inFlight: Sent[] = [];
    let readAfter = 0;
    let sent = 0;
    let drained = false;
    /** Fills the window; false when the connection changed meanwhile (the database may be gone). */
    const fill = async (): Promise<boolean> => {
      while (!drained && inFlight.length < PUSH_IN_FLIGHT && sent < PUSH_BATCHES_MAX) {
        const batch = this.d.outbox.nextBatch(readAfter, max);
        if (!batch) {
          drained = true;
          break;
        }
        // `first`: everything before it is at the gateway already (acknowledged, or its reply in hand).
        inFlight.push({ batch, reply: gw.pushJournal(batch), first: inFlight.length === 0 });
        readAfter = batch.lastSeq;
        sent++;
        await requestLeaves();
        if (this.d.gateway() !== gw) return false;
      }
      return true;
    };
    if (!(await fill())) return 'done';
    let statusAtMs = this.d.clock.now();
    for (let s = inFlight.shift(); s; s = inFlight.shift()) {
      const r = await s.reply;
      if (this.d.gateway() !== gw) return 'done';
      if (!r.ok) {
        // A later batch may still have landed (its predecessor's answer was lost after the
        // gateway committed it): its acknowledgement counts.
        await this.settle(inFlight, p.terminalId, gw);
        return this.failed(r.error, s, gw, p.terminalId);
      }
      const complete = r.value.acked_seq >= s.batch.lastSeq;
      if (complete && !(await fill())) return 'done';
      this.attempts = 0;
      this.rejoined = false;
      this.d.outbox.acknowledge(p.terminalId, ackedOf(s, r.value));
      if (!complete) {
        // The gateway holds less than we sent without refusing: a bug on one side. Stop, named.
        await this.settle(inFlight, p.terminalId, gw);
        this.refuse({ code: 'journal_gap', message: `gateway acknowledged ${r.value.acked_seq} only` });
        return 'done';
      }
      if (inFlight.length === 0 || this.d.clock.now() - statusAtMs >= PUSH_STATUS_EVERY_MS) {
        this.d.emitStatus();
        statusAtMs = this.d.clock.now();
      }
    }
    if (this.d.outbox.pending().count > 0) this.scheduleRetry();
    return 'done';
  }

  /** The batches still in flight after one failed: waits for each, keeps what was acknowledged. */
  private async settle(rest: readonly Sent[], terminalId: string, gw: GatewayClient): Promise<void> {
    let acked = -1;
    for (const s of rest) {
      const r = await s.reply;
      if (r.ok) acked = Math.max(acked, ackedOf(s, r.value));
    }
    if (acked >= 0 && this.d.gateway() === gw) this.d.outbox.acknowledge(terminalId, acked);
  }

  private async failed(
    error: { code: string; message: string },
    s: Sent,
    gw: GatewayClient,
    terminalId: string,
  ): Promise<'done' | 'overtaken'> {
    if (this.d.gateway() !== gw) return 'done'; // re-paired while the rest settled: not this connection's
    if (error.code === 'journal_ahead') {
      if (!s.first) return 'overtaken';
      // Nothing of ours was on its way before this batch: the gateway really lacks entries.
      return this.rejoin(gw, terminalId, s.batch.firstSeq, error.message);
    }
    if (error.code === 'not_found' || error.code === 'gateway_outdated') return this.outdated(error.message);
    if (PUSH_FATAL.has(error.code)) {
      this.refuse(error);
      return 'done';
    }
    this.d.emitStatus();
    this.scheduleRetry();
    return 'done';
  }

  /**
   * The gateway lacks entries this counter has (it acknowledged them, then lost them: restored
   * from an older copy). If what it holds is this counter's own chain (the same hash at its
   * head), everything after its head is queued again and sent; its chain check vouches for each
   * entry. A different hash there, or a second gap at the same place, stops the push, named.
   */
  private async rejoin(
    gw: GatewayClient,
    terminalId: string,
    firstSeq: number,
    why: string,
  ): Promise<'done' | 'overtaken'> {
    if (this.rejoined) {
      this.refuse({ code: 'journal_gap', message: `the gateway lacks entries before ${firstSeq} (${why})` });
      return 'done';
    }
    const head = await gw.journalHead();
    if (this.d.gateway() !== gw) return 'done';
    if (!head.ok) {
      if (head.error.code === 'not_found' || head.error.code === 'gateway_outdated') {
        return this.outdated(head.error.message);
      }
      this.d.emitStatus();
      this.scheduleRetry();
      return 'done';
    }
    const gatewaySeq = head.value.acked_seq;
    this.rejoined = true;
    if (gatewaySeq >= firstSeq - 1) return 'overtaken'; // it holds what precedes the batch now: once more
    if (this.d.outbox.hashAt(gatewaySeq) !== head.value.head_hash) {
      this.refuse({
        code: 'journal_conflict',
        message: `the gateway's entry ${gatewaySeq} is not this counter's; it lacks entries before ${firstSeq}`,
      });
      return 'done';
    }
    const entries = this.d.outbox.requeueAfter(terminalId, gatewaySeq);
    console.warn(
      `sync: the gateway holds this counter's journal up to ${gatewaySeq} only, not ${firstSeq - 1}; sending again from ${gatewaySeq + 1}`,
    );
    this.d.onJournalResent?.({ gatewaySeq, consoleSeq: firstSeq - 1, entries });
    this.d.emitStatus();
    return 'overtaken';
  }

  /**
   * A gateway older than this console: no such route, or an older protocol named (or none).
   * Named, never retried in silence.
   */
  private outdated(message: string): 'done' {
    this.refuse({ code: 'gateway_outdated', message: `the gateway is older than this console (${message})` });
    return 'done';
  }

  private refuse(refusal: { code: string; message: string }): void {
    this.refusal = { code: refusal.code, message: refusal.message };
    console.error(`sync: the gateway refused the journal: ${refusal.code}: ${refusal.message}`);
    this.d.emitStatus();
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
