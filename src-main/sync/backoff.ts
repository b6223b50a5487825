/** Exponential backoff with full jitter, bounded. `random` is injected (0 ≤ r < 1). */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 15_000 };

export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 20));
  return Math.floor(policy.baseMs / 2 + random() * (ceiling - policy.baseMs / 2));
}
