import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LockButton } from './LockButton';
import { useSession } from './session';

export type Screen = 'checkout' | 'today' | 'shift' | 'reports' | 'reconcile' | 'settings' | 'operators' | 'audit';
export const SCREENS: readonly Screen[] = [
  'checkout',
  'today',
  'shift',
  'reports',
  'reconcile',
  'settings',
  'operators',
  'audit',
];
/** Screens only the owner sees: closing the day and managing people are the owner's. */
const OWNER_SCREENS: ReadonlySet<Screen> = new Set(['reports', 'reconcile', 'operators', 'audit']);

const LABEL_KEY = {
  checkout: 'nav.checkout',
  today: 'nav.today',
  shift: 'nav.shift',
  reports: 'nav.reports',
  reconcile: 'nav.reconcile',
  settings: 'nav.settings',
  operators: 'operators.nav',
  audit: 'audit.nav',
} as const;

export function NavBar(props: {
  readonly current: Screen;
  readonly onSelect: (s: Screen) => void;
  readonly isOwner: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const { session } = useSession();
  const visible = SCREENS.filter((s) => props.isOwner || !OWNER_SCREENS.has(s));
  return (
    <header className="topbar">
      <div className="brand">{t('app.title')}</div>
      <nav className="nav" aria-label={t('nav.label')}>
        {visible.map((s) => (
          <button
            key={s}
            type="button"
            className={s === props.current ? 'nav-item active' : 'nav-item'}
            aria-current={s === props.current ? 'page' : undefined}
            data-testid={`nav-${s}`}
            onClick={() => props.onSelect(s)}
            onMouseDown={(e) => e.preventDefault() /* keep focus off, so Enter stays "collect" */}
          >
            {t(LABEL_KEY[s])}
          </button>
        ))}
      </nav>
      <div className="session-box">
        <span data-testid="session-operator">{t('lock.signedInAs', { name: session?.current?.name ?? '' })}</span>
        <LockButton />
      </div>
    </header>
  );
}
