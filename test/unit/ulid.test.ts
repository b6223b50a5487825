import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUlidSource, crockford, randomCrockford, readCrockford, ULID_RE, ulidTime } from '../../src-shared/ulid';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_MAX = 2 ** 48 - 1;

/** Independent oracle: Crockford base32 of a big-endian unsigned integer, fixed width. */
function base32(value: bigint, chars: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < chars; i++) {
    out = CROCKFORD[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}
const bytesToBig = (bytes: Uint8Array): bigint => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);

/** A deterministic random source: a seeded xorshift, recording how many bytes were asked for. */
function seededRandom(seed: number): { fn: (n: number) => Uint8Array; calls: number[] } {
  let x = seed >>> 0 || 1;
  const calls: number[] = [];
  return {
    calls,
    fn: (n) => {
      calls.push(n);
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
    },
  };
}

/** A clock that replays the given times and then stays on the last one. */
function clockOf(times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)]!;
}

const fixedBytes = (bytes: number[]) => () => Uint8Array.from(bytes);

function expectStrictlyIncreasing(ids: string[]): void {
  for (let i = 1; i < ids.length; i++) {
    expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} < ${ids[i]} at ${i}`).toBe(true);
  }
}

describe('createUlidSource', () => {
  it('encodes time and random exactly', () => {
    expect(createUlidSource(() => 0, fixedBytes(Array(10).fill(0)))()).toBe('0'.repeat(26));
    expect(createUlidSource(() => TIME_MAX, fixedBytes(Array(10).fill(255)))()).toBe(`7${'Z'.repeat(25)}`);
    // The time of the ULID spec's example id 01ARYZ6S41…
    expect(createUlidSource(() => 1469918176385, fixedBytes(Array(10).fill(0)))()).toBe(`01ARYZ6S41${'0'.repeat(16)}`);
    expect(createUlidSource(() => 1, fixedBytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))()).toBe(
      `${'0'.repeat(9)}1${'0'.repeat(15)}1`,
    );
    expect(createUlidSource(() => 32, fixedBytes([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0]))()).toBe(
      `${'0'.repeat(8)}10G${'0'.repeat(15)}`,
    );
  });

  it('matches a BigInt oracle for any time and random bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: TIME_MAX }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (time, bytes) => {
          const id = createUlidSource(
            () => time,
            () => bytes,
          )();
          expect(id).toMatch(ULID_RE);
          expect(id).toHaveLength(26);
          expect(id).toBe(base32(BigInt(time), 10) + base32(bytesToBig(bytes), 16));
          expect(ulidTime(id)).toBe(time);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is deterministic given the same clock and random', () => {
    const make = () => {
      const rnd = seededRandom(42);
      const source = createUlidSource(clockOf([1000, 1000, 1001, 1001, 1001, 1005]), rnd.fn);
      return Array.from({ length: 8 }, () => source());
    };
    const a = make();
    expect(a).toEqual(make());
    expect(new Set(a).size).toBe(a.length);
    for (const id of a) expect(id).toMatch(ULID_RE);
    // A different seed gives different ids for the same clock.
    const other = createUlidSource(() => 1000, seededRandom(43).fn)();
    expect(other).not.toBe(a[0]);
    expect(ulidTime(other)).toBe(1000);
  });

  it('draws fresh randomness once per new millisecond and increments within one', () => {
    const rnd = seededRandom(7);
    const source = createUlidSource(clockOf([5, 5, 5, 6, 6, 9]), rnd.fn);
    const ids = Array.from({ length: 6 }, () => source());
    expect(rnd.calls).toEqual([10, 10, 10]);
    const randomPart = (id: string) => [...id.slice(10)].reduce((a, c) => a * 32n + BigInt(CROCKFORD.indexOf(c)), 0n);
    expect(randomPart(ids[1]!) - randomPart(ids[0]!)).toBe(1n);
    expect(randomPart(ids[2]!) - randomPart(ids[1]!)).toBe(1n);
    expect(randomPart(ids[4]!) - randomPart(ids[3]!)).toBe(1n);
    expect(ids.map(ulidTime)).toEqual([5, 5, 5, 6, 6, 9]);
    expectStrictlyIncreasing(ids);
  });

  it('stays strictly increasing within one millisecond, carrying across bytes', () => {
    const source = createUlidSource(() => 1_700_000_000_000, fixedBytes([0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfd]));
    const ids = Array.from({ length: 600 }, () => source());
    expectStrictlyIncreasing(ids);
    expect(ids[3]!.slice(10)).toBe(base32(0x1_00_00n, 16));
    for (const id of ids) expect(ulidTime(id)).toBe(1_700_000_000_000);
  });

  it('throws rather than wrap when the random part overflows within one millisecond', () => {
    const source = createUlidSource(() => 10, fixedBytes(Array(10).fill(255)));
    expect(source()).toBe(`000000000A${'Z'.repeat(16)}`);
    expect(() => source()).toThrow(/overflow/);
  });

  it('is strictly increasing across milliseconds even when the new random is smaller', () => {
    const bytes = [Array(10).fill(255), Array(10).fill(0)];
    let i = 0;
    const source = createUlidSource(clockOf([100, 101]), () => Uint8Array.from(bytes[i++]!));
    const a = source();
    const b = source();
    expect(b > a).toBe(true);
    expect(ulidTime(b)).toBe(101);
  });

  it('keeps ids increasing when the clock goes backwards, holding the last time', () => {
    const source = createUlidSource(clockOf([100, 50, 50, 101, 99, 0, 102]), seededRandom(3).fn);
    const ids = Array.from({ length: 7 }, () => source());
    expectStrictlyIncreasing(ids);
    expect(ids.map(ulidTime)).toEqual([100, 100, 100, 101, 101, 101, 102]);
  });

  it('is strictly increasing for any clock sequence, and ulidTime is the running maximum (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: TIME_MAX })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer(),
        (times, seed) => {
          const source = createUlidSource(clockOf(times), seededRandom(seed).fn);
          const ids = times.map(() => source());
          expectStrictlyIncreasing(ids);
          let max = -1;
          ids.forEach((id, k) => {
            max = Math.max(max, times[k]!);
            expect(id).toMatch(ULID_RE);
            expect(ulidTime(id)).toBe(max);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('throws for an invalid time', () => {
    for (const t of [-1, 2 ** 48, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2]) {
      const source = createUlidSource(() => t, fixedBytes(Array(10).fill(0)));
      expect(() => source(), String(t)).toThrow(/ulid time/);
    }
    // The boundaries themselves are valid.
    expect(createUlidSource(() => 0, fixedBytes(Array(10).fill(0)))()).toMatch(ULID_RE);
    expect(createUlidSource(() => TIME_MAX, fixedBytes(Array(10).fill(0)))()).toMatch(ULID_RE);
  });
});

describe('ULID_RE, ulidTime', () => {
  it('accepts Crockford base32 of 26 characters only', () => {
    expect(ULID_RE.test('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(true);
    for (const bad of [
      '01ARZ3NDEKTSV4RRFFQ69G5FA', // 25
      '01ARZ3NDEKTSV4RRFFQ69G5FAVV', // 27
      '01arz3ndektsv4rrffq69g5fav', // lower case
      '01ARZ3NDEKTSV4RRFFQ69G5FAI', // I, L, O, U are not in the alphabet
      '01ARZ3NDEKTSV4RRFFQ69G5FAL',
      '01ARZ3NDEKTSV4RRFFQ69G5FAO',
      '01ARZ3NDEKTSV4RRFFQ69G5FAU',
      '01ARZ3NDEKTSV4RRFFQ69G5FA-',
      ' 01ARZ3NDEKTSV4RRFFQ69G5FA',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV\n',
    ]) {
      expect(ULID_RE.test(bad), bad).toBe(false);
    }
  });

  it('ulidTime reads the 48-bit time of any id (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TIME_MAX }), fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{16}$/), (t, rand) => {
        expect(ulidTime(base32(BigInt(t), 10) + rand)).toBe(t);
      }),
    );
    expect(ulidTime('01ARYZ6S41TSV4RRFFQ69G5FAV')).toBe(1469918176385);
  });
});

describe('Crockford base32 helpers (ids, recovery codes, gateway numbers)', () => {
  it('packs 5 bits a character, most significant first, and stops at count', () => {
    expect(crockford([0b00001_000, 0b10_00011_0], 3)).toBe('123');
    expect(crockford([0xff, 0xff], 2)).toBe('ZZ');
    expect(randomCrockford((n) => new Uint8Array(n).fill(0xff), 20)).toBe('Z'.repeat(20));
    expect(() => randomCrockford(() => new Uint8Array(1), 8)).toThrow(/random bits/);
  });

  it('reads what a person typed: any case, spaces and dashes, I/L as 1, O as 0', () => {
    expect(readCrockford(' abcd-efgh ijkl-mnop ')).toBe('ABCDEFGH1JK1MN0P');
  });
});
