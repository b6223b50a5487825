import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckoutScreen } from '../screens/checkout/CheckoutScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { ShiftScreen } from '../screens/shift/ShiftScreen';
import { TodayScreen } from '../screens/today/TodayScreen';
import { useAppInfo } from './app-info';
import { NavBar, type Screen } from './NavBar';
import { StatusBar } from './StatusBar';

export function App(): ReactNode {
  const { t } = useTranslation();
  const { info } = useAppInfo();
  const [screen, setScreen] = useState<Screen>('checkout');

  return (
    <div className="app">
      <NavBar current={screen} onSelect={setScreen} />
      {info.demoMode && (
        <div className="demo-banner" data-testid="demo-banner" role="note">
          <span className="demo-icon" aria-hidden="true">
            ⚠
          </span>
          {t('demo.banner')}
        </div>
      )}
      <main className="screen">
        {/* Checkout stays mounted, so an order on screen survives a look at Today. */}
        <CheckoutScreen active={screen === 'checkout'} />
        {screen === 'today' && <TodayScreen />}
        {screen === 'shift' && <ShiftScreen />}
        {screen === 'reports' && <ReportsScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
      <StatusBar />
    </div>
  );
}
