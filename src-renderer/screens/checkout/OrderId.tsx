import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { shortOrderId } from '../../logic/order-state';

/** The full order number, its readable tail emphasised. */
export function OrderId(props: { readonly id: string }): ReactNode {
  const { t } = useTranslation();
  const tail = shortOrderId(props.id);
  return (
    <div className="order-id-line">
      <span className="label">{t('checkout.orderNo')}</span>
      <span className="order-id" data-testid="order-id" data-order-id={props.id}>
        {props.id.slice(0, props.id.length - tail.length)}
        <strong>{tail}</strong>
      </span>
    </div>
  );
}
