/**
 * The owners' recovery code: made here, shown once, to be written down and kept away from the
 * counter. Without one, an only owner who forgets their PIN has no way back in.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { useSession } from '../../app/session';
import { usePos } from '../../transport/bridge-context';
import { PIN_RE } from '../../../src-shared/api/operators';
import { PinField } from '../lock/PinField';

export function RecoverySection(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { session, refresh } = useSession();
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const owners = session?.operators.filter((o) => o.role === 'owner').length ?? 0;
  const has = session?.recoveryAvailable ?? false;

  const [yourPin, setYourPin] = useState('');
  const section = useRef<HTMLElement>(null);
  // A wrong PIN or the code itself: brought into view (the section sits at the bottom of the page).
  useEffect(() => {
    if (error || code) section.current?.scrollIntoView({ block: 'nearest' });
  }, [error, code]);
  const make = async () => {
    setError(null);
    const r = await pos.invoke('operators.newRecoveryCode', { currentPin: yourPin });
    setYourPin('');
    void refresh(); // made, or wrong PINs counted toward a lockout
    if (!r.ok) return setError(r.error);
    setCode(r.value.code);
  };
  return (
    <section className="card" data-testid="recovery-section" ref={section}>
      <h2>{t('operators.recoveryTitle')}</h2>
      <p className="muted">{t('operators.recoveryHint')}</p>
      {!has && owners <= 1 && (
        <p className="warning" role="note" data-testid="recovery-missing">
          {t('operators.recoveryMissing')}
        </p>
      )}
      <PinField label={t('operators.yourPin')} value={yourPin} onChange={setYourPin} testId="recovery-your-pin" />
      <button
        type="button"
        className="btn"
        data-testid="recovery-make"
        disabled={!PIN_RE.test(yourPin)}
        onClick={() => void make()}
      >
        {has ? t('operators.recoveryRemake') : t('operators.recoveryMake')}
      </button>
      <ErrorMessage error={error} />
      {code && (
        <div className="recovery-code" role="status" data-testid="recovery-code" data-code={code}>
          <p className="mono">{code}</p>
          <p>{t('operators.recoveryShownOnce')}</p>
        </div>
      )}
    </section>
  );
}
