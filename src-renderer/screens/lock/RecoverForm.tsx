/**
 * "Forgot PIN?" for an owner: the recovery code the owner made on the Operators screen, and a
 * new PIN. The code is used up; the owner is logged in and should make a new one.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorView, SessionView } from '../../../src-shared/api/index';
import { PIN_RE } from '../../../src-shared/api/operators';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';
import { PinField } from './PinField';

export function RecoverForm(props: {
  readonly owner: OperatorView;
  readonly onDone: (s: SessionView) => void;
  readonly onCancel: () => void;
  readonly onFailed: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await pos.invoke('operators.recover', { operatorId: props.owner.id, code, pin });
    setBusy(false);
    if (r.ok) return props.onDone(r.value);
    setError(r.error);
    props.onFailed();
  };
  const ready = code.replace(/[\s-]/g, '').length === 16 && PIN_RE.test(pin) && pin === pin2;
  return (
    <form className="recover-form" onSubmit={(e) => void submit(e)} data-testid="recover-form">
      <h2>{t('lock.recoverTitle', { name: props.owner.name })}</h2>
      <p className="muted">{t('lock.recoverHint')}</p>
      <label className="field">
        <span className="label">{t('lock.recoveryCode')}</span>
        <input
          data-testid="recover-code"
          className="mono"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          placeholder="XXXX-XXXX-XXXX-XXXX"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus
        />
      </label>
      <PinField label={t('lock.newPin')} value={pin} onChange={setPin} testId="recover-pin" />
      <PinField label={t('lock.newPinAgain')} value={pin2} onChange={setPin2} testId="recover-pin2" />
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" data-testid="recover-submit" disabled={busy || !ready}>
          {t('lock.recoverSubmit')}
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          {t('lock.recoverCancel')}
        </button>
      </div>
    </form>
  );
}
