import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../app/app-info';
import { BusinessDaySection } from './BusinessDaySection';
import { FeesSection } from './FeesSection';
import { PrinterSection } from './PrinterSection';
import { OfflineSection } from '../offline/OfflineSection';
import { GatewaySection } from './GatewaySection';
import { LanguageSection } from './LanguageSection';
import { LedgerSection } from './LedgerSection';

/** `issuesAsked`: changes when the status bar's issue count is clicked (scrolls to the issues). */
export function SettingsScreen(props: { readonly issuesAsked?: number }): ReactNode {
  const { t } = useTranslation();
  const { info } = useAppInfo();
  return (
    <section className="settings" data-testid="settings">
      <h1>{t('settings.title')}</h1>
      <div className="settings-grid">
        <div className="settings-col">
          <LanguageSection />
          <LedgerSection />
          <BusinessDaySection />
          <FeesSection />
          <PrinterSection />
          <OfflineSection issuesAsked={props.issuesAsked} />
          <p className="muted about">{t('app.version', { version: info.version })}</p>
        </div>
        <GatewaySection />
      </div>
    </section>
  );
}
