/** Owner only: the operators (unlock, new PIN, deactivate), add one, and the wrong-PIN lockout. */
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorRole, OperatorsView } from '../../../src-shared/api/index';
import { PIN_RE } from '../../../src-shared/api/operators';
import type { AppError, Result } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { useSession } from '../../app/session';
import { usePos } from '../../transport/bridge-context';
import { PinField } from '../lock/PinField';
import { LockoutSettings } from './LockoutSettings';
import { OperatorActions } from './OperatorActions';
import { RecoverySection } from './RecoverySection';
import '../../styles/operators.css';

export function OperatorsScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const { info } = useAppInfo();
  const { session } = useSession();
  const [view, setView] = useState<OperatorsView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRole>('cashier');
  const [pin, setPin] = useState('');
  /** Adding an owner asks the caller's own PIN again. */
  const [yourPin, setYourPin] = useState('');
  const [done, setDone] = useState(false);
  const [addError, setAddError] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const r = await pos.invoke('operators.list', {});
    if (r.ok) setView(r.value);
    else setError(r.error);
  }, [pos]);
  useEffect(() => void load(), [load]);

  const apply = (r: Result<OperatorsView>): boolean => {
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else {
      setError(r.error);
      // A wrong PIN may have locked someone (the caller): the list shows it now, not on the next visit.
      if (r.error.code === 'pin_wrong' || r.error.code === 'operator_locked') {
        void pos.invoke('operators.list', {}).then((l) => l.ok && setView(l.value));
      }
    }
    return r.ok;
  };
  const [adding, setAdding] = useState(false);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (adding) return; // a double click or a second Enter adds once
    setDone(false);
    setAdding(true);
    const r = await pos.invoke('operators.create', {
      name,
      role,
      pin,
      ...(role === 'owner' ? { currentPin: yourPin } : {}),
    });
    setAdding(false);
    setYourPin('');
    if (r.ok) {
      setView(r.value);
      setError(null);
      setAddError(null);
      setName('');
      setPin('');
      setRole('cashier'); // the next one added is most likely a cashier
      setDone(true);
    } else setAddError(r.error); // said under the form, where the owner is looking
  };
  const time = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short', timeZone: info.timeZone }).format(
      ms,
    );

  return (
    <section className="operators" data-testid="operators-screen">
      <h1>{t('operators.title')}</h1>
      <ErrorMessage error={error} />
      <table className="orders">
        <thead>
          <tr>
            <th>{t('lock.name')}</th>
            <th>{t('operators.role')}</th>
            <th>{t('operators.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {view?.operators.map((o) => (
            <tr
              key={o.id}
              data-testid="operator-row"
              data-name={o.name}
              data-locked={o.lockedUntilMs !== null}
              data-disabled={o.disabled}
              className={o.disabled ? 'muted' : undefined}
            >
              <td>{o.name}</td>
              <td>{t(o.role === 'owner' ? 'lock.owner' : 'lock.cashier')}</td>
              <td>
                {o.disabled
                  ? t('operators.disabled')
                  : o.lockedUntilMs === null
                    ? t('operators.active')
                    : t('operators.locked', { time: time(o.lockedUntilMs) })}
              </td>
              <td>
                <OperatorActions operator={o} isSelf={o.id === session?.current?.id} apply={apply} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card" onSubmit={(e) => void add(e)}>
        <h2>{t('operators.add')}</h2>
        <label className="field">
          <span className="label">{t('lock.name')}</span>
          <input data-testid="operator-name" value={name} maxLength={32} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="label">{t('operators.role')}</span>
          <select
            data-testid="operator-role"
            value={role}
            onChange={(e) => setRole(e.target.value === 'owner' ? 'owner' : 'cashier')}
          >
            <option value="cashier">{t('lock.cashier')}</option>
            <option value="owner">{t('lock.owner')}</option>
          </select>
        </label>
        <PinField label={t('lock.pin')} value={pin} onChange={setPin} testId="operator-pin" />
        {role === 'owner' && (
          <PinField label={t('operators.yourPin')} value={yourPin} onChange={setYourPin} testId="operator-your-pin" />
        )}
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="operator-add"
          disabled={adding || name.trim() === '' || !PIN_RE.test(pin) || (role === 'owner' && !PIN_RE.test(yourPin))}
        >
          {t('operators.add')}
        </button>
        <ErrorMessage error={addError} />
        {done && (
          <p className="success" role="status">
            {t('operators.created')}
          </p>
        )}
      </form>
      <RecoverySection />
      {view && <LockoutSettings view={view} onSaved={setView} />}
    </section>
  );
}
