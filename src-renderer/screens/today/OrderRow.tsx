import type { ReactNode } from 'react';
import type { TimeFormat } from '../../logic/time-format';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import { shortOrderId } from '../../logic/order-state';
import { refundFailureKey } from '../../logic/refund-failure';
import { OfflineBadge } from '../offline/OfflineCodeForm';
import { StatusBadge } from './StatusBadge';

/** A paid order (fully or partly) can still be refunded; not one written off (nothing was received). */
const REFUNDABLE = new Set(['paid', 'partially_refunded']);

export function OrderRow(props: {
  readonly order: OrderView;
  readonly timeFormat: TimeFormat;
  readonly onRefund?: (order: OrderView) => void;
  readonly refundPending?: boolean;
  /** Its latest refund failed: the customer was promised money the network did not send. */
  readonly refundFailed?: boolean;
  /** Why it failed (`RefundView.failureCode`); null: not recorded. */
  readonly refundFailure?: string | null;
  /** Paid more than once: the payments beyond the first (to give back). */
  readonly extraPayment?: { readonly count: number; readonly minor: number } | null;
  /** Refunded past what it was paid, by this much (null: not). */
  readonly overRefundMinor?: number | null;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const { order } = props;
  return (
    <tr data-testid="order-row" data-order-id={order.id} data-status={order.status} data-late={order.late || undefined}>
      <td className="col-time">{props.timeFormat.format(order.createdAtMs)}</td>
      <td className="col-order" title={order.id}>
        <span className="mono">{shortOrderId(order.id)}</span>
      </td>
      <td className="col-amount num">{formatMoney(order.amountMinor, order.currency, i18n.language)}</td>
      <td className="col-status">
        <StatusBadge status={order.status} />
        {order.offlineVerified && <OfflineBadge short />}
        {order.offlineWrittenOff && (
          <span className="badge late" data-testid="written-off-badge">
            <span aria-hidden="true">✕</span> {t('offline.writtenOffBadge')}
          </span>
        )}
        {props.refundPending && (
          <span className="badge refund-pending" data-testid="refund-pending-flag">
            <span aria-hidden="true">↺</span> {t('today.refundPendingFlag')}
          </span>
        )}
        {props.refundFailed && (
          <span
            className="badge late"
            data-testid="refund-failed-flag"
            data-code={props.refundFailure ?? ''}
            title={t('today.refundFailedHint')}
          >
            <span aria-hidden="true">⚠</span> {t('today.refundFailedFlag')}
            <span data-testid="refund-failed-reason">
              {t('today.refundFailedWhy', { reason: t(refundFailureKey(props.refundFailure ?? null)) })}
            </span>
          </span>
        )}
        {props.extraPayment && (
          <span className="badge late" data-testid="extra-payment-flag" data-minor={props.extraPayment.minor}>
            <span aria-hidden="true">⚠</span>{' '}
            {t('today.extraPaymentFlag', {
              n: props.extraPayment.count,
              amount: formatMoney(props.extraPayment.minor, order.currency, i18n.language),
            })}
          </span>
        )}
        {props.overRefundMinor != null && (
          <span
            className="badge late"
            data-testid="over-refund-flag"
            data-minor={props.overRefundMinor}
            title={t('today.overRefundHint')}
          >
            <span aria-hidden="true">⚠</span>{' '}
            {t('today.overRefundFlag', { amount: formatMoney(props.overRefundMinor, order.currency, i18n.language) })}
          </span>
        )}
        {order.late && (
          <span className="badge late" data-testid="late-flag">
            <span aria-hidden="true">⚑</span> {t('today.lateFlag')}
          </span>
        )}
      </td>
      <td className="col-note">{order.note}</td>
      <td className="col-actions">
        {props.onRefund && REFUNDABLE.has(order.status) && !order.offlineWrittenOff && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="refund-open"
            onClick={() => props.onRefund?.(order)}
          >
            {t('refund.open')}
          </button>
        )}
      </td>
    </tr>
  );
}
