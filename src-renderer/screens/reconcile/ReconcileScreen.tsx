/**
 * 对账: pick dates and a statement (gateway or bill file), run, read the classes, drill into a
 * row and act. A run is saved; past runs can be opened again; re-running shows what changed.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultClass, ResultRowView, RunDiffView, RunView, SourceView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { businessDate } from '../../../src-shared/time';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos, usePosEvent } from '../../transport/bridge-context';
import { DetailPanel } from './DetailPanel';
import { ResultsTable } from './ResultsTable';
import { RunPanel } from './RunPanel';
import { SourcePanel } from './SourcePanel';
import { sourceLabel } from '../../logic/source-label';
import { historyResult } from '../../logic/recon-history';
import { dateTime } from './format';
import { sourceDates, spanRunnable } from '../../logic/source-span';
import '../../styles/reconcile.css';

export function ReconcileScreen(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info } = useAppInfo();
  const today = businessDate(info.nowMs, info.timeZone, info.businessDayCutoffHour);
  const [fromDate, setFrom] = useState(today);
  const [toDate, setTo] = useState(today);
  const [sources, setSources] = useState<readonly SourceView[]>([]);
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [runs, setRuns] = useState<readonly RunView[]>([]);
  const [run, setRun] = useState<RunView | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [diff, setDiff] = useState<RunDiffView | null>(null);
  const [filter, setFilter] = useState<ResultClass | null>(null);
  const [selected, setSelected] = useState<ResultRowView | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  /** The run whose events we follow; 'pending' between `start` and its answer (a short run may finish first). */
  const followed = useRef<string | null>(null);

  const loadLists = useCallback(async () => {
    const [s, r] = await Promise.all([pos.invoke('reconcile.sources', {}), pos.invoke('reconcile.runs', {})]);
    if (s.ok) {
      setSources(s.value);
      setSourceId((cur) => cur ?? s.value[0]?.id ?? null);
    }
    if (r.ok) setRuns(r.value);
  }, [pos]);
  useEffect(() => void loadLists(), [loadLists]);

  const openRun = useCallback(
    async (runId: string) => {
      followed.current = runId;
      const r = await pos.invoke('reconcile.run', { runId });
      if (!r.ok) return setError(r.error);
      setRun(r.value);
      setSelected(null);
      if (r.value.state !== 'running') {
        const d = await pos.invoke('reconcile.diff', { runId });
        setDiff(d.ok ? d.value : null);
        void loadLists();
      }
    },
    [pos, loadLists],
  );

  usePosEvent('reconcile.progress', (e) => {
    if (followed.current !== 'pending' && e.runId !== followed.current) return;
    setProgress({ done: e.done, total: e.total });
    if (e.state !== 'running') void openRun(e.runId);
  });

  const start = async () => {
    if (!sourceId) return;
    setError(null);
    setFilter(null);
    setSelected(null);
    setDiff(null);
    setProgress(null);
    followed.current = 'pending';
    const r = await pos.invoke('reconcile.start', { sourceId, fromDate, toDate });
    if (!r.ok) {
      followed.current = null;
      return setError(r.error);
    }
    setRun(r.value);
    await openRun(r.value.id); // it may have finished before this answer arrived
  };

  const exportRun = async (format: 'csv' | 'xlsx') => {
    if (!run) return;
    const r = await pos.invoke('reconcile.export', { runId: run.id, format });
    if (!r.ok) return setError(r.error);
    const body =
      r.value.encoding === 'base64' ? Uint8Array.from(atob(r.value.text), (c) => c.charCodeAt(0)) : r.value.text;
    const url = URL.createObjectURL(new Blob([body], { type: r.value.mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section className="reconcile" data-testid="reconcile-screen">
      <div className="today-head">
        <h1>{t('reconcile.title')}</h1>
        <label className="push-right">
          {t('reconcile.history')}
          <select
            data-testid="recon-history"
            value={run?.id ?? ''}
            onChange={(e) => e.target.value && void openRun(e.target.value)}
          >
            <option value="">—</option>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {t('reconcile.historyItem', {
                  from: r.fromDate,
                  to: r.toDate,
                  source: sourceLabel(t, r.sourceKind, r.sourceLabel),
                  at: dateTime(r.startedAtMs, info.timeZone),
                  state: t(`reconcile.state_${r.state}`),
                  result: historyResult(t, r),
                })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <SourcePanel
        fromDate={fromDate}
        toDate={toDate}
        onDates={(f, to) => {
          setFrom(f);
          setTo(to);
        }}
        sources={sources}
        sourceId={sourceId}
        onSource={setSourceId}
        onImported={(s) => {
          setSourceId(s.id);
          // A bill is run for its own days unless the owner picks others (a statement was fetched for them).
          const span = s.kind === 'gateway' ? null : sourceDates(s, info.timeZone, info.businessDayCutoffHour);
          if (span && spanRunnable(span)) {
            setFrom(span.from);
            setTo(span.to);
          }
          void loadLists();
        }}
        busy={run?.state === 'running'}
        onRun={() => void start()}
      />
      <ErrorMessage error={error} />
      {run && (
        <RunPanel
          run={run}
          progress={progress}
          diff={diff}
          currency={info.currency}
          filter={filter}
          onFilter={(c) => {
            setFilter(c);
            setSelected(null);
          }}
          onCancel={() => void pos.invoke('reconcile.cancel', { runId: run.id })}
          onExport={(format) => void exportRun(format)}
        />
      )}
      {run && run.state !== 'running' && (
        <div className="recon-results-area">
          <ResultsTable
            runId={run.id}
            filter={filter}
            version={version}
            currency={info.currency}
            timeZone={info.timeZone}
            selectedIdx={selected?.idx ?? null}
            onSelect={setSelected}
          />
          {selected && (
            <DetailPanel
              key={`${run.id}:${selected.idx}`}
              runId={run.id}
              row={selected}
              currency={info.currency}
              timeZone={info.timeZone}
              onActed={async () => {
                setVersion((v) => v + 1);
                const r = await pos.invoke('reconcile.results', {
                  runId: run.id,
                  offset: selected.idx,
                  limit: 1,
                });
                if (r.ok && r.value.rows[0]) setSelected(r.value.rows[0]);
              }}
              onClose={() => setSelected(null)}
            />
          )}
        </div>
      )}
    </section>
  );
}
