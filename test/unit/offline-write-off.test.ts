import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import { consoleRecords } from '../../src-main/reconcile/console-records';
import type { OrderView, SyncIssueView } from '../../src-shared/api';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { codeOf, paymentChange } from '../support/offline-codes';
import { addCashier, CASHIER_PIN, OWNER_PIN, setupOwner } from '../support/operators';
import { must } from '../support/settlement';
import { settlementTables, shiftTable } from '../../src-main/settlement/tables';
import { shiftReportLines } from '../../src-main/settlement/escpos';

/**
 * A sale verified by code that the gateway never confirms: the owner writes it off (the money
 * was not received), which frees the offline limits and stops the alarm; a payment that comes
 * after all books it back, once.
 */
let app: App;
let clock: ManualClock;
let cleanup: () => void;
let ownerId: string;
let changeId = 0;

const DAY = '2026-11-22';

beforeEach(async () => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  clock.ms = Date.UTC(2026, 10, 22, 2, 0); // 10:00 in Shanghai, business day 2026-11-22
  changeId = 0;
  ownerId = await setupOwner(app);
});
afterEach(() => cleanup());

async function sellOffline(amount: string): Promise<OrderView> {
  const o = app.orders.create({ amount });
  if (!o.ok) throw new Error(o.error.message);
  return must(await app.handlers['offline.acceptCode']({ orderId: o.value.id, code: codeOf(o.value) }));
}

/** Past the owner's maximum age: the sale becomes an open offline_unconfirmed issue. */
function ageOut(): void {
  clock.advance(app.settings.get().offlineMaxAgeMs + 1);
  app.offline.sweepAged();
}

const writeOff = (orderId: string, pin = OWNER_PIN, reason = 'customer never paid') =>
  app.dispatch('offline.writeOff', { orderId, pin, reason });

const issueOf = async (orderId: string): Promise<SyncIssueView> => {
  const list = must(await app.handlers['offline.issues']({}));
  return list.find((i) => i.orderId === orderId && i.kind === 'offline_unconfirmed')!;
};

const line = (channel: string) =>
  must(app.settlement.reports.report(DAY, DAY)).channels.find((c) => c.channel === channel);

function gatewayPays(o: OrderView, channel = 'sandbox'): void {
  app.applier.apply('gw-test', TEST_PAIRING.terminalId, paymentChange(o, channel, ++changeId, clock.now()));
}

describe('writing off a sale the gateway never confirmed', () => {
  it('is refused while the gateway may still confirm it, and for a sale not verified by code', async () => {
    const o = await sellOffline('25.00');
    const seq = app.journal.lastSeq();
    expect(await writeOff(o.id)).toMatchObject({
      ok: false,
      error: { code: 'offline_write_off_early', params: { maxAgeMs: app.settings.get().offlineMaxAgeMs } },
    });
    const unpaid = must(app.orders.create({ amount: '3.00' }));
    expect(await writeOff(unpaid.id)).toMatchObject({ ok: false, error: { code: 'offline_write_off_refused' } });
    expect(await writeOff('01JBXZ0000000000000000ZZZZ')).toMatchObject({
      ok: false,
      error: { code: 'order_not_found' },
    });
    expect(app.journal.lastSeq()).toBe(seq);
    expect(app.offline.pending().count).toBe(1);
  });

  it('needs the owner, their PIN again and a reason; a wrong one changes nothing', async () => {
    const o = await sellOffline('25.00');
    ageOut();
    const seq = app.journal.lastSeq();
    expect(await writeOff(o.id, '0000')).toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
    expect(await writeOff(o.id, OWNER_PIN, '   ')).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await app.dispatch('offline.writeOff', { orderId: 'x', pin: OWNER_PIN, reason: 'r' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    const cashier = await addCashier(app);
    await app.dispatch('operators.logout', {});
    must(await app.dispatch('operators.login', { operatorId: cashier, pin: CASHIER_PIN }));
    expect(await writeOff(o.id, CASHIER_PIN)).toMatchObject({ ok: false, error: { code: 'owner_required' } });
    expect(app.journal.lastSeq()).toBe(seq);
    expect(app.sync.status().openIssues).toBe(1);
    expect(app.orders.get(o.id)).toMatchObject({ ok: true, value: { offlineVerified: true } });
  });

  it('books the loss, keeps the sale, frees the limits and closes the issue, audited — once', async () => {
    const o = await sellOffline('25.00');
    ageOut();
    expect(app.offline.pending()).toMatchObject({ count: 1, ageLevel: 'expired' });
    const outbox = app.sync.status().unsyncedEntries;
    const issues = must(await writeOff(o.id)) as readonly SyncIssueView[];
    const issue = issues.find((i) => i.orderId === o.id)!;
    expect(issue).toMatchObject({
      kind: 'offline_unconfirmed',
      resolvedAtMs: clock.now(),
      handledBy: 'Owner',
      outcome: 'written_off',
      writableOff: false,
    });
    // the ledger: the sale stays, the receivable moved to the loss
    expect(app.journal.balance('sales', 'CNY')).toBe(-2500);
    expect(app.journal.balance('clearing:offline', 'CNY')).toBe(0);
    expect(app.journal.balance('losses:offline', 'CNY')).toBe(2500);
    expect(verifyJournal(app.db).ok).toBe(true);
    expect(app.sync.status().unsyncedEntries).toBe(outbox + 1); // the write-off goes to the gateway too
    // no longer awaiting: the alarm stops, the limits are free, the status bar's issue is gone
    expect(app.offline.pending()).toMatchObject({ count: 0, totalMinor: 0, ageLevel: 'ok' });
    expect(app.sync.status().openIssues).toBe(0);
    expect(app.orders.get(o.id)).toMatchObject({
      ok: true,
      value: { status: 'paid', offlineVerified: false, offlineWrittenOff: true, offlineConfirmed: false },
    });
    const audit = app.audit.list(undefined, 20).entries.find((e) => e.kind === 'offline.written_off');
    expect(audit).toMatchObject({
      operatorId: ownerId,
      detail: { order_id: o.id, amount_minor: 2500, approver_id: ownerId, reason: 'customer never paid' },
    });
    // the reports: still a sale of the day, under written-off, with no payout expected for it
    expect(line('offline')).toBeUndefined();
    // — in gross, but never received, so out of net, in every table and export
    expect(line('writeoff')).toMatchObject({
      saleCount: 1,
      grossMinor: 2500,
      writtenOffMinor: 2500,
      netMinor: 0,
      expectedPayoutMinor: 0,
      status: 'none',
    });
    const report = must(app.settlement.reports.report(DAY, DAY));
    expect(report.total).toMatchObject({
      grossMinor: 2500,
      writtenOffMinor: 2500,
      netMinor: 0,
      expectedPayoutMinor: 0,
      status: 'none', // nothing for a network to pay: not "paid"
    });
    expect(report.days).toEqual([expect.objectContaining({ channel: 'writeoff', writtenOffMinor: 2500, netMinor: 0 })]);
    for (const g of [...report.byHour, ...report.byCashier]) {
      expect(g).toMatchObject({ grossMinor: 2500, writtenOffMinor: 2500, netMinor: 0 });
    }
    const channels = settlementTables(report)['settlement.channels']!;
    const col = (name: string) => channels.header.indexOf(name);
    expect(channels.rows.at(-1)![col('written_off')]).toEqual({ amount: '25.00' });
    expect(channels.rows.at(-1)![col('net')]).toEqual({ amount: '0.00' });
    // the day's close reads it as not paid (we hold no money for it)
    const rec = [...consoleRecords(app.db, 0, Number.MAX_SAFE_INTEGER)].find((r) => r.orderNo === o.id);
    expect(rec?.status).toBe('unpaid');
    // a second write-off is refused, named
    const seq = app.journal.lastSeq();
    expect(await writeOff(o.id)).toMatchObject({
      ok: false,
      error: { code: 'offline_write_off_refused', params: { state: 'written_off' } },
    });
    expect(app.journal.lastSeq()).toBe(seq);
    // nothing was received, so there is nothing to give back
    const approver = { approverId: ownerId, approverPin: OWNER_PIN };
    expect(
      await app.dispatch('refunds.create', {
        orderId: o.id,
        amount: '25.00',
        reason: 'r',
        requestId: '01JBXZ0000000000000000RRRR',
        ...approver,
      }),
    ).toMatchObject({ ok: false, error: { code: 'refund_not_allowed', params: { status: 'written_off' } } });
    // a new sale by code may be taken again (the total awaiting was freed)
    app.settings.set('offlineTotalMaxMinor', 3000);
    expect((await sellOffline('29.00')).offlineVerified).toBe(true);
  });

  it('the shift report and its Z export keep the written-off sale in gross and out of net', async () => {
    const shift = must(await app.handlers['shift.open']({ float: '0' }));
    must(await app.dispatch('shift.cashSale', { amount: '10.00', tendered: '' }));
    const o = await sellOffline('25.00');
    ageOut();
    must(await writeOff(o.id));
    const x = must(await app.handlers['shift.report']({ id: shift.id }));
    expect(x.channels.find((c) => c.channel === 'writeoff')).toMatchObject({
      grossMinor: 2500,
      writtenOffMinor: 2500,
      netMinor: 0,
    });
    expect(x.channels.find((c) => c.channel === 'cash')).toMatchObject({ writtenOffMinor: 0, netMinor: 1000 });
    expect(x.total).toMatchObject({ grossMinor: 3500, writtenOffMinor: 2500, netMinor: 1000 });
    expect(x.expectedCashMinor).toBe(1000); // the drawer never held it either
    const rows = shiftTable(x, 'Asia/Shanghai').rows;
    expect(rows).toContainEqual(['total.written_off', { amount: '25.00' }]);
    expect(rows).toContainEqual(['total.net', { amount: '10.00' }]);
    const ticket = shiftReportLines(x, { terminalName: 'Till 1', timeZone: 'Asia/Shanghai' });
    expect(ticket).toContainEqual(expect.stringMatching(/^ {2}Written off +25\.00$/));
  });

  it('a gateway closing it unpaid after the write-off opens nothing; its payment after all books it back once', async () => {
    const o = await sellOffline('25.00');
    ageOut();
    must(await writeOff(o.id));
    app.applier.apply('gw-test', TEST_PAIRING.terminalId, {
      change_id: ++changeId,
      type: 'order.closed',
      at_ms: clock.now(),
      order_id: o.id,
      status: 'expired',
    });
    expect(app.sync.status().openIssues).toBe(0);
    gatewayPays(o);
    gatewayPays(o); // a second delivery of another change for the same order: a duplicate, not a recovery
    expect(app.journal.balance('losses:offline', 'CNY')).toBe(0);
    expect(app.journal.balance('clearing:sandbox', 'CNY')).toBe(2500 * 2);
    expect(app.journal.balance('sales', 'CNY')).toBe(-2500 * 2); // the sale once, plus the second payment
    const kinds = app.db.prepare('SELECT kind FROM journal ORDER BY seq').all() as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual([
      'sale.qr.offline',
      'sale.qr.offline.writeoff',
      'sale.qr.recovered',
      'sale.qr.duplicate',
    ]);
    expect(verifyJournal(app.db).ok).toBe(true);
    expect(app.orders.get(o.id)).toMatchObject({
      ok: true,
      value: { offlineConfirmed: true, offlineWrittenOff: false, channel: 'sandbox' },
    });
    expect(await issueOf(o.id)).toMatchObject({ outcome: 'recovered', handledBy: 'Owner' });
    expect(app.audit.list(undefined, 20).entries.find((e) => e.kind === 'offline.write_off_recovered')).toMatchObject({
      detail: { order_id: o.id, amount_minor: 2500, channel: 'sandbox' },
    });
    // the reports: the sale moved to the channel that paid, with its fee and payout
    expect(line('writeoff')).toBeUndefined();
    expect(line('sandbox')).toMatchObject({ saleCount: 2, grossMinor: 5000 });
    expect(line('sandbox')!.expectedPayoutMinor).toBeGreaterThan(0);
    // the rollup kept entry by entry equals the one rebuilt from the index
    const rows = () => app.db.prepare('SELECT * FROM report_rollup ORDER BY 1, 2, 3, 4, 5').all();
    const kept = rows();
    app.settlement.index.rederive();
    expect(kept).toEqual(rows());
  });
});
