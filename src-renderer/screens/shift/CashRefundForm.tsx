/**
 * Cash handed back to a customer (a return paid in cash) from the drawer, with a reason and an
 * owner's PIN: a refund in the books, unlike a paid-out, so the day's gross and net stay true.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftReportView } from '../../../src-shared/api/index';
import type { Result } from '../../../src-shared/result';
import { approvalReady } from '../../logic/owner-approval';
import { usePos } from '../../transport/bridge-context';
import { OwnerApproval, ReasonField, useOwners } from '../lock/OwnerApproval';
import { MoneyInput } from './ShiftForms';

export function CashRefundForm(props: {
  readonly busy: boolean;
  readonly run: (fn: () => Promise<Result<ShiftReportView>>) => Promise<boolean>;
  readonly onReport: (r: ShiftReportView) => void;
}): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const owners = useOwners();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [approverId, setApproverId] = useState(owners[0]?.id ?? '');
  const [pin, setPin] = useState('');
  return (
    <form
      className="shift-form stacked"
      data-testid="cash-refund-form"
      onSubmit={(e) => {
        e.preventDefault();
        void props
          .run(async () => {
            const r = await pos.invoke('shift.cashRefund', { amount, reason, approverId, approverPin: pin });
            if (r.ok) props.onReport(r.value);
            return r;
          })
          .then((done) => {
            setPin('');
            if (!done) return;
            setAmount('');
            setReason('');
          });
      }}
    >
      <MoneyInput label={t('shift.amount')} value={amount} onChange={setAmount} testid="cash-refund-amount" />
      <ReasonField label={t('shift.reason')} value={reason} onChange={setReason} testId="cash-refund-reason" />
      <OwnerApproval
        owners={owners}
        approverId={approverId}
        onApprover={setApproverId}
        pin={pin}
        onPin={setPin}
        testId="cash-refund"
      />
      <button
        type="submit"
        className="btn"
        data-testid="cash-refund-submit"
        disabled={props.busy || amount.trim() === '' || reason.trim() === '' || !approvalReady(approverId, pin)}
      >
        {t('shift.cashRefundSubmit')}
      </button>
    </form>
  );
}
