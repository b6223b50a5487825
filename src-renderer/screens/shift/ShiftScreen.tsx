/** Open a shift with a float, pay cash in/out, see the X report, close with a count → Z report. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { shopTimeFormats } from '../../logic/time-format';
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

/** Where a refusal is shown: beside the form or the buttons that met it. */
type ErrorPlace = 'page' | 'open' | 'move' | 'refund' | 'close' | 'report';

export function ShiftScreen(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info, clockOffsetMs } = useAppInfo();
  const [report, setReport] = useState<ShiftReportView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [shifts, setShifts] = useState<readonly ShiftView[]>([]);
  const [busy, setBusy] = useState(false);
  /** The last refusal, shown beside the form or buttons it came from (`page`: loading). */
  const [error, setError] = useState<{ at: ErrorPlace; error: AppError } | null>(null);
  const fail = (at: ErrorPlace, e: AppError) => setError({ at, error: e });
  const errorAt = (at: ErrorPlace) =>
    error?.at === at ? (
      <div className="form-error" data-testid={`shift-error-${at}`}>
        <ErrorMessage error={error.error} scroll />
      </div>
    ) : null;
  /** The paid-in / paid-out just recorded, confirmed until the next action. */
  const [moved, setMoved] = useState<CashMovementLine | null>(null);

  const today = todayBusinessDate(info, clockOffsetMs);
  const timeOf = (ms: number) => shopTimeFormats(info.timeZone).dateTime.format(ms);
  const load = useCallback(async () => {
    const cur = await pos.invoke('shift.report', {});
    if (cur.ok) setReport(cur.value);
    else if (cur.error.code === 'shift_not_open') setReport((r) => (r?.kind === 'Z' ? r : null));
    else fail('page', cur.error);
    const list = await pos.invoke('shift.list', { from: today, to: today });
    if (list.ok) setShifts(list.value);
    setLoaded(true);
  }, [pos, today]);

  useEffect(() => void load(), [load]);
  usePosEvent('order.updated', () => {
    if (report?.kind === 'X') void load();
  });

  const run = async (
    at: ErrorPlace,
    fn: () => Promise<{ ok: boolean; error?: AppError; value?: unknown }>,
  ): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setMoved(null);
    const r = await fn();
    setBusy(false);
    if (!r.ok) {
      if (r.error) fail(at, r.error);
      return false;
    }
    return true;
  };

  const exportZ = async (id: string, format: 'csv' | 'xlsx' | 'pdf') => {
    const r = await pos.invoke('reports.export', { table: 'shift.z', format, shiftId: id });
    setError(null);
    if (r.ok) saveExport(r.value);
    else fail('report', r.error);
  };
  const [printed, setPrinted] = useState(false);
  const printReceipt = async (r: ShiftReportView) => {
    setPrinted(false);
    setError(null);
    const res = await pos.invoke('printer.printShift', r.kind === 'Z' ? { id: r.shift.id } : {});
    if (res.ok) setPrinted(true);
    else fail('report', res.error);
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
      {errorAt('report')}
    </>
  );

  return (
    <section className="shift-screen" data-testid="shift-screen" data-state={report?.kind ?? 'none'}>
      <h1>{t('shift.title')}</h1>
      {errorAt('page')}
      {!loaded ? null : report?.kind === 'X' ? (
        <div className="shift-grid">
          <ShiftReport report={report} actions={actions(report)} />
          <div className="shift-side">
            <h2>{t('shift.movements')}</h2>
            <CashMoveForm
              busy={busy}
              onMove={(direction, amount, reason) =>
                run('move', async () => {
                  const r = await pos.invoke('shift.cashMove', { direction, amount, reason });
                  if (r.ok) {
                    setReport(r.value);
                    setMoved(r.value.movements.filter((mv) => mv.direction === direction).at(-1) ?? null);
                  }
                  return r;
                })
              }
            />
            {errorAt('move')}
            <CashMoveStatus moved={moved} currency={report.shift.currency} />
            <h2>{t('shift.cashRefund')}</h2>
            <CashRefundForm busy={busy} run={(fn) => run('refund', fn)} onReport={setReport} />
            {errorAt('refund')}
            <h2>{t('shift.close')}</h2>
            <CloseShiftForm
              busy={busy}
              expectedMinor={report.expectedCashMinor}
              currency={report.shift.currency}
              onClose={(counted) =>
                void run('close', async () => {
                  const r = await pos.invoke('shift.close', { counted });
                  if (r.ok) {
                    setReport(r.value);
                    void load();
                  }
                  return r;
                })
              }
            />
            {errorAt('close')}
          </div>
        </div>
      ) : (
        <div className="shift-grid closed">
          <div className="shift-side">
            <OpenShiftForm
              busy={busy}
              onOpen={(float) =>
                void run('open', async () => {
                  const r = await pos.invoke('shift.open', { float });
                  if (r.ok) await load();
                  return r;
                })
              }
            />
            {errorAt('open')}
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
                            else fail('open', r.error);
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
