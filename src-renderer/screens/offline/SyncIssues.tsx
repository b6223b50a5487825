import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncIssueView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import { useAppInfo } from '../../app/app-info';

/**
 * Disagreements with the gateway, for the owner: what happened, when, to which order and how
 * much, and what to do about it. Open ones first (main's order). `asked` changes when the status
 * bar's count is clicked: the list is brought into view once the section above it has loaded.
 */
export function SyncIssues(props: {
  readonly issues: readonly SyncIssueView[];
  readonly asked?: number;
  /** The content above has loaded (it moves the list down): scroll only then. */
  readonly laidOut: boolean;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const { info } = useAppInfo();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!props.asked || !props.laidOut) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [props.asked, props.laidOut]);
  const when = new Intl.DateTimeFormat(i18n.language, {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: info.timeZone,
  });
  const what = (kind: SyncIssueView['kind']) =>
    kind === 'offline_unconfirmed'
      ? { title: t('offline.issueOfflineUnconfirmed'), action: t('offline.issueOfflineUnconfirmedAction') }
      : { title: t('offline.issuePaymentUnknown'), action: t('offline.issuePaymentUnknownAction') };
  return (
    <>
      <h3 ref={heading} tabIndex={-1} className="sync-issues-title" data-testid="sync-issues-title">
        {t('offline.issuesTitle')}
      </h3>
      {props.issues.length === 0 ? (
        <p className="muted" data-testid="sync-issues-empty">
          {t('offline.issuesEmpty')}
        </p>
      ) : (
        <ul className="sync-issues" data-testid="sync-issues">
          {props.issues.map((i) => {
            const w = what(i.kind);
            const open = i.resolvedAtMs === null;
            return (
              <li
                key={i.id}
                className={open ? 'sync-issue open' : 'sync-issue'}
                data-testid="sync-issue"
                data-kind={i.kind}
                data-order-id={i.orderId}
                data-open={open}
              >
                <div className="sync-issue-head">
                  <strong>{w.title}</strong>
                  <span className="num">{formatMoney(i.amountMinor, info.currency, i18n.language)}</span>
                </div>
                <div className="muted">
                  {t('offline.issueOrder')} <span className="mono">{i.orderId.slice(-8)}</span> ·{' '}
                  {t('offline.issueDetected', { time: when.format(i.detectedAtMs) })} ·{' '}
                  {open
                    ? t('offline.issueOpen')
                    : t('offline.issueResolvedAt', { time: when.format(i.resolvedAtMs ?? 0) })}
                </div>
                {open && <p className="sync-issue-action">{w.action}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
