import type { MatchSettings, ReconRecord, ResultRow } from './record';

/**
 * Classifies the records of ONE order number (both sides). Payments the group cannot explain on
 * its own (paid on one side only) are handed to `leftover` for the amount/time pass; every other
 * record is emitted here, exactly once.
 */
export function classifyGroup(
  consoleRecs: readonly ReconRecord[],
  statementRecs: readonly ReconRecord[],
  settings: MatchSettings,
  emit: (row: ResultRow) => void,
  leftover: (side: 'console' | 'statement', r: ReconRecord) => void,
): void {
  const c = consoleRecs.length === 1 ? consoleRecs[0]! : null;
  const s = statementRecs.length === 1 ? statementRecs[0]! : null;
  if (c && s && c.status !== 'refund' && s.status !== 'refund') classifyOneEach(c, s, settings, emit, leftover);
  else classifyAny(consoleRecs, statementRecs, settings, emit, leftover);
}

/**
 * The group nearly every order is, one payment record per side, classified without the
 * general path's arrays and sorts (~95% of a run's groups): the same rows and leftovers, in
 * the same order, as `classifyAny` (a property test compares the two).
 */
export function classifyOneEach(
  cr: ReconRecord,
  sr: ReconRecord,
  settings: MatchSettings,
  emit: (row: ResultRow) => void,
  leftover: (side: 'console' | 'statement', r: ReconRecord) => void,
): void {
  const sameTrade = cr.tradeNo !== null && cr.tradeNo === sr.tradeNo;
  if (sameTrade || cr.tradeNo === null || sr.tradeNo === null || !hasMoney(cr) || !hasMoney(sr)) {
    // The statement's only record is its primary payment, so a pair is never a duplicate.
    emit({ cls: pairClass(cr, sr, settings), console: cr, statement: sr, via: sameTrade ? 'trade' : 'order' });
    return;
  }
  // Two different payments (both have money, different trade numbers).
  if (cr.status === 'offline_verified') emit({ cls: 'offline_unconfirmed', console: cr, statement: null, via: 'none' });
  else leftover('console', cr);
  leftover('statement', sr);
}

/** Any group: refunds paired by request number, payments by trade number, then in order. */
export function classifyAny(
  consoleRecs: readonly ReconRecord[],
  statementRecs: readonly ReconRecord[],
  settings: MatchSettings,
  emit: (row: ResultRow) => void,
  leftover: (side: 'console' | 'statement', r: ReconRecord) => void,
): void {
  const cRefunds = consoleRecs.filter((r) => r.status === 'refund');
  const sRefunds = statementRecs.filter((r) => r.status === 'refund');
  classifyRefunds(cRefunds, sRefunds, settings, emit);
  const cPay = consoleRecs.filter((r) => r.status !== 'refund').sort(byMoneyThenTime);
  const sPay = statementRecs.filter((r) => r.status !== 'refund').sort(byMoneyThenTime);
  classifyPayments(cPay, sPay, settings, emit, leftover);
}

const sameAmount = (a: ReconRecord, b: ReconRecord, s: MatchSettings) =>
  Math.abs(a.amountMinor - b.amountMinor) <= s.amountToleranceMinor;

const hasMoney = (r: ReconRecord) => r.status !== 'unpaid';

/** Paid before unpaid, then by time, then by trade number (a total order: deterministic). */
function byMoneyThenTime(a: ReconRecord, b: ReconRecord): number {
  const m = Number(hasMoney(b)) - Number(hasMoney(a));
  if (m !== 0) return m;
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  const at = a.tradeNo ?? '';
  const bt = b.tradeNo ?? '';
  return at < bt ? -1 : at > bt ? 1 : 0;
}

function classifyRefunds(
  c: readonly ReconRecord[],
  s: readonly ReconRecord[],
  settings: MatchSettings,
  emit: (row: ResultRow) => void,
): void {
  const sLeft = [...s];
  for (const cr of c) {
    let i = sLeft.findIndex((sr) => cr.refundNo !== null && sr.refundNo === cr.refundNo);
    if (i < 0) i = sLeft.findIndex((sr) => cr.refundNo === null || sr.refundNo === null);
    if (i < 0) {
      emit({ cls: 'refund_mismatch', console: cr, statement: null, via: 'none' });
      continue;
    }
    const [sr] = sLeft.splice(i, 1);
    emit({
      cls: sameAmount(cr, sr!, settings) ? 'matched' : 'refund_mismatch',
      console: cr,
      statement: sr!,
      via: 'order',
    });
  }
  for (const sr of sLeft) emit({ cls: 'refund_mismatch', console: null, statement: sr, via: 'none' });
}

function classifyPayments(
  c: readonly ReconRecord[],
  s: readonly ReconRecord[],
  settings: MatchSettings,
  emit: (row: ResultRow) => void,
  leftover: (side: 'console' | 'statement', r: ReconRecord) => void,
): void {
  // The original payment is the earliest the statement shows paid; any later one is a duplicate.
  const primary = s.find(hasMoney) ?? null;
  const sLeft = [...s];
  const pairs: [ReconRecord, ReconRecord, 'trade' | 'order'][] = [];
  const cLeft: ReconRecord[] = [];
  for (const cr of c) {
    const i = cr.tradeNo === null ? -1 : sLeft.findIndex((sr) => sr.tradeNo === cr.tradeNo);
    if (i >= 0) pairs.push([cr, sLeft.splice(i, 1)[0]!, 'trade']);
    else cLeft.push(cr);
  }
  // Pair the rest in order, but never a console record that knows its trade number with a
  // statement record carrying a different one: those are two different payments.
  const cRest: ReconRecord[] = [];
  for (const cr of cLeft) {
    const i = sLeft.findIndex((sr) => cr.tradeNo === null || sr.tradeNo === null || !hasMoney(cr) || !hasMoney(sr));
    if (i >= 0) pairs.push([cr, sLeft.splice(i, 1)[0]!, 'order']);
    else cRest.push(cr);
  }
  for (const [cr, sr, via] of pairs) {
    if (hasMoney(sr) && sr !== primary) emit({ cls: 'duplicate_payment', console: cr, statement: sr, via });
    else emit({ cls: pairClass(cr, sr, settings), console: cr, statement: sr, via });
  }
  for (const cr of cRest) {
    if (cr.status === 'offline_verified')
      emit({ cls: 'offline_unconfirmed', console: cr, statement: null, via: 'none' });
    else if (cr.status === 'unpaid') emit({ cls: 'no_payment', console: cr, statement: null, via: 'none' });
    else leftover('console', cr);
  }
  for (const sr of sLeft) {
    if (!hasMoney(sr)) emit({ cls: 'no_payment', console: null, statement: sr, via: 'none' });
    else if (sr !== primary) emit({ cls: 'duplicate_payment', console: null, statement: sr, via: 'none' });
    else leftover('statement', sr);
  }
}

function pairClass(cr: ReconRecord, sr: ReconRecord, settings: MatchSettings): ResultRow['cls'] {
  const cPaid = hasMoney(cr);
  const sPaid = hasMoney(sr);
  if (cPaid && sPaid) return sameAmount(cr, sr, settings) ? 'matched' : 'amount_mismatch';
  if (!cPaid && sPaid) return 'status_paid_unrecorded';
  if (cPaid && !sPaid) return 'status_recorded_unpaid';
  return 'no_payment';
}
