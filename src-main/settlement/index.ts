import type { Currency } from '../../src-shared/money';
import type { Clock } from '../../src-shared/time';
import type { IdSource } from '../../src-shared/ulid';
import type { Db } from '../db/connection';
import type { Journal } from '../ledger/journal';
import type { SettingsStore } from '../settings/settings';
import { SettlementBatches } from './batches';
import { CashService } from './cash';
import { EntryIndex } from './entry-index';
import { SettlementReports } from './settlement-report';
import { ShiftReports } from './shift-report';
import { ShiftStore } from './shifts';

export interface SettlementDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly journal: Journal;
  readonly settings: SettingsStore;
  readonly currency: () => Currency;
  /** From the operators module when merged; null → 'unknown'. */
  readonly currentOperatorId: () => string | null;
}

export interface Settlement {
  readonly index: EntryIndex;
  readonly shifts: ShiftStore;
  readonly shiftReports: ShiftReports;
  readonly cash: CashService;
  readonly reports: SettlementReports;
  readonly batches: SettlementBatches;
}

/** Builds the settlement services and hooks the index into every journal append. */
export function createSettlement(d: SettlementDeps): Settlement {
  const shifts = new ShiftStore(d);
  const orderOperator = d.db.prepare<[string], { operator_id: string | null }>(
    'SELECT operator_id FROM orders WHERE id = ?',
  );
  const index = new EntryIndex(d.db, {
    timeZone: () => d.settings.get().timeZone,
    cutoffHour: () => d.settings.get().businessDayCutoffHour,
    openShiftId: () => shifts.openRow()?.id ?? null,
    currentOperatorId: d.currentOperatorId,
    orderOperatorId: (orderId) => orderOperator.get(orderId)?.operator_id ?? null,
    feeRateBps: (channel) => d.settings.get().feeRatesBps[channel] ?? 0,
  });
  d.journal.onAppend((e) => index.record(e));
  index.catchUp();
  const shiftReports = new ShiftReports(d.db, shifts);
  return {
    index,
    shifts,
    shiftReports,
    cash: new CashService(d, shifts, shiftReports),
    reports: new SettlementReports(d.db, d.settings, d.currency),
    batches: new SettlementBatches(d.db, d.clock, d.journal, index),
  };
}
