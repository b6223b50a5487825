import type { FetchLike } from '../../src-main/sync/gateway-client';

/** Per-request fault odds; the rest goes through untouched. */
export interface FaultOdds {
  /** Lost before the gateway saw it. */
  readonly drop: number;
  /** A 503 from a proxy in between; the gateway never saw it. */
  readonly serverError: number;
  /** The gateway committed, the answer was lost: the caller sees a timeout. */
  readonly timeoutAfterCommit: number;
  /** Delivered twice (the same bytes): the caller sees one of the answers. */
  readonly duplicate: number;
  /** Held back and delivered later, out of order, after the caller gave up. */
  readonly delay: number;
}

export const DEFAULT_ODDS: FaultOdds = {
  drop: 0.06,
  serverError: 0.05,
  timeoutAfterCommit: 0.06,
  duplicate: 0.05,
  delay: 0.05,
};

export interface NetworkStats {
  sent: number;
  dropped: number;
  serverErrors: number;
  timeoutsAfterCommit: number;
  duplicated: number;
  delayed: number;
  delivered: number;
}

/**
 * The network between the console and the gateway, driven by a seeded random source. Requests
 * go one at a time (FIFO), so the same seed makes the same faults in the same order: a failing
 * seed replays exactly.
 */
export class FaultyNetwork {
  offline = false;
  readonly stats: NetworkStats = {
    sent: 0,
    dropped: 0,
    serverErrors: 0,
    timeoutsAfterCommit: 0,
    duplicated: 0,
    delayed: 0,
    delivered: 0,
  };
  private readonly held: { url: string; init: RequestInit }[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly random: () => number,
    private readonly odds: FaultOdds = DEFAULT_ODDS,
  ) {}

  readonly fetch: FetchLike = (url, init) => {
    const run = this.queue.then(() => this.one(url, init));
    this.queue = run.catch(() => undefined);
    return run;
  };

  /** Sends the held-back requests now, in a random order (their answers go nowhere). */
  async deliverHeld(): Promise<void> {
    const batch = this.held.splice(0);
    for (let i = batch.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [batch[i], batch[j]] = [batch[j]!, batch[i]!];
    }
    for (const r of batch) {
      if (this.offline) continue; // lost for good
      this.stats.delivered++;
      await this.real(r.url, r.init).catch(() => undefined);
    }
  }

  private async one(url: string, init: RequestInit): Promise<Response> {
    this.stats.sent++;
    if (this.offline) throw new TypeError('fetch failed (offline)');
    const roll = this.random();
    let edge = this.odds.drop;
    if (roll < edge) {
      this.stats.dropped++;
      throw new TypeError('fetch failed (dropped)');
    }
    if (roll < (edge += this.odds.serverError)) {
      this.stats.serverErrors++;
      return new Response('{"error":{"code":"internal","message":"bad gateway"}}', { status: 503 });
    }
    if (roll < (edge += this.odds.timeoutAfterCommit)) {
      this.stats.timeoutsAfterCommit++;
      await this.real(url, init);
      throw new DOMException('The operation timed out.', 'TimeoutError');
    }
    if (roll < (edge += this.odds.duplicate)) {
      this.stats.duplicated++;
      const first = await this.real(url, init);
      const second = await this.real(url, init);
      return this.random() < 0.5 ? first : second;
    }
    if (roll < edge + this.odds.delay) {
      this.stats.delayed++;
      this.held.push({ url, init });
      throw new DOMException('The operation timed out.', 'TimeoutError');
    }
    return this.real(url, init);
  }

  /** A real request; the body is read whole so the answer can be handed on after it. */
  private async real(url: string, init: RequestInit): Promise<Response> {
    const { signal: _ignored, ...rest } = init;
    const res = await fetch(url, rest);
    const body = await res.text();
    return new Response(body, { status: res.status, headers: res.headers });
  }
}
