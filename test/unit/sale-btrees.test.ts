/**
 * What one paid QR sale writes: the b-trees whose pages change in its durable commit. Each is a
 * page written to the WAL and synced (migration 0009 took this from 19 pages to 13). A new index
 * on a table a sale writes fails this test: add it here only if a read needs it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { IssueStore } from '../../src-main/offline/issues';
import { ChangeApplier } from '../../src-main/orders/apply-change';
import { offlineConsole, TEST_PAIRING } from '../support/console';

const PAGE_BYTES = 4096;

describe('a paid sale', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => cleanup?.());

  it('changes one page each in these b-trees and no other', () => {
    const c = offlineConsole(3);
    cleanup = c.cleanup;
    const { app, clock } = c;
    app.terminal.save(TEST_PAIRING);
    const applier = new ChangeApplier(app.db, clock, app.journal, app.orders.repo, new IssueStore(app.db));
    const db = app.db;
    const pay = (id: string, n: number) =>
      applier.apply('gw-test', TEST_PAIRING.terminalId, {
        change_id: n,
        type: 'payment.succeeded',
        at_ms: clock.now(),
        order_id: id,
        amount_minor: 100 * n,
        currency: 'CNY',
        channel: 'sandbox',
        provider_trade_no: `SBX${n}`,
        paid_at_ms: clock.now(),
      });
    // Some sales first, so the sale measured is an ordinary one (no table's first row).
    for (let n = 1; n <= 20; n++) {
      const o = app.orders.create({ amount: String(n) });
      if (!o.ok) throw new Error(o.error.message);
      pay(o.value.id, n);
    }
    /** The b-trees whose pages the next sale's commit changes. */
    const measure = (n: number): Set<string> => {
      const o = app.orders.create({ amount: String(n) });
      if (!o.ok) throw new Error(o.error.message);
      const file = app.db.name;
      db.pragma('wal_checkpoint(TRUNCATE)');
      const before = readFileSync(file);
      expect(pay(o.value.id, n)).toMatchObject({ kind: 'applied' });
      db.pragma('wal_checkpoint(TRUNCATE)');
      const after = readFileSync(file);
      const owner = new Map(
        db
          .prepare<[], { pageno: number; name: string }>('SELECT pageno, name FROM dbstat')
          .all()
          .map((r) => [r.pageno, r.name]),
      );
      const changed = new Set<string>();
      for (let page = 1; page * PAGE_BYTES <= after.length; page++) {
        const at = (page - 1) * PAGE_BYTES;
        if (!after.subarray(at, at + PAGE_BYTES).equals(before.subarray(at, at + PAGE_BYTES))) {
          changed.add(owner.get(page) ?? 'a new page');
        }
      }
      return changed;
    };
    const SALE = [
      'applied_changes',
      'entry_index',
      'entry_index_day',
      'journal',
      'orders',
      'orders_awaiting',
      'outbox',
      'payments',
      'payments_order',
      'postings',
      'report_rollup',
      'sqlite_autoindex_journal_1',
      'sqlite_autoindex_payments_1',
    ];
    // Three sales in a row: where a leaf is full one of them splits it (a new page, and the
    // header's page count in page 1, sqlite_schema's), but no sale touches any other b-tree,
    // and an ordinary one changes exactly one page in each of these.
    const sets = [21, 22, 23].map(measure);
    for (const set of sets) {
      for (const name of set) expect([...SALE, 'a new page', 'sqlite_schema']).toContain(name);
    }
    expect(sets.map((set) => [...set].sort())).toContainEqual(SALE);
  });
});
