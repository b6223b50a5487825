import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_RE } from '../../../src-shared/api/operators';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { useSession } from '../../app/session';
import { usePos } from '../../transport/bridge-context';
import { PinField } from './PinField';

/** First run: no owner yet, so the lock screen asks for one. */
export function SetupOwner(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { setSession } = useSession();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMismatch(pin !== pin2);
    if (pin !== pin2) return;
    setBusy(true);
    const r = await pos.invoke('operators.setupOwner', { name, pin });
    setBusy(false);
    if (r.ok) setSession(r.value);
    else setError(r.error);
  };

  return (
    <form className="lock-card" onSubmit={(e) => void submit(e)} data-testid="setup-owner">
      <h1>{t('lock.setupTitle')}</h1>
      <p className="muted">{t('lock.setupHint')}</p>
      <label className="field">
        <span className="label">{t('lock.name')}</span>
        <input
          data-testid="setup-name"
          value={name}
          maxLength={32}
          autoFocus
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <PinField label={t('lock.pin')} value={pin} onChange={setPin} testId="setup-pin" />
      <PinField label={t('lock.pinAgain')} value={pin2} onChange={setPin2} testId="setup-pin2" />
      {mismatch && (
        <p className="error-message" role="alert">
          {t('lock.pinMismatch')}
        </p>
      )}
      <ErrorMessage error={error} />
      <button
        type="submit"
        className="btn btn-primary btn-large"
        data-testid="setup-submit"
        disabled={busy || name.trim() === '' || !PIN_RE.test(pin)}
      >
        {t('lock.create')}
      </button>
    </form>
  );
}
