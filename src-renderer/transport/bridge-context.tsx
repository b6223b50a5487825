import { createContext, useContext, useEffect, useRef } from 'react';
import type { EventName, EventPayload, PosBridge } from '../../src-shared/api/index';

export const BridgeContext = createContext<PosBridge | null>(null);

export function usePos(): PosBridge {
  const pos = useContext(BridgeContext);
  if (!pos) throw new Error('assertion failed: usePos outside BridgeContext');
  return pos;
}

/** Subscribes to a pushed event for the component's life; the latest listener is always called. */
export function usePosEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const pos = usePos();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => pos.on(name, (p) => ref.current(p)), [pos, name]);
}
