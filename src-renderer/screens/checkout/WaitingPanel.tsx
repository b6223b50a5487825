import { useCallback, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { OfflineCodeForm } from '../offline/OfflineCodeForm';
import { useOfflineRefusal } from '../offline/use-offline-refusal';
import { Countdown } from './Countdown';
import { OrderId } from './OrderId';
import { PaymentQr } from './PaymentQr';
import { StatusIcon } from './StatusIcon';

/** An order awaiting payment: the big QR, amount, countdown, order number, Cancel (Esc). */
export function WaitingPanel(props: {
  readonly order: OrderView;
  readonly offsetMs: number;
  readonly cancelling: boolean;
  readonly error: AppError | null;
  readonly onCancel: () => void;
  readonly onOverdue: () => void;
  /** More ways to pay, under the order (the payment-code panel). */
  /** Below the QR (the payment-code panel); told whether the QR may be scanned now. */
  readonly extra?: (qrRefused: boolean) => ReactNode;
  /** The gateway cannot be heard: offer the customer's confirmation code instead. */
  readonly offline?: boolean;
  readonly onOfflineAccepted?: (order: OrderView) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const { order } = props;
  const offlineCode = props.offline === true && props.onOfflineAccepted !== undefined;
  // Offline and above an owner's limit: the customer should not pay by QR now (it could not be
  // confirmed here), so the QR steps back and its caption says so.
  const refusal = useOfflineRefusal(offlineCode ? order.id : null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const showCancel = useCallback(() => cancelButton.current?.scrollIntoView({ block: 'nearest' }), []);
  return (
    <section className="order-panel waiting">
      <div className={refusal ? 'qr-col qr-refused' : 'qr-col'} data-testid="qr-col" data-refused={refusal !== null}>
        {order.qrUrl !== null && <PaymentQr url={order.qrUrl} label={t('checkout.scanToPay')} />}
        <p className="scan-hint">{refusal ? t('offline.qrRefusedHint') : t('checkout.scanToPay')}</p>
      </div>
      <div className="info-col">
        <div className="order-amount" data-testid="order-amount">
          {formatMoney(order.amountMinor, order.currency, i18n.language)}
        </div>
        <div
          className="order-status phase-waiting"
          data-testid="order-status"
          data-status={order.status}
          role="status"
          aria-live="assertive"
        >
          <StatusIcon phase="waiting" />
          {t('checkout.waiting')}
        </div>
        <Countdown expiresAtMs={order.expiresAtMs} offsetMs={props.offsetMs} onOverdue={props.onOverdue} />
        <OrderId id={order.id} />
        {order.note !== '' && (
          <div className="order-note">
            <span className="label">{t('checkout.noteLabel')}</span> {order.note}
          </div>
        )}
        {/* "the customer's phone can still pay": not above an owner's limit, where it should not */}
        {!order.registered && !refusal && <p className="offline-qr">{t('checkout.offlineQr')}</p>}
        <ErrorMessage error={props.error} />
        {/* offline, the code is the way this counter can hear of the payment: before the scanner */}
        {offlineCode && (
          <OfflineCodeForm
            order={order}
            refusal={refusal}
            onAccepted={props.onOfflineAccepted!}
            onCancel={props.onCancel}
            onAnswered={showCancel}
          />
        )}
        {props.extra?.(refusal !== null)}
        <button
          ref={cancelButton}
          type="button"
          className="btn btn-secondary btn-large cancel-button"
          data-testid="cancel-button"
          disabled={props.cancelling}
          onMouseDown={(e) => e.preventDefault()}
          onClick={props.onCancel}
        >
          {props.cancelling ? t('checkout.cancelling') : t('checkout.cancel')}
          <kbd>{t('checkout.cancelHint')}</kbd>
        </button>
      </div>
    </section>
  );
}
