import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type Screen = 'checkout' | 'today' | 'shift' | 'reports' | 'settings';
export const SCREENS: readonly Screen[] = ['checkout', 'today', 'shift', 'reports', 'settings'];

export function NavBar(props: { readonly current: Screen; readonly onSelect: (s: Screen) => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="brand">{t('app.title')}</div>
      <nav className="nav" aria-label={t('nav.label')}>
        {SCREENS.map((s) => (
          <button
            key={s}
            type="button"
            className={s === props.current ? 'nav-item active' : 'nav-item'}
            aria-current={s === props.current ? 'page' : undefined}
            data-testid={`nav-${s}`}
            onClick={() => props.onSelect(s)}
            onMouseDown={(e) => e.preventDefault() /* keep focus off, so Enter stays "collect" */}
          >
            {t(`nav.${s}`)}
          </button>
        ))}
      </nav>
    </header>
  );
}
