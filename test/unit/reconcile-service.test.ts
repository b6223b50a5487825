import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { ReconRecord } from '../../src-main/reconcile/record';
import type { ReconProgressEvent as ProgressLike } from '../../src-shared/api';
import { offlineConsole } from '../support/console';
import { setupOwner } from '../support/operators';
import { postQrSale } from '../support/settlement';

const dir = join(import.meta.dirname, '../fixtures/bills');
let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole(3));
});
afterEach(async () => {
  await app.reconcile.idle();
  cleanup();
});

/** Uploads a file through the API in chunks, as the renderer does. */
async function upload(name: string, bytes: Uint8Array) {
  const begin = await app.handlers['reconcile.upload.begin']({ fileName: name, sizeBytes: bytes.length });
  if (!begin.ok) throw new Error(begin.error.message);
  const { uploadId } = begin.value;
  for (let off = 0; off < bytes.length; off += 1000) {
    const base64 = Buffer.from(bytes.subarray(off, off + 1000)).toString('base64');
    const r = await app.handlers['reconcile.upload.chunk']({ uploadId, offset: off, base64 });
    if (!r.ok) throw new Error(r.error.message);
  }
  return app.handlers['reconcile.upload.finish']({ uploadId });
}

/** The Alipay fixture bill uploaded and run for its day, to the end; the run as started. */
async function alipayRun() {
  const r = await upload('alipay.zip', new Uint8Array(readFileSync(join(dir, 'alipay-trade-gbk.zip'))));
  if (!r.ok) throw new Error(r.error.message);
  const started = app.reconcile.start({ sourceId: r.value.id, fromDate: '2026-11-21', toDate: '2026-11-21' });
  if (!started.ok) throw new Error(started.error.message);
  await app.reconcile.idle();
  return started;
}

describe('reconcile service on a real ledger file', () => {
  it('names a bill cut short for the owner: which totals, and both figures; nothing is saved', async () => {
    const text = readFileSync(join(dir, 'alipay-trade-utf8-bom.csv'), 'utf8');
    const cut = text
      .split('\n')
      .filter((l) => !l.startsWith('2026112122001400002\t,01KAAAAAAAAAAAAAAAAAAAAAA2\t,交易'))
      .join('\n');
    const r = await upload('alipay.csv', new TextEncoder().encode(cut));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'bill_trade_totals_mismatch', params: { footer: '4', rows: '3' } },
    });
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM recon_sources').get()).toEqual({ n: 0 });
  });

  it('imports a bill once: the same bytes again change nothing', async () => {
    const bytes = new Uint8Array(readFileSync(join(dir, 'wechat-trade-gbk.csv')));
    const first = await upload('wechat.csv', bytes);
    expect(first).toMatchObject({ ok: true, value: { kind: 'wechat', rowCount: 5, created: true, encoding: 'gbk' } });
    const second = await upload('wechat-again.csv', bytes);
    expect(second).toMatchObject({ ok: true, value: { created: false } });
    expect(second.ok && first.ok && second.value.id).toBe(first.ok && first.value.id);
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM recon_statement_rows').get()).toEqual({ n: 5 });
  });

  it('a malformed bill is refused with its line number and nothing is saved', async () => {
    const r = await upload('bad.csv', new Uint8Array(readFileSync(join(dir, 'alipay-malformed.csv'))));
    // the row, why, and what it names: the window says it in the owner's language
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'bill_malformed',
        params: { line: 7, reason: 'amount_invalid', column: '订单金额', value: '45.0O' },
      },
    });
    // another kind of file: said so, with what to download; a damaged zip: no "line 0"
    const other = await upload('notes.csv', new TextEncoder().encode('a,b,c\n1,2,3\n'));
    expect(other).toMatchObject({ ok: false, error: { code: 'bill_unrecognized' } });
    const zip = new Uint8Array(readFileSync(join(dir, 'alipay-trade-gbk.zip')));
    const cut = await upload('cut.zip', zip.subarray(0, zip.length - 30));
    expect(cut).toMatchObject({ ok: false, error: { code: 'bill_unreadable', params: { reason: 'archive_damaged' } } });
    // an empty file: said so when the upload begins (the schema takes 0 bytes for that: api-contract)
    const empty = await app.handlers['reconcile.upload.begin']({ fileName: 'empty.csv', sizeBytes: 0 });
    expect(empty).toMatchObject({ ok: false, error: { code: 'bill_unreadable', params: { reason: 'file_empty' } } });
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM recon_sources').get()).toEqual({ n: 0 });
  });

  it('runs a bill against an empty console: every statement payment is 长款, refunds mismatched, sums add up', async () => {
    const started = await alipayRun();
    const run = app.reconcile.getRun(started.value.id);
    if (!run.ok) throw new Error(run.error.message);
    const t = run.value.totals!;
    expect(run.value.state).toBe('done');
    // result chunks skip the fsync, but the ledger connection is back to FULL afterwards
    expect(app.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(t.byClass.only_statement.count).toBe(3);
    expect(t.byClass.duplicate_payment.count).toBe(1);
    expect(t.byClass.refund_mismatch.count).toBe(1);
    expect(t.statementMinor).toBe(1230 + 4500 + 800 + 800 - 500);
    expect(t.differenceMinor).toBe(-t.statementMinor);
    expect(t.feeMinor).toBe(7 + 27 + 5 + 5 - 3);
  });

  it('a provider’s bill is compared with that channel’s payments only', async () => {
    const entry = postQrSale(app, 'wechat', 12_30);
    const at = Date.UTC(2026, 10, 21, 4);
    app.db
      .prepare(
        `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
           registered, updated_at_ms, paid_at_ms, channel, provider_trade_no)
         VALUES ('01JW0000000000000000000001', 'T000000001', 1230, 'CNY', '', 'paid', 0, ?, ?, 1, ?, ?, 'wechat', 'WX1')`,
      )
      .run(at, at + 1, at, at);
    app.db
      .prepare(
        `INSERT INTO payments (provider_trade_no, channel, order_id, amount_minor, currency, paid_at_ms, entry_seq)
         VALUES ('WX1', 'wechat', '01JW0000000000000000000001', 1230, 'CNY', ?, ?)`,
      )
      .run(at, entry.seq);
    const started = await alipayRun();
    const run = app.reconcile.getRun(started.value.id);
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.totals!.consoleRecords).toBe(0);
    expect(run.value.totals!.byClass.only_console.count).toBe(0);
  });

  it('a long run can be cancelled; the run says so and keeps the rows it wrote', async () => {
    const records: ReconRecord[] = Array.from({ length: 60_000 }, (_, i) => ({
      orderNo: `O${String(i).padStart(8, '0')}`,
      tradeNo: `t${i}`,
      amountMinor: 100,
      feeMinor: 0,
      status: 'paid',
      timeMs: Date.UTC(2026, 10, 21, 4),
      refundNo: null,
      channel: 'alipay',
    }));
    const { source } = app.reconcile.sources.save(
      {
        id: '01KSRC0000000000000000000A',
        kind: 'alipay',
        sha256: 'x',
        label: 'big',
        encoding: 'utf-8',
        importedAtMs: 0,
        importedBy: null,
      },
      records,
    );
    const seen: ProgressLike[] = [];
    app.events.subscribe((name, payload) => {
      if (name !== 'reconcile.progress') return;
      seen.push(payload as ProgressLike);
      if (seen.length === 2) app.reconcile.cancel((payload as ProgressLike).runId);
    });
    const started = app.reconcile.start({ sourceId: source.id, fromDate: '2026-11-21', toDate: '2026-11-21' });
    if (!started.ok) throw new Error(started.error.message);
    expect(app.reconcile.start({ sourceId: source.id, fromDate: '2026-11-21', toDate: '2026-11-21' })).toMatchObject({
      ok: false,
      error: { code: 'recon_run_busy' },
    });
    await app.reconcile.idle();
    const run = app.reconcile.getRun(started.value.id);
    expect(run).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled' });
    const written = app.reconcile.runs.count(started.value.id, null);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(60_000);
  });
});

describe('the gateway statement', () => {
  it('is this terminal’s only: a store-wide one would read other tills’ sales as 长款 here', async () => {
    await setupOwner(app);
    const r = await app.dispatch('reconcile.fetchStatement', {
      fromDate: '2026-11-21',
      toDate: '2026-11-21',
      scope: 'store',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await app.dispatch('reconcile.sources', {})).toEqual({ ok: true, value: [] });
  });
});

describe('reconcile actions and the audit log', () => {
  async function doneRun() {
    const started = await alipayRun();
    const page = app.reconcile.results(started.value.id, 'only_statement', 0, 10);
    if (!page.ok) throw new Error(page.error.message);
    return { runId: started.value.id, idx: page.value.rows[0]!.idx };
  }
  const count = (sql: string) => (app.db.prepare(sql).get() as { n: number }).n;

  it('an action writes exactly one audit row, in the same transaction as the action', async () => {
    const { runId, idx } = await doneRun();
    const before = count('SELECT COUNT(*) AS n FROM audit_log');
    const acted = app.reconcile.act(runId, idx, 'accept_late_payment', 'paid late, confirmed');
    if (!acted.ok) throw new Error(acted.error.message);
    expect(count('SELECT COUNT(*) AS n FROM audit_log') - before).toBe(1);
    const row = app.db.prepare('SELECT kind, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      kind: string;
      detail: string;
    };
    expect(row.kind).toBe('reconcile.accept_late_payment');
    expect(JSON.parse(row.detail)).toMatchObject({ runId, idx, entrySeq: acted.value.entrySeq });
    // the reports date the accepted sale when the customer paid (the bill's day), not today (the 22nd)
    expect(
      app.db.prepare('SELECT business_date FROM entry_index WHERE entry_seq = ?').get(acted.value.entrySeq),
    ).toEqual({
      business_date: '2026-11-21',
    });
    expect(app.audit.verify().ok).toBe(true);
  });

  it('refuses to accept a payment for a sale verified by code: it is booked, and the gateway confirms it', async () => {
    const { runId, idx } = await doneRun();
    const row = app.reconcile.results(runId, 'only_statement', 0, 10);
    if (!row.ok) throw new Error(row.error.message);
    const r = row.value.rows.find((x) => x.idx === idx)!;
    const orderNo = r.orderNo;
    app.db
      .prepare(
        `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
           registered, updated_at_ms, offline_state, offline_verified_at_ms, paid_at_ms)
         VALUES (?, 'T000000001', ?, 'CNY', '', 'paid', 0, 1, 2, 1, 1, 'verified', 1, 1)`,
      )
      .run(orderNo, r.statement!.amountMinor);
    const journal = count('SELECT COUNT(*) AS n FROM journal');
    const actions = count('SELECT COUNT(*) AS n FROM recon_actions');
    expect(app.reconcile.act(runId, idx, 'accept_late_payment', 'paid')).toMatchObject({
      ok: false,
      error: { code: 'recon_action_refused' },
    });
    expect(count('SELECT COUNT(*) AS n FROM journal')).toBe(journal);
    expect(count('SELECT COUNT(*) AS n FROM recon_actions')).toBe(actions);
  });

  it('accepting the payment of a sale the owner wrote off books it back from the loss, not as a second sale', async () => {
    const { runId, idx } = await doneRun();
    const rows = app.reconcile.results(runId, 'only_statement', 0, 10);
    if (!rows.ok) throw new Error(rows.error.message);
    const r = rows.value.rows.find((x) => x.idx === idx)!;
    const amount = r.statement!.amountMinor;
    const insertWrittenOff = (id: string, minor: number) =>
      app.db
        .prepare(
          `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, late, created_at_ms, expires_at_ms,
             registered, updated_at_ms, offline_state, offline_verified_at_ms, paid_at_ms, offline_written_off_at_ms)
           VALUES (?, 'T000000001', ?, 'CNY', '', 'paid', 0, 1, 2, 1, 1, NULL, 1, 1, 5)`,
        )
        .run(id, minor);
    insertWrittenOff(r.orderNo, amount + 1); // written off at another amount: refused, nothing booked
    const journal = count('SELECT COUNT(*) AS n FROM journal');
    expect(app.reconcile.act(runId, idx, 'accept_late_payment', 'paid')).toMatchObject({
      ok: false,
      error: { code: 'recon_action_refused' },
    });
    expect(count('SELECT COUNT(*) AS n FROM journal')).toBe(journal);
    app.db.prepare('UPDATE orders SET amount_minor = ? WHERE id = ?').run(amount, r.orderNo);
    const sales = app.journal.balance('sales', 'CNY');
    const acted = app.reconcile.act(runId, idx, 'accept_late_payment', 'the money came after all');
    if (!acted.ok) throw new Error(acted.error.message);
    expect(app.db.prepare('SELECT kind FROM journal WHERE seq = ?').get(acted.value.entrySeq)).toEqual({
      kind: 'sale.qr.recovered',
    });
    expect(app.journal.balance('sales', 'CNY')).toBe(sales); // booked once, when it was verified
    expect(app.journal.balance('losses:offline', 'CNY')).toBe(-amount);
    expect(app.orders.get(r.orderNo)).toMatchObject({
      ok: true,
      value: { offlineConfirmed: true, offlineWrittenOff: false, providerTradeNo: r.statement!.tradeNo },
    });
    expect(app.audit.list(undefined, 20).entries.find((e) => e.kind === 'offline.write_off_recovered')).toMatchObject({
      detail: { order_id: r.orderNo, amount_minor: amount, entry_seq: acted.value.entrySeq },
    });
    // accepted again: the payment is recorded, nothing more
    expect(app.reconcile.act(runId, idx, 'accept_late_payment', 'again')).toMatchObject({
      ok: false,
      error: { code: 'recon_already_recorded' },
    });
  });

  it('refuses to accept an order this till never had from a store-wide statement (another till’s sale)', async () => {
    const { runId, idx } = await doneRun();
    app.db
      .prepare('UPDATE recon_sources SET label = ? WHERE id = (SELECT source_id FROM recon_runs WHERE id = ?)')
      .run('gateway store 2026-11-21', runId);
    const journal = count('SELECT COUNT(*) AS n FROM journal');
    expect(app.reconcile.act(runId, idx, 'accept_late_payment', 'paid')).toMatchObject({
      ok: false,
      error: { code: 'recon_action_refused' },
    });
    expect(count('SELECT COUNT(*) AS n FROM journal')).toBe(journal);
    expect(app.reconcile.act(runId, idx, 'annotate', 'the other till’s').ok).toBe(true);
  });

  it('when the audit row cannot be written the action is not recorded either', async () => {
    const { runId, idx } = await doneRun();
    const actions = count('SELECT COUNT(*) AS n FROM recon_actions');
    const journal = count('SELECT COUNT(*) AS n FROM journal');
    app.db.exec(
      `CREATE TEMP TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END`,
    );
    expect(() => app.reconcile.act(runId, idx, 'accept_late_payment', 'paid late')).toThrow(/audit down/);
    app.db.exec('DROP TRIGGER audit_down');
    expect(count('SELECT COUNT(*) AS n FROM recon_actions')).toBe(actions);
    expect(count('SELECT COUNT(*) AS n FROM journal')).toBe(journal);
    expect(app.reconcile.act(runId, idx, 'accept_late_payment', 'paid late').ok).toBe(true);
  });
});
