import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { Journal } from '../../src-main/ledger/journal';
import { SettingsStore } from '../../src-main/settings/settings';
import { createSettlement } from '../../src-main/settlement';
import { createUlidSource } from '../../src-shared/ulid';
import { ManualClock, seededBytes } from '../support/fixtures';
import { appendBefore0013 } from '../support/old-journal';

describe('migration 0004 settlement', () => {
  it('1 → insert → 4 keeps the journal and indexes the entries written before it', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS, 3)).toBe(3); // the journal (and its outbox, 0002) as it stood before 0004
    const clock = new ManualClock(Date.UTC(2026, 10, 21, 17, 30)); // 01:30 Shanghai
    const ids = createUlidSource(() => clock.now(), seededBytes(3));
    appendBefore0013(db, {
      entryId: ids(),
      kind: 'sale.qr',
      orderId: null,
      createdAtMs: clock.now(),
      memo: 'before 0004',
      postings: [
        { account: 'clearing:alipay', currency: 'CNY', amountMinor: 9_00 },
        { account: 'sales', currency: 'CNY', amountMinor: -9_00 },
      ],
    });
    expect(migrate(db, MIGRATIONS, 4)).toBe(4);
    expect(db.prepare('SELECT COUNT(*) AS n FROM journal').get()).toEqual({ n: 1 });
    migrate(db); // today's services run on today's schema
    const settings = new SettingsStore(db);
    settings.set('businessDayCutoffHour', 2);
    const s = createSettlement({
      db,
      clock,
      ids,
      journal: new Journal(db, clock, ids),
      settings,
      currency: () => 'CNY',
      currentOperatorId: () => 'op-1',
    });
    expect(
      db.prepare('SELECT business_date, channel, sale_minor, shift_id, operator_id FROM entry_index').all(),
    ).toEqual([
      { business_date: '2026-11-21', channel: 'alipay', sale_minor: 9_00, shift_id: null, operator_id: null },
    ]);
    expect(s.index.catchUp()).toBe(0);
    // a new shift records the injected cashier
    const shift = s.shifts.open('50');
    expect(shift.ok && shift.value.operatorId).toBe('op-1');
    expect(
      db
        .prepare("SELECT operator_id, shift_id IS NOT NULL AS has_shift FROM entry_index WHERE kind = 'shift.open'")
        .get(),
    ).toEqual({ operator_id: 'op-1', has_shift: 1 });
  });
});
