import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { approvalReady } from '../../logic/owner-approval';
import { OwnerApproval, ReasonField, useOwners } from '../lock/OwnerApproval';

/**
 * An order locked by wrong confirmation codes: the owner approves another round of tries with
 * their PIN and a reason (audited). After the last unlock the order waits for the gateway or
 * the day's reconciliation, and the screen says so.
 */
export function CodeUnlockForm(props: {
  readonly order: OrderView;
  readonly onUnlocked: (order: OrderView) => void;
}): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const owners = useOwners();
  const [open, setOpen] = useState(false);
  const [approverId, setApproverId] = useState(owners[0]?.id ?? '');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { order } = props;
  const unlocksLeft = order.codeUnlocksLeft ?? 0;
  const form = useRef<HTMLFormElement>(null);
  // Opened, or answered: the whole form (reason, Unlock) and its message in view.
  useEffect(() => {
    if (open) form.current?.scrollIntoView({ block: 'nearest' });
  }, [open, error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await pos.invoke('offline.unlockCode', { orderId: order.id, approverId, approverPin: pin, reason });
    setBusy(false);
    setPin('');
    if (!r.ok) {
      setError(r.error);
      // the PIN was cleared: the cursor goes back to it for the next try
      form.current?.querySelector<HTMLInputElement>('[data-testid="offline-unlock-pin"]')?.focus();
      return;
    }
    setOpen(false);
    setReason('');
    props.onUnlocked(r.value);
  };

  return (
    <div className="offline-locked-box" data-testid="offline-code-locked">
      <p className="offline-locked" role="alert">
        <span aria-hidden="true">⚠ </span>
        {t('offline.locked')}
      </p>
      {unlocksLeft <= 0 ? (
        <p className="muted" data-testid="offline-unlocks-exhausted">
          {t('offline.unlocksExhausted')}
        </p>
      ) : !open ? (
        <button type="button" className="btn" data-testid="offline-unlock-open" onClick={() => setOpen(true)}>
          {t('offline.unlockOpen')}
        </button>
      ) : (
        <form ref={form} className="offline-unlock" data-testid="offline-unlock-form" onSubmit={(e) => void submit(e)}>
          <p className="muted">{t('offline.unlockHint', { n: unlocksLeft })}</p>
          <OwnerApproval
            owners={owners}
            approverId={approverId}
            onApprover={setApproverId}
            pin={pin}
            onPin={setPin}
            testId="offline-unlock"
            autoFocus
          />
          <ReasonField
            label={t('offline.unlockReason')}
            value={reason}
            onChange={setReason}
            testId="offline-unlock-reason"
          />
          <ErrorMessage error={error} />
          <div className="actions">
            <button
              type="submit"
              className="btn btn-primary"
              data-testid="offline-unlock-submit"
              disabled={busy || !approvalReady(approverId, pin) || reason.trim() === ''}
            >
              {t('offline.unlockSubmit')}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              {t('refund.close')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
