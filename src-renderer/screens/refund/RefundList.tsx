/**
 * An order's refunds in its refund dialog: amount, reason and state. A refund paid in cash
 * says so; a failed one says why (the gateway's refusal, or the provider's), in the words the
 * Audit screen has for the code.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefundView } from '../../../src-shared/api/index';
import { refundFailureKey } from '../../logic/refund-failure';

export function RefundList(props: {
  readonly refunds: readonly RefundView[];
  readonly money: (minor: number) => string;
}): ReactNode {
  const { t } = useTranslation();
  if (props.refunds.length === 0) return <p className="muted">{t('refund.none')}</p>;
  return (
    <ul className="refund-list">
      {props.refunds.map((r) => (
        <li key={r.id} data-testid="refund-item" data-refund-id={r.id} data-method={r.method}>
          <span className="num">{props.money(r.amountMinor)}</span> · {r.reason} ·{' '}
          <span className="refund-status" data-testid="refund-status" data-status={r.status} data-method={r.method}>
            {r.method === 'cash' ? t('refund.status_cash') : t(`refund.status_${r.status}`)}
          </span>
          {r.status === 'failed' && (
            <span className="refund-failure" data-testid="refund-failure" data-code={r.failureCode ?? ''}>
              {t('refund.failedBecause', { reason: t(refundFailureKey(r.failureCode)) })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
