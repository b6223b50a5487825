/**
 * A sale survives the lock screen and a reload (the checkout is new after each): the order that
 * was on screen comes back as it is now — paid while locked, it says so — or else the order a
 * customer may still be paying (a new window: main keeps it, `orders.open`). Never rung up a
 * second time. Meanwhile the idle lock waits while the customer may be paying.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { OrderView } from '../../../src-shared/api/index';
import { isFinal } from '../../logic/order-state';
import { onScreenOrder, saleUnderWay } from '../../logic/sale-under-way';
import type { PosBridge } from '../../../src-shared/api/index';
import type { Phase } from './phase';

/** How long an order being created counts as a sale under way (the idle lock waits). */
const CREATING_UNDER_WAY_MS = 30_000;

export function useSaleContinuity(d: {
  readonly pos: PosBridge;
  readonly phase: Phase;
  readonly phaseRef: RefObject<Phase>;
  readonly textRef: RefObject<string>;
  readonly showOrder: (o: OrderView) => void;
  readonly clockOffsetMs: number;
}): void {
  const { pos, phase, phaseRef, textRef, showOrder, clockOffsetMs } = d;
  /** The order that was on screen has been looked for: an empty screen from now on means none. */
  const restored = useRef(false);
  useEffect(() => {
    let live = true;
    const shown = onScreenOrder.get();
    void (shown ? pos.invoke('orders.get', { id: shown }) : pos.invoke('orders.open', {})).then((r) => {
      if (!live) return;
      restored.current = true;
      if (!r.ok || r.value === null) {
        if (phaseRef.current.kind === 'entry') onScreenOrder.set(null); // gone (another data folder)
        return;
      }
      if (phaseRef.current.kind !== 'entry' || textRef.current !== '') return; // another sale began
      showOrder(r.value);
    });
    return () => {
      live = false;
    };
  }, [pos, showOrder, phaseRef, textRef]);

  useEffect(() => {
    // Until the order's expiry at the latest (main's clock, as this window's); a creation, briefly.
    saleUnderWay.set(
      phase.kind === 'creating'
        ? Date.now() + CREATING_UNDER_WAY_MS
        : phase.kind === 'order' && !isFinal(phase.order.status)
          ? phase.order.expiresAtMs - clockOffsetMs
          : null,
    );
    // Kept while the customer may still pay: an outcome seen on screen is not shown again (to the
    // next operator, say); one that came while the screen was away (locked) is.
    if (phase.kind === 'order' && !isFinal(phase.order.status)) onScreenOrder.set(phase.order.id);
    else if (phase.kind !== 'creating' && restored.current) onScreenOrder.set(null);
    return () => saleUnderWay.set(null);
  }, [phase, clockOffsetMs]);
}
