/**
 * One operator's actions on the owner's list: unlock (after wrong PINs: never oneself; an owner
 * needs the caller's PIN), a new PIN (one who forgot theirs; an owner's, one's own or another's,
 * needs the caller's PIN), deactivate (a cashier who left) or activate again. The server refuses
 * oneself and the last owner; the buttons say so first.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorsView, OperatorView } from '../../../src-shared/api/index';
import { PIN_RE } from '../../../src-shared/api/operators';
import type { Result } from '../../../src-shared/result';
import { usePos } from '../../transport/bridge-context';
import { PinField } from '../lock/PinField';

export function OperatorActions(props: {
  readonly operator: OperatorView;
  readonly isSelf: boolean;
  readonly apply: (r: Result<OperatorsView>) => boolean;
}): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const o = props.operator;
  const [settingPin, setSettingPin] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  const [unlockPin, setUnlockPin] = useState('');
  const [pin, setPin] = useState('');
  const [currentPin, setCurrentPin] = useState('');
  /** An owner's PIN (one's own or another owner's) needs the caller's PIN again. */
  const asksYourPin = props.isSelf || o.role === 'owner';

  const savePin = async (e: FormEvent) => {
    e.preventDefault();
    const r = await pos.invoke('operators.setPin', {
      operatorId: o.id,
      pin,
      ...(asksYourPin ? { currentPin } : {}),
    });
    setCurrentPin('');
    if (props.apply(r)) {
      setPin('');
      setSettingPin(false);
    }
  };
  const ready = PIN_RE.test(pin) && (!asksYourPin || PIN_RE.test(currentPin));

  const unlock = async (e?: FormEvent) => {
    e?.preventDefault();
    const r = await pos.invoke('operators.unlock', {
      operatorId: o.id,
      ...(o.role === 'owner' ? { currentPin: unlockPin } : {}),
    });
    setUnlockPin('');
    if (props.apply(r)) setUnlocking(false);
  };

  return (
    <div className="operator-actions">
      {o.lockedUntilMs !== null && !props.isSelf && (
        <button
          type="button"
          className="btn btn-small"
          data-testid="operator-unlock"
          aria-expanded={o.role === 'owner' ? unlocking : undefined}
          onClick={() => (o.role === 'owner' ? setUnlocking((v) => !v) : void unlock())}
        >
          {t('operators.unlock')}
        </button>
      )}
      {!o.disabled && (
        <button
          type="button"
          className="btn btn-small"
          data-testid="operator-set-pin"
          aria-expanded={settingPin}
          onClick={() => setSettingPin((v) => !v)}
        >
          {t('operators.newPin')}
        </button>
      )}
      {!props.isSelf && (
        <button
          type="button"
          className="btn btn-small"
          data-testid={o.disabled ? 'operator-enable' : 'operator-disable'}
          onClick={() =>
            void pos.invoke('operators.setActive', { operatorId: o.id, active: o.disabled }).then(props.apply)
          }
        >
          {t(o.disabled ? 'operators.enable' : 'operators.disable')}
        </button>
      )}
      {unlocking && o.lockedUntilMs !== null && (
        <form className="operator-pin-form" onSubmit={(e) => void unlock(e)} data-testid="operator-unlock-form">
          <PinField
            label={t('operators.yourPin')}
            value={unlockPin}
            onChange={setUnlockPin}
            testId="operator-unlock-pin"
            autoFocus
          />
          <button
            type="submit"
            className="btn btn-small btn-primary"
            data-testid="operator-unlock-submit"
            disabled={!PIN_RE.test(unlockPin)}
          >
            {t('operators.unlock')}
          </button>
        </form>
      )}
      {settingPin && (
        <form className="operator-pin-form" onSubmit={(e) => void savePin(e)} data-testid="operator-pin-form">
          {asksYourPin && (
            <PinField
              label={props.isSelf ? t('operators.currentPin') : t('operators.yourPin')}
              value={currentPin}
              onChange={setCurrentPin}
              testId="operator-current-pin"
              autoFocus
            />
          )}
          <PinField
            label={t('operators.newPinFor', { name: o.name })}
            value={pin}
            onChange={setPin}
            testId="operator-new-pin"
            autoFocus={!asksYourPin}
          />
          <button type="submit" className="btn btn-small btn-primary" data-testid="operator-save-pin" disabled={!ready}>
            {t('operators.save')}
          </button>
        </form>
      )}
    </div>
  );
}
