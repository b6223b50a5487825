/**
 * The bottom bar: connectivity (icon + text, never colour alone), unsynced journal entries and
 * the age of the oldest, last successful sync. `gateway.status` at start, then `sync.status`.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connectivity, SyncStatusView } from '../../src-shared/api/index';
import { formatMoney } from '../../src-shared/money';
import { errorKey } from '../logic/error-key';
import { ageParts } from '../logic/duration';
import { useQuitGuard } from '../screens/offline/use-quit-guard';
import { usePos, usePosEvent } from '../transport/bridge-context';
import { useAppInfo } from './app-info';

/** How often ages ("3 min ago") are redrawn: each second, as the youngest read in seconds. */
const AGE_TICK_MS = 1_000;

const ICONS: Record<Connectivity, string> = { online: '●', degraded: '◐', offline: '○' };

export function StatusBar(props: {
  /** Opens the sync issues (Settings) from their count in the bar. */
  readonly onShowIssues?: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const { info, clockOffsetMs } = useAppInfo();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [localNow, setLocalNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    void pos.invoke('gateway.status', {}).then((r) => {
      // An event may have arrived first; it is newer than this answer.
      if (live && r.ok) setStatus((s) => s ?? r.value);
    });
    return () => {
      live = false;
    };
  }, [pos]);
  usePosEvent('sync.status', setStatus);
  useQuitGuard((status?.unsyncedEntries ?? 0) + (status?.offlinePending ?? 0));

  useEffect(() => {
    const id = window.setInterval(() => setLocalNow(Date.now()), AGE_TICK_MS);
    return () => window.clearInterval(id);
  }, []);

  if (!status) {
    return <footer className="statusbar" data-testid="status-bar" aria-label={t('status.label')} />;
  }

  const now = localNow + clockOffsetMs;
  const age = (atMs: number): string => {
    const p = ageParts(now - atMs);
    return t(`age.${p.unit}`, { n: p.n });
  };
  const timeFmt = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: info.timeZone,
  });

  return (
    <footer
      className={`statusbar conn-${status.connectivity}`}
      data-testid="status-bar"
      data-connectivity={status.connectivity}
      aria-label={t('status.label')}
      role="status"
    >
      <span className="status-conn" data-testid="status-connectivity">
        <span className="status-icon" aria-hidden="true">
          {ICONS[status.connectivity]}
        </span>
        {t(`status.${status.connectivity}`)}
      </span>
      {!status.paired && <span className="status-item">{t('status.notPaired')}</span>}
      <span className="status-item" data-testid="status-unsynced" data-count={status.unsyncedEntries}>
        {status.unsyncedEntries === 0
          ? t('status.allSynced')
          : t('status.unsynced', { n: status.unsyncedEntries }) +
            (status.oldestUnsyncedAtMs !== null
              ? ` · ${t('status.oldest', { age: age(status.oldestUnsyncedAtMs) })}`
              : '')}
      </span>
      {(status.offlinePending ?? 0) > 0 && (
        <span
          className={`status-item ${status.offlineAgeLevel === 'ok' ? '' : status.offlineAgeLevel === 'warning' ? 'status-warning' : 'status-alarm'}`}
          data-testid="status-offline-pending"
          data-count={status.offlinePending}
          data-age-level={status.offlineAgeLevel}
        >
          {t('offline.pending', {
            n: status.offlinePending,
            amount: formatMoney(status.offlinePendingTotalMinor ?? 0, info.currency, i18n.language),
          })}
          {/* Online, the network is not the cause: the gateway has not seen that payment. */}
          {status.offlineAgeLevel === 'warning' &&
            status.offlineOldestAtMs != null &&
            ` · ${t(status.connectivity === 'online' ? 'offline.ageWarningOnline' : 'offline.ageWarning', { age: age(status.offlineOldestAtMs) })}`}
          {status.offlineAgeLevel === 'expired' &&
            ` · ${t(status.connectivity === 'online' ? 'offline.ageExpiredOnline' : 'offline.ageExpired')}`}
        </span>
      )}
      {status.pushErrorCode != null && (
        <span className="status-item status-alarm" data-testid="status-push-error" data-code={status.pushErrorCode}>
          {t('offline.pushStopped', { reason: t(errorKey(status.pushErrorCode)) })}
        </span>
      )}
      {(status.openIssues ?? 0) > 0 &&
        (props.onShowIssues ? (
          <button
            type="button"
            className="status-item status-alarm status-link"
            data-testid="status-open-issues"
            data-count={status.openIssues}
            onMouseDown={(e) => e.preventDefault() /* keep focus off, so Enter stays "collect" */}
            onClick={props.onShowIssues}
          >
            ⚠ {t('offline.openIssues', { n: status.openIssues })}
          </button>
        ) : (
          // locked: said, not a way into Settings
          <span className="status-item status-alarm" data-testid="status-open-issues" data-count={status.openIssues}>
            ⚠ {t('offline.openIssues', { n: status.openIssues })}
          </span>
        ))}
      {status.unregisteredOrders > 0 && (
        <span className="status-item">{t('status.unregistered', { n: status.unregisteredOrders })}</span>
      )}
      {status.lastErrorCode !== null && status.connectivity !== 'online' && (
        <span className="status-item status-error" data-testid="status-error">
          {t('status.lastError', { reason: t(errorKey(status.lastErrorCode)) })}
        </span>
      )}
      <span className="status-item status-last-sync" data-testid="status-last-sync">
        {status.lastSuccessAtMs === null
          ? t('status.neverSynced')
          : t('status.lastSync', { time: timeFmt.format(status.lastSuccessAtMs) })}
      </span>
    </footer>
  );
}
