/**
 * PIN hashing with scrypt (node:crypto): a random 16-byte salt per PIN, parameters stored with
 * the hash (`scrypt$N$r$p$salt$hash`, base64url), so they can be raised later without breaking
 * old hashes. Comparison is constant-time.
 */
import { scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost (power of two). 2^15 with r=8 is 32 MiB and ~0.1–0.2 s per try on a 2-core till. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP lists N=2^17 first and accepts lower N with more memory/parallelism; 2^15 keeps a login
 * near 0.2 s on a shared 2-core till. With 3 tries per 3 hours, online guessing is the bound, and
 * an offline attacker with the file faces 32 MiB per guess.
 */
export const PIN_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
/** Tests use cheap parameters; the format and code path are the same. */
export const TEST_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
export const PIN_SALT_BYTES = 16;
export const PIN_HASH_BYTES = 32;
/** Upper bound on any stored parameter, so a tampered row cannot make us allocate gigabytes. */
const SCRYPT_N_MAX = 2 ** 20;

function derive(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, PIN_HASH_BYTES, { ...params, maxmem }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPin(pin: string, salt: Uint8Array, params: ScryptParams): Promise<string> {
  if (salt.length !== PIN_SALT_BYTES) throw new Error(`assertion failed: salt is ${salt.length} bytes`);
  const key = await derive(pin, Buffer.from(salt), params);
  const b = (x: Buffer | Uint8Array) => Buffer.from(x).toString('base64url');
  return `scrypt$${params.N}$${params.r}$${params.p}$${b(salt)}$${b(key)}`;
}

/** False for a wrong PIN; throws only for a stored hash that is not ours (a bug or tampering). */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw new Error('assertion failed: unknown PIN hash format');
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > SCRYPT_N_MAX || r < 1 || r > 32 || p < 1 || p > 4) {
    throw new Error('assertion failed: PIN hash parameters out of range');
  }
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const actual = await derive(pin, salt, { N, r, p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
