import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate, SchemaTooNewError, type Migration } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';

describe('migrations', () => {
  const NEWEST = MIGRATIONS.at(-1)!.version;

  it('are numbered strictly increasing and bring an empty database to the newest version', () => {
    // Parallel branches own fixed numbers (see the briefing), so a branch may have gaps until merged.
    MIGRATIONS.forEach((m, i) => expect(m.version).toBeGreaterThan(i === 0 ? 0 : MIGRATIONS[i - 1]!.version));
    const db = openDatabase(':memory:');
    expect(migrate(db)).toBe(NEWEST);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(['journal', 'postings', 'orders', 'payments', 'terminal', 'settings']),
    );
    // running again changes nothing
    expect(migrate(db)).toBe(NEWEST);
  });

  it('refuses a database from a newer version of the app', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.pragma(`user_version = ${NEWEST + 1}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
  });

  it('rolls a failing migration back whole, leaving the version where it was', () => {
    const db = openDatabase(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: NEWEST + 1,
        name: 'broken',
        up(d) {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(NEWEST);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
  });

  it('0 → 1 keeps data written at each step (N-1 → insert → N)', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS, 0)).toBe(0);
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('locale', '\"en\"')").run();
    expect(migrate(db)).toBe(NEWEST);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'locale'").get()).toEqual({ value: '"en"' });
  });
});

describe('migration 0002 (offline)', () => {
  it('1 → insert → 2: queues every existing entry in the outbox and keeps orders', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 1);
    db.prepare(
      `INSERT INTO journal (seq, entry_id, kind, order_id, created_at_ms, memo, prev_hash, hash)
       VALUES (1, 'E1', 'sale.qr', 'O1', 42, '', 'p', 'h')`,
    ).run();
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms, updated_at_ms)
       VALUES ('O1', 'T1', 100, 'CNY', '', 'paid', 1, 2, 3)`,
    ).run();
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    expect(db.prepare('SELECT seq, queued_at_ms FROM outbox').all()).toEqual([{ seq: 1, queued_at_ms: 42 }]);
    expect(db.prepare('SELECT offline_state, code_attempts FROM orders').get()).toEqual({
      offline_state: null,
      code_attempts: 0,
    });
    expect(() => db.prepare("UPDATE orders SET offline_state = 'bogus'").run()).toThrow(/CHECK/);
    // an outbox row must name a journal entry
    expect(() => db.prepare('INSERT INTO outbox (seq, queued_at_ms) VALUES (9, 0)').run()).toThrow(/FOREIGN KEY/);
  });
});

describe('migration 0006 (code unlocks)', () => {
  it('5 → insert → 6: existing orders keep their tries and start with no unlocks', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 5);
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
         updated_at_ms, code_attempts)
       VALUES ('O1', 'T1', 100, 'CNY', '', 'awaiting_payment', 1, 2, 3, 5)`,
    ).run();
    expect(migrate(db, MIGRATIONS, 6)).toBe(6);
    expect(db.prepare('SELECT code_attempts, code_unlocks FROM orders').get()).toEqual({
      code_attempts: 5,
      code_unlocks: 0,
    });
    expect(() => db.prepare('UPDATE orders SET code_unlocks = -1').run()).toThrow(/CHECK/);
  });
});

describe('migration 0009 (fewer b-trees per sale)', () => {
  it('8 → insert → 9: postings and applied changes keep every row; the cursor is the highest applied change', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 8);
    db.prepare(
      `INSERT INTO journal (seq, entry_id, kind, order_id, created_at_ms, memo, prev_hash, hash)
       VALUES (1, 'E1', 'sale.qr', 'O1', 42, '', 'p', 'h')`,
    ).run();
    const posting = db.prepare(
      'INSERT INTO postings (entry_seq, idx, account, currency, amount_minor) VALUES (1, ?, ?, ?, ?)',
    );
    posting.run(1, 'sales', 'CNY', -100);
    posting.run(0, 'clearing:sandbox', 'CNY', 100);
    const applied = db.prepare('INSERT INTO applied_changes (gateway_id, change_id, applied_at_ms) VALUES (?, ?, ?)');
    applied.run('G1', 3, 30);
    applied.run('G1', 7, 70);
    applied.run('G2', 2, 20);
    const cursor = db.prepare('INSERT INTO change_cursor (gateway_id, cursor) VALUES (?, ?)');
    cursor.run('G1', 7);
    cursor.run('G2', 5); // ahead of its applied changes (never written so): must not move back
    cursor.run('G3', 0);

    expect(migrate(db, MIGRATIONS, 9)).toBe(9);
    expect(db.prepare('SELECT * FROM postings').all()).toEqual([
      { entry_seq: 1, idx: 0, account: 'clearing:sandbox', currency: 'CNY', amount_minor: 100 },
      { entry_seq: 1, idx: 1, account: 'sales', currency: 'CNY', amount_minor: -100 },
    ]);
    expect(db.prepare('SELECT * FROM applied_changes ORDER BY gateway_id, change_id').all()).toEqual([
      { gateway_id: 'G1', change_id: 3, applied_at_ms: 30 },
      { gateway_id: 'G1', change_id: 7, applied_at_ms: 70 },
      { gateway_id: 'G2', change_id: 2, applied_at_ms: 20 },
      { gateway_id: 'G2', change_id: 5, applied_at_ms: 0 },
    ]);
    const schema = db
      .prepare<[], { name: string; sql: string | null }>(
        "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index')",
      )
      .all();
    const names = schema.map((r) => r.name);
    for (const gone of ['change_cursor', 'journal_order', 'postings_account', 'postings_new', 'applied_changes_new']) {
      expect(names).not.toContain(gone);
    }
    for (const table of ['postings', 'applied_changes']) {
      expect(schema.find((r) => r.name === table)!.sql).toMatch(/WITHOUT ROWID/);
    }
    // still append-only, still balanced by CHECK, still tied to the journal
    expect(() => db.prepare('UPDATE postings SET amount_minor = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM postings').run()).toThrow(/append-only/);
    expect(() => posting.run(2, 'fees:sandbox', 'CNY', 0)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO postings (entry_seq, idx, account, currency, amount_minor) VALUES (9, 0, 'x', 'CNY', 1)")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => applied.run('G1', 7, 1)).toThrow(/UNIQUE|PRIMARY/);
  });
});

describe('migration 0013 (the canonical string each entry was hashed over)', () => {
  it('12 → insert → 13: entries keep every column, with no string (NULL); the journal stays append-only', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 12);
    db.prepare(
      `INSERT INTO journal (seq, entry_id, kind, order_id, created_at_ms, memo, prev_hash, hash)
       VALUES (1, 'E1', 'sale.qr', 'O1', 42, 'm', 'p', 'h')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 13)).toBe(13);
    expect(db.prepare('SELECT * FROM journal').all()).toEqual([
      {
        seq: 1,
        entry_id: 'E1',
        kind: 'sale.qr',
        order_id: 'O1',
        created_at_ms: 42,
        memo: 'm',
        prev_hash: 'p',
        hash: 'h',
        canonical: null,
      },
    ]);
    expect(() => db.prepare("UPDATE journal SET canonical = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
  });
});

describe('migration 0014 (an offline sale moves to the channel that paid it)', () => {
  it('13 → insert → 14: offline sales get their order, confirmations leave every channel, the rollup is rebuilt', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 13);
    const entry = db.prepare(
      `INSERT INTO journal (seq, entry_id, kind, order_id, created_at_ms, memo, prev_hash, hash)
       VALUES (?, ?, ?, ?, 42, 'm', 'p', 'h')`,
    );
    const index = db.prepare(
      `INSERT INTO entry_index (entry_seq, created_at_ms, business_date, local_hour, kind, channel, currency, sale_minor)
       VALUES (?, 42, '2026-11-22', 10, ?, ?, 'CNY', ?)`,
    );
    const rollup = db.prepare(
      `INSERT INTO report_rollup VALUES ('2026-11-22', ?, 10, '', '', ?, ?, 0, 0, 0, 0, 0)
       ON CONFLICT DO UPDATE SET sale_count = sale_count + excluded.sale_count, gross_minor = gross_minor + excluded.gross_minor`,
    );
    // as version 13 indexed them: the sale under offline, its confirmation a zero line under offline
    entry.run(1, 'E1', 'sale.qr.offline', 'O1');
    index.run(1, 'sale.qr.offline', 'offline', 2500);
    rollup.run('offline', 1, 2500);
    entry.run(2, 'E2', 'sale.qr.confirm', 'O1');
    index.run(2, 'sale.qr.confirm', 'offline', 0);
    entry.run(3, 'E3', 'sale.qr', 'O2');
    index.run(3, 'sale.qr', 'alipay', 1000);
    rollup.run('alipay', 1, 1000);
    db.prepare("INSERT INTO report_rollup VALUES ('2026-11-23', 'offline', 9, '', '', 0, 0, 0, 0, 0, 0, 0)").run();

    expect(migrate(db, MIGRATIONS, 14)).toBe(14);
    expect(db.prepare('SELECT entry_seq, channel, order_id FROM entry_index ORDER BY entry_seq').all()).toEqual([
      { entry_seq: 1, channel: 'offline', order_id: 'O1' },
      { entry_seq: 2, channel: null, order_id: null },
      { entry_seq: 3, channel: 'alipay', order_id: null },
    ]);
    expect(
      db.prepare('SELECT business_date, channel, sale_count, gross_minor FROM report_rollup ORDER BY 2').all(),
    ).toEqual([
      { business_date: '2026-11-22', channel: 'alipay', sale_count: 1, gross_minor: 1000 },
      { business_date: '2026-11-22', channel: 'offline', sale_count: 1, gross_minor: 2500 },
    ]);
    // the sale is found by its order while it is offline (EntryIndex.confirmOfflineSale)
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT entry_seq FROM entry_index WHERE order_id = 'O1' AND channel = 'offline'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/entry_index_offline_sale/);
  });
});

describe('migration 0015 (a cancel owed to the gateway)', () => {
  it('14 → insert → 15: orders cancelled before owe nothing; an owed cancel is found by its index', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 14);
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
         registered, updated_at_ms)
       VALUES ('O1', 'T1', 500, 'CNY', '', 'cancelled', 0, 1, 300001, 0, 2)`,
    ).run();
    expect(migrate(db, MIGRATIONS, 15)).toBe(15);
    expect(db.prepare("SELECT cancel_owed FROM orders WHERE id = 'O1'").get()).toEqual({ cancel_owed: 0 });
    expect(() => db.exec("UPDATE orders SET cancel_owed = 2 WHERE id = 'O1'")).toThrow(/CHECK/);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM orders WHERE cancel_owed = 1 ORDER BY expires_at_ms LIMIT 50')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/orders_cancel_owed/);
  });
});

describe('migration 0016 (sync issue outcomes)', () => {
  it('15 → insert → 16: issues keep their ids and state; the new kind, the gateway’s amount and who handled it', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 15);
    db.exec(`
      INSERT INTO sync_issues (kind, order_id, amount_minor, currency, detail, detected_at_ms, resolved_at_ms)
        VALUES ('offline_unconfirmed', 'O1', 500, 'CNY', 'aged', 10, NULL),
               ('payment_unknown_order', 'O2', 700, 'CNY', 'unknown', 20, 30)`);
    expect(() =>
      db.exec(`INSERT INTO sync_issues (kind, order_id, amount_minor, currency, detail, detected_at_ms)
               VALUES ('offline_amount_mismatch', 'O3', 1, 'CNY', '', 1)`),
    ).toThrow(/CHECK/);
    expect(migrate(db, MIGRATIONS, 16)).toBe(16);
    expect(
      db.prepare('SELECT id, kind, order_id, resolved_at_ms, resolved_by FROM sync_issues ORDER BY id').all(),
    ).toEqual([
      { id: 1, kind: 'offline_unconfirmed', order_id: 'O1', resolved_at_ms: null, resolved_by: null },
      { id: 2, kind: 'payment_unknown_order', order_id: 'O2', resolved_at_ms: 30, resolved_by: null },
    ]);
    db.exec(`INSERT INTO sync_issues (kind, order_id, amount_minor, currency, detail, detected_at_ms, gateway_amount_minor, gateway_currency)
             VALUES ('offline_amount_mismatch', 'O3', 1, 'CNY', '', 1, 2, 'CNY')`);
    // handled by someone means resolved
    expect(() => db.exec("UPDATE sync_issues SET resolved_by = 'OP' WHERE order_id = 'O1'")).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO sync_issues (kind, order_id, amount_minor, currency, detail, detected_at_ms)
               VALUES ('offline_unconfirmed', 'O1', 1, 'CNY', '', 1)`),
    ).toThrow(/UNIQUE/);
  });

  it('0017 keeps every settlement batch and takes a fee returned (negative)', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 16);
    const insert = (id: string, fee: number) =>
      db
        .prepare(
          `INSERT INTO settlement_batches (batch_id, business_date, channel, currency, gross_minor, refunds_minor,
             fee_minor, payout_minor, payout_date, status, recorded_at_ms)
           VALUES (?, '2026-11-22', 'alipay', 'CNY', 10000, 0, ?, 9962, '2026-11-23', 'paid', 5)`,
        )
        .run(id, fee);
    insert('B1', 38);
    expect(() => insert('B2', -38)).toThrow(/CHECK/);
    expect(migrate(db, MIGRATIONS, 17)).toBe(17);
    expect(
      db.prepare('SELECT batch_id, fee_minor, payout_minor, recorded_at_ms FROM settlement_batches').all(),
    ).toEqual([{ batch_id: 'B1', fee_minor: 38, payout_minor: 9962, recorded_at_ms: 5 }]);
    insert('B2', -38);
    expect(() => insert('B1', 1)).toThrow(/UNIQUE|PRIMARY/);
  });
});

describe('migration 0018 (an offline sale written off)', () => {
  it('17 → insert → 18: orders keep their offline state and are not written off; the time is kept when one is', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 17);
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
         registered, updated_at_ms, offline_state, offline_verified_at_ms)
       VALUES ('O1', 'T1', 500, 'CNY', '', 'paid', 0, 1, 300001, 0, 2, 'verified', 3)`,
    ).run();
    expect(migrate(db, MIGRATIONS, 18)).toBe(18);
    expect(
      db
        .prepare("SELECT offline_state, offline_verified_at_ms, offline_written_off_at_ms FROM orders WHERE id = 'O1'")
        .get(),
    ).toEqual({ offline_state: 'verified', offline_verified_at_ms: 3, offline_written_off_at_ms: null });
    db.exec("UPDATE orders SET offline_state = NULL, offline_written_off_at_ms = 9 WHERE id = 'O1'");
    expect(db.prepare("SELECT offline_written_off_at_ms AS at FROM orders WHERE id = 'O1'").get()).toEqual({ at: 9 });
  });
});

describe('migration 0019 (why a refund failed; refunds paid in cash)', () => {
  it('18 → insert → 19: refunds keep their state as wallet refunds with no failure; a cash one and a reason fit', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 18);
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
         registered, updated_at_ms)
       VALUES ('O1', 'T1', 500, 'CNY', '', 'paid', 0, 1, 300001, 1, 2)`,
    ).run();
    db.prepare(
      `INSERT INTO refunds (id, order_id, amount_minor, currency, reason, status, approver_id, created_at_ms, updated_at_ms)
       VALUES ('R1', 'O1', 100, 'CNY', 'r', 'failed', 'OWNER', 3, 4)`,
    ).run();
    expect(migrate(db, MIGRATIONS, 19)).toBe(19);
    expect(
      db.prepare("SELECT status, method, failure_code, failure_message FROM refunds WHERE id = 'R1'").get(),
    ).toEqual({ status: 'failed', method: 'wallet', failure_code: null, failure_message: null });
    db.exec("UPDATE refunds SET failure_code = 'not_found', failure_message = 'no such order' WHERE id = 'R1'");
    expect(db.prepare("SELECT failure_code AS c FROM refunds WHERE id = 'R1'").get()).toEqual({ c: 'not_found' });
    expect(() =>
      db.exec(
        `INSERT INTO refunds (id, order_id, amount_minor, currency, reason, status, approver_id, created_at_ms,
           updated_at_ms, method) VALUES ('R2', 'O1', 100, 'CNY', 'r', 'requested', 'OWNER', 5, 5, 'cheque')`,
      ),
    ).toThrow(/CHECK/);
  });
});

describe('migration 0020 (refunds indexed by their order)', () => {
  it('19 → insert → 20: refunds get their order, sales and moves keep theirs; a sale writes no page of the index', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 19);
    const entry = db.prepare(
      `INSERT INTO journal (seq, entry_id, kind, order_id, created_at_ms, memo, prev_hash, hash)
       VALUES (?, ?, ?, ?, 42, 'm', 'p', 'h')`,
    );
    const index = db.prepare(
      `INSERT INTO entry_index (entry_seq, created_at_ms, business_date, local_hour, kind, channel, currency,
         sale_minor, refund_minor, fee_expected_minor, order_id)
       VALUES (?, 42, '2026-11-22', 10, ?, ?, 'CNY', ?, ?, ?, ?)`,
    );
    entry.run(1, 'E1', 'sale.qr', 'O1');
    index.run(1, 'sale.qr', 'alipay', 999, 0, 4, null);
    entry.run(2, 'E2', 'refund.qr', 'O1');
    index.run(2, 'refund.qr', 'alipay', 0, 91, -1, null);
    entry.run(3, 'E3', 'sale.qr.offline', 'O3');
    index.run(3, 'sale.qr.offline', 'offline', 500, 0, 0, 'O3');

    expect(migrate(db, MIGRATIONS, 20)).toBe(20);
    expect(db.prepare('SELECT entry_seq, order_id, fee_expected_minor FROM entry_index ORDER BY 1').all()).toEqual([
      { entry_seq: 1, order_id: null, fee_expected_minor: 4 },
      { entry_seq: 2, order_id: 'O1', fee_expected_minor: -1 }, // the fee it was given stays
      { entry_seq: 3, order_id: 'O3', fee_expected_minor: 0 },
    ]);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT SUM(refund_minor) FROM entry_index WHERE order_id = 'O1' AND channel = 'alipay' AND refund_minor > 0",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/entry_index_order/);
  });
});

describe('migration 0021 (reconciliation actions: a bill-only refund booked, a duplicate refunded)', () => {
  it('20 → insert → 21: actions are kept, the new kinds fit, the table stays append-only', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 20);
    db.exec(`
      INSERT INTO recon_sources (id, kind, sha256, label, encoding, imported_at_ms, imported_by, row_count)
        VALUES ('S1', 'wechat', 'h', 'bill', 'gbk', 1, NULL, 0);
      INSERT INTO recon_runs (id, source_id, from_ms, to_ms, settings_json, started_at_ms, operator_id, state)
        VALUES ('R1', 'S1', 0, 1, '{}', 1, NULL, 'done');
      INSERT INTO recon_actions (id, run_id, result_idx, row_key, kind, reason, operator_id, at_ms, entry_seq)
        VALUES ('A1', 'R1', 0, 'k', 'mark_duplicate_for_refund', 'r', NULL, 2, NULL);`);
    expect(migrate(db, MIGRATIONS, 21)).toBe(21);
    expect(db.prepare("SELECT kind, reason, at_ms FROM recon_actions WHERE id = 'A1'").get()).toEqual({
      kind: 'mark_duplicate_for_refund',
      reason: 'r',
      at_ms: 2,
    });
    for (const [id, kind] of [
      ['A2', 'mark_duplicate_refunded'],
      ['A3', 'record_statement_refund'],
    ]) {
      db.prepare(
        `INSERT INTO recon_actions (id, run_id, result_idx, row_key, kind, reason, operator_id, at_ms, entry_seq)
         VALUES (?, 'R1', 0, 'k', ?, 'r', NULL, 3, NULL)`,
      ).run(id, kind);
    }
    expect(() =>
      db.exec(`INSERT INTO recon_actions (id, run_id, result_idx, row_key, kind, reason, operator_id, at_ms)
               VALUES ('A4', 'R1', 0, 'k', 'delete_row', 'r', NULL, 3)`),
    ).toThrow(/CHECK/);
    expect(() => db.exec("DELETE FROM recon_actions WHERE id = 'A1'")).toThrow(/append-only/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'recon_actions_key'").get()).toBeTruthy();
  });
});
