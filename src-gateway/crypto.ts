/** Small wrappers over node:crypto used across the gateway. Keys never leave these functions in logs. */
import { createHmac, hash, timingSafeEqual } from 'node:crypto';

export type RandomBytes = (n: number) => Uint8Array;

export function hmacSha256(key: Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** One-shot `crypto.hash` (Node ≥ 20.12): ~2× cheaper than createHash for the many small inputs
 * of a journal push (one per entry). */
export function sha256Hex(data: Uint8Array | string): string {
  return hash('sha256', data, 'hex');
}

/** Constant-time equality; unequal lengths are unequal without comparing contents. */
export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Shared with the console (src-shared/ulid.ts). */
export { randomCrockford } from '../src-shared/ulid';

/** Uniform decimal digits by rejection sampling (no modulo bias). */
export function randomDigits(randomBytes: RandomBytes, count: number): string {
  let out = '';
  while (out.length < count) {
    for (const b of randomBytes(count)) {
      if (b < 250 && out.length < count) out += String(b % 10);
    }
  }
  return out;
}

export function randomBase64url(randomBytes: RandomBytes, byteCount: number): string {
  const bytes = randomBytes(byteCount);
  if (bytes.length !== byteCount) throw new Error('assertion failed: randomBytes returned the wrong length');
  return toBase64url(bytes);
}
