/**
 * The journal push's wire form since protocol 2 ("chain lines", POST /v1/journal/lines): the
 * hash chain itself, as text, one item a line, joined by '\n' (none after the last):
 *
 *     <hash before the first entry>
 *     <canonical entry 1>
 *     <hash 1>
 *     …
 *     <canonical entry n>
 *     <hash n>
 *
 * An entry's hash is SHA-256 over `<previous hash>\n<canonical>` (journal-entry.ts), and those
 * two lines stand next to each other in the body: the gateway hashes a slice of the text it
 * received, with no object made and no string built per entry. The console stores each entry's
 * canonical string when it appends it (migration 0013), so the body is read, not built.
 *
 * A canonical entry is a JSON array in fixed order (`canonicalEntry`). `canonicalLineSeq` is
 * the gateway's check of one: a hand scanner for the common shape (printable text, no escapes),
 * and for anything else the exact rule — parse, re-stringify, compare, then the wire schema
 * (gateway.ts `journalEntryWire`). The scanner only answers where it is sure; the two are held to
 * the same answers by test/unit/journal-lines.test.ts.
 */
import { CURRENCIES } from '../money';
import { GENESIS_HASH, parseCanonical } from './journal-entry';
import { journalEntryWire } from './gateway';
import {
  EPOCH_MS_MAX,
  JOURNAL_ACCOUNT_LENGTH_MAX,
  JOURNAL_KIND_LENGTH_MAX,
  JOURNAL_MEMO_LENGTH_MAX,
  JOURNAL_POSTINGS_MAX,
  JOURNAL_POSTINGS_MIN,
  PROTOCOL_AMOUNT_MINOR_MAX,
} from './limits';

export const JOURNAL_LINES_CONTENT_TYPE = 'text/plain; charset=utf-8';
/** A hash line: SHA-256 as 64 lower-case hex digits. */
export const HASH_LINE_CHARS = 64;

/**
 * The longest canonical line accepted, in UTF-16 units: every field at its bound, each character
 * escaped as \uXXXX (6×), with room for the punctuation. A longer line is refused unread.
 */
export const JOURNAL_LINE_CHARS_MAX =
  6 * (JOURNAL_MEMO_LENGTH_MAX + JOURNAL_KIND_LENGTH_MAX + JOURNAL_POSTINGS_MAX * (JOURNAL_ACCOUNT_LENGTH_MAX + 3)) +
  1024;

/** `canonicalLineSeq` answers a seq (≥ 1), or one of these. */
export const LINE_INVALID = -1;
/** A well-formed entry whose postings hold a zero or do not sum to zero in each currency. */
export const LINE_UNBALANCED = -2;

/** Postings balance: none is zero, and they sum to zero in each currency. */
export function postingsBalance(postings: readonly { currency: string; amount_minor: number }[]): boolean {
  const sums = new Map<string, number>();
  for (const p of postings) {
    if (p.amount_minor === 0) return false;
    sums.set(p.currency, (sums.get(p.currency) ?? 0) + p.amount_minor);
  }
  for (const v of sums.values()) if (v !== 0) return false;
  return true;
}

/**
 * Is `text[start, end)` one canonical journal entry the protocol accepts: its seq if so, else
 * LINE_INVALID or LINE_UNBALANCED. Reads the body in place (no string is cut per entry unless
 * the line needs the exact rule).
 */
export function canonicalLineSeq(text: string, start: number, end: number): number {
  if (end - start > JOURNAL_LINE_CHARS_MAX) return LINE_INVALID;
  const seq = scanLine(text, start, end);
  return seq === UNSURE ? exactCheck(text.slice(start, end)) : seq;
}

/** The rule itself: the canonical string of an entry the wire schema accepts. */
function exactCheck(line: string): number {
  const fields = parseCanonical(line);
  if (!fields) return LINE_INVALID;
  // The schema itself (zod counts a string's length in code points; the scanner leaves every
  // surrogate to this rule, so where it answers, the two counts are one).
  if (!journalEntryWire.safeParse({ ...fields, prev_hash: GENESIS_HASH, hash: GENESIS_HASH }).success) {
    return LINE_INVALID;
  }
  return postingsBalance(fields.postings) ? fields.seq : LINE_UNBALANCED;
}

const PREFIX = '["entry-v1",';
/** `scanLine`'s answer when it leaves the line to the exact rule. */
export const UNSURE = 0;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** Seventeen digits exceed every safe integer, so no longer run is read. */
const DIGITS_MAX = 16;

/** The protocol's currencies, each three letters, as one number for a compare without a string. */
const CURRENCY_KEYS = Object.keys(CURRENCIES).map((c) => code3(c, 0));
function code3(s: string, at: number): number {
  return (s.charCodeAt(at) << 16) | (s.charCodeAt(at + 1) << 8) | s.charCodeAt(at + 2);
}

// The scanner's state: one line at a time, on one thread, never re-entered.
let pos = 0;
let num = 0;
const sumKeys = new Int32Array(JOURNAL_POSTINGS_MAX);
const sums = new Float64Array(JOURNAL_POSTINGS_MAX);

/** `text[pos]` is `c`: step over it. */
function at(text: string, c: number): boolean {
  if (text.charCodeAt(pos) !== c) return false;
  pos++;
  return true;
}

/** A JSON integer as JSON.stringify writes one (no "-0", no leading zero) into `num`. */
function int(text: string): boolean {
  const neg = text.charCodeAt(pos) === MINUS;
  if (neg) pos++;
  const first = pos;
  let v = 0;
  for (let c = text.charCodeAt(pos); c >= ZERO && c <= NINE; c = text.charCodeAt(++pos)) v = v * 10 + (c - ZERO);
  const n = pos - first;
  if (n === 0 || n > DIGITS_MAX || (n > 1 && text.charCodeAt(first) === ZERO) || (neg && v === 0)) return false;
  if (!Number.isSafeInteger(v)) return false;
  num = neg ? -v : v;
  return true;
}

/**
 * A string whose every character stands for itself in JSON.stringify's output (≥ U+0020, not
 * `"` or `\`, not a surrogate): its length, or -1 (an escape, a surrogate, the line's end).
 */
function str(text: string, end: number): number {
  if (text.charCodeAt(pos) !== QUOTE) return -1;
  const first = ++pos;
  for (; pos < end; pos++) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) return pos++ - first;
    if (c < 0x20 || c === BACKSLASH || (c >= 0xd800 && c <= 0xdfff)) return -1;
  }
  return -1;
}

/** A character that stands for itself in JSON.stringify's output: ≥ U+0020, not `"` or `\`, no surrogate. */
const PLAIN = '[^"\\\\\\u0000-\\u001f\\ud800-\\udfff]';
const ULID_JSON = '"[0-9A-HJKMNP-TV-Z]{26}"';
/**
 * Everything before the postings, in the common shape (irregexp reads it ~4× faster than a
 * charCode loop; sticky, so `test` reads in place and allocates nothing). Integers of at most 15
 * digits are safe and below EPOCH_MS_MAX; longer ones are left to the exact rule.
 */
// The head's integers have at most 15 digits: each is then safe and within EPOCH_MS_MAX.
if (!(10 ** 15 <= EPOCH_MS_MAX && 10 ** 15 <= Number.MAX_SAFE_INTEGER)) {
  throw new Error('assertion failed: a 15-digit time must be within EPOCH_MS_MAX');
}
const HEAD_RE = new RegExp(
  `\\["entry-v1",[1-9][0-9]{0,14},${ULID_JSON},"${PLAIN}{1,${JOURNAL_KIND_LENGTH_MAX}}",` +
    `(?:null|${ULID_JSON}),(?:0|[1-9][0-9]{0,14}),"${PLAIN}{0,${JOURNAL_MEMO_LENGTH_MAX}}",\\[`,
  'y',
);

/**
 * The common shape, read by hand: a seq, LINE_UNBALANCED, or UNSURE (ask the exact rule). Any
 * bound it is not sure of, it leaves to the exact rule, which also names the invalid.
 */
export function scanLine(text: string, start: number, end: number): number {
  HEAD_RE.lastIndex = start;
  if (!HEAD_RE.test(text) || HEAD_RE.lastIndex >= end) return UNSURE;
  let seq = 0;
  for (let i = start + PREFIX.length, c = text.charCodeAt(i); c !== COMMA; c = text.charCodeAt(++i)) {
    seq = seq * 10 + (c - ZERO);
  }
  pos = HEAD_RE.lastIndex;
  let n: number;
  let count = 0;
  let currencies = 0;
  let zero = false;
  do {
    if (count === JOURNAL_POSTINGS_MAX || !at(text, OPEN)) return UNSURE;
    n = str(text, end);
    if (n < 1 || n > JOURNAL_ACCOUNT_LENGTH_MAX || !at(text, COMMA)) return UNSURE;
    if (str(text, end) !== 3) return UNSURE;
    const key = code3(text, pos - 4);
    if (!CURRENCY_KEYS.includes(key) || !at(text, COMMA)) return UNSURE;
    if (!int(text) || Math.abs(num) > PROTOCOL_AMOUNT_MINOR_MAX || !at(text, CLOSE)) return UNSURE;
    if (num === 0) zero = true;
    let i = 0;
    while (i < currencies && sumKeys[i] !== key) i++;
    if (i === currencies) {
      sumKeys[currencies] = key;
      sums[currencies++] = num;
    } else sums[i] = sums[i]! + num;
    count++;
  } while (at(text, COMMA));
  if (!at(text, CLOSE) || !at(text, CLOSE) || pos !== end || count < JOURNAL_POSTINGS_MIN) return UNSURE;
  if (zero) return LINE_UNBALANCED;
  for (let i = 0; i < currencies; i++) if (sums[i] !== 0) return LINE_UNBALANCED;
  return seq;
}
