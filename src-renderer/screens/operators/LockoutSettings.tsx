import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorsView } from '../../../src-shared/api/index';
import { PIN_RE } from '../../../src-shared/api/operators';
import { lockoutFieldRefusal, wholeNumberAsTyped, type LockoutField } from '../../../src-shared/lockout-limits';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { useSession } from '../../app/session';
import { PinField } from '../lock/PinField';

/** How many wrong PINs lock an operator, and for how long; after how long idle the till locks itself. */
export function LockoutSettings(props: {
  readonly view: OperatorsView;
  readonly onSaved: (v: OperatorsView) => void;
}): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const [attempts, setAttempts] = useState(String(props.view.pinAttemptsMax));
  const [minutes, setMinutes] = useState(String(props.view.pinLockoutMinutes));
  const [idle, setIdle] = useState(String(props.view.idleLockMinutes));
  const { refresh } = useSession();
  /** The refusal, by the field it is about (null: the form as a whole, e.g. owner_required). */
  const [error, setError] = useState<{ field: LockoutField | null; error: AppError } | null>(null);
  const [saved, setSaved] = useState(false);
  /** The caller's PIN: main asks for it when the change loosens the lockout or the idle lock. */
  const [currentPin, setCurrentPin] = useState('');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    // The value as typed: "-1" or "0.5" is refused as it stands, named, never read as 1 or 5.
    const values: Record<LockoutField, number> = {
      attemptsMax: wholeNumberAsTyped(attempts),
      lockoutMinutes: wholeNumberAsTyped(minutes),
      idleLockMinutes: wholeNumberAsTyped(idle),
    };
    for (const field of FIELD_ORDER) {
      const refused = lockoutFieldRefusal(field, values[field]);
      if (refused) return setError({ field, error: refused.error });
    }
    const r = await pos.invoke('operators.setLockout', {
      ...values,
      ...(PIN_RE.test(currentPin) ? { currentPin } : {}),
    });
    setCurrentPin('');
    if (r.ok) {
      props.onSaved(r.value);
      void refresh(); // the idle lock of this window follows at once
      setSaved(true);
    } else setError({ field: fieldOf(r.error), error: r.error });
  };

  const errorFor = (field: LockoutField | null) =>
    error && error.field === field ? (
      <div data-testid="lockout-error" data-field={field ?? ''}>
        <ErrorMessage error={error.error} scroll />
      </div>
    ) : null;

  return (
    <form className="card" onSubmit={(e) => void save(e)}>
      <h2>{t('operators.lockoutTitle')}</h2>
      <WholeNumberField
        label={t('operators.attemptsMax')}
        testId="lockout-attempts"
        value={attempts}
        onChange={setAttempts}
      />
      {errorFor('attemptsMax')}
      <WholeNumberField
        label={t('operators.lockoutMinutes')}
        testId="lockout-minutes"
        value={minutes}
        onChange={setMinutes}
      />
      {errorFor('lockoutMinutes')}
      <WholeNumberField
        label={t('operators.idleLockMinutes')}
        testId="idle-lock-minutes"
        value={idle}
        onChange={setIdle}
      />
      {errorFor('idleLockMinutes')}
      <PinField
        label={t('operators.yourPinLoosen')}
        value={currentPin}
        onChange={setCurrentPin}
        testId="lockout-current-pin"
      />
      {errorFor(null)}
      <button type="submit" className="btn" data-testid="lockout-save">
        {t('operators.save')}
      </button>
      {saved && (
        <p className="success" role="status">
          {t('operators.saved')}
        </p>
      )}
    </form>
  );
}

/** A field for a whole number of minutes or tries, kept as typed (save refuses what is not one). */
function WholeNumberField(props: {
  readonly label: string;
  readonly testId: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
}): ReactNode {
  return (
    <label className="field">
      <span className="label">{props.label}</span>
      <input
        inputMode="numeric"
        data-testid={props.testId}
        value={props.value}
        maxLength={12}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

const FIELD_ORDER: readonly LockoutField[] = ['attemptsMax', 'lockoutMinutes', 'idleLockMinutes'];

/** Which field main's refusal names, if any. */
function fieldOf(e: AppError): LockoutField | null {
  if (e.code === 'lockout_attempts_invalid') return 'attemptsMax';
  if (e.code === 'lockout_minutes_invalid') return 'lockoutMinutes';
  if (e.code === 'idle_lock_minutes_invalid') return 'idleLockMinutes';
  return null;
}
