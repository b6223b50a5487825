/** Orders as rows (time, number, amount, status, note, Refund): a day's list or a search's. */
import type { ReactNode } from 'react';
import type { TimeFormat } from '../../logic/time-format';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import { OrderRow } from './OrderRow';

export function OrdersTable(props: {
  readonly orders: readonly OrderView[];
  readonly timeFormat: TimeFormat;
  readonly onRefund: (o: OrderView) => void;
  readonly testId?: string;
  /** Orders with a refund on its way (accepted offline, or not yet done by the provider). */
  readonly refundPending?: ReadonlySet<string>;
  /** Orders whose latest refund failed, with why (`RefundView.failureCode`; null: not recorded). */
  readonly refundFailed?: ReadonlyMap<string, string | null>;
  /** Orders paid more than once: how many payments beyond the first, and how much. */
  readonly extraPayments?: ReadonlyMap<string, { readonly count: number; readonly minor: number }>;
  /** Orders refunded past what they were paid, by how much. */
  readonly overRefunds?: ReadonlyMap<string, number>;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" data-testid={props.testId}>
      <table className="orders">
        <thead>
          <tr>
            <th className="col-time">{t('today.time')}</th>
            <th className="col-order">{t('today.order')}</th>
            <th className="col-amount num">{t('today.amount')}</th>
            <th className="col-status">{t('today.status')}</th>
            <th className="col-note">{t('today.note')}</th>
            <th className="col-actions" />
          </tr>
        </thead>
        <tbody>
          {props.orders.map((o) => (
            <OrderRow
              key={o.id}
              order={o}
              timeFormat={props.timeFormat}
              onRefund={props.onRefund}
              refundPending={props.refundPending?.has(o.id) ?? false}
              refundFailed={props.refundFailed?.has(o.id) ?? false}
              refundFailure={props.refundFailed?.get(o.id) ?? null}
              extraPayment={props.extraPayments?.get(o.id) ?? null}
              overRefundMinor={props.overRefunds?.get(o.id) ?? null}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
