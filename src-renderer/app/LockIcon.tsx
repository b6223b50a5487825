import type { ReactNode } from 'react';

/**
 * A padlock drawn inline, in the text's colour: the 🔒 emoji needs a colour-emoji font, which
 * a Linux counter often lacks (it rendered as a box in Debian's Chromium).
 */
export function LockIcon(): ReactNode {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
}
