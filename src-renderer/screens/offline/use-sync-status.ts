import { useEffect, useState } from 'react';
import type { SyncStatusView } from '../../../src-shared/api/index';
import { usePos, usePosEvent } from '../../transport/bridge-context';

/** The sync status: asked once, then kept current by `sync.status` events. */
export function useSyncStatus(): SyncStatusView | null {
  const pos = usePos();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    let live = true;
    void pos.invoke('gateway.status', {}).then((r) => {
      if (live && r.ok) setStatus((s) => s ?? r.value);
    });
    return () => {
      live = false;
    };
  }, [pos]);
  usePosEvent('sync.status', setStatus);
  return status;
}
