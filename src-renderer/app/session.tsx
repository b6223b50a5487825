/** Who is logged in: `operators.status`, refreshed by the `operators.session` event. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionView } from '../../src-shared/api/index';
import { usePos, usePosEvent } from '../transport/bridge-context';

export interface SessionState {
  readonly session: SessionView | null;
  readonly setSession: (s: SessionView) => void;
  readonly refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('assertion failed: useSession outside SessionProvider');
  return s;
}

export function SessionProvider(props: { readonly children: ReactNode }): ReactNode {
  const pos = usePos();
  const [session, setSession] = useState<SessionView | null>(null);
  const refresh = useCallback(async () => {
    const r = await pos.invoke('operators.status', {});
    if (r.ok) setSession(r.value);
  }, [pos]);
  useEffect(() => void refresh(), [refresh]);
  usePosEvent('operators.session', setSession);
  return <SessionContext.Provider value={{ session, setSession, refresh }}>{props.children}</SessionContext.Provider>;
}
