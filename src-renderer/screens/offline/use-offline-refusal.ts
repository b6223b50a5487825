import { useEffect, useState } from 'react';
import type { AppError } from '../../../src-shared/result';
import { usePos, usePosEvent } from '../../transport/bridge-context';

/**
 * Why this order's confirmation code would be refused now (an owner's offline limit), or null.
 * Asked when the order is shown and again at each sync status (the total awaiting the gateway,
 * the oldest sale's age and the limits themselves all arrive with it), so the cashier knows
 * before the customer pays, not after. `orderId` null: not asked (the counter is online).
 */
export function useOfflineRefusal(orderId: string | null): AppError | null {
  const pos = usePos();
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [asked, setAsked] = useState(0);
  usePosEvent('sync.status', () => setAsked((n) => n + 1));
  useEffect(() => {
    if (orderId === null) {
      setRefusal(null); // online: nothing to refuse
      return;
    }
    let live = true;
    void pos.invoke('offline.check', { orderId }).then((r) => {
      // Not answered (not paired, or the order gone): the code field stays, and says why if used.
      if (live) setRefusal(r.ok ? r.value.refusal : null);
    });
    return () => {
      live = false;
    };
  }, [pos, orderId, asked]);
  return refusal;
}
