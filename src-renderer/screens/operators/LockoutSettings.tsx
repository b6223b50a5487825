import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorsView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { useSession } from '../../app/session';

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
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await pos.invoke('operators.setLockout', {
      attemptsMax: whole(attempts),
      lockoutMinutes: whole(minutes),
      idleLockMinutes: whole(idle),
    });
    if (r.ok) {
      props.onSaved(r.value);
      void refresh(); // the idle lock of this window follows at once
      setError(null);
      setSaved(true);
    } else setError(r.error);
  };

  return (
    <form className="card" onSubmit={(e) => void save(e)}>
      <h2>{t('operators.lockoutTitle')}</h2>
      <WholeNumberField
        label={t('operators.attemptsMax')}
        testId="lockout-attempts"
        value={attempts}
        onChange={setAttempts}
      />
      <WholeNumberField
        label={t('operators.lockoutMinutes')}
        testId="lockout-minutes"
        value={minutes}
        onChange={setMinutes}
      />
      <WholeNumberField
        label={t('operators.idleLockMinutes')}
        testId="idle-lock-minutes"
        value={idle}
        onChange={setIdle}
      />
      <ErrorMessage error={error} />
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

/** A field for a whole number of minutes or tries: digits only. */
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
        onChange={(e) => props.onChange(e.target.value.replace(/\D/g, ''))}
      />
    </label>
  );
}

/** An empty field is no number (refused, named), never 0: an empty idle lock must not mean "never". */
const whole = (v: string): number => (v === '' ? Number.NaN : Number(v));
