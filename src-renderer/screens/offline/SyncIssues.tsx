import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncIssueView } from '../../../src-shared/api/index';
import { formatMoney, isCurrency } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { WriteOffForm } from './WriteOffForm';

/**
 * Disagreements with the gateway, for the owner: what happened, when, to which order and how
 * much, and what to do about it; open ones first, then the resolved ones apart, worded as their
 * outcome. An issue that does not close by itself is marked handled here (audited); a
 * code-verified sale the gateway never confirmed can be written off here — by an owner: a
 * cashier reads the same list with neither button (main refuses both), and one note saying so. `asked`
 * changes when the status bar's count is clicked: the list is brought into view once the
 * section above it has loaded.
 */
export function SyncIssues(props: {
  readonly issues: readonly SyncIssueView[];
  readonly asked?: number;
  /** The content above has loaded (it moves the list down): scroll only then. */
  readonly laidOut: boolean;
  /** Only an owner marks an issue handled or writes a sale off (operators/access.ts). */
  readonly owner: boolean;
  readonly onChanged: (issues: readonly SyncIssueView[]) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const { info } = useAppInfo();
  const pos = usePos();
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Once the list itself has arrived too: scrolled while it was still empty, the page was too
  // short for the heading to reach the top, and the issue's action stayed below the fold.
  const loaded = props.issues.length > 0;
  useEffect(() => {
    if (!props.asked || !props.laidOut || !loaded) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [props.asked, props.laidOut, loaded]);
  // zh: 12月07日 19:27, not the ambiguous 12/07
  const when = new Intl.DateTimeFormat(i18n.language, {
    month: i18n.language.startsWith('zh') ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: info.timeZone,
  });
  // A currency this console does not know (only a gateway's word): its code and the amount in
  // minor units, said as such, rather than a guess at its decimals.
  const money = (minor: number, currency: string) =>
    isCurrency(currency)
      ? formatMoney(minor, currency, i18n.language)
      : t('offline.issueMinorUnits', { currency, minor });
  const handle = async (id: number) => {
    setError(null);
    const r = await pos.invoke('offline.resolveIssue', { id });
    if (!r.ok) return setError(r.error);
    props.onChanged(r.value);
  };
  const open = props.issues.filter((i) => i.resolvedAtMs === null);
  const resolved = props.issues.filter((i) => i.resolvedAtMs !== null);
  return (
    <>
      <h3 ref={heading} tabIndex={-1} className="sync-issues-title" data-testid="sync-issues-title">
        {t('offline.issuesTitle')}
      </h3>
      {props.issues.length === 0 && (
        <p className="muted" data-testid="sync-issues-empty">
          {t('offline.issuesEmpty')}
        </p>
      )}
      {open.length > 0 && !props.owner && (
        <p className="muted owner-only-note" role="note" data-testid="sync-issues-owner-only">
          {t('offline.issuesOwnerOnly')}
        </p>
      )}
      {open.length > 0 && (
        <ul className="sync-issues" data-testid="sync-issues">
          {open.map((i) => (
            <li
              key={i.id}
              className="sync-issue open"
              data-testid="sync-issue"
              data-kind={i.kind}
              data-order-id={i.orderId}
              data-open
            >
              <div className="sync-issue-head">
                <strong>{titleOf(i, t)}</strong>
                <span className="num">
                  {money(i.amountMinor, i.currency)}
                  {i.gatewayAmountMinor !== null && (
                    <span className="muted" data-testid="sync-issue-gateway-amount">
                      {' · '}
                      {t('offline.issueGatewayAmount', {
                        amount: money(i.gatewayAmountMinor, i.gatewayCurrency ?? i.currency),
                      })}
                    </span>
                  )}
                </span>
              </div>
              <div className="muted">
                {t('offline.issueOrder')} <span className="mono">{i.orderId.slice(-8)}</span> ·{' '}
                <span className="nowrap">{t('offline.issueDetected', { time: when.format(i.detectedAtMs) })}</span> ·{' '}
                {t('offline.issueOpen')}
              </div>
              <p className="sync-issue-action">{actionOf(i, t, money)}</p>
              {props.owner && i.handleable && (
                <button type="button" className="btn" data-testid="sync-issue-handle" onClick={() => void handle(i.id)}>
                  {t('offline.markHandled')}
                </button>
              )}
              {props.owner && i.writableOff && (
                <WriteOffForm issue={i} amount={money(i.amountMinor, i.currency)} onDone={props.onChanged} />
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} />
      {resolved.length > 0 && (
        <>
          <h4 className="sync-issues-resolved-title">{t('offline.resolvedTitle')}</h4>
          <ul className="sync-issues resolved" data-testid="sync-issues-resolved">
            {resolved.map((i) => (
              <li
                key={i.id}
                className="sync-issue resolved"
                data-testid="sync-issue"
                data-kind={i.kind}
                data-order-id={i.orderId}
                data-open={false}
              >
                <div className="sync-issue-head">
                  <span data-testid="sync-issue-outcome" data-outcome={i.outcome ?? undefined}>
                    ✓ {resolvedTitleOf(i, t)}
                  </span>
                  <span className="num">{money(i.amountMinor, i.currency)}</span>
                </div>
                <div className="muted">
                  {t('offline.issueOrder')} <span className="mono">{i.orderId.slice(-8)}</span> ·{' '}
                  <span className="nowrap">{t('offline.issueDetected', { time: when.format(i.detectedAtMs) })}</span> ·{' '}
                  <span className="nowrap">
                    {i.handledBy !== null
                      ? t(i.outcome === null ? 'offline.issueHandledBy' : 'offline.issueWrittenOffBy', {
                          name: i.handledBy,
                          time: when.format(i.resolvedAtMs ?? 0),
                        })
                      : t('offline.issueConfirmedAt', { time: when.format(i.resolvedAtMs ?? 0) })}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** i18next's own type: `ReturnType<typeof useTranslation>['t']` grows too deep for tsc as keys are added. */
type T = TFunction;

function titleOf(i: SyncIssueView, t: T): string {
  switch (i.kind) {
    case 'offline_unconfirmed':
      return t('offline.issueOfflineUnconfirmed');
    case 'payment_unknown_order':
      return t('offline.issuePaymentUnknown');
    case 'offline_amount_mismatch':
      return t('offline.issueAmountMismatch');
  }
}

function resolvedTitleOf(i: SyncIssueView, t: T): string {
  if (i.outcome === 'written_off') return t('offline.issueWrittenOffTitle');
  if (i.outcome === 'recovered') return t('offline.issueRecoveredTitle');
  return i.kind === 'offline_unconfirmed' ? t('offline.issueConfirmedTitle') : titleOf(i, t);
}

function actionOf(i: SyncIssueView, t: T, money: (minor: number, currency: string) => string): string {
  switch (i.kind) {
    case 'offline_unconfirmed':
      return t('offline.issueOfflineUnconfirmedAction');
    case 'payment_unknown_order':
      return t('offline.issuePaymentUnknownAction');
    case 'offline_amount_mismatch':
      return t('offline.issueAmountMismatchAction', {
        ours: money(i.amountMinor, i.currency),
        theirs: money(i.gatewayAmountMinor ?? 0, i.gatewayCurrency ?? i.currency),
      });
  }
}
