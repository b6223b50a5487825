import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';

/** zh-CN / English, saved in main (`settings.setLocale`); the whole UI switches at once. */
export function LanguageSection(): ReactNode {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settings.language')}</h2>
      <p className="muted">{t('settings.languageHint')}</p>
      <LanguageSwitch labelledBy="settings-language" />
    </section>
  );
}
