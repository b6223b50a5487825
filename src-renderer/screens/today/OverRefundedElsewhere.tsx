import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView, TodayView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import { shortOrderId } from '../../logic/order-state';

/**
 * Orders of another day refunded past what they were paid by a refund of this day (a refund of
 * last week's sale done twice): not in the day's list, so said above it, with the order to look
 * up and the amount to ask back. The day's own orders carry the flag on their row.
 */
export function OverRefundedElsewhere(props: {
  readonly today: TodayView;
  readonly listed: readonly OrderView[];
}): ReactNode {
  const { t, i18n } = useTranslation();
  const listed = new Set(props.listed.map((o) => o.id));
  const others = props.today.overRefunds.filter((o) => !listed.has(o.orderId));
  if (others.length === 0) return null;
  return (
    <ul className="notice-list" role="status" data-testid="over-refund-elsewhere">
      {others.map((o) => (
        <li key={o.orderId} className="badge late" data-order-id={o.orderId} title={t('today.overRefundHint')}>
          <span aria-hidden="true">⚠</span>{' '}
          {t('today.overRefundElsewhere', {
            order: shortOrderId(o.orderId),
            amount: formatMoney(o.minor, props.today.currency, i18n.language),
          })}
        </li>
      ))}
    </ul>
  );
}
