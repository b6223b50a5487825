import { useEffect } from 'react';
import { idleExpired } from '../logic/idle';
import { saleUnderWay } from '../logic/sale-under-way';

/** Input that counts as someone at the till. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
/** How often the idle time is looked at. */
const CHECK_EVERY_MS = 5_000;

/**
 * Locks the till after `minutes` without a key, a click or a touch: a till left open gives
 * whoever walks up the logged-in operator's rights. Sync goes on while locked, and the lock
 * screen keeps the status bar and the quit guard.
 */
export function useIdleLock(minutes: number, lock: () => Promise<boolean>): void {
  useEffect(() => {
    if (minutes <= 0) return;
    let last = Date.now();
    let locked = false;
    const mark = () => {
      last = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, mark, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      // A customer may be paying the QR on screen: that counts as someone at the till.
      if (saleUnderWay.get()) mark();
      if (locked || !idleExpired(last, Date.now(), minutes)) return;
      locked = true;
      // Not locked (main did not answer): try again after another idle spell, not never.
      void lock().then((done) => {
        if (done) return;
        locked = false;
        last = Date.now();
      });
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, mark, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes, lock]);
}
