import { useEffect } from 'react';

/**
 * While journal entries or code-verified sales await the gateway, leaving the page asks first
 * (browser host: the browser's own prompt; Electron: main turns `will-prevent-unload` into a
 * translated dialog naming both counts). Nothing pending is discarded either way: it stays in
 * the ledger and the outbox for the next start.
 */
export function useQuitGuard(pending: number): void {
  useEffect(() => {
    if (pending <= 0) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [pending]);
}
