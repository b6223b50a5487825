import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfflineLimitsView, SyncIssueView } from '../../../src-shared/api/index';
import { OFFLINE_MAX_AGE_MAX_MS, OFFLINE_MAX_AGE_MIN_MS } from '../../../src-shared/api/offline';
import { formatPlain, parseAmount } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { OwnerFields, OwnerOnlyNote, useIsOwner } from '../../app/owner-only';
import { ageParts } from '../../logic/duration';
import { errorKey } from '../../logic/error-key';
import { usePos, usePosEvent } from '../../transport/bridge-context';
import { MoneyInput } from '../shift/ShiftForms';
import { SyncIssues } from './SyncIssues';
import { useSyncStatus } from './use-sync-status';
import '../../styles/offline.css';

const HOUR_MS = 3_600_000;
const LIMIT_INPUT_MAX_MINOR = 10_000_000_000;

/** The owner's offline risk limits, "retry sync" after a refusal, and the sync issues list. */
export function OfflineSection(props: { readonly issuesAsked?: number }): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info } = useAppInfo();
  const owner = useIsOwner();
  const status = useSyncStatus();
  const [limits, setLimits] = useState<OfflineLimitsView | null>(null);
  const [orderMax, setOrderMax] = useState('');
  const [totalMax, setTotalMax] = useState('');
  const [hours, setHours] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  /** Which field the error is about, when it is one field's (an amount that does not parse). */
  const [errorField, setErrorField] = useState<string | null>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorBox.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  const [saved, setSaved] = useState(false);
  const [issues, setIssues] = useState<readonly SyncIssueView[]>([]);
  const plain = (minor: number) => formatPlain(minor, info.currency);

  const loadIssues = () => {
    void pos.invoke('offline.issues', {}).then((r) => r.ok && setIssues(r.value));
  };
  useEffect(() => {
    void pos.invoke('offline.limits', {}).then((r) => {
      if (!r.ok) return;
      setLimits(r.value);
      setOrderMax(plain(r.value.orderMaxMinor));
      setTotalMax(plain(r.value.totalMaxMinor));
      setHours(String(r.value.maxAgeMs / HOUR_MS));
    });
    loadIssues();
  }, [pos]);
  usePosEvent('sync.status', () => loadIssues());

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    setErrorField(null);
    const o = parseAmount(orderMax, info.currency, LIMIT_INPUT_MAX_MINOR);
    if (!o.ok) {
      setErrorField(t('offline.orderMax'));
      return setError(o.error);
    }
    const tot = parseAmount(totalMax, info.currency, LIMIT_INPUT_MAX_MINOR);
    if (!tot.ok) {
      setErrorField(t('offline.totalMax'));
      return setError(tot.error);
    }
    const maxAgeMs = Math.round(Number(hours.trim() === '' ? Number.NaN : hours) * HOUR_MS);
    if (!(maxAgeMs >= OFFLINE_MAX_AGE_MIN_MS && maxAgeMs <= OFFLINE_MAX_AGE_MAX_MS)) {
      // Said as durations (10 分钟, 7 天), not 0.17–168 hours; the field itself is in hours.
      const span = (ms: number) => {
        const a = ageParts(ms);
        return t(`age.${a.unit}`, { n: a.n });
      };
      setErrorField(t('offline.maxAgeHours'));
      return setError({
        code: 'offline_max_age_range',
        message: 'the longest wait is out of range',
        params: { min: span(OFFLINE_MAX_AGE_MIN_MS), max: span(OFFLINE_MAX_AGE_MAX_MS) },
      });
    }
    const r = await pos.invoke('offline.setLimits', {
      orderMaxMinor: o.value,
      totalMaxMinor: tot.value,
      maxAgeMs,
    });
    if (!r.ok) return setError(r.error);
    setLimits(r.value);
    setSaved(true);
  };

  return (
    <section className="card" aria-labelledby="settings-offline" data-testid="offline-section">
      <h2 id="settings-offline">{t('offline.limitsTitle')}</h2>
      <p className="muted">{t('offline.limitsHint')}</p>
      {limits && !owner && <OwnerOnlyNote />}
      {limits && (
        <form className="shift-form offline-limits" onSubmit={(e) => void save(e)}>
          <OwnerFields owner={owner}>
            <MoneyInput
              label={t('offline.orderMax')}
              testid="offline-order-max"
              value={orderMax}
              onChange={setOrderMax}
            />
            <MoneyInput
              label={t('offline.totalMax')}
              testid="offline-total-max"
              value={totalMax}
              onChange={setTotalMax}
            />
            {/* hours, not money: the same decimal field */}
            <MoneyInput label={t('offline.maxAgeHours')} testid="offline-max-age" value={hours} onChange={setHours} />
          </OwnerFields>
          {owner && (
            <button type="submit" className="btn" data-testid="offline-limits-save">
              {t('offline.save')}
            </button>
          )}
          {saved && (
            <p className="success" role="status">
              {t('offline.saved')}
            </p>
          )}
          <div ref={errorBox} className="limits-error" data-testid="offline-limits-error" data-field={errorField ?? ''}>
            {error && errorField && <span className="error-field">{errorField}</span>}
            <ErrorMessage error={error} />
          </div>
        </form>
      )}
      {status?.pushErrorCode != null && (
        <div className="failure" role="alert">
          <p>
            {t(status.pushErrorCode === 'sync_local_error' ? 'offline.pushTrouble' : 'offline.pushStopped', {
              reason: t(errorKey(status.pushErrorCode)),
            })}
          </p>
          <button
            type="button"
            className="btn"
            data-testid="offline-retry-push"
            onClick={() => void pos.invoke('offline.retryPush', {})}
          >
            {t('offline.retryPush')}
          </button>
        </div>
      )}
      <SyncIssues
        issues={issues}
        asked={props.issuesAsked}
        laidOut={limits !== null}
        owner={owner}
        onChanged={setIssues}
      />
    </section>
  );
}
