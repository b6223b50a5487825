import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { CodeUnlockForm } from './CodeUnlockForm';
import { OfflineRefusal } from './OfflineRefusal';
import { useOfflineRefusal } from './use-offline-refusal';
import '../../styles/offline.css';

/**
 * The customer paid but the counter cannot hear the gateway: the cashier types the 6-digit
 * code from the customer's result page. Main verifies it with no network.
 */
export function OfflineCodeForm(props: {
  readonly order: OrderView;
  /** The order after a right code (paid) or an owner's unlock (tries again). */
  readonly onAccepted: (order: OrderView) => void;
}): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { order } = props;
  const refusal = useOfflineRefusal(order.id);

  // Unlocked by the owner: the order on screen is replaced, and the code field is back.
  if (order.codeLocked) return <CodeUnlockForm order={order} onUnlocked={props.onAccepted} />;
  // The code would be refused (an owner's limit): said before the customer pays, not after.
  if (refusal) return <OfflineRefusal refusal={refusal} currency={order.currency} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await pos.invoke('offline.acceptCode', { orderId: order.id, code });
    setBusy(false);
    if (r.ok) props.onAccepted(r.value);
    else {
      setError(r.error);
      setCode('');
    }
  };

  return (
    <form className="offline-code" data-testid="offline-code-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('offline.codeTitle')}</h3>
      <p className="muted">{t('offline.codeHint')}</p>
      <label>
        <span className="label">{t('offline.codeLabel')}</span>
        <input
          data-testid="offline-code-input"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          pattern="\d{6}"
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
        />
      </label>
      <button
        type="submit"
        className="btn btn-primary"
        data-testid="offline-code-submit"
        disabled={busy || code.length !== 6}
      >
        {t('offline.codeSubmit')}
      </button>
      <ErrorMessage error={error} />
      {order.codeAttemptsLeft !== undefined && error?.code === 'offline_code_wrong' && (
        <p className="muted" data-testid="offline-attempts-left" data-left={order.codeAttemptsLeft}>
          {t('offline.attemptsLeft', { n: order.codeAttemptsLeft })}
        </p>
      )}
    </form>
  );
}

/** "Paid (offline-verified)": a distinct badge until the gateway confirms the payment. */
export function OfflineBadge(props: { readonly short?: boolean }): ReactNode {
  const { t } = useTranslation();
  return (
    <span className="badge offline-badge" data-testid="offline-badge">
      <span aria-hidden="true">◐</span> {props.short ? t('offline.badgeShort') : t('offline.badge')}
    </span>
  );
}
