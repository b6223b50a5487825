import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A late payment (补单) arrived for an order no longer on screen: tell the cashier. */
export interface LateNoticeView {
  readonly order: string;
  readonly amount: string;
}

export function LateNotice(props: { readonly notice: LateNoticeView; readonly onDismiss: () => void }): ReactNode {
  const { t } = useTranslation();
  const { order, amount } = props.notice;
  return (
    <div className="late-notice" data-testid="late-notice" role="alert">
      <span aria-hidden="true">⚑</span>
      <span>{t('checkout.latePaidNotice', { order, amount })}</span>
      <button type="button" className="btn btn-small" onMouseDown={(e) => e.preventDefault()} onClick={props.onDismiss}>
        {t('checkout.dismiss')}
      </button>
    </div>
  );
}
