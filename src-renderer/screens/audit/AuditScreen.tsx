/** Owner only: the audit log, newest first, and "verify" that names the first broken entry. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { shopTimeFormats } from '../../logic/time-format';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView, AuditVerifyView, OperatorView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { useSession } from '../../app/session';
import { auditDetailText, auditKindKey, type AuditDetailFormat } from '../../logic/audit-detail';
import { usePos } from '../../transport/bridge-context';
import '../../styles/operators.css';

const PAGE = 50;

export function AuditScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const { info } = useAppInfo();
  const { session } = useSession();
  const [entries, setEntries] = useState<readonly AuditEntryView[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [verify, setVerify] = useState<AuditVerifyView | null>(null);

  const load = useCallback(
    async (beforeSeq?: number) => {
      const r = await pos.invoke('audit.list', beforeSeq === undefined ? { limit: PAGE } : { beforeSeq, limit: PAGE });
      if (!r.ok) return setError(r.error);
      setTotal(r.value.total);
      setEntries((prev) => (beforeSeq === undefined ? r.value.entries : [...prev, ...r.value.entries]));
    },
    [pos],
  );
  useEffect(() => void load(), [load]);

  const runVerify = async () => {
    const r = await pos.invoke('audit.verify', {});
    if (r.ok) setVerify(r.value);
    else setError(r.error);
  };
  // Every operator, deactivated ones too (the lock screen's list has only the active).
  const [operators, setOperators] = useState<readonly OperatorView[]>([]);
  useEffect(() => {
    void pos.invoke('operators.list', {}).then((r) => r.ok && setOperators(r.value.operators));
  }, [pos]);
  const operatorName = (id: string) =>
    (operators.length > 0 ? operators : (session?.operators ?? [])).find((o) => o.id === id)?.name ?? null;
  const nameOf = (id: string | null) => (id === null ? '—' : (operatorName(id) ?? id));
  const fmt = shopTimeFormats(info.timeZone).dateTimeSeconds;
  // Keys built at run time (audit.values.<field>.<value>, …): checked with `exists` first.
  const anyKey = t as unknown as (key: string, params?: Readonly<Record<string, string | number>>) => string;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', minimumFractionDigits: 2 });
  const detailFormat: AuditDetailFormat = {
    label: (k) => (i18n.exists(`audit.fields.${k}`) ? t(`audit.fields.${k as 'name'}`) : null),
    operatorName,
    time: (ms) => fmt.format(ms),
    money: (minor) => formatMoney(minor, info.currency, i18n.language),
    text: (key, params) => (i18n.exists(key) ? anyKey(key, params) : null),
    percent: (bps) => percent.format(bps / 10_000),
  };

  return (
    <section className="audit" data-testid="audit-screen">
      <div className="today-head">
        <h1>{t('audit.title')}</h1>
        <button type="button" className="btn" data-testid="audit-verify" onClick={() => void runVerify()}>
          {t('audit.verify')}
        </button>
      </div>
      <ErrorMessage error={error} />
      {verify && (
        <p
          className={verify.ok ? 'success' : 'failure'}
          role="status"
          data-testid="audit-verify-result"
          data-ok={verify.ok}
          data-first-broken-seq={verify.firstBrokenSeq ?? undefined}
        >
          <span aria-hidden="true">{verify.ok ? '✓ ' : '✕ '}</span>
          {verify.ok
            ? t('audit.verifyOk', { n: verify.entries })
            : t('audit.verifyBroken', { seq: verify.firstBrokenSeq ?? '?', reason: verify.reason ?? '' })}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <table className="audit-table">
          <thead>
            <tr>
              <th className="num">{t('audit.seq')}</th>
              <th>{t('audit.time')}</th>
              <th>{t('audit.kind')}</th>
              <th>{t('audit.operator')}</th>
              <th>{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-testid="audit-row" data-kind={e.kind}>
                <td className="num">{e.seq}</td>
                <td>{fmt.format(e.atMs)}</td>
                <td title={e.kind}>
                  {t(`audit.kinds.${auditKindKey(e.kind) as 'operator_login'}`, { defaultValue: e.kind })}
                </td>
                <td>{nameOf(e.operatorId)}</td>
                <td className="audit-detail">{auditDetailText(e.detail, detailFormat)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries.length < total && (
        <button type="button" className="btn" onClick={() => void load(entries.at(-1)?.seq)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
