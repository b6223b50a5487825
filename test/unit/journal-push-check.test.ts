import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JOURNAL_PUSH_BATCH_MAX,
  journalPushRequest,
  PROTOCOL_AMOUNT_MINOR_MAX,
} from '../../src-shared/protocol/gateway';
import { hashInput, parseCanonical, wireCanonical, wireHashInput } from '../../src-shared/protocol/journal-entry';
import { checkJournalPush } from '../../src-shared/protocol/journal-push-check';

const ULID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const HEX = 'a'.repeat(64);

const entry = (seq: number) => ({
  seq,
  entry_id: ULID,
  kind: 'sale.qr',
  order_id: null as string | null,
  created_at_ms: 1_700_000_000_000,
  memo: `sale ${seq}`,
  postings: [
    { account: 'clearing:sandbox', currency: 'CNY', amount_minor: 100 },
    { account: 'sales', currency: 'CNY', amount_minor: -100 },
  ],
  prev_hash: HEX,
  hash: HEX,
});

/** Values at and across every bound of the schema, and of every wrong type. */
const POOL: unknown[] = [
  0,
  -0,
  1,
  -1,
  1.5,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  PROTOCOL_AMOUNT_MINOR_MAX,
  PROTOCOL_AMOUNT_MINOR_MAX + 1,
  -PROTOCOL_AMOUNT_MINOR_MAX,
  -PROTOCOL_AMOUNT_MINOR_MAX - 1,
  8_640_000_000_000_000,
  8_640_000_000_000_001,
  '',
  'a',
  '1',
  'x'.repeat(16),
  'x'.repeat(32),
  'x'.repeat(33),
  'x'.repeat(40),
  'x'.repeat(41),
  '账'.repeat(200),
  '账'.repeat(201),
  '🧾'.repeat(100),
  '🧾'.repeat(101),
  ULID,
  ULID.toLowerCase(),
  `${ULID.slice(0, 25)}I`,
  `${ULID}0`,
  HEX,
  HEX.toUpperCase(),
  HEX.slice(1),
  `${HEX}\n`,
  'CNY',
  'JPY',
  'EUR',
  'cny',
  'toString',
  '__proto__',
  null,
  true,
  [],
  {},
  [1, 2],
];

type Mutation = (body: { entries: Record<string, unknown>[] }) => void;

const pick = (i: number): unknown => structuredClone(POOL[i % POOL.length]);
const FIELDS = Object.keys(entry(1));
const POSTING_FIELDS = ['account', 'currency', 'amount_minor'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([e, f, v]): Mutation => (b) => {
    const target = b.entries[e % b.entries.length]!;
    target[FIELDS[f % FIELDS.length]!] = pick(v);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([e, f]): Mutation => (b) => {
    delete b.entries[e % b.entries.length]![FIELDS[f % FIELDS.length]!];
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()).map(([e, p, f, v]): Mutation => (b) => {
    const postings = b.entries[e % b.entries.length]!.postings as Record<string, unknown>[];
    if (!Array.isArray(postings) || postings.length === 0) return;
    postings[p % postings.length]![POSTING_FIELDS[f % POSTING_FIELDS.length]!] = pick(v);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([e, p]): Mutation => (b) => {
    const postings = b.entries[e % b.entries.length]!.postings as unknown[];
    if (!Array.isArray(postings) || postings.length === 0) return;
    delete (postings[p % postings.length] as Record<string, unknown>).currency;
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 18 })).map(([e, n]): Mutation => (b) => {
    const target = b.entries[e % b.entries.length]!;
    target.postings = Array.from({ length: n }, (_, i) => ({
      account: 'a',
      currency: 'CNY',
      amount_minor: i % 2 ? 1 : -1,
    }));
  }),
  fc.tuple(fc.nat(), fc.constantFrom('extra', 'Seq', 'constructor')).map(([e, k]): Mutation => (b) => {
    b.entries[e % b.entries.length]![k] = 1;
  }),
  fc.nat().map((v): Mutation => (b) => {
    b.entries[0] = pick(v) as Record<string, unknown>;
  }),
);

const bodyWith = (n: number, ms: readonly Mutation[]) => {
  const body = { entries: Array.from({ length: n }, (_, i) => entry(i + 1)) as Record<string, unknown>[] };
  for (const m of ms) {
    try {
      m(body);
    } catch {
      // a field mutation on an entry an earlier mutation replaced by a primitive: skip it
    }
  }
  // through JSON, as the gateway sees it (NaN and Infinity become null, -0 becomes 0)
  return JSON.parse(JSON.stringify(body)) as unknown;
};

/** The fast check may only accept what zod accepts, and must hand back what zod would. */
function agrees(value: unknown): void {
  const fast = checkJournalPush(value);
  const slow = journalPushRequest.safeParse(value);
  if (fast !== null) {
    expect(slow.success).toBe(true);
    expect(fast).toEqual(slow.data);
  }
}

describe('the hand-written journal push check', () => {
  it('takes the fast path for valid bodies, including every bound', () => {
    expect(checkJournalPush(bodyWith(3, []))).not.toBeNull();
    const edge = entry(2 ** 53 - 1);
    Object.assign(edge, {
      kind: 'x'.repeat(32),
      memo: '🧾'.repeat(100),
      order_id: ULID,
      created_at_ms: 8_640_000_000_000_000,
    });
    edge.postings = Array.from({ length: 16 }, (_, i) => ({
      account: 'x'.repeat(40),
      currency: 'JPY',
      amount_minor: i % 2 ? PROTOCOL_AMOUNT_MINOR_MAX : -PROTOCOL_AMOUNT_MINOR_MAX,
    }));
    expect(journalPushRequest.safeParse({ entries: [edge] }).success).toBe(true);
    expect(checkJournalPush({ entries: [edge] })).not.toBeNull();
    expect(checkJournalPush(bodyWith(JOURNAL_PUSH_BATCH_MAX, []))).not.toBeNull();
  });

  it('never accepts what the schema refuses (random mutations across every field and bound)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (n, ms) =>
        agrees(bodyWith(n, ms)),
      ),
      { numRuns: 3_000 },
    );
  });

  it('leaves odd shapes to the schema: envelope, batch size, prototype keys', () => {
    const refused: unknown[] = [
      null,
      [],
      {},
      { entries: [] },
      { entries: {} },
      { entries: [entry(1)], extra: 1 },
      bodyWith(JOURNAL_PUSH_BATCH_MAX + 1, []),
      JSON.parse(`{"entries":[${JSON.stringify(entry(1)).slice(0, -1)},"__proto__":{}}]}`),
      JSON.parse(`{"entries":[${JSON.stringify(entry(1)).replace('"seq":1', '"__proto__":1')}]}`),
      JSON.parse(`{"__proto__":[], "entries":[${JSON.stringify(entry(1))}]}`),
      { entries: [Object.assign(Object.create({ seq: 1 }) as object, { ...entry(1), seq: undefined })] },
    ];
    for (const v of refused) {
      expect(checkJournalPush(v)).toBeNull();
      agrees(v);
    }
  });
});

describe('the wire hash input', () => {
  it('equals the canonical hash input of the same entry', () => {
    const text = fc.string({ unit: 'binary', maxLength: 20 });
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1 }),
          entry_id: text,
          kind: text,
          order_id: fc.option(text, { nil: null }),
          created_at_ms: fc.nat(),
          memo: text,
          postings: fc.array(fc.record({ account: text, currency: text, amount_minor: fc.integer() }), {
            maxLength: 4,
          }),
          prev_hash: text,
        }),
        (e) => {
          const camel = {
            seq: e.seq,
            entryId: e.entry_id,
            kind: e.kind,
            orderId: e.order_id,
            createdAtMs: e.created_at_ms,
            memo: e.memo,
            postings: e.postings.map((p) => ({
              account: p.account,
              currency: p.currency,
              amountMinor: p.amount_minor,
            })),
          };
          expect(wireHashInput(e)).toBe(hashInput(e.prev_hash, camel));
          // the gateway stores the canonical string and reads the same fields back from it
          const { prev_hash: _, ...fields } = e;
          expect(parseCanonical(wireCanonical(e))).toEqual(fields);
        },
      ),
    );
  });

  it('reads back only a canonical string: other spellings of the same JSON are refused', () => {
    const e = {
      seq: 3,
      entry_id: 'E',
      kind: 'sale.qr',
      order_id: null,
      created_at_ms: 5,
      memo: 'm',
      postings: [{ account: 'sales', currency: 'CNY', amount_minor: -1 }],
    };
    const text = wireCanonical(e);
    expect(parseCanonical(text)).toEqual(e);
    for (const other of [
      ` ${text}`,
      text.replace('"m"', '"\\u006d"'),
      text.replace('entry-v1', 'entry-v2'),
      text.replace(',5,', ',"5",'),
      text.replace('[["sales","CNY",-1]]', '[["sales","CNY"]]'),
      '[]',
      'not json',
    ]) {
      expect(parseCanonical(other)).toBeNull();
    }
  });
});
