import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AmountKey } from '../../logic/amount-input';

const ROWS: readonly (readonly AmountKey[])[] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
  ['00', '0', '.'],
];

/**
 * The on-screen keypad. Buttons never take focus (mouse-down is prevented, tabIndex -1), so
 * Enter on the physical keyboard always means "collect", never "press the last key again".
 */
export function Keypad(props: {
  readonly onKey: (key: AmountKey) => void;
  readonly decimalAllowed: boolean;
  readonly disabled: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const button = (key: AmountKey, label: ReactNode, extra = '', aria?: string): ReactNode => (
    <button
      key={key}
      type="button"
      className={`key ${extra}`}
      tabIndex={-1}
      disabled={props.disabled || (key === '.' && !props.decimalAllowed)}
      data-testid={`key-${key}`}
      aria-label={aria}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => props.onKey(key)}
    >
      {label}
    </button>
  );
  return (
    <div className="keypad" role="group" aria-label={t('checkout.keypadLabel')}>
      {ROWS.map((row) => row.map((k) => button(k, k, k === '.' ? 'key-dot' : '')))}
      {button('backspace', <span aria-hidden="true">⌫</span>, 'key-fn', t('checkout.backspace'))}
      {button('clear', t('checkout.clear'), 'key-fn key-clear')}
    </div>
  );
}
