import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { writeTx } from '../../src-main/db/connection';
import { ACCOUNTS } from '../../src-main/ledger/accounts';
import { CJK_FONT_CANDIDATES } from '../../src-main/settlement/pdf';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { setupOwner } from '../support/operators';
import { must, postRefund } from '../support/settlement';

let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

const DAY = '2026-11-22';
const hasFont = CJK_FONT_CANDIDATES.some((f) => existsSync(f.regular));
/** poppler-utils' pdftotext reads the text a viewer would show, where it is on the page. */
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!(hasFont && hasPdftotext) && process.env.CI) {
  throw new Error('CI: fonts-noto-cjk and pdftotext (poppler-utils) are required for this test');
}

/** A QR sale of an order, as the change applier posts it. */
function qrSaleOf(orderId: string, amountMinor: number): void {
  writeTx(app.db, () =>
    app.journal.append({
      kind: 'sale.qr',
      orderId,
      memo: 'test',
      postings: [
        { account: ACCOUNTS.clearing('alipay'), currency: 'CNY', amountMinor },
        { account: ACCOUNTS.sales, currency: 'CNY', amountMinor: -amountMinor },
      ],
    }),
  );
}

/** The page's text, laid out as on the page (text past the page's edge is not there). */
async function pdfText(table: Parameters<App['handlers']['reports.export']>[0]['table']): Promise<string> {
  const f = must(await app.handlers['reports.export']({ table, format: 'pdf', from: DAY, to: DAY }));
  const out = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(f.base64, 'base64') });
  return out.toString('utf8').replaceAll('\u200b', '');
}

describe.skipIf(!hasFont || !hasPdftotext)('PDF tables fit the page (needs a CJK font and pdftotext)', () => {
  it('every transaction: amounts, ids and every column are on the page', async () => {
    const ownerId = await setupOwner(app);
    qrSaleOf('01JFQ7Z8K9M2N3P4R5S6ORDER1', 123_45); // no shift open: the owner's
    must(app.handlers['shift.open']({ float: '10' }) as never);
    must(app.settlement.cash.sale('7.50', '10'));
    qrSaleOf('01JFQ7Z8K9M2N3P4R5S6ORDER2', 88_00);
    postRefund(app, 'alipay', 12_30);
    const shiftId = (app.db.prepare('SELECT id FROM shifts').get() as { id: string }).id;

    const text = await pdfText('settlement.entries');
    for (const amount of ['123.45', '7.50', '88.00', '12.30']) expect(text).toContain(amount);
    // ids by their last 8 characters, as the screen shows an order
    for (const id of ['S6ORDER1', 'S6ORDER2', shiftId.slice(-8), ownerId.slice(-8)]) expect(text).toContain(id);
    for (const h of ['Sale', 'Refund', 'Order', 'Shift', 'Cashier ID']) expect(text).toContain(h);
  });

  it('the channel, day, cashier, shift and hour tables keep their last column on the page', async () => {
    const ownerId = await setupOwner(app);
    qrSaleOf('01JFQ7Z8K9M2N3P4R5S6ORDER1', 123_45);
    must(app.handlers['shift.open']({ float: '10' }) as never);
    must(app.settlement.cash.sale('7.50', '10'));
    const shiftId = (app.db.prepare('SELECT id FROM shifts').get() as { id: string }).id;
    const last = {
      'settlement.channels': ['Status', '待结算', '123.45'],
      'settlement.days': ['Payout', '2026-11-23', '123.45'],
      'settlement.cashiers': ['Net', ownerId, '130.95'],
      // the owner's sale with no shift open: its cashier and shift say so, as the screen does
      'settlement.shifts': ['Net', shiftId, '123.45', '7.50', '无班次 No shift'],
      'settlement.hours': ['Net', '130.95'],
    } as const;
    for (const [table, words] of Object.entries(last)) {
      const text = await pdfText(table as keyof typeof last);
      for (const w of words) expect(text, `${table}: ${w}`).toContain(w);
      if (table === 'settlement.hours') expect(text).toMatch(/^\d\d:00 /m); // "05:00", not "5"
    }
  });
});
