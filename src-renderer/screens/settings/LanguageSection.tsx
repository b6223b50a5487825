import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../src-shared/api/views';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos } from '../../transport/bridge-context';

/** zh-CN / English, saved in main (`settings.setLocale`); the whole UI switches at once. */
export function LanguageSection(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info, setInfo } = useAppInfo();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

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
    <section className="card" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settings.language')}</h2>
      <p className="muted">{t('settings.languageHint')}</p>
      <div className="segmented" role="radiogroup" aria-labelledby="settings-language">
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            role="radio"
            aria-checked={l === info.locale}
            lang={l}
            className={l === info.locale ? 'seg active' : 'seg'}
            data-testid={`locale-${l}`}
            disabled={busy}
            onClick={() => void choose(l)}
          >
            {l === info.locale && <span aria-hidden="true">✓ </span>}
            {t(`languages.${l}`)}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}
