/** Open a shift with a float, pay cash in/out, see the X report, close with a count → Z report. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashMovementLine, ShiftReportView, ShiftView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { saveExport } from '../../app/save-export';
import { usePos, usePosEvent } from '../../transport/bridge-context';
import '../../styles/settlement.css';
import { CashMoveStatus } from './CashMoveStatus';
import { CashRefundForm } from './CashRefundForm';
import { CashMoveForm, CloseShiftForm, OpenShiftForm } from './ShiftForms';
import { ShiftReport } from './ShiftReport';
import { todayBusinessDate } from './today';

export function ShiftScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const { info, clockOffsetMs } = useAppInfo();
  const [report, setReport] = useState<ShiftReportView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [shifts, setShifts] = useState<readonly ShiftView[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  /** The paid-in / paid-out just recorded, confirmed until the next action. */
  const [moved, setMoved] = useState<CashMovementLine | null>(null);

  const today = todayBusinessDate(info, clockOffsetMs);
  const timeOf = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone: info.timeZone }).format(ms);
  const load = useCallback(async () => {
    const cur = await pos.invoke('shift.report', {});
    if (cur.ok) setReport(cur.value);
    else if (cur.error.code === 'shift_not_open') setReport((r) => (r?.kind === 'Z' ? r : null));
    else setError(cur.error);
    const list = await pos.invoke('shift.list', { from: today, to: today });
    if (list.ok) setShifts(list.value);
    setLoaded(true);
  }, [pos, today]);

  useEffect(() => void load(), [load]);
  usePosEvent('order.updated', () => {
    if (report?.kind === 'X') void load();
  });

  const run = async (fn: () => Promise<{ ok: boolean; error?: AppError; value?: unknown }>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setMoved(null);
    const r = await fn();
    setBusy(false);
    if (!r.ok) {
      setError(r.error ?? null);
      return false;
    }
    return true;
  };

  const exportZ = async (id: string, format: 'csv' | 'xlsx' | 'pdf') => {
    const r = await pos.invoke('reports.export', { table: 'shift.z', format, shiftId: id });
    if (r.ok) saveExport(r.value);
    else setError(r.error);
  };
  const [printed, setPrinted] = useState(false);
  const printReceipt = async (r: ShiftReportView) => {
    setPrinted(false);
    setError(null);
    const res = await pos.invoke('printer.printShift', r.kind === 'Z' ? { id: r.shift.id } : {});
    if (res.ok) setPrinted(true);
    else setError(res.error);
  };
  const actions = (r: ShiftReportView) => (
    <>
      <button type="button" className="btn" data-testid="z-export-csv" onClick={() => void exportZ(r.shift.id, 'csv')}>
        {t('shift.exportCsv')}
      </button>
      <button
        type="button"
        className="btn"
        data-testid="z-export-xlsx"
        onClick={() => void exportZ(r.shift.id, 'xlsx')}
      >
        {t('reports.exportXlsx')}
      </button>
      <button type="button" className="btn" data-testid="z-export-pdf" onClick={() => void exportZ(r.shift.id, 'pdf')}>
        PDF
      </button>
      <button type="button" className="btn" data-testid="z-print" onClick={() => window.print()}>
        {t('shift.print')}
      </button>
      <button type="button" className="btn" data-testid="z-print-receipt" onClick={() => void printReceipt(r)}>
        {t('print.printReceipt')}
      </button>
      {printed && (
        <span className="success" role="status" data-testid="z-printed">
          {t('print.printed')}
        </span>
      )}
    </>
  );

  return (
    <section className="shift-screen" data-testid="shift-screen" data-state={report?.kind ?? 'none'}>
      <h1>{t('shift.title')}</h1>
      <ErrorMessage error={error} />
      {!loaded ? null : report?.kind === 'X' ? (
        <div className="shift-grid">
          <ShiftReport report={report} actions={actions(report)} />
          <div className="shift-side">
            <h2>{t('shift.movements')}</h2>
            <CashMoveForm
              busy={busy}
              onMove={(direction, amount, reason) =>
                run(async () => {
                  const r = await pos.invoke('shift.cashMove', { direction, amount, reason });
                  if (r.ok) {
                    setReport(r.value);
                    setMoved(r.value.movements.filter((mv) => mv.direction === direction).at(-1) ?? null);
                  }
                  return r;
                })
              }
            />
            <CashMoveStatus moved={moved} currency={report.shift.currency} />
            <h2>{t('shift.cashRefund')}</h2>
            <CashRefundForm busy={busy} run={run} onReport={setReport} />
            <h2>{t('shift.close')}</h2>
            <CloseShiftForm
              busy={busy}
              expectedMinor={report.expectedCashMinor}
              currency={report.shift.currency}
              onClose={(counted) =>
                void run(async () => {
                  const r = await pos.invoke('shift.close', { counted });
                  if (r.ok) {
                    setReport(r.value);
                    void load();
                  }
                  return r;
                })
              }
            />
          </div>
        </div>
      ) : (
        <div className="shift-grid closed">
          <div className="shift-side">
            <OpenShiftForm
              busy={busy}
              onOpen={(float) =>
                void run(async () => {
                  const r = await pos.invoke('shift.open', { float });
                  if (r.ok) await load();
                  return r;
                })
              }
            />
            {shifts.length > 0 && (
              <>
                <h2>{t('shift.today')}</h2>
                <ul className="shift-list">
                  {shifts
                    .filter((s) => s.closedAtMs !== null)
                    .map((s) => (
                      <li key={s.id}>
                        <button
                          type="button"
                          className="btn btn-small"
                          data-testid="shift-view-z"
                          onClick={async () => {
                            const r = await pos.invoke('shift.report', { id: s.id });
                            if (r.ok) setReport(r.value);
                            else setError(r.error);
                          }}
                        >
                          {t('shift.view')} · {timeOf(s.openedAtMs)} · {s.operatorName ?? t('shift.unknownCashier')}
                        </button>
                      </li>
                    ))}
                </ul>
              </>
            )}
          </div>
          {report?.kind === 'Z' && <ShiftReport report={report} actions={actions(report)} />}
        </div>
      )}
    </section>
  );
}
