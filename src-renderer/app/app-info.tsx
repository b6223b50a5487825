/**
 * `app.info` for every screen: fetched once, refreshed by the `app.info` event and by calls that
 * return it (locale, pairing). Also the offset of main's clock to ours, for countdowns.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfoView } from '../../src-shared/api/index';
import type { AppError } from '../../src-shared/result';
import { clockOffsetMs } from '../logic/duration';
import { applyLocale } from '../i18n/index';
import { usePos, usePosEvent } from '../transport/bridge-context';

export interface AppInfoState {
  readonly info: AppInfoView;
  /** main's clock minus ours, measured when `info` arrived. */
  readonly clockOffsetMs: number;
  readonly setInfo: (info: AppInfoView) => void;
}

const AppInfoContext = createContext<AppInfoState | null>(null);

export function useAppInfo(): AppInfoState {
  const s = useContext(AppInfoContext);
  if (!s) throw new Error('assertion failed: useAppInfo outside AppInfoProvider');
  return s;
}

type Loaded = { info: AppInfoView; offsetMs: number } | { error: AppError } | null;

export function AppInfoProvider(props: {
  /** What to show until `app.info` answers; on an error, with a way to ask again. */
  readonly loading: (error: AppError | null, retry: () => void) => ReactNode;
  readonly children: ReactNode;
}): ReactNode {
  const pos = usePos();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => {
    setLoaded(null);
    setAttempt((n) => n + 1);
  }, []);

  const setInfo = useCallback((info: AppInfoView) => {
    applyLocale(info.locale);
    setLoaded({ info, offsetMs: clockOffsetMs(info.nowMs, Date.now()) });
  }, []);

  useEffect(() => {
    let live = true;
    void pos.invoke('app.info', {}).then((r) => {
      if (!live) return;
      if (r.ok) setInfo(r.value);
      else setLoaded({ error: r.error });
    });
    return () => {
      live = false;
    };
  }, [pos, setInfo, attempt]);

  usePosEvent('app.info', setInfo);

  if (loaded === null) return props.loading(null, retry);
  if ('error' in loaded) return props.loading(loaded.error, retry);
  return (
    <AppInfoContext.Provider value={{ info: loaded.info, clockOffsetMs: loaded.offsetMs, setInfo }}>
      {props.children}
    </AppInfoContext.Provider>
  );
}
