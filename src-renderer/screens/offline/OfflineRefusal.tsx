import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, type Currency } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { errorKey } from '../../logic/error-key';
import { ageParts } from '../../logic/duration';

/**
 * In place of the code field, before the customer pays: this sale cannot be verified offline
 * (an owner's limit), with the limit in numbers and what to do instead.
 */
export function OfflineRefusal(props: {
  readonly refusal: AppError;
  readonly currency: Currency;
  /** The order can still be paid (else it was cancelled or expired: only a payment already made counts). */
  readonly open: boolean;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const { refusal } = props;
  const money = (v: string | number | undefined) => formatMoney(Number(v ?? 0), props.currency, i18n.language);
  const reason = (): string => {
    const p = refusal.params ?? {};
    if (refusal.code === 'offline_limit_order') return t('offline.refusedOrder', { max: money(p.max) });
    if (refusal.code === 'offline_limit_total') {
      return t('offline.refusedTotal', { max: money(p.max), pending: money(p.pending) });
    }
    if (refusal.code === 'offline_limit_age') {
      const age = ageParts(Number(p.maxAgeMs ?? 0));
      return t('offline.refusedAge', { age: t(`age.${age.unit}`, { n: age.n }) });
    }
    return t(errorKey(refusal.code), { ...p });
  };
  return (
    <div className="offline-refused" role="alert" data-testid="offline-code-refused" data-code={refusal.code}>
      <h3>{t('offline.refusedTitle')}</h3>
      <p>{reason()}</p>
      <p className="muted">{t(props.open ? 'offline.refusedHint' : 'offline.refusedHintClosed')}</p>
    </div>
  );
}
