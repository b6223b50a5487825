/**
 * The change feed's fallback while the live stream is down (closed, refused, or cut by a proxy
 * that does not pass a long-lived response): the feed is pulled every POLL_INTERVAL_MS
 * (jittered) while the gateway answers, at once again while pages remain, and with backoff and
 * full jitter while it does not answer. It stops when the stream opens: the stream replays
 * everything after the cursor itself. Changes are applied idempotently by id, so a pull and the
 * stream overlapping apply each once. Part of SyncService, kept apart for its own state.
 */
import { backoffDelayMs, type BackoffPolicy } from './backoff';
import type { Timers } from './timers';

/** Between pulls while the stream is down and the gateway answers: "paid" within seconds. */
export const POLL_INTERVAL_MS = 2_000;
/** The first pull after the stream drops (what happened while it was going down). */
export const POLL_FIRST_MS = 250;
/** While the gateway does not answer either. */
export const POLL_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000 };

export interface PullOutcome {
  /** The gateway answered at least one page. */
  readonly reached: boolean;
  /** The feed was read to its end. */
  readonly complete: boolean;
}

export class ChangePoller {
  private timer: unknown = null;
  private failures = 0;
  private active = false;

  constructor(
    private readonly d: {
      readonly timers: Timers;
      readonly random: () => number;
      readonly pull: () => Promise<PullOutcome>;
    },
  ) {}

  /** Polling now (the stream is down). */
  polling(): boolean {
    return this.active;
  }

  /** The stream went down: pull soon, then on and on until stop(). */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.failures = 0;
    this.schedule(POLL_FIRST_MS);
  }

  /** The stream is open (or sync stopped). A pull already on its way finishes, then no more. */
  stop(): void {
    this.active = false;
    if (this.timer) this.d.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (!this.active || this.timer) return;
    this.timer = this.d.timers.setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    // A pull that throws is one that did not get through: backed off, never the end of polling.
    const r = await this.d.pull().catch((e: unknown) => {
      console.error(`sync: pulling the change feed failed: ${e instanceof Error ? e.message : String(e)}`);
      return { reached: false, complete: false };
    });
    if (!this.active) return;
    if (!r.reached) {
      this.schedule(backoffDelayMs(this.failures++, POLL_BACKOFF, this.d.random));
      return;
    }
    this.failures = 0;
    this.schedule(r.complete ? Math.floor(POLL_INTERVAL_MS * (0.75 + 0.5 * this.d.random())) : 0);
  }
}
