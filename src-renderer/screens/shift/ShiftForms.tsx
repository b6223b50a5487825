import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CASH_REASON_LENGTH_MAX } from '../../../src-shared/api/settlement';
import { formatMoney, parseAmount, type Currency } from '../../../src-shared/money';

/** An amount field: text (main parses it exactly), numeric keyboard on touch screens. */
export function MoneyInput(props: {
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly testid: string;
  readonly label: string;
  readonly autoFocus?: boolean;
}): ReactNode {
  return (
    <label className="field">
      <span className="label">{props.label}</span>
      <input
        type="text"
        inputMode="decimal"
        className="num"
        autoComplete="off"
        autoFocus={props.autoFocus}
        data-testid={props.testid}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function OpenShiftForm(props: { readonly busy: boolean; readonly onOpen: (float: string) => void }): ReactNode {
  const { t } = useTranslation();
  const [float, setFloat] = useState('');
  return (
    <form
      className="shift-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onOpen(float);
      }}
    >
      <p className="muted">{t('shift.none')}</p>
      <MoneyInput label={t('shift.float')} value={float} onChange={setFloat} testid="shift-float" autoFocus />
      <button type="submit" className="btn btn-primary" data-testid="shift-open" disabled={props.busy}>
        {props.busy ? t('shift.opening') : t('shift.open')}
      </button>
    </form>
  );
}

export function CashMoveForm(props: {
  readonly busy: boolean;
  readonly onMove: (direction: 'in' | 'out', amount: string, reason: string) => Promise<boolean>;
}): ReactNode {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  return (
    <form
      className="shift-form cash-move"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onMove(direction, amount, reason).then((done) => {
          if (!done) return;
          setAmount('');
          setReason('');
        });
      }}
    >
      <fieldset className="cash-direction">
        {(['out', 'in'] as const).map((d) => (
          <label key={d}>
            <input
              type="radio"
              name="cash-direction"
              data-testid={`cash-move-${d}`}
              checked={direction === d}
              onChange={() => setDirection(d)}
            />
            {d === 'in' ? t('shift.cashIn') : t('shift.cashOut')}
          </label>
        ))}
      </fieldset>
      <MoneyInput label={t('shift.amount')} value={amount} onChange={setAmount} testid="cash-move-amount" />
      <label className="field">
        <span className="label">{t('shift.reason')}</span>
        <input
          type="text"
          data-testid="cash-move-reason"
          maxLength={CASH_REASON_LENGTH_MAX}
          placeholder={t('shift.reasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <button type="submit" className="btn" data-testid="cash-move-record" disabled={props.busy}>
        {t('shift.record')}
      </button>
    </form>
  );
}

/**
 * Closing is final (the over/short entry, the drop to the safe): the count is shown against
 * what the drawer should hold, with the difference, and closes only when confirmed. A count
 * main would refuse goes straight to main, which names the error and changes nothing.
 */
export function CloseShiftForm(props: {
  readonly busy: boolean;
  readonly expectedMinor: number;
  readonly currency: Currency;
  readonly onClose: (counted: string) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const [counted, setCounted] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const m = (n: number) => formatMoney(n, props.currency, i18n.language);
  if (confirming !== null) {
    const diff = confirming - props.expectedMinor;
    return (
      <div
        className="shift-form shift-close-confirm"
        role="alertdialog"
        data-testid="shift-close-confirm"
        onKeyDown={(e) => e.key === 'Escape' && setConfirming(null)}
      >
        <p>{t('shift.closeConfirm')}</p>
        <dl className="close-figures">
          <dt>{t('shift.expected')}</dt>
          <dd className="num">{m(props.expectedMinor)}</dd>
          <dt>{t('shift.countedCash')}</dt>
          <dd className="num">{m(confirming)}</dd>
          <dt>{t('shift.difference')}</dt>
          <dd className={diff === 0 ? 'num' : 'num warn'} data-testid="shift-close-difference">
            {diff === 0
              ? m(diff)
              : t('shift.amountLabelled', { amount: m(diff), label: diff < 0 ? t('shift.short') : t('shift.over') })}
          </dd>
        </dl>
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="shift-close-confirm-yes"
            disabled={props.busy}
            onClick={() => props.onClose(counted)}
          >
            {props.busy ? t('shift.closing') : t('shift.closeConfirmYes')}
          </button>
          {/* Focus on going back: a second Enter from the count must not close the shift. */}
          <button
            type="button"
            className="btn"
            data-testid="shift-close-back"
            autoFocus
            onClick={() => setConfirming(null)}
          >
            {t('shift.closeConfirmBack')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form
      className="shift-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = parseAmount(counted, props.currency, Number.MAX_SAFE_INTEGER);
        if (r.ok) setConfirming(r.value);
        else if (r.error.code === 'amount_zero') setConfirming(0);
        else props.onClose(counted); // main refuses it, named
      }}
    >
      <MoneyInput label={t('shift.counted')} value={counted} onChange={setCounted} testid="shift-counted" />
      <button type="submit" className="btn btn-primary" data-testid="shift-close" disabled={props.busy}>
        {t('shift.close')}
      </button>
    </form>
  );
}
