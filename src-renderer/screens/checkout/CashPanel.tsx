/**
 * A cash sale: the amount due, the tendered amount typed on the keypad (empty = exact), the
 * change due shown large; Enter takes the cash, Esc goes back. After: the change, huge.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { amountDisplayParts } from '../../logic/amount-display';
import type { CashSaleView } from '../../../src-shared/api/index';
import { exponentOf, formatMoney, parseAmount, type Currency } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { applyAmountKey, keyFromKeyboard, type AmountKey } from '../../logic/amount-input';
import { changePreview } from '../../logic/cash-change';
import { usePos } from '../../transport/bridge-context';
import { Keypad } from './Keypad';

export function CashPanel(props: {
  readonly due: string;
  readonly currency: Currency;
  readonly active: boolean;
  readonly onBack: () => void;
  readonly onDone: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const exponent = exponentOf(props.currency);
  const [tendered, setTendered] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<CashSaleView | null>(null);
  const busyRef = useRef(false);
  const m = (n: number) => formatMoney(n, props.currency, i18n.language);
  const tenderedParts = amountDisplayParts(tendered, props.currency, i18n.language);
  const due = parseAmount(props.due, props.currency, Number.MAX_SAFE_INTEGER);
  const change = changePreview(props.due, tendered, props.currency);

  const press = useCallback(
    (k: AmountKey) => {
      setTendered((cur) => applyAmountKey(cur, k, exponent).text);
      setError(null);
    },
    [exponent],
  );
  const take = useCallback(async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    const r = await pos.invoke('shift.cashSale', { amount: props.due, tendered });
    busyRef.current = false;
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error);
  }, [pos, props.due, tendered]);

  useEffect(() => {
    if (!props.active) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (done) {
        if (e.key === 'Enter' || e.key === 'Escape') {
          e.preventDefault();
          props.onDone();
        }
        return;
      }
      const k = keyFromKeyboard(e.key);
      if (e.key === 'Enter') {
        e.preventDefault();
        void take();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        props.onBack();
      } else if (k !== null) {
        e.preventDefault();
        press(k);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [props, done, take, press]);

  if (done) {
    return (
      <section className="cash-panel done" data-testid="cash-done">
        <h2>{t('shift.cashDone')}</h2>
        <div className="cash-line">
          {t('shift.due')} <span className="num">{m(done.amountMinor)}</span> · {t('shift.tendered')}{' '}
          <span className="num">{m(done.tenderedMinor)}</span>
        </div>
        <div className="change-label">{t('shift.change')}</div>
        <output className="change-due" data-testid="cash-change" data-minor={done.changeMinor}>
          {m(done.changeMinor)}
        </output>
        <button type="button" className="btn btn-primary" data-testid="cash-next" onClick={props.onDone}>
          {t('shift.next')} <kbd>Enter</kbd>
        </button>
      </section>
    );
  }
  return (
    <section className="cash-panel" data-testid="cash-panel">
      <div className="entry-main">
        <div className="cash-line">
          {t('shift.due')}{' '}
          <span className="num cash-due" data-testid="cash-due">
            {due.ok ? m(due.value) : props.due}
          </span>
        </div>
        <div className="amount-label">{t('shift.tendered')}</div>
        <output className="amount-display" data-testid="cash-tendered" data-amount={tendered}>
          {tendered === '' ? (
            t('shift.exact')
          ) : (
            // as typed, with the currency and grouping the amount entry shows ("¥12,400", not "12400")
            <>
              {tenderedParts.symbolFirst && <span className="amount-symbol">{tenderedParts.symbol}</span>}
              <span className="amount-number">{tenderedParts.number}</span>
              {!tenderedParts.symbolFirst && <span className="amount-symbol">{tenderedParts.symbol}</span>}
            </>
          )}
        </output>
        <div className="change-label">{t('shift.change')}</div>
        <output className="change-due" data-testid="cash-change-preview">
          {change === null ? '—' : m(change)}
        </output>
        <ErrorMessage error={error} />
        <div className="cash-actions">
          <button type="button" className="btn" data-testid="cash-back" onClick={props.onBack}>
            {t('shift.back')} <kbd>Esc</kbd>
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="cash-confirm"
            disabled={busy || change === null}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void take()}
          >
            {t('shift.confirmCash')} <kbd>Enter</kbd>
          </button>
        </div>
      </div>
      <Keypad onKey={press} decimalAllowed={exponent > 0} disabled={busy} />
    </section>
  );
}
