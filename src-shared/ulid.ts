/** ULIDs made on the device: 48-bit ms timestamp + 80 random bits, Crockford base32, monotonic. */
/** Crockford's base32: no I, L, O or U, so what is read aloud or typed is hard to get wrong. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALPHABET = CROCKFORD;
export const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export type IdSource = () => string;

/**
 * `now` and `randomBytes` are injected so tests are deterministic. Within one millisecond the
 * random part is incremented, so ids made by one source sort in creation order.
 */
export function createUlidSource(now: () => number, randomBytes: (n: number) => Uint8Array): IdSource {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return () => {
    let time = now();
    if (!Number.isSafeInteger(time) || time < 0 || time > 2 ** 48 - 1) throw new Error('assertion failed: ulid time');
    if (time <= lastTime) {
      time = lastTime;
      lastRandom = increment(lastRandom);
    } else {
      lastTime = time;
      lastRandom = Array.from(randomBytes(10), (b) => b);
    }
    return encodeTime(time) + encodeRandom(lastRandom);
  };
}

function encodeTime(time: number): string {
  let out = '';
  let t = time;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

/** 80 bits = 16 base32 chars, taken 5 bits at a time from the 10 bytes. */
function encodeRandom(bytes: number[]): string {
  return crockford(bytes, 16);
}

/** The first `count` Crockford characters of `bytes`, 5 bits each, most significant first. */
export function crockford(bytes: ArrayLike<number>, count: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length && out.length < count; i++) {
    buffer = (buffer << 8) | bytes[i]!;
    bits += 8;
    while (bits >= 5 && out.length < count) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** `count` random Crockford characters, 5 random bits each (ids, codes, sandbox trade numbers). */
export function randomCrockford(randomBytes: (n: number) => Uint8Array, count: number): string {
  const out = crockford(randomBytes(Math.ceil((count * 5) / 8)), count);
  if (out.length !== count) throw new Error('assertion failed: not enough random bits');
  return out;
}

/**
 * Crockford text as a person types it, read as meant: any case, spaces and dashes dropped,
 * the look-alikes I and L as 1 and O as 0.
 */
export function readCrockford(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

function increment(bytes: number[]): number[] {
  const next = bytes.slice();
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 255) {
      next[i] = next[i]! + 1;
      return next;
    }
    next[i] = 0;
  }
  throw new Error('assertion failed: ulid random overflow within one millisecond');
}

export function ulidTime(id: string): number {
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + ALPHABET.indexOf(ch);
  return t;
}
