import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Currency } from '../../../src-shared/money';
import { amountDisplayParts } from '../../logic/amount-display';

/** The amount being typed, huge, with the currency symbol; `data-amount` is the raw text. */
export function AmountDisplay(props: {
  readonly text: string;
  readonly currency: Currency;
  readonly rejected: boolean;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const parts = amountDisplayParts(props.text, props.currency, i18n.language);
  const symbol = <span className="amount-symbol">{parts.symbol}</span>;
  // Twelve integer digits and grouping must still fit at 1024 px: long amounts get smaller type.
  const size = parts.number.length > 13 ? ' xlong' : parts.number.length > 9 ? ' long' : '';
  return (
    <div className="amount-box">
      <div className="amount-label" id="amount-label">
        {t('checkout.amountLabel')}
      </div>
      <output
        className={`amount-display${size}${props.text === '' ? ' empty' : ''}${props.rejected ? ' rejected' : ''}`}
        data-testid="amount-display"
        data-amount={props.text}
        aria-labelledby="amount-label"
        aria-live="polite"
      >
        {parts.symbolFirst && symbol}
        <span className="amount-number">{parts.number}</span>
        {!parts.symbolFirst && symbol}
      </output>
    </div>
  );
}
