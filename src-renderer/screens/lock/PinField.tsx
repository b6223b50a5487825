import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pinDigits, PIN_FIELD_CHARS_MAX, PIN_DIGITS_MAX } from '../../logic/pin-input';

/**
 * A PIN input: digits only (full-width ones read as digits), masked, numeric keyboard. A PIN
 * longer than 8 digits (a paste) is kept whole and said too long, never cut to one that is not
 * the PIN the person meant; the form's check refuses it.
 */
export function PinField(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly testId: string;
  readonly autoFocus?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const tooLong = props.value.length > PIN_DIGITS_MAX;
  return (
    <label className="field">
      <span className="label">{props.label}</span>
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_FIELD_CHARS_MAX}
        className="mono pin-input"
        data-testid={props.testId}
        autoFocus={props.autoFocus}
        aria-invalid={tooLong || undefined}
        value={props.value}
        onChange={(e) => props.onChange(pinDigits(e.target.value))}
      />
      {tooLong && (
        <span className="hint" role="status" data-testid={`${props.testId}-too-long`}>
          {t('lock.pinTooLong', { n: props.value.length })}
        </span>
      )}
    </label>
  );
}
