/** Settlement for a range of business dates: charts, tables by channel/day/hour/cashier/shift, CSV. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { shopTimeFormats } from '../../logic/time-format';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ExportTable, SettlementReportView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { saveExport } from '../../app/save-export';
import { usePos } from '../../transport/bridge-context';
import '../../styles/settlement.css';
import { todayBusinessDate } from '../shift/today';
import { Charts } from './Charts';
import { RangePicker, type Range } from './RangePicker';
import { ExportErrorContext, type ExportErrorView } from './export-error';
import { ExportButton, GroupTable, SettlementTable } from './SettlementTables';

export function ReportsScreen(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info, clockOffsetMs } = useAppInfo();
  const today = todayBusinessDate(info, clockOffsetMs);
  const [range, setRange] = useState<Range>({ from: today, to: today });
  const [report, setReport] = useState<SettlementReportView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  /** A refused export, shown beside the buttons of the table it was for. */
  const [exportError, setExportError] = useState<ExportErrorView | null>(null);

  const load = useCallback(
    async (r: Range) => {
      setLoading(true);
      setError(null);
      setExportError(null);
      const res = await pos.invoke('reports.settlement', r);
      setLoading(false);
      if (res.ok) setReport(res.value);
      else {
        // The tables shown were another range's: they go, rather than pass for this one.
        setReport(null);
        setError(res.error);
      }
    },
    [pos],
  );
  useEffect(() => void load(range), [load, range]);

  /** Exports the range on screen (the report's own), never a range picked but not shown. */
  const onExport = async (table: ExportTable, format: ExportFormat) => {
    setExportError(null);
    if (!report) return;
    const r = await pos.invoke('reports.export', { table, format, from: report.from, to: report.to });
    if (r.ok) saveExport(r.value);
    else setExportError({ table, error: r.error });
  };
  const exp = (table: ExportTable, format: ExportFormat) => void onExport(table, format);
  // A shift by when it opened and whose it is, as the Shift screen names it (a range spans days).
  const shiftOpened = shopTimeFormats(info.timeZone).dateTime;

  return (
    <section className="reports-screen" data-testid="reports-screen" data-loading={loading}>
      <h1>{t('reports.title')}</h1>
      <RangePicker today={today} value={range} onChange={setRange} />
      <ErrorMessage error={error} />
      {loading && <p className="muted">{t('reports.loading')}</p>}
      {report && (
        <ExportErrorContext.Provider value={exportError}>
          <p className="muted fee-rule">
            {t('reports.feeRule')} {t('reports.entries')} <ExportButton table="settlement.entries" onExport={exp} />
          </p>
          {report.days.length === 0 ? <p className="muted empty">{t('reports.empty')}</p> : <Charts report={report} />}
          <SettlementTable report={report} byDay={false} onExport={exp} />
          <SettlementTable report={report} byDay onExport={exp} />
          <GroupTable
            title={t('reports.byCashier')}
            keyLabel={t('reports.cashier')}
            lines={report.byCashier}
            currency={report.currency}
            table="settlement.cashiers"
            onExport={exp}
            formatLine={(g) => g.name ?? t('shift.unknownCashier')}
          />
          <GroupTable
            title={t('reports.byShift')}
            keyLabel={t('reports.shift')}
            lines={report.byShift}
            currency={report.currency}
            table="settlement.shifts"
            onExport={exp}
            formatLine={(g) =>
              g.key === ''
                ? t('reports.noShift')
                : `${g.openedAtMs === null ? g.key.slice(-6) : shiftOpened.format(g.openedAtMs)} · ${g.name ?? t('shift.unknownCashier')}`
            }
          />
          <GroupTable
            title={t('reports.byHour')}
            keyLabel={t('reports.hour')}
            lines={report.byHour}
            currency={report.currency}
            table="settlement.hours"
            onExport={exp}
            formatLine={(g) => `${g.key.padStart(2, '0')}:00`}
          />
        </ExportErrorContext.Provider>
      )}
    </section>
  );
}
