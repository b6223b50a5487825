import { assert } from '../../src-shared/errors';
import { classifyGroup } from './pair-group';
import {
  compareKey,
  GROUP_SIZE_MAX,
  LEFTOVERS_MAX,
  type MatchSettings,
  type ReconRecord,
  type ResultRow,
} from './record';

/**
 * The matching engine: a pure sort-merge over two streams of normalized records, each sorted by
 * order number (SQLite `ORDER BY order_no` gives that for free). It holds one order's records
 * per side plus the one-sided leftovers, never a map of a whole side.
 *
 * Pass 1 pairs by order number (see classifyGroup). Pass 2 pairs leftovers of one channel and
 * exactly equal amount whose times are within `timeWindowMs` (a statement row whose merchant
 * order number is missing or mangled); what is still alone is 短款 (only_console) or 长款
 * (only_statement).
 *
 * A generator, so the caller can run it in chunks, report progress and stop early.
 */
export function* reconcile(
  consoleSide: Iterable<ReconRecord>,
  statementSide: Iterable<ReconRecord>,
  settings: MatchSettings,
): Generator<ResultRow, void, undefined> {
  const out: ResultRow[] = [];
  const emit = (row: ResultRow) => out.push(row);
  const leftC: ReconRecord[] = [];
  const leftS: ReconRecord[] = [];
  const leftover = (side: 'console' | 'statement', r: ReconRecord) => {
    assert(leftC.length + leftS.length < LEFTOVERS_MAX, 'too many unmatched records to pair by amount');
    (side === 'console' ? leftC : leftS).push(r);
  };
  const ci = consoleSide[Symbol.iterator]();
  const si = statementSide[Symbol.iterator]();
  try {
    const c = new GroupReader(ci, 'console');
    const s = new GroupReader(si, 'statement');
    while (c.key !== null || s.key !== null) {
      const cmp = c.key === null ? 1 : s.key === null ? -1 : compareKey(c.key, s.key);
      const cg = cmp <= 0 ? c.take() : [];
      const sg = cmp >= 0 ? s.take() : [];
      classifyGroup(cg, sg, settings, emit, leftover);
      yield* out;
      out.length = 0;
    }
  } finally {
    // Stopped early (cancel) or done: release the inputs (an SQLite cursor holds its statement).
    ci.return?.();
    si.return?.();
  }
  yield* pairByAmountAndTime(leftC, leftS, settings.timeWindowMs);
}

/** Reads one order number's records at a time and checks the input really is sorted. */
class GroupReader {
  key: string | null = null;
  private next: ReconRecord | null = null;

  constructor(
    private readonly it: Iterator<ReconRecord>,
    private readonly side: string,
  ) {
    this.advance();
  }

  private advance(): void {
    const n = this.it.next();
    const prev = this.next;
    this.next = n.done ? null : n.value;
    // Checked per record, so the message is built only when it fails (a template literal
    // passed to assert() would be built 2M times in a 1M-vs-1M run).
    if (this.next && prev && compareKey(prev.orderNo, this.next.orderNo) > 0) {
      throw new Error(`assertion failed: ${this.side} side is not sorted by order number`);
    }
    this.key = this.next?.orderNo ?? null;
  }

  take(): ReconRecord[] {
    const key = this.key;
    const group: ReconRecord[] = [];
    while (this.next && this.next.orderNo === key) {
      group.push(this.next);
      if (group.length > GROUP_SIZE_MAX)
        throw new Error(`assertion failed: order ${key} has more than ${GROUP_SIZE_MAX} ${this.side} records`);
      this.advance();
    }
    return group;
  }
}

/** Channel, then amount: pass 2 pairs only within one channel (another's money is not this row's). */
const byChannelAmount = (a: ReconRecord, b: ReconRecord) =>
  (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0) || a.amountMinor - b.amountMinor;
const byChannelAmountTime = (a: ReconRecord, b: ReconRecord) => byChannelAmount(a, b) || a.timeMs - b.timeMs;

/**
 * Pass 2. Within each channel and exact amount, walk both sides in time order and pair the
 * nearest pairs that are within the window (greedy on time order, which is optimal for interval
 * pairing).
 */
function* pairByAmountAndTime(
  c: ReconRecord[],
  s: ReconRecord[],
  windowMs: number,
): Generator<ResultRow, void, undefined> {
  c.sort(byChannelAmountTime);
  s.sort(byChannelAmountTime);
  let i = 0;
  let j = 0;
  while (i < c.length || j < s.length) {
    const cr = c[i];
    const sr = s[j];
    if (cr && (!sr || byChannelAmount(cr, sr) < 0)) {
      yield { cls: 'only_console', console: cr, statement: null, via: 'none' };
      i++;
    } else if (sr && (!cr || byChannelAmount(sr, cr) < 0)) {
      yield { cls: 'only_statement', console: null, statement: sr, via: 'none' };
      j++;
    } else if (cr && sr) {
      if (Math.abs(cr.timeMs - sr.timeMs) <= windowMs) {
        yield { cls: 'matched', console: cr, statement: sr, via: 'amount_time' };
        i++;
        j++;
      } else if (cr.timeMs < sr.timeMs) {
        yield { cls: 'only_console', console: cr, statement: null, via: 'none' };
        i++;
      } else {
        yield { cls: 'only_statement', console: null, statement: sr, via: 'none' };
        j++;
      }
    }
  }
}
