import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUlidSource } from '../../src-shared/ulid';

/** A clock tests move by hand. */
export class ManualClock {
  constructor(public ms = Date.UTC(2026, 10, 22, 4, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Deterministic bytes from a seed (xorshift32): the same seed gives the same ids and secrets. */
export function seededBytes(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  };
}

export function seededRandom(seed: number): () => number {
  const bytes = seededBytes(seed);
  return () => {
    const b = bytes(4);
    return (((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!) / 2 ** 32;
  };
}

export function seededIds(clock: ManualClock, seed = 7) {
  return createUlidSource(() => clock.now(), seededBytes(seed));
}

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'counter-pos-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls a condition until it holds or the deadline passes (no fixed sleeps). */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
