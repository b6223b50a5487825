import type { App } from '../../src-main/app';
import { writeTx } from '../../src-main/db/connection';
import { ACCOUNTS, type EntryKind } from '../../src-main/ledger/accounts';
import type { JournalEntry } from '../../src-main/ledger/journal';

/** A QR sale as the change applier posts it: Dr clearing:<channel> / Cr sales. */
export function postQrSale(
  app: App,
  channel: string,
  amountMinor: number,
  orderId: string | null = null,
): JournalEntry {
  return writeTx(app.db, () =>
    app.journal.append({
      kind: 'sale.qr',
      orderId,
      memo: `${channel} test`,
      postings: [
        { account: ACCOUNTS.clearing(channel), currency: 'CNY', amountMinor },
        { account: ACCOUNTS.sales, currency: 'CNY', amountMinor: -amountMinor },
      ],
    }),
  );
}

/**
 * A refund as the operators branch posts it: Dr refunds / Cr clearing:<channel> (or
 * cash:drawer for cash). Its entry kind is not on this branch yet; reports read accounts,
 * not kinds, so any kind name works here.
 */
export function postRefund(
  app: App,
  channel: string,
  amountMinor: number,
  orderId: string | null = null,
): JournalEntry {
  const from = channel === 'cash' ? ACCOUNTS.cashDrawer : ACCOUNTS.clearing(channel);
  return writeTx(app.db, () =>
    app.journal.append({
      kind: 'refund' as EntryKind,
      orderId,
      memo: `refund ${channel}`,
      postings: [
        { account: ACCOUNTS.refunds, currency: 'CNY', amountMinor },
        { account: from, currency: 'CNY', amountMinor: -amountMinor },
      ],
    }),
  );
}

/** Unwraps a Result in a test: a failure throws with its code. */
export function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.value;
}
