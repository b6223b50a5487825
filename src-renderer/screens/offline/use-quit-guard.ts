import { useEffect } from 'react';

/**
 * While journal entries await the gateway, leaving the page asks first (browser host: the
 * browser's own prompt; Electron: main turns `will-prevent-unload` into a translated dialog).
 * Nothing pending is discarded either way: it stays in the outbox for the next start.
 */
export function useQuitGuard(pendingEntries: number): void {
  useEffect(() => {
    if (pendingEntries <= 0) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [pendingEntries]);
}
