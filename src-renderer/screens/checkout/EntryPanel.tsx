import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Currency } from '../../../src-shared/money';
import { ORDER_NOTE_LENGTH_MAX } from '../../../src-shared/protocol/limits';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import type { AmountKey } from '../../logic/amount-input';
import { AmountDisplay } from './AmountDisplay';
import { Keypad } from './Keypad';

/** Typing the amount: the big display, the optional note, errors, Collect, and the keypad. */
export function EntryPanel(props: {
  readonly text: string;
  readonly note: string;
  readonly currency: Currency;
  readonly decimalAllowed: boolean;
  readonly creating: boolean;
  readonly rejected: boolean;
  /** The last key was refused (the currency's decimals): shown in words. Null when not. */
  readonly keyRefused: number | null;
  /** The last key was not one an amount has (a letter, '-'): said in words. */
  readonly charRefused: boolean;
  readonly error: AppError | null;
  readonly noteRef: RefObject<HTMLInputElement | null>;
  readonly onKey: (key: AmountKey) => void;
  readonly onNote: (note: string) => void;
  readonly onCollect: () => void;
  readonly onCash: () => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <section className="entry-panel">
      <div className="entry-main">
        <AmountDisplay text={props.text} currency={props.currency} rejected={props.rejected} />
        {props.keyRefused !== null && (
          <p className="hint key-refused" role="status" data-testid="amount-key-refused">
            {t('checkout.keyRefused', { decimals: props.keyRefused })}
          </p>
        )}
        {props.charRefused && (
          <p className="hint key-refused" role="status" data-testid="amount-char-refused">
            {t('checkout.charRefused')}
          </p>
        )}
        <label className="note-field">
          <span className="label">{t('checkout.noteLabel')}</span>
          <input
            ref={props.noteRef}
            type="text"
            data-testid="note-input"
            value={props.note}
            maxLength={ORDER_NOTE_LENGTH_MAX}
            placeholder={t('checkout.notePlaceholder')}
            disabled={props.creating}
            autoComplete="off"
            onChange={(e) => props.onNote(e.target.value)}
          />
        </label>
        <ErrorMessage error={props.error} />
        <button
          type="button"
          className="btn btn-primary collect-button"
          data-testid="collect-button"
          disabled={props.creating}
          onMouseDown={(e) => e.preventDefault()}
          onClick={props.onCollect}
        >
          {props.creating ? t('checkout.creating') : t('checkout.collect')}
          {!props.creating && <kbd>Enter</kbd>}
        </button>
        <button
          type="button"
          className="btn cash-button"
          data-testid="cash-button"
          disabled={props.creating}
          onMouseDown={(e) => e.preventDefault()}
          onClick={props.onCash}
        >
          {t('shift.cashSale')}
          <kbd>F2</kbd>
        </button>
        <p className="hint">{t('checkout.keysHint')}</p>
      </div>
      <Keypad onKey={props.onKey} decimalAllowed={props.decimalAllowed} disabled={props.creating} />
    </section>
  );
}
