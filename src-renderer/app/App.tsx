import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditScreen } from '../screens/audit/AuditScreen';
import { CheckoutScreen } from '../screens/checkout/CheckoutScreen';
import { ReconcileScreen } from '../screens/reconcile/ReconcileScreen';
import { LockScreen } from '../screens/lock/LockScreen';
import { OperatorsScreen } from '../screens/operators/OperatorsScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { ShiftScreen } from '../screens/shift/ShiftScreen';
import { TodayScreen } from '../screens/today/TodayScreen';
import { useAppInfo } from './app-info';
import { NavBar, type Screen } from './NavBar';
import { SecurityBanner } from './SecurityBanner';
import { SessionProvider, useSession } from './session';
import { StatusBar } from './StatusBar';
import { useIdleLock } from './use-idle-lock';
import { usePos } from '../transport/bridge-context';

export function App(): ReactNode {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

/** Nothing but the lock screen until an operator logs in. */
function Gate(): ReactNode {
  const { session } = useSession();
  if (!session) return null;
  if (!session.current) {
    // Locked, sync goes on: the status bar says what waits, and leaving the window still asks
    // first while sales await the gateway (its quit guard).
    return (
      <div className="locked-shell">
        <LockScreen />
        <StatusBar />
      </div>
    );
  }
  return <Main key={session.current.id} isOwner={session.current.role === 'owner'} />;
}

function Main(props: { readonly isOwner: boolean }): ReactNode {
  const { t } = useTranslation();
  const { info } = useAppInfo();
  const pos = usePos();
  const { session, setSession } = useSession();
  const idleLock = useCallback(async () => {
    const r = await pos.invoke('operators.logout', {});
    if (r.ok) setSession(r.value);
    return r.ok;
  }, [pos, setSession]);
  useIdleLock(session?.idleLockMinutes ?? 0, idleLock);
  const [screen, setScreen] = useState<Screen>('checkout');
  /** Bumped when the status bar's issue count is clicked: Settings scrolls to the issues. */
  const [issuesAsked, setIssuesAsked] = useState(0);
  useEffect(() => {
    if (!props.isOwner && (screen === 'operators' || screen === 'audit')) setScreen('checkout');
  }, [props.isOwner, screen]);

  return (
    <div className="app">
      <NavBar current={screen} onSelect={setScreen} isOwner={props.isOwner} />
      {/* One grid row for every banner, whichever show: the screen keeps the row that grows. */}
      <div className="banners" data-testid="banners">
        {info.demoMode && (
          <div className="demo-banner" data-testid="demo-banner" role="note">
            <span className="demo-icon" aria-hidden="true">
              ⚠
            </span>
            {t('demo.banner')}
          </div>
        )}
        <SecurityBanner />
      </div>
      <main className="screen">
        {/* Checkout stays mounted, so an order on screen survives a look at Today. */}
        <CheckoutScreen active={screen === 'checkout'} />
        {screen === 'today' && <TodayScreen />}
        {screen === 'reconcile' && <ReconcileScreen />}
        {screen === 'shift' && <ShiftScreen />}
        {screen === 'reports' && <ReportsScreen />}
        {screen === 'settings' && <SettingsScreen issuesAsked={issuesAsked} />}
        {screen === 'operators' && props.isOwner && <OperatorsScreen />}
        {screen === 'audit' && props.isOwner && <AuditScreen />}
      </main>
      <StatusBar
        onShowIssues={() => {
          setScreen('settings');
          setIssuesAsked((n) => n + 1);
        }}
      />
    </div>
  );
}
