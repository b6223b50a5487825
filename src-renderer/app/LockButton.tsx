import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../screens/offline/use-sync-status';
import { usePos } from '../transport/bridge-context';
import { LockIcon } from './LockIcon';
import { useSession } from './session';
import '../styles/operators.css';

/**
 * The Lock button. While offline-verified sales await the gateway's confirmation, or journal entries
 * wait to be sent, locking asks first: the next operator should know; nothing is discarded
 * either way (the entries stay in the outbox and keep syncing while the till is locked).
 */
export function LockButton(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { setSession } = useSession();
  const status = useSyncStatus();
  const [asking, setAsking] = useState(false);
  const sales = status?.offlinePending ?? 0;
  const entries = status?.unsyncedEntries ?? 0;

  const lock = async () => {
    setAsking(false);
    const r = await pos.invoke('operators.logout', {});
    if (r.ok) setSession(r.value);
  };
  const press = () => (sales > 0 || entries > 0 ? setAsking(true) : void lock());

  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid="nav-lock"
        onMouseDown={(e) => e.preventDefault()}
        onClick={press}
      >
        <LockIcon />
        {t('lock.lockNow')}
      </button>
      {asking && (
        <div className="dialog-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
          <div className="dialog" role="alertdialog" aria-modal="true" data-testid="lock-confirm">
            <h2>{t('offline.lockTitle')}</h2>
            {sales > 0 && <p data-testid="lock-confirm-sales">{t('offline.lockSales', { n: sales })}</p>}
            {entries > 0 && <p data-testid="lock-confirm-entries">{t('offline.lockEntries', { n: entries })}</p>}
            <p>{t('offline.lockMessage')}</p>
            <div className="actions">
              <button
                type="button"
                className="btn"
                data-testid="lock-confirm-cancel"
                autoFocus
                onClick={() => setAsking(false)}
              >
                {t('offline.lockCancel')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="lock-confirm-ok"
                onClick={() => void lock()}
              >
                {t('offline.lockConfirm')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
