import type { ReactNode } from 'react';

/** A PIN input: digits only, masked, numeric keyboard, at most 8 digits. */
export function PinField(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly testId: string;
  readonly autoFocus?: boolean;
}): ReactNode {
  return (
    <label className="field">
      <span className="label">{props.label}</span>
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        className="mono pin-input"
        data-testid={props.testId}
        autoFocus={props.autoFocus}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.replace(/\D/g, '').slice(0, 8))}
      />
    </label>
  );
}
