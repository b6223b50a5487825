import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { OwnerFields, OwnerOnlyNote, useIsOwner } from '../../app/owner-only';
import { usePos } from '../../transport/bridge-context';

/** The merchant's time zone and business-day cutoff; saving re-derives every report. */
export function BusinessDaySection(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info, setInfo } = useAppInfo();
  const owner = useIsOwner();
  const [zone, setZone] = useState(info.timeZone);
  const [cutoff, setCutoff] = useState(String(info.businessDayCutoffHour));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const save = async () => {
    setBusy(true);
    setError(null);
    setSaved(false);
    const hour = /^\d{1,2}$/.test(cutoff.trim()) ? Number(cutoff.trim()) : -1;
    const r = await pos.invoke('reports.setBusinessDay', { timeZone: zone.trim(), cutoffHour: hour });
    setBusy(false);
    if (r.ok) {
      setInfo(r.value);
      setSaved(true);
    } else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="settings-business-day">
      <h2 id="settings-business-day">{t('reports.businessDay')}</h2>
      <p className="muted">{t('reports.businessDayHint')}</p>
      {!owner && <OwnerOnlyNote />}
      <form
        className="shift-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <OwnerFields owner={owner}>
          <label className="field">
            <span className="label">{t('reports.timeZone')}</span>
            <input type="text" data-testid="business-zone" value={zone} onChange={(e) => setZone(e.target.value)} />
          </label>
          <label className="field">
            <span className="label">{t('reports.cutoffHour')}</span>
            <input
              type="text"
              inputMode="numeric"
              className="num"
              data-testid="business-cutoff"
              value={cutoff}
              onChange={(e) => setCutoff(e.target.value)}
            />
          </label>
        </OwnerFields>
        {owner && (
          <button type="submit" className="btn" data-testid="business-save" disabled={busy}>
            {t('reports.save')}
          </button>
        )}
      </form>
      {saved && <p className="muted">{t('reports.rederived')}</p>}
      <ErrorMessage error={error} />
    </section>
  );
}
