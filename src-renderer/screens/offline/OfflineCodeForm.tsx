import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { CodeUnlockForm } from './CodeUnlockForm';
import { OfflineRefusal } from './OfflineRefusal';
import '../../styles/offline.css';

/**
 * The customer paid but the counter cannot hear the gateway: the cashier types the 6-digit
 * code from the customer's result page. Main verifies it with no network. A wrong code is said
 * right under the field, with the tries left, and the field is ready for the next try.
 */
export function OfflineCodeForm(props: {
  readonly order: OrderView;
  /** Why this order's code would be refused now (an owner's limit), from the panel; or null. */
  readonly refusal: AppError | null;
  /** The order after a right code (paid) or an owner's unlock (tries again). */
  readonly onAccepted: (order: OrderView) => void;
  /**
   * Esc in the code field: what the panel's 取消收款 does (the screen's own Esc skips fields).
   * Absent on a finished order, where Esc in the field keeps doing nothing.
   */
  readonly onCancel?: () => void;
  /**
   * A try was answered or the order unlocked: the panel brings what follows the form (取消收款)
   * into view first, then the form itself, so a small window shows both above the status bar.
   */
  readonly onAnswered?: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const [code, setCode] = useState('');
  /** The last keystroke was not a digit (a letter): said under the field. */
  const [notDigits, setNotDigits] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [unlocked, setUnlocked] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const { order, refusal, onAnswered } = props;
  const wasLocked = useRef(order.codeLocked);

  // Unlocked by the owner: the lock's message goes, and the field says it may be tried again.
  useEffect(() => {
    if (wasLocked.current && !order.codeLocked) {
      setError(null);
      setUnlocked(true);
      input.current?.focus();
    }
    wasLocked.current = order.codeLocked;
  }, [order.codeLocked]);
  // The answer to a try is in view, whatever the window's height.
  useEffect(() => {
    if (!error && !unlocked) return;
    onAnswered?.();
    form.current?.scrollIntoView({ block: 'nearest' });
  }, [error, unlocked, onAnswered]);

  if (order.codeLocked) return <CodeUnlockForm order={order} onUnlocked={props.onAccepted} />;
  // The code would be refused (an owner's limit): said before the customer pays, not after.
  if (refusal) {
    const open = order.status === 'awaiting_payment';
    return <OfflineRefusal refusal={refusal} currency={order.currency} open={open} />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setUnlocked(false);
    const r = await pos.invoke('offline.acceptCode', { orderId: order.id, code });
    setBusy(false);
    if (r.ok) props.onAccepted(r.value);
    else {
      setError(r.error);
      setCode('');
      input.current?.focus();
    }
  };

  return (
    <form ref={form} className="offline-code" data-testid="offline-code-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('offline.codeTitle')}</h3>
      {/* The amount beside the code: in a small window the big amount has scrolled away. */}
      <p className="muted" data-testid="offline-code-hint">
        {t('offline.codeHintAmount', { amount: formatMoney(order.amountMinor, order.currency, i18n.language) })}
      </p>
      <div className="offline-code-row">
        <label htmlFor={`offline-code-${order.id}`}>{t('offline.codeLabel')}</label>
        <input
          ref={input}
          id={`offline-code-${order.id}`}
          data-testid="offline-code-input"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          pattern="\d{6}"
          value={code}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || e.nativeEvent.isComposing || !props.onCancel) return;
            e.preventDefault();
            props.onCancel();
          }}
          onChange={(e) => {
            // Full-width digits (a Chinese input method) read as digits; anything else is said, not silently dropped.
            const typed = e.target.value.normalize('NFKC').replace(/\s/g, '');
            setNotDigits(/\D/.test(typed));
            setCode(typed.replace(/\D/g, '').slice(0, 6));
          }}
        />
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="offline-code-submit"
          disabled={busy || code.length !== 6}
        >
          {t('offline.codeSubmit')}
        </button>
      </div>
      <div aria-live="polite">
        {notDigits && (
          <p className="muted" data-testid="offline-code-digits-only">
            {t('offline.codeDigitsOnly')}
          </p>
        )}
        <ErrorMessage error={error} />
        {error?.code === 'offline_code_wrong' && order.codeAttemptsLeft !== undefined && (
          <p className="offline-attempts" data-testid="offline-attempts-left" data-left={order.codeAttemptsLeft}>
            {t('offline.attemptsLeft', { n: order.codeAttemptsLeft })}
          </p>
        )}
        {unlocked && order.codeAttemptsLeft !== undefined && (
          <p className="success" data-testid="offline-unlocked">
            {t('offline.unlockedTryAgain', { n: order.codeAttemptsLeft })}
          </p>
        )}
      </div>
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
