/**
 * The owner writes off a sale verified by code that the gateway never confirmed: what it means
 * first (the sale stays a sale, the money is booked as not received, a later payment books it
 * back), then why and their PIN again. Main refuses anything else by name, shown here.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncIssueView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { ReasonField } from '../lock/OwnerApproval';
import { PinField } from '../lock/PinField';

export function WriteOffForm(props: {
  readonly issue: SyncIssueView;
  /** The amount as the owner reads it. */
  readonly amount: string;
  readonly onDone: (issues: readonly SyncIssueView[]) => void;
}): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const close = () => {
    setOpen(false);
    setReason('');
    setPin('');
    setError(null);
  };
  if (!open) {
    return (
      <button type="button" className="btn" data-testid="sync-issue-write-off" onClick={() => setOpen(true)}>
        {t('offline.writeOff')}
      </button>
    );
  }
  return (
    <form
      className="write-off-form"
      data-testid="write-off-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        void pos
          .invoke('offline.writeOff', { orderId: props.issue.orderId, pin, reason })
          .then((r) => {
            setPin('');
            if (!r.ok) return setError(r.error);
            close();
            props.onDone(r.value);
          })
          .finally(() => setBusy(false));
      }}
    >
      <p className="write-off-explain" data-testid="write-off-explain">
        {t('offline.writeOffExplain', { amount: props.amount })}
      </p>
      <ReasonField label={t('offline.writeOffReason')} value={reason} onChange={setReason} testId="write-off-reason" />
      <PinField label={t('offline.writeOffPin')} value={pin} onChange={setPin} testId="write-off-pin" />
      <ErrorMessage error={error} />
      <div className="write-off-actions">
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="write-off-submit"
          disabled={busy || reason.trim() === '' || pin.length < 4}
        >
          {t('offline.writeOffConfirm')}
        </button>
        <button type="button" className="btn" data-testid="write-off-cancel" onClick={close}>
          {t('offline.writeOffCancel')}
        </button>
      </div>
    </form>
  );
}
