import type { ShiftReportView } from '../../src-shared/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { verifyJournal } from '../../src-main/ledger/verify';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { addCashier, CASHIER_PIN, OWNER_PIN, setupOwner } from '../support/operators';
import { must } from '../support/settlement';

let app: App;
let cleanup: () => void;
let ownerId: string;

beforeEach(async () => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  ownerId = await setupOwner(app);
});
afterEach(() => cleanup());

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const refund = (amount: string, reason = 'item returned', approverPin = OWNER_PIN) =>
  app.dispatch('shift.cashRefund', { amount, reason, approverId: ownerId, approverPin });

describe('cash refunds', () => {
  it('hands cash back with an owner’s PIN: a refund in the books, the drawer and the report follow', async () => {
    must(await app.dispatch('shift.open', { float: '50' }));
    must(await app.dispatch('shift.cashSale', { amount: '30', tendered: '' }));
    const cashierId = await addCashier(app, 'Li');
    must(await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN }));
    // a cashier asks, the owner approves at the counter
    const x = must(await refund('12.50')) as ShiftReportView;
    expect(x).toMatchObject({ cashRefundsMinor: 12_50, expectedCashMinor: 50_00 + 30_00 - 12_50 });
    // in the drawer's log with its reason, beside the paid-ins and -outs (and so in the Z exports)
    expect(x.movements).toEqual([
      { atMs: expect.any(Number), direction: 'refund', amountMinor: 12_50, reason: 'item returned' },
    ]);
    const csv = must(await app.handlers['reports.export']({ table: 'shift.z', format: 'csv' }));
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain(
      '\r\n现金退款: item returned,12.50,cash_refund: item returned\r\n',
    );
    const entry = app.db.prepare("SELECT seq, memo FROM journal WHERE kind = 'cash.refund'").get() as {
      seq: number;
      memo: string;
    };
    expect(entry.memo).toBe('item returned');
    expect(app.db.prepare('SELECT account, amount_minor FROM postings WHERE entry_seq = ? ORDER BY idx').all(entry.seq))
      .toEqual([
        { account: 'cash:drawer', amount_minor: -12_50 },
        { account: 'refunds', amount_minor: 12_50 },
      ]); // prettier-ignore
    expect(verifyJournal(app.db).ok).toBe(true);
    const day = must(await app.handlers['reports.settlement']({ from: '2026-11-22', to: '2026-11-22' }));
    expect(day.channels.find((c) => c.channel === 'cash')).toMatchObject({
      grossMinor: 30_00,
      refundsMinor: 12_50,
      netMinor: 17_50,
    });
    const audit = app.db.prepare("SELECT operator_id, detail FROM audit_log WHERE kind = 'cash.refunded'").get() as {
      operator_id: string;
      detail: string;
    };
    expect(audit.operator_id).toBe(cashierId);
    expect(JSON.parse(audit.detail)).toMatchObject({ amount_minor: 12_50, approver_id: ownerId });
    expect(audit.detail).not.toContain(OWNER_PIN);
  });

  it('refuses, changing nothing: a wrong PIN, a cashier as approver, no reason, more than the drawer, no shift', async () => {
    const seq = () => app.journal.lastSeq();
    expect(code(await refund('5'))).toBe('shift_not_open');
    must(await app.dispatch('shift.open', { float: '20' }));
    const before = seq();
    expect(code(await refund('5', 'returned', '9999'))).toBe('pin_wrong');
    expect(code(await refund('5', '   '))).toBe('reason_required');
    expect(code(await refund('20.01'))).toBe('cash_exceeds_drawer');
    expect(code(await refund('-1'))).toBe('amount_not_number');
    const cashierId = await addCashier(app, 'Li');
    const asCashier = await app.dispatch('shift.cashRefund', {
      amount: '5',
      reason: 'x',
      approverId: cashierId,
      approverPin: CASHIER_PIN,
    });
    expect(code(asCashier)).toBe('owner_required');
    expect(seq()).toBe(before);
    expect(code(await refund('20'))).toBe('ok'); // the whole drawer is allowed
  });
});
