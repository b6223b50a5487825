import type { AppInfoView } from '../../src-shared/api';
import { err, ok, type Result } from '../../src-shared/result';
import { canonicalTimeZone, type Clock } from '../../src-shared/time';
import type { AuditLog } from '../audit/audit-log';
import { writeTx, type Db } from '../db/connection';
import type { Handlers } from '../handlers';
import type { SettingsStore } from '../settings/settings';
import { addDays, parseDate } from './business-day';
import { exportFile } from './export';
import type { Settlement } from './index';

type SettlementHandlers = Pick<
  Handlers,
  | 'shift.current'
  | 'shift.open'
  | 'shift.cashSale'
  | 'shift.cashMove'
  | 'shift.report'
  | 'shift.close'
  | 'shift.list'
  | 'reports.settlement'
  | 'reports.setBusinessDay'
  | 'reports.export'
>;

/** The largest cutoff hour: a night that runs past noon is a different business. */
export const CUTOFF_HOUR_MAX = 12;
/** Shifts listed per range, at most (a shop runs a few a day). */
const SHIFT_LIST_DAYS_MAX = 31;

export interface SettlementHandlerDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
  readonly currentOperatorId: () => string | null;
  readonly info: () => AppInfoView;
  readonly onInfoChanged: () => void;
}

export function settlementHandlers(s: Settlement, d: SettlementHandlerDeps): SettlementHandlers {
  const { db, clock, settings, info, onInfoChanged } = d;
  const shiftReport = (id: string | undefined): Result<ReturnType<Settlement['shiftReports']['report']>> => {
    const row = id ? s.shifts.byId(id) : s.shifts.openRow();
    if (!row) return id ? err('shift_not_found', 'no such shift') : err('shift_not_open', 'no open shift');
    return ok(s.shiftReports.report(row, clock.now()));
  };
  return {
    'shift.current': () => {
      const row = s.shifts.openRow();
      return ok(row ? s.shifts.view(row) : null);
    },
    'shift.open': ({ float }) => s.shifts.open(float),
    'shift.cashSale': ({ amount, tendered }) => s.cash.sale(amount, tendered),
    'shift.cashMove': ({ direction, amount, reason }) => s.cash.move(direction, amount, reason),
    'shift.report': ({ id }) => shiftReport(id),
    'shift.close': ({ counted }) => s.cash.close(counted),
    'shift.list': ({ from, to }) => {
      const a = parseDate(from);
      const b = parseDate(to);
      if (a === null || b === null || a > b) return err('range_invalid', 'the range is not two dates in order');
      if ((b - a) / 86_400_000 + 1 > SHIFT_LIST_DAYS_MAX) {
        return err('range_too_long', `at most ${SHIFT_LIST_DAYS_MAX} days`, { max: SHIFT_LIST_DAYS_MAX });
      }
      // A business day spans at most [date − 14 h, date + 1 d + 12 h] in UTC; widen, then filter exactly.
      const rows = s.shifts.list(parseDate(addDays(from, -1))!, parseDate(addDays(to, 2))!);
      return ok(rows.filter((v) => v.businessDate >= from && v.businessDate <= to));
    },
    'reports.settlement': ({ from, to }) => s.reports.report(from, to),
    'reports.setBusinessDay': ({ timeZone, cutoffHour }) => {
      // Stored canonical: "asia/shanghai" is Asia/Shanghai, not a zone of its own.
      const zone = canonicalTimeZone(timeZone);
      if (zone === null) return err('timezone_invalid', 'not an IANA time zone');
      if (!Number.isInteger(cutoffHour) || cutoffHour < 0 || cutoffHour > CUTOFF_HOUR_MAX) {
        return err('cutoff_invalid', `the cutoff hour is 0–${CUTOFF_HOUR_MAX}`, { max: CUTOFF_HOUR_MAX });
      }
      const before = settings.get();
      // One transaction: the settings, every business date re-derived, and (when something
      // changed: every report moves) the audit record of what they were and who changed them.
      // The re-derivation reads the new settings, so memory takes them inside the transaction;
      // a rollback (the audit record fails) puts memory back to what is on disk.
      try {
        writeTx(db, () => {
          settings.setMany({ timeZone: zone, businessDayCutoffHour: cutoffHour });
          s.index.rederive();
          if (before.timeZone !== zone || before.businessDayCutoffHour !== cutoffHour) {
            d.audit.record('settings.business_day_changed', d.currentOperatorId(), {
              time_zone: zone,
              time_zone_before: before.timeZone,
              cutoff_hour: cutoffHour,
              cutoff_hour_before: before.businessDayCutoffHour,
            });
          }
        });
      } catch (e) {
        settings.reload();
        throw e;
      }
      onInfoChanged();
      return ok(info());
    },
    'reports.export': (args) => exportFile(s, db, args, clock.now(), settings.get().timeZone, settings.get().locale),
  };
}
