/** Whether the till has been left long enough to lock (0 minutes: never). */
export function idleExpired(lastInputMs: number, nowMs: number, minutes: number): boolean {
  return minutes > 0 && nowMs - lastInputMs >= minutes * 60_000;
}
