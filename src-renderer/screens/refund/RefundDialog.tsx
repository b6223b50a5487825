/**
 * Refund a paid order: amount (default: what is left), reason, the approving owner and their
 * PIN. The request id is made when the dialog opens and kept for every retry until the console
 * has saved the refund, so a double click or a retry refunds once. Shows each refund's state:
 * requested, accepted (the gateway took it) and succeeded (the money went back) are different.
 *
 * The money goes back to the customer's wallet (through the gateway) or in cash from the open
 * shift's drawer (`refunds.createCash`, a request id of its own). When the order's latest refund
 * failed, the dialog says why and picks cash; the owner may pick cash for any refund.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView, RefundMethod, RefundView } from '../../../src-shared/api/index';
import { formatMoney, formatPlain, parseAmount } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { newRequestId } from '../../logic/request-id';
import { shortOrderId } from '../../logic/order-state';
import { usePos, usePosEvent } from '../../transport/bridge-context';
import { trapTab } from '../../app/focus-trap';
import { approvalReady } from '../../logic/owner-approval';
import { refundFailureKey } from '../../logic/refund-failure';
import { OwnerApproval, ReasonField, useOwners } from '../lock/OwnerApproval';
import { RefundList } from './RefundList';
import '../../styles/operators.css';

/**
 * A wallet refund that failed for one of these leaves the money with the shop: cash is offered
 * at once. Not after `refund_exceeds_paid`, the gateway saying the order was refunded already
 * (main refuses cash then: `refund_gateway_refunded`).
 */
const CASH_AFTER: ReadonlySet<string> = new Set(['not_found', 'refund_not_allowed', 'provider_failed']);

export function RefundDialog(props: { readonly order: OrderView; readonly onClose: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const { order } = props;
  const owners = useOwners();
  const [refunds, setRefunds] = useState<readonly RefundView[]>([]);
  const [requestId, setRequestId] = useState(newRequestId);
  const [cashRequestId, setCashRequestId] = useState(newRequestId);
  const [method, setMethod] = useState<RefundMethod>('wallet');
  /** The failed refund cash was last offered for: a new failure offers it again, nothing else switches. */
  const offeredFor = useRef<string | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [approverId, setApproverId] = useState(owners[0]?.id ?? '');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLFormElement>(null);
  const amountTyped = useRef(false);
  /** Bumped when the amount is reset, so the new value is selected once it is on screen. */
  const [amountReset, setAmountReset] = useState(0);

  const refundable = refunds.at(-1)?.orderRefundableMinor ?? order.amountMinor;
  /** Reloads the refunds; with `resetAmount`, the amount field shows what is left to refund. */
  const load = useCallback(
    async (resetAmount: boolean) => {
      const r = await pos.invoke('refunds.forOrder', { orderId: order.id });
      if (!r.ok) return false;
      setRefunds(r.value);
      const last = r.value.at(-1);
      if (last?.status === 'failed' && last.id !== offeredFor.current && CASH_AFTER.has(last.failureCode ?? '')) {
        offeredFor.current = last.id;
        setMethod('cash'); // the wallet said no: the money can still go back, from the drawer
      }
      // Never over what the cashier has begun to type (a quick typist beats the first load).
      if (resetAmount && !amountTyped.current) {
        setAmount(formatPlain(r.value.at(-1)?.orderRefundableMinor ?? order.amountMinor, order.currency));
        setAmountReset((n) => n + 1);
      }
      return true;
    },
    [pos, order.id, order.amountMinor, order.currency],
  );
  useEffect(() => void load(true), [load]);
  // Esc closes from anywhere while the dialog is open (focus may have left it after a submit).
  const onClose = props.onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else trapTab(e, dialogRef.current); // aria-modal: Tab stays in the dialog
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  // Focus starts in the dialog (so Esc closes it) with the amount selected: typing a partial
  // amount replaces it.
  useEffect(() => {
    if (amountReset > 0 && amountRef.current === document.activeElement) amountRef.current?.select();
  }, [amountReset]);
  usePosEvent('refund.updated', (v) => v.orderId === order.id && void load(false));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return; // a double click sends once; a retry reuses requestId anyway
    setBusy(true);
    setError(null);
    const cash = method === 'cash';
    const args = { orderId: order.id, amount, reason, approverId, approverPin: pin };
    const r = cash
      ? await pos.invoke('refunds.createCash', { ...args, requestId: cashRequestId })
      : await pos.invoke('refunds.create', { ...args, requestId });
    setBusy(false);
    setPin('');
    if (!r.ok) {
      // Refused for good by the gateway (saved as failed): the list and the note say why, and
      // the next try is a new request.
      const saved = await pos.invoke('refunds.forOrder', { orderId: order.id });
      const refused = !cash && saved.ok && saved.value.some((x) => x.id === requestId && x.status === 'failed');
      if (refused) setRequestId(newRequestId());
      await load(false);
      return setError(refused ? null : r.error);
    }
    if (cash) setCashRequestId(newRequestId());
    else setRequestId(newRequestId()); // saved: the next refund is a new request
    setReason('');
    amountTyped.current = false; // the field shows what is left again
    await load(true);
    amountRef.current?.focus(); // stays in the dialog (gone when nothing is left to refund)
  };

  /** What is wrong with the amount as typed, said as it is typed (not a stale answer from main). */
  const amountProblem = ((): AppError | null => {
    if (amount.trim() === '') return null;
    const r = parseAmount(amount, order.currency, Number.MAX_SAFE_INTEGER);
    if (!r.ok) return r.error;
    if (r.value > refundable) {
      // As main says it (refunds/service.ts): what is left, in plain decimals.
      return {
        code: 'refund_exceeds_paid',
        message: '',
        params: { refundable: formatPlain(refundable, order.currency) },
      };
    }
    return null;
  })();
  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setError(null); // main's answer was about what was there before
    };

  const money = (m: number) => formatMoney(m, order.currency, i18n.language);
  const last = refunds.at(-1);
  return (
    <div className="dialog-backdrop" role="presentation">
      <form
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        data-testid="refund-dialog"
        onSubmit={(e) => void submit(e)}
      >
        <h2>{t('refund.title', { id: shortOrderId(order.id) })}</h2>
        <p>
          {t('refund.paid', { amount: money(order.amountMinor) })} ·{' '}
          <span data-testid="refund-refundable">{t('refund.refundable', { amount: money(refundable) })}</span>
        </p>
        {refundable <= 0 ? (
          <p className="refund-done" data-testid="refund-done">
            {refunds.some((r) => r.status === 'requested' || r.status === 'accepted')
              ? t('refund.nothingLeftPending')
              : t('refund.fullyRefunded')}
          </p>
        ) : (
          <>
            {last?.status === 'failed' && (
              <p className="refund-wallet-failed" role="status" data-testid="refund-wallet-failed">
                {t('refund.walletFailed', { reason: t(refundFailureKey(last.failureCode)) })}
              </p>
            )}
            <fieldset className="refund-method" data-testid="refund-method" data-method={method}>
              <legend className="label">{t('refund.method')}</legend>
              {(['wallet', 'cash'] as const).map((m) => (
                <label key={m}>
                  <input
                    type="radio"
                    name="refund-method"
                    data-testid={`refund-method-${m}`}
                    checked={method === m}
                    onChange={() => {
                      setMethod(m);
                      setError(null); // main's answer was about the other way
                    }}
                  />
                  {t(`refund.method_${m}`)}
                </label>
              ))}
            </fieldset>
            {method === 'cash' && (
              <p className="muted" data-testid="refund-cash-hint">
                {t('refund.cashHint')}
              </p>
            )}
            <label className="field">
              <span className="label">{t('refund.amount')}</span>
              <input
                className="num"
                inputMode="decimal"
                data-testid="refund-amount"
                value={amount}
                onChange={(e) => {
                  amountTyped.current = true;
                  setAmount(e.target.value);
                  setError(null);
                }}
                ref={amountRef}
                autoFocus
                onFocus={(e) => e.target.select()}
              />
            </label>
            <ErrorMessage error={amountProblem} className="field-error" />
            <ReasonField
              label={t('refund.reason')}
              value={reason}
              onChange={edited(setReason)}
              testId="refund-reason"
            />
            <OwnerApproval
              owners={owners}
              approverId={approverId}
              onApprover={edited(setApproverId)}
              pin={pin}
              onPin={edited(setPin)}
              testId="refund"
            />
            <ErrorMessage error={error} />
          </>
        )}
        <div className="actions">
          {refundable > 0 && (
            <button
              type="submit"
              className="btn btn-primary"
              data-testid="refund-submit"
              disabled={busy || amountProblem !== null || reason.trim() === '' || !approvalReady(approverId, pin)}
            >
              {method === 'cash' ? t('refund.submitCash') : t('refund.submit')}
            </button>
          )}
          <button type="button" className="btn" data-testid="refund-close" onClick={props.onClose}>
            {t('refund.close')}
          </button>
        </div>
        <h3>{t('refund.history')}</h3>
        <RefundList refunds={refunds} money={money} />
      </form>
    </div>
  );
}
