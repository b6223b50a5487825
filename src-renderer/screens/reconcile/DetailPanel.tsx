/** One result row, both sides side by side, and what the owner can do about it. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconActionKind, ResultRowView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { channelLabel } from '../../logic/channel-label';
import { dateTime, money } from './format';
import { canRecordRefund, causeKey, isUncollected, signedFeeMinor, signedMinor } from '../../logic/recon-row';

type Side = ResultRowView['console'];

export interface DetailPanelProps {
  readonly runId: string;
  readonly row: ResultRowView;
  readonly currency: string;
  readonly timeZone: string;
  readonly onActed: () => void;
  readonly onClose: () => void;
}

export function DetailPanel(p: DetailPanelProps): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);
  const { row } = p;
  const panel = useRef<HTMLElement>(null);
  // Under the table (a narrower window) the detail opens below the fold: bring it into view.
  useEffect(() => {
    const el = panel.current;
    const table = el?.previousElementSibling;
    if (el && table && el.getBoundingClientRect().top >= table.getBoundingClientRect().bottom) {
      el.scrollIntoView({ block: 'nearest' });
    }
  }, []);

  const act = async (kind: ReconActionKind) => {
    setError(null);
    setDone(false);
    const r = await pos.invoke('reconcile.act', { runId: p.runId, idx: row.idx, kind, reason });
    if (!r.ok) return setError(r.error);
    setReason('');
    setDone(true);
    p.onActed();
  };

  const side = (title: string, s: Side, testid: string) => (
    <div className="recon-side" data-testid={testid}>
      <h3>{title}</h3>
      {s === null ? (
        <p className="muted">{t('reconcile.absent')}</p>
      ) : (
        <dl>
          <dt>{t('reconcile.status')}</dt>
          <dd>{t(`reconcile.status_${s.status as 'paid'}`, { defaultValue: s.status })}</dd>
          <dt>{t('reconcile.amount')}</dt>
          {isUncollected(s) ? (
            <dd className="num muted" data-testid={`${testid}-uncollected`}>
              {t('reconcile.notCollected', { amount: money(s.amountMinor, p.currency, i18n.language) })}
            </dd>
          ) : (
            <dd className="num">{money(signedMinor(s), p.currency, i18n.language)}</dd>
          )}
          {s.feeMinor !== null && (
            <>
              <dt>{t(s.status === 'refund' ? 'reconcile.feeReturned' : 'reconcile.fee')}</dt>
              <dd className="num" data-testid={`${testid}-fee`}>
                {money(signedFeeMinor(s), p.currency, i18n.language)}
              </dd>
            </>
          )}
          <dt>{t('reconcile.tradeNo')}</dt>
          <dd className="mono">{s.tradeNo ?? '—'}</dd>
          <dt>{t('reconcile.time')}</dt>
          <dd>{dateTime(s.timeMs, p.timeZone)}</dd>
          {s.refundNo && (
            <>
              <dt>{t('reconcile.refundNo')}</dt>
              <dd className="mono">{s.refundNo}</dd>
            </>
          )}
          <dt>{t('reconcile.channel')}</dt>
          <dd>{s.channel ? channelLabel(t, s.channel) : '—'}</dd>
        </dl>
      )}
    </div>
  );

  const canAccept =
    (row.cls === 'status_paid_unrecorded' || row.cls === 'only_statement') && row.statement?.status === 'paid';
  const noReason = reason.trim() === '';
  return (
    <aside
      ref={panel}
      className="recon-detail"
      data-testid="recon-detail"
      data-cls={row.cls}
      aria-label={t('reconcile.detail')}
    >
      <div className="recon-row">
        <h2>{t(`reconcile.class_${row.cls}`)}</h2>
        <span className="mono">{row.orderNo}</span>
        <span className="muted">
          {t('reconcile.pairedBy')}: {t(`reconcile.via_${row.via}`)}
        </span>
        <button type="button" className="btn btn-small push-right" onClick={p.onClose}>
          {t('reconcile.close')}
        </button>
      </div>
      <p className="recon-cause" data-testid="recon-cause" data-cause={causeKey(row)}>
        {t(`reconcile.cause_${causeKey(row)}`)}
      </p>
      <div className="recon-sides">
        {side(t('reconcile.sideConsole'), row.console, 'recon-side-console')}
        {side(t('reconcile.sideStatement'), row.statement, 'recon-side-statement')}
      </div>
      {row.actions.length > 0 && (
        <div>
          <h3>{t('reconcile.actions')}</h3>
          <ul data-testid="recon-actions">
            {row.actions.map((a) => (
              <li key={a.id}>
                {t(`reconcile.action_${a.kind}`)} · {dateTime(a.atMs, p.timeZone)} · {a.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label className="recon-reason">
        {t('reconcile.reason')}
        <textarea
          data-testid="recon-reason"
          maxLength={500}
          value={reason}
          placeholder={t('reconcile.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="recon-row">
        {canAccept && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="recon-accept"
            disabled={noReason}
            onClick={() => void act('accept_late_payment')}
          >
            {t('reconcile.acceptLate')}
          </button>
        )}
        {canRecordRefund(row) && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="recon-record-refund"
            disabled={noReason}
            onClick={() => void act('record_statement_refund')}
          >
            {t('reconcile.recordRefund')}
          </button>
        )}
        {row.cls === 'duplicate_payment' && (
          <button
            type="button"
            className="btn"
            data-testid="recon-mark-refunded"
            disabled={noReason}
            onClick={() => void act('mark_duplicate_refunded')}
          >
            {t('reconcile.markDuplicateRefunded')}
          </button>
        )}
        <button
          type="button"
          className="btn"
          data-testid="recon-annotate"
          disabled={noReason}
          onClick={() => void act('annotate')}
        >
          {t('reconcile.annotate')}
        </button>
      </div>
      {done && (
        <p className="success" data-testid="recon-action-done">
          {t('reconcile.actionDone')}
        </p>
      )}
      <ErrorMessage error={error} />
    </aside>
  );
}
