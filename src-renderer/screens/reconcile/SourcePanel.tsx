/** Step 1: dates and a statement — fetched from the gateway, or a bill file picked or dropped. */
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceView } from '../../../src-shared/api/index';
import { UPLOAD_BYTES_MAX, UPLOAD_CHUNK_BYTES_MAX } from '../../../src-shared/api/reconcile';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { chunksOf, toBase64 } from '../../logic/reconcile-upload';
import { usePos } from '../../transport/bridge-context';
import { sourceLabel } from '../../logic/source-label';
import { useAppInfo } from '../../app/app-info';
import { sourceDates, spanCoverage, spanRunnable } from '../../logic/source-span';

export interface SourcePanelProps {
  readonly fromDate: string;
  readonly toDate: string;
  readonly onDates: (from: string, to: string) => void;
  readonly sources: readonly SourceView[];
  readonly sourceId: string | null;
  readonly onSource: (id: string) => void;
  readonly onImported: (s: SourceView) => void;
  readonly busy: boolean;
  readonly onRun: () => void;
}

export function SourcePanel(p: SourcePanelProps): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const [mode, setMode] = useState<'gateway' | 'file'>('file');
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { info } = useAppInfo();
  const picked = p.sources.find((s) => s.id === p.sourceId) ?? null;
  const span = picked ? sourceDates(picked, info.timeZone, info.businessDayCutoffHour) : null;
  const coverage = span ? spanCoverage(span, p.fromDate, p.toDate) : 'inside';

  const done = (s: SourceView) => {
    setNote(
      s.created
        ? s.kind === 'gateway'
          ? t('reconcile.importedStatement', { label: sourceLabel(t, s.kind, s.label), rows: s.rowCount })
          : t('reconcile.imported', { label: s.label, rows: s.rowCount, encoding: s.encoding ?? '—' })
        : t('reconcile.importedAgain', { label: sourceLabel(t, s.kind, s.label) }),
    );
    p.onImported(s);
  };

  const upload = async (file: File) => {
    setError(null);
    setNote(null);
    if (file.size > UPLOAD_BYTES_MAX) {
      setNote(t('reconcile.fileTooLarge', { max: UPLOAD_BYTES_MAX / 2 ** 20 }));
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const begin = await pos.invoke('reconcile.upload.begin', { fileName: file.name, sizeBytes: bytes.length });
    if (!begin.ok) return setError(begin.error);
    const parts = chunksOf(bytes, UPLOAD_CHUNK_BYTES_MAX);
    for (const [i, c] of parts.entries()) {
      setPercent(Math.floor((100 * i) / parts.length));
      const r = await pos.invoke('reconcile.upload.chunk', {
        uploadId: begin.value.uploadId,
        offset: c.offset,
        base64: toBase64(c.bytes),
      });
      if (!r.ok) {
        setPercent(null);
        return setError(r.error);
      }
    }
    setPercent(100);
    const r = await pos.invoke('reconcile.upload.finish', { uploadId: begin.value.uploadId });
    setPercent(null);
    if (r.ok) done(r.value);
    else setError(r.error);
  };

  const fetchStatement = async () => {
    setError(null);
    setNote(null);
    const r = await pos.invoke('reconcile.fetchStatement', {
      fromDate: p.fromDate,
      toDate: p.toDate,
      scope: 'terminal',
    });
    if (r.ok) done(r.value);
    else setError(r.error);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void upload(f);
  };

  return (
    <div className="recon-source">
      <div className="recon-row">
        <label>
          {t('reconcile.from')}
          <input
            type="date"
            data-testid="recon-from"
            value={p.fromDate}
            onChange={(e) => p.onDates(e.target.value, p.toDate < e.target.value ? e.target.value : p.toDate)}
          />
        </label>
        <label>
          {t('reconcile.to')}
          <input
            type="date"
            data-testid="recon-to"
            value={p.toDate}
            min={p.fromDate}
            onChange={(e) => p.onDates(p.fromDate, e.target.value)}
          />
        </label>
        <div className="seg-group" role="radiogroup" aria-label={t('reconcile.source')}>
          {(['file', 'gateway'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'seg active' : 'seg'}
              data-testid={`recon-mode-${m}`}
              onClick={() => setMode(m)}
            >
              {m === 'file' ? t('reconcile.sourceFile') : t('reconcile.sourceGateway')}
            </button>
          ))}
        </div>
      </div>
      {mode === 'gateway' ? (
        <div className="recon-row">
          <span className="hint" data-testid="recon-scope-note">
            {t('reconcile.scopeNote')}
          </span>
          <button type="button" className="btn" data-testid="recon-fetch" onClick={() => void fetchStatement()}>
            {t('reconcile.fetch')}
          </button>
        </div>
      ) : (
        <div
          className={dragging ? 'recon-drop dragging' : 'recon-drop'}
          data-testid="recon-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <span className="muted">{t('reconcile.dropHint')}</span>
          <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
            {t('reconcile.chooseFile')}
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            data-testid="recon-file"
            accept=".zip,.csv,.gz,.txt"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void upload(f);
            }}
          />
          {percent !== null && (
            <progress max={100} value={percent} aria-label={t('reconcile.uploading', { percent })} />
          )}
        </div>
      )}
      {note && (
        <p className="success" data-testid="recon-import-note">
          {note}
        </p>
      )}
      <ErrorMessage error={error} />
      <div className="recon-row">
        <label className="grow">
          {t('reconcile.pickSource')}
          <select
            data-testid="recon-source"
            value={p.sourceId ?? ''}
            onChange={(e) => p.onSource(e.target.value)}
            disabled={p.sources.length === 0}
          >
            {p.sources.length === 0 && <option value="">{t('reconcile.noSources')}</option>}
            {p.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {sourceLabel(t, s.kind, s.label)} · {s.rowCount}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="recon-run"
          disabled={p.busy || !p.sourceId}
          onClick={p.onRun}
        >
          {t('reconcile.run')}
        </button>
      </div>
      {span && coverage !== 'inside' && (
        <p className="warning" role="note" data-testid="recon-span-note" data-coverage={coverage}>
          {t(coverage === 'outside' ? 'reconcile.spanOutside' : 'reconcile.spanPartly', { ...span })}{' '}
          {spanRunnable(span) && (
            <button
              type="button"
              className="btn btn-small"
              data-testid="recon-use-span"
              onClick={() => p.onDates(span.from, span.to)}
            >
              {t('reconcile.useSpan')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}
