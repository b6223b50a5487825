import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerBackupView, LedgerVerifyView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { useSession } from '../../app/session';
import { usePos } from '../../transport/bridge-context';

/**
 * "Verify ledger": walks the hash chain in main and reports the count, OK or the first broken seq.
 * "Back up ledger" (owner): a verified copy in the data folder's backups/ (ledger/backup.ts).
 */
export function LedgerSection(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { session } = useSession();
  const isOwner = session?.current?.role === 'owner';
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<LedgerVerifyView | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const [backup, setBackup] = useState<LedgerBackupView | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const runBackup = async () => {
    setBackingUp(true);
    setError(null);
    setBackup(null);
    const r = await pos.invoke('ledger.backup', {});
    setBackingUp(false);
    if (r.ok) setBackup(r.value);
    else setError(r.error);
  };

  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await pos.invoke('ledger.verify', {});
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="settings-ledger">
      <h2 id="settings-ledger">{t('settings.ledger')}</h2>
      <p className="muted">{t('settings.ledgerHint')}</p>
      <button type="button" className="btn" data-testid="ledger-verify" disabled={busy} onClick={() => void verify()}>
        {busy ? t('settings.verifying') : t('settings.verify')}
      </button>{' '}
      {isOwner && (
        <button
          type="button"
          className="btn"
          data-testid="ledger-backup"
          disabled={backingUp}
          onClick={() => void runBackup()}
        >
          {backingUp ? t('settings.backingUp') : t('settings.backup')}
        </button>
      )}
      {backup && (
        <p className="success" role="status" data-testid="ledger-backup-done" data-file={backup.file}>
          <span aria-hidden="true">✓ </span>
          {t('settings.backupDone', {
            file: backup.file,
            size: (backup.bytes / 2 ** 20).toFixed(1),
            entries: backup.entries,
            dir: backup.dir,
          })}
        </p>
      )}
      <ErrorMessage error={error} />
      {result && (
        <div
          className={result.ok ? 'success' : 'failure'}
          role="status"
          data-testid="ledger-result"
          data-ok={result.ok}
          data-entries={result.entries}
          data-first-broken-seq={result.firstBrokenSeq ?? undefined}
        >
          <p>
            <span aria-hidden="true">{result.ok ? '✓ ' : '✕ '}</span>
            {result.ok
              ? t('settings.ledgerOk', { entries: result.entries })
              : t('settings.ledgerBroken', { seq: result.firstBrokenSeq ?? '?', entries: result.entries })}
          </p>
          {!result.ok && result.reason !== null && (
            <p className="muted">{t('settings.ledgerReason', { reason: result.reason })}</p>
          )}
        </div>
      )}
    </section>
  );
}
