/**
 * In-memory rate limits, timed by the injected clock. Each keeps at most `keysMax` keys and
 * forgets the least recently touched first, so a spray of keys cannot grow memory.
 */

function touch<V>(map: Map<string, V>, key: string, value: V, keysMax: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > keysMax) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

/** Token bucket: `burst` tokens, refilled at `perSecond`; one request takes one token. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly keysMax: number,
  ) {
    if (!(burst >= 1 && perSecond > 0 && keysMax >= 1)) throw new Error('assertion failed: token bucket limits');
  }

  /** Takes a token; false when the key is over its rate. */
  take(key: string, nowMs: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.burst, atMs: nowMs };
    const elapsedMs = Math.max(0, nowMs - b.atMs);
    const tokens = Math.min(this.burst, b.tokens + (elapsedMs * this.perSecond) / 1000);
    const allowed = tokens >= 1;
    touch(this.buckets, key, { tokens: allowed ? tokens - 1 : tokens, atMs: nowMs }, this.keysMax);
    return allowed;
  }
}

/** Counts failures per key in fixed windows; a key at `max` failures is blocked until the window ends. */
export class FailureWindows {
  private readonly windows = new Map<string, { startMs: number; failures: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly keysMax: number,
  ) {
    if (!(max >= 1 && windowMs > 0 && keysMax >= 1)) throw new Error('assertion failed: failure window limits');
  }

  private current(key: string, nowMs: number): { startMs: number; failures: number } | null {
    const w = this.windows.get(key);
    if (!w || nowMs - w.startMs >= this.windowMs || nowMs < w.startMs) return null;
    return w;
  }

  blocked(key: string, nowMs: number): boolean {
    return (this.current(key, nowMs)?.failures ?? 0) >= this.max;
  }

  fail(key: string, nowMs: number): void {
    const w = this.current(key, nowMs) ?? { startMs: nowMs, failures: 0 };
    touch(this.windows, key, { startMs: w.startMs, failures: w.failures + 1 }, this.keysMax);
  }
}
