/** The console opens here: pick who you are, type the PIN. First run sets up the owner. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_RE } from '../../../src-shared/api/operators';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { LockIcon } from '../../app/LockIcon';
import { useSession } from '../../app/session';
import { usePos } from '../../transport/bridge-context';
import { PinField } from './PinField';
import { RecoverForm } from './RecoverForm';
import { SetupOwner } from './SetupOwner';
import '../../styles/operators.css';

export function LockScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const { info } = useAppInfo();
  const { session, setSession, refresh } = useSession();
  const [chosen, setChosen] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);

  if (!session) return null;
  // Before anyone logs in, a reader of the other language switches here (first run too).
  const language = (
    <div className="lock-language">
      <LanguageSwitch testIdPrefix="lock-locale" />
    </div>
  );
  if (!session.hasOwner) {
    return (
      <div className="lock-screen">
        <SetupOwner />
        {language}
      </div>
    );
  }
  const operatorId = chosen ?? session.operators[0]?.id ?? null;
  const selected = session.operators.find((o) => o.id === operatorId) ?? null;
  // With the date: "00:49" alone read like a 49-second countdown when the lock ends tomorrow.
  const time = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language, {
      month: 'short',
      day: 'numeric',
      // 01:37 in Chinese; "1:37 AM", not "01:37 AM", in English.
      hour: i18n.language.startsWith('zh') ? '2-digit' : 'numeric',
      minute: '2-digit',
      timeZone: info.timeZone,
    }).format(ms);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!operatorId) return;
    setBusy(true);
    setError(null);
    const r = await pos.invoke('operators.login', { operatorId, pin });
    setBusy(false);
    setPin('');
    if (r.ok) setSession(r.value);
    else {
      setError(r.error);
      void refresh(); // shows a new lock at once
    }
  };

  return (
    <div className="lock-screen">
      <form className="lock-card" onSubmit={(e) => void submit(e)} data-testid="lock-screen">
        <h1>
          <LockIcon />
          {t('lock.title')}
        </h1>
        <p className="label">{t('lock.choose')}</p>
        <div className="operator-picker" role="radiogroup">
          {session.operators.map((o) => (
            <button
              key={o.id}
              type="button"
              role="radio"
              aria-checked={o.id === operatorId}
              className={o.id === operatorId ? 'btn operator-choice active' : 'btn operator-choice'}
              data-testid="lock-operator"
              data-name={o.name}
              onClick={() => {
                setChosen(o.id);
                setError(null);
              }}
            >
              {o.name} <span className="muted">· {t(o.role === 'owner' ? 'lock.owner' : 'lock.cashier')}</span>
              {o.lockedUntilMs !== null && (
                <>
                  {' '}
                  <LockIcon />
                </>
              )}
            </button>
          ))}
        </div>
        {selected?.lockedUntilMs != null ? (
          <p className="error-message" role="alert" data-testid="lock-locked">
            {t('lock.lockedUntil', { time: time(selected.lockedUntilMs) })}
          </p>
        ) : (
          <>
            <PinField label={t('lock.pin')} value={pin} onChange={setPin} testId="lock-pin" autoFocus />
            <ErrorMessage error={error} />
            <button
              type="submit"
              className="btn btn-primary btn-large"
              data-testid="lock-submit"
              disabled={busy || !PIN_RE.test(pin)}
            >
              {t('lock.login')}
            </button>
          </>
        )}
        {session.recoveryAvailable && selected?.role === 'owner' && !recovering && (
          <button type="button" className="btn-link" data-testid="lock-forgot" onClick={() => setRecovering(true)}>
            {t('lock.forgotPin')}
          </button>
        )}
      </form>
      {recovering && selected?.role === 'owner' && (
        <div className="lock-card">
          <RecoverForm
            owner={selected}
            onDone={(v) => {
              setRecovering(false);
              setSession(v);
            }}
            onCancel={() => setRecovering(false)}
            onFailed={() => void refresh()}
          />
        </div>
      )}
      {language}
    </div>
  );
}
