/** A run: progress and cancel while it runs; class totals, sums, difference and changes after. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RESULT_CLASSES, type ResultClass, type RunDiffView, type RunView } from '../../../src-shared/api/index';
import { money } from './format';
import { sourceLabel } from '../../logic/source-label';

export interface RunPanelProps {
  readonly run: RunView;
  readonly progress: { done: number; total: number } | null;
  readonly diff: RunDiffView | null;
  readonly currency: string;
  readonly filter: ResultClass | null;
  readonly onFilter: (c: ResultClass | null) => void;
  readonly onCancel: () => void;
  readonly onExport: (format: 'csv' | 'xlsx') => void;
}

export function RunPanel(p: RunPanelProps): ReactNode {
  const { t, i18n } = useTranslation();
  const { run } = p;
  const m = (minor: number) => money(minor, p.currency, i18n.language);
  return (
    <div className="recon-run" data-testid="recon-run-panel" data-state={run.state} data-run-id={run.id}>
      <div className="recon-row">
        <strong data-testid="recon-run-state">{t(`reconcile.state_${run.state}`)}</strong>
        <span className="muted">
          {run.fromDate} – {run.toDate} · {sourceLabel(t, run.sourceKind, run.sourceLabel)}
        </span>
        {run.state === 'running' && (
          <>
            <progress
              data-testid="recon-progress"
              max={Math.max(1, p.progress?.total ?? 1)}
              value={p.progress?.done ?? 0}
              aria-label={t('reconcile.running', { done: p.progress?.done ?? 0, total: p.progress?.total ?? 0 })}
            />
            <span className="num">
              {t('reconcile.running', { done: p.progress?.done ?? 0, total: p.progress?.total ?? 0 })}
            </span>
            <button type="button" className="btn btn-small" data-testid="recon-cancel" onClick={p.onCancel}>
              {t('reconcile.cancel')}
            </button>
          </>
        )}
        {run.totals && (
          <>
            <button
              type="button"
              className="btn btn-small push-right"
              data-testid="recon-export"
              onClick={() => p.onExport('csv')}
            >
              {t('reconcile.export')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              data-testid="recon-export-xlsx"
              onClick={() => p.onExport('xlsx')}
            >
              {t('reconcile.exportXlsx')}
            </button>
          </>
        )}
      </div>
      {run.totals && (
        <>
          <div className="totals">
            <div className="total-card">
              <div className="label">{t('reconcile.consoleSum')}</div>
              <div className="value num" data-testid="recon-console-sum">
                {m(run.totals.consoleMinor)}
              </div>
            </div>
            <div className="total-card">
              <div className="label">{t('reconcile.statementSum')}</div>
              <div className="value num" data-testid="recon-statement-sum">
                {m(run.totals.statementMinor)}
              </div>
            </div>
            <div className="total-card">
              <div className="label">{t('reconcile.difference')}</div>
              <div className="value num" data-testid="recon-difference">
                {m(run.totals.differenceMinor)}
              </div>
            </div>
            <div className="total-card">
              <div className="label">{t('reconcile.feeSum')}</div>
              <div className="value num">{m(run.totals.feeMinor)}</div>
            </div>
          </div>
          <p className="muted" data-testid="recon-diff">
            {p.diff === null || p.diff.previousRunId === null
              ? t('reconcile.firstRun')
              : p.diff.count === 0
                ? t('reconcile.noChange')
                : t('reconcile.changed', { n: p.diff.count })}
          </p>
          <table className="recon-classes">
            <thead>
              <tr>
                <th>{t('reconcile.colClass')}</th>
                <th className="num">{t('reconcile.count', { n: '' }).trim()}</th>
                <th className="num">{t('reconcile.consoleSum')}</th>
                <th className="num">{t('reconcile.statementSum')}</th>
                <th className="num">{t('reconcile.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {RESULT_CLASSES.map((c) => {
                const k = run.totals!.byClass[c];
                return (
                  <tr
                    key={c}
                    className={p.filter === c ? 'selected' : undefined}
                    data-testid={`recon-class-${c}`}
                    data-count={k.count}
                    tabIndex={0}
                    onClick={() => p.onFilter(p.filter === c ? null : c)}
                    onKeyDown={(e) => e.key === 'Enter' && p.onFilter(p.filter === c ? null : c)}
                  >
                    <td>
                      <span className={`recon-badge cls-${c}`}>{t(`reconcile.class_${c}`)}</span>
                    </td>
                    <td className="num">{k.count}</td>
                    <td className="num">{m(k.consoleMinor)}</td>
                    <td className="num">{m(k.statementMinor)}</td>
                    <td className="num">{m(k.consoleMinor - k.statementMinor)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
