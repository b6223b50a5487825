import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journalEntryWire, PROTOCOL_AMOUNT_MINOR_MAX } from '../../src-shared/protocol/gateway';
import { parseCanonical, wireCanonical } from '../../src-shared/protocol/journal-entry';
import {
  canonicalLineSeq,
  JOURNAL_LINE_CHARS_MAX,
  LINE_INVALID,
  LINE_UNBALANCED,
  postingsBalance,
  scanLine,
  UNSURE,
} from '../../src-shared/protocol/journal-lines';

const ULID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const HEX = 'a'.repeat(64);

/** The rule written once more, from the zod schema: what the scanner must agree with. */
function oracle(line: string): number {
  const fields = parseCanonical(line);
  if (!fields) return LINE_INVALID;
  if (!journalEntryWire.safeParse({ ...fields, prev_hash: HEX, hash: HEX }).success) return LINE_INVALID;
  return postingsBalance(fields.postings) ? fields.seq : LINE_UNBALANCED;
}

const check = (line: string) => canonicalLineSeq(line, 0, line.length);

const entry = (over: Record<string, unknown> = {}) => ({
  seq: 7,
  entry_id: ULID,
  kind: 'sale.qr',
  order_id: null as string | null,
  created_at_ms: 1_700_000_000_000,
  memo: 'sale 7',
  postings: [
    { account: 'clearing:sandbox', currency: 'CNY', amount_minor: 100 },
    { account: 'sales', currency: 'CNY', amount_minor: -100 },
  ],
  ...over,
});
const line = (over: Record<string, unknown> = {}) => wireCanonical(entry(over) as Parameters<typeof wireCanonical>[0]);

/** Field values at and across each bound, of each type, and strings JSON writes with escapes. */
const POOL: unknown[] = [
  0,
  1,
  -1,
  1.5,
  2 ** 53 - 1,
  2 ** 53,
  PROTOCOL_AMOUNT_MINOR_MAX,
  PROTOCOL_AMOUNT_MINOR_MAX + 1,
  -PROTOCOL_AMOUNT_MINOR_MAX - 1,
  8_640_000_000_000_000,
  8_640_000_000_000_001,
  '',
  'a',
  'x'.repeat(32),
  'x'.repeat(33),
  'x'.repeat(40),
  'x'.repeat(41),
  'x'.repeat(200),
  'x'.repeat(201),
  '账'.repeat(200),
  '账'.repeat(201),
  '🧾'.repeat(100),
  '🧾'.repeat(101),
  'quote " backslash \\',
  'tab\there',
  'nul\u0000',
  'del\u007f',
  'lone \ud800',
  'lone \udc00 low',
  '\u2028\u2029',
  ULID,
  ULID.toLowerCase(),
  `${ULID.slice(0, 25)}I`,
  `${ULID.slice(0, 25)}L`,
  `${ULID}0`,
  'CNY',
  'JPY',
  'EUR',
  'cny',
  'toString',
  null,
  true,
  [],
  {},
];
const FIELDS = ['seq', 'entry_id', 'kind', 'order_id', 'created_at_ms', 'memo'];

/** Text a hand-made or damaged line might hold where the canonical form has something else. */
const SNIPPETS = [' ', '\\u0041', '01', '-0', '1.0', '1e3', '+1', ',', ']', '[', '"', '\\', 'null', '\\"', '\n', '\t'];

const fieldMutation = fc
  .tuple(fc.nat(), fc.nat())
  .map(([f, v]) => ({ [FIELDS[f % FIELDS.length]!]: POOL[v % POOL.length] }));
const postingsMutation = fc
  .array(fc.tuple(fc.nat(), fc.constantFrom('CNY', 'JPY', 'USD', 'EUR'), fc.integer({ min: -3, max: 3 })), {
    maxLength: 18,
  })
  .map((ps) => ({
    postings: ps.map(([a, currency, amount]) => ({
      account: ['sales', 'clearing:sandbox', '', 'x'.repeat(41), 'a"b', '账'][a % 6],
      currency,
      amount_minor: amount * 100,
    })),
  }));

describe('canonicalLineSeq (the gateway’s check of one pushed line)', () => {
  it('accepts a canonical entry, naming its seq; refuses unbalanced and zero postings as unbalanced', () => {
    expect(check(line())).toBe(7);
    expect(check(line({ order_id: ULID, memo: '收款 ¥12.00 🧾' }))).toBe(7);
    const uneven = {
      postings: [
        { account: 'sales', currency: 'CNY', amount_minor: 1 },
        { account: 'sales', currency: 'CNY', amount_minor: 1 },
      ],
    };
    expect(check(line(uneven))).toBe(LINE_UNBALANCED);
    const zero = {
      postings: [
        { account: 'a', currency: 'CNY', amount_minor: 0 },
        { account: 'b', currency: 'CNY', amount_minor: 0 },
      ],
    };
    expect(check(line(zero))).toBe(LINE_UNBALANCED);
    // balanced per currency, not in total
    const mixed = {
      postings: [
        { account: 'a', currency: 'CNY', amount_minor: 5 },
        { account: 'b', currency: 'USD', amount_minor: -5 },
      ],
    };
    expect(check(line(mixed))).toBe(LINE_UNBALANCED);
  });

  it('answers the console’s everyday lines by the scanner alone (the exact rule is for escapes and surrogates)', () => {
    for (const l of [line(), line({ order_id: ULID, memo: '收款 ¥12.00', kind: 'refund.qr' }), line({ memo: '' })]) {
      expect(scanLine(l, 0, l.length)).toBe(7);
    }
    expect(scanLine(line({ memo: 'a "quote"' }), 0, line({ memo: 'a "quote"' }).length)).toBe(UNSURE);
    expect(scanLine(line({ memo: '🧾' }), 0, line({ memo: '🧾' }).length)).toBe(UNSURE);
  });

  it('refuses text that is JSON of the entry but not its canonical form', () => {
    const l = line();
    expect(check(l.replace(',', ', '))).toBe(LINE_INVALID);
    expect(check(l.replace('sale 7', '\\u0073ale 7'))).toBe(LINE_INVALID);
    expect(check(l.replace('["entry-v1",7', '["entry-v1",7.0'))).toBe(LINE_INVALID);
    expect(check(`${l} `)).toBe(LINE_INVALID);
    expect(check(l.replace('entry-v1', 'entry-v2'))).toBe(LINE_INVALID);
    expect(check('x'.repeat(JOURNAL_LINE_CHARS_MAX + 1))).toBe(LINE_INVALID);
  });

  it('reads a line in place inside a larger text', () => {
    const l = line({ seq: 42 });
    const text = `${HEX}\n${l}\n${HEX}`;
    expect(canonicalLineSeq(text, 65, 65 + l.length)).toBe(42);
    expect(canonicalLineSeq(text, 65, 64 + l.length)).toBe(LINE_INVALID);
  });

  it('agrees with the schema on entries with fields at and across every bound', () => {
    fc.assert(
      fc.property(fc.array(fieldMutation, { maxLength: 3 }), fc.option(postingsMutation), (fields, postings) => {
        const over = Object.assign({}, ...fields, postings ?? {}) as Record<string, unknown>;
        const l = JSON.stringify([
          'entry-v1',
          ...['seq', 'entry_id', 'kind', 'order_id', 'created_at_ms', 'memo'].map(
            (k) => (entry(over) as Record<string, unknown>)[k],
          ),
          (entry(over).postings as { account: unknown; currency: unknown; amount_minor: unknown }[]).map((p) => [
            p.account,
            p.currency,
            p.amount_minor,
          ]),
        ]);
        expect(check(l)).toBe(oracle(l));
      }),
      { numRuns: 3_000 },
    );
  });

  it('agrees with the schema on lines damaged anywhere', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.nat(), (at, s, cut, f) => {
        const base = line({ memo: POOL[f % POOL.length] });
        const i = at % (base.length + 1);
        const damaged = base.slice(0, i) + SNIPPETS[s % SNIPPETS.length]! + base.slice(i + cut);
        expect(check(damaged)).toBe(oracle(damaged));
      }),
      { numRuns: 5_000 },
    );
  });
});
