import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterSettingsView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { OwnerFields, OwnerOnlyNote, useIsOwner } from '../../app/owner-only';
import { usePos } from '../../transport/bridge-context';

/** The network receipt printer (ESC/POS over TCP): off by default, port 9100. Owner-only save. */
export function PrinterSection(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const owner = useIsOwner();
  const [enabled, setEnabled] = useState(false);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('9100');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const show = (v: PrinterSettingsView) => {
    setEnabled(v.enabled);
    setHost(v.host);
    setPort(String(v.port));
  };
  useEffect(() => {
    void pos.invoke('printer.settings', {}).then((r) => (r.ok ? show(r.value) : setError(r.error)));
  }, [pos]);

  const save = async () => {
    setBusy(true);
    setSaved(false);
    setError(null);
    const p = /^\d{1,5}$/.test(port.trim()) ? Number(port.trim()) : -1;
    const r = await pos.invoke('printer.set', { enabled, host: host.trim(), port: p });
    setBusy(false);
    if (r.ok) {
      show(r.value);
      setSaved(true);
    } else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="settings-printer" data-testid="printer-section">
      <h2 id="settings-printer">{t('print.printerTitle')}</h2>
      <p className="muted">{t('print.printerHint')}</p>
      {!owner && <OwnerOnlyNote />}
      <form
        className="shift-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <OwnerFields owner={owner}>
          <label className="check-field">
            <input
              type="checkbox"
              data-testid="printer-enabled"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
            />
            <span>{t('print.enabled')}</span>
          </label>
          <label className="field">
            <span className="label">{t('print.host')}</span>
            <input type="text" data-testid="printer-host" value={host} onChange={(e) => setHost(e.target.value)} />
          </label>
          <label className="field">
            <span className="label">{t('print.port')}</span>
            <input
              type="text"
              inputMode="numeric"
              className="num"
              data-testid="printer-port"
              value={port}
              onChange={(e) => setPort(e.target.value)}
            />
          </label>
        </OwnerFields>
        {owner && (
          <button type="submit" className="btn" data-testid="printer-save" disabled={busy}>
            {t('print.save')}
          </button>
        )}
      </form>
      {saved && (
        <p className="success" role="status" data-testid="printer-saved">
          {t('print.saved')}
        </p>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
