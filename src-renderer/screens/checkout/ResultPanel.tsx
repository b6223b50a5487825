import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { OfflineBadge, OfflineCodeForm } from '../offline/OfflineCodeForm';
import { useOfflineRefusal } from '../offline/use-offline-refusal';
import { orderPhase } from '../../logic/order-state';
import { OrderId } from './OrderId';
import { StatusIcon } from './StatusIcon';

/** A finished order: paid (big check + text), expired, cancelled, failed; late payments flagged. */
export function ResultPanel(props: {
  readonly order: OrderView;
  readonly error: AppError | null;
  readonly onNext: () => void;
  /** Offline: an expired or cancelled order may still be proven paid by its code (late). */
  readonly offline?: boolean;
  readonly onOfflineAccepted?: (order: OrderView) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const { order } = props;
  const phase = orderPhase(order.status);
  const offlineCode =
    props.offline === true && props.onOfflineAccepted !== undefined && (phase === 'expired' || phase === 'cancelled');
  const refusal = useOfflineRefusal(offlineCode ? order.id : null);
  if (phase === 'waiting') throw new Error('assertion failed: ResultPanel for an open order');
  return (
    <section className={`order-panel final phase-${phase}`}>
      <div
        className={`result-status phase-${phase}`}
        data-testid="order-status"
        data-status={order.status}
        data-late={order.late ? 'true' : undefined}
        role="status"
        aria-live="assertive"
      >
        <StatusIcon phase={phase} className="result-icon" />
        <h2 className="result-title">{t(`checkout.${phase}`)}</h2>
      </div>
      <div className="result-amount" data-testid="order-amount">
        {formatMoney(order.amountMinor, order.currency, i18n.language)}
      </div>
      {order.offlineVerified && <OfflineBadge />}
      {order.late && (
        <div className="late-flag" data-testid="late-flag">
          <span aria-hidden="true">⚑</span> {t('checkout.late')}
        </div>
      )}
      <p className="result-detail">
        {order.offlineVerified
          ? t('offline.badgeDetail')
          : order.late
            ? t('checkout.lateDetail')
            : t(`checkout.${phase}Detail`)}
      </p>
      <OrderId id={order.id} />
      <ErrorMessage error={props.error} />
      {offlineCode && <OfflineCodeForm order={order} refusal={refusal} onAccepted={props.onOfflineAccepted!} />}
      <button
        type="button"
        className="btn btn-primary btn-large"
        data-testid="next-sale-button"
        onMouseDown={(e) => e.preventDefault()}
        onClick={props.onNext}
      >
        {t('checkout.nextSale')}
        <kbd>Enter</kbd>
      </button>
      <p className="hint">{t('checkout.nextSaleHint')}</p>
    </section>
  );
}
