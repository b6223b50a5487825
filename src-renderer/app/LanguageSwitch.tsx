/**
 * zh-CN / English, saved in main (`settings.setLocale`, callable at the lock screen too); the
 * whole UI switches at once. Each language is named in itself, so either reader finds theirs.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../src-shared/api/views';
import type { AppError } from '../../src-shared/result';
import { usePos } from '../transport/bridge-context';
import { useAppInfo } from './app-info';
import { ErrorMessage } from './ErrorMessage';

export function LanguageSwitch(props: { readonly labelledBy?: string; readonly testIdPrefix?: string }): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info, setInfo } = useAppInfo();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const prefix = props.testIdPrefix ?? 'locale';

  const choose = async (locale: Locale) => {
    if (locale === info.locale || busy) return;
    setBusy(true);
    setError(null);
    const r = await pos.invoke('settings.setLocale', { locale });
    setBusy(false);
    if (r.ok) setInfo(r.value);
    else setError(r.error);
  };

  return (
    <>
      <div
        className="segmented"
        role="radiogroup"
        aria-labelledby={props.labelledBy}
        aria-label={props.labelledBy ? undefined : t('settings.language')}
      >
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            role="radio"
            aria-checked={l === info.locale}
            lang={l}
            className={l === info.locale ? 'seg active' : 'seg'}
            data-testid={`${prefix}-${l}`}
            disabled={busy}
            onClick={() => void choose(l)}
          >
            {l === info.locale && <span aria-hidden="true">✓ </span>}
            {t(`languages.${l}`)}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} />
    </>
  );
}
