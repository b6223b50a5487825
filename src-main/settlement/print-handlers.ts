/** Settlement settings (fees, payout delay) and the network receipt printer: owner-set, audited. */
import {
  FEE_CHANNELS,
  FEE_RATE_BPS_MAX,
  PAYOUT_DELAY_DAYS_MAX,
  type PrinterSettingsView,
  type SettlementSettingsView,
} from '../../src-shared/api';
import { err, ok } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/connection';
import type { Handlers } from '../handlers';
import type { SettingsStore } from '../settings/settings';
import { shiftReportReceipt } from './escpos';
import type { Settlement } from './index';
import { isPrinterHost, isPrinterPort, sendToPrinter } from './printer';

export interface PrintHandlerDeps {
  readonly settlement: Settlement;
  readonly db: Db;
  readonly clock: Clock;
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
  readonly currentOperatorId: () => string | null;
  /** Injected so tests (and a future USB path) can replace the TCP send. */
  readonly send?: typeof sendToPrinter;
}

export function printHandlers(
  d: PrintHandlerDeps,
): Pick<
  Handlers,
  'settlement.settings' | 'settlement.setSettings' | 'printer.settings' | 'printer.set' | 'printer.printShift'
> {
  const feesView = (): SettlementSettingsView => {
    const s = d.settings.get();
    return { feeRatesBps: s.feeRatesBps, payoutDelayDays: s.payoutDelayDays };
  };
  const printerView = (): PrinterSettingsView => {
    const s = d.settings.get();
    return { enabled: s.printerEnabled, host: s.printerHost, port: s.printerPort };
  };
  const send = d.send ?? sendToPrinter;
  return {
    'settlement.settings': () => ok(feesView()),
    'settlement.setSettings': ({ feeRatesBps, payoutDelayDays }) => {
      for (const ch of FEE_CHANNELS) {
        const v = feeRatesBps[ch];
        if (!Number.isInteger(v) || v < 0 || v > FEE_RATE_BPS_MAX) {
          return err('fee_rate_invalid', `${ch}: a whole number of basis points 0–${FEE_RATE_BPS_MAX}`, {
            channel: ch,
            max: FEE_RATE_BPS_MAX,
          });
        }
      }
      if (!Number.isInteger(payoutDelayDays) || payoutDelayDays < 0 || payoutDelayDays > PAYOUT_DELAY_DAYS_MAX) {
        return err('payout_delay_invalid', `0–${PAYOUT_DELAY_DAYS_MAX} days`, { max: PAYOUT_DELAY_DAYS_MAX });
      }
      const before = feesView();
      // Other channels someone stored stay as they are; the three known ones are replaced.
      const rates = { ...before.feeRatesBps, ...feeRatesBps };
      d.settings.setMany({ feeRatesBps: rates, payoutDelayDays }, () =>
        d.audit.record('settings.changed', d.currentOperatorId(), {
          fee_rates_bps: JSON.stringify(rates),
          fee_rates_bps_before: JSON.stringify(before.feeRatesBps),
          payout_delay_days: payoutDelayDays,
          payout_delay_days_before: before.payoutDelayDays,
        }),
      );
      return ok(feesView());
    },
    'printer.settings': () => ok(printerView()),
    'printer.set': ({ enabled, host, port }) => {
      const h = host.trim();
      // Host may be empty only while the printer is off (the owner is switching it off).
      if (!(h === '' && !enabled) && !isPrinterHost(h)) {
        return err('printer_host_invalid', 'a host name or IPv4 address');
      }
      if (!isPrinterPort(port)) return err('printer_port_invalid', 'a port 1–65535', { max: 65_535 });
      d.settings.setMany({ printerEnabled: enabled, printerHost: h, printerPort: port }, () =>
        d.audit.record('settings.changed', d.currentOperatorId(), {
          printer_enabled: enabled,
          printer_host: h,
          printer_port: port,
        }),
      );
      return ok(printerView());
    },
    'printer.printShift': async ({ id }) => {
      const p = printerView();
      if (!p.enabled || p.host === '') return err('printer_not_configured', 'no receipt printer is set up');
      const row = id ? d.settlement.shifts.byId(id) : d.settlement.shifts.openRow();
      if (!row) return id ? err('shift_not_found', 'no such shift') : err('shift_not_open', 'no open shift');
      const report = d.settlement.shiftReports.report(row, d.clock.now());
      const s = d.settings.get();
      const job = shiftReportReceipt(report, { terminalName: s.terminalName, timeZone: s.timeZone });
      return send(p.host, p.port, job);
    },
  };
}
