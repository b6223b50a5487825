import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A payment arrived for an order not on screen — late (补单), or in time: tell the cashier. */
export interface LateNoticeView {
  readonly order: string;
  readonly amount: string;
  /** Paid in time (the order was not on screen), not a late payment. */
  readonly inTime?: boolean;
}

export function LateNotice(props: { readonly notice: LateNoticeView; readonly onDismiss: () => void }): ReactNode {
  const { t } = useTranslation();
  const { order, amount, inTime } = props.notice;
  return (
    <div className="late-notice" data-testid="late-notice" role="alert">
      <span aria-hidden="true">⚑</span>
      <span>{t(inTime ? 'checkout.paidNotice' : 'checkout.latePaidNotice', { order, amount })}</span>
      <button type="button" className="btn btn-small" onMouseDown={(e) => e.preventDefault()} onClick={props.onDismiss}>
        {t('checkout.dismiss')}
      </button>
    </div>
  );
}
