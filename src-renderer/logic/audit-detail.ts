/**
 * An audit entry's detail as a person reads it: every field by its label, operator ids by name,
 * `*_ms` times as local date-times, `*_minor` (and `*_minor_before`) as money, minutes as
 * durations, fee rates as percentages, enumerated values (roles, outcomes, channels…) in words.
 * An unknown field keeps its key, an unknown value its code. The kinds, keys and values the
 * console records are listed in src-shared/audit-events.ts; test/unit/audit-labels.test.ts
 * checks each has its words here.
 */
import { AUDIT_FIELD_VALUES } from '../../src-shared/audit-events';

export interface AuditDetailFormat {
  /** The field's label, or null when it has none (its key is shown). */
  readonly label: (key: string) => string | null;
  readonly operatorName: (id: string) => string | null;
  readonly time: (ms: number) => string;
  readonly money: (minor: number) => string;
  /** The text at an i18n key (`auditValueKey`), or null when there is none. */
  readonly text: (key: string, params?: Readonly<Record<string, string | number>>) => string | null;
  /** Basis points as a percentage (38 → "0.38%"). */
  readonly percent: (bps: number) => string;
}

const OPERATOR_FIELDS = new Set(['id', 'approver_id', 'operator_id']);
/** Amounts in minor units: `amount_minor`, `*_minor`, and the value it had (`*_minor_before`). */
const MONEY_FIELD_RE = /_minor(_before)?$/;
const MINUTES_FIELD_RE = /_minutes(_before)?$/;
const FEE_RATES_FIELD_RE = /^fee_rates_bps(_before)?$/;
const PAYOUT_DAYS_FIELD_RE = /^payout_delay_days(_before)?$/;
const CUTOFF_FIELD_RE = /^cutoff_hour(_before)?$/;
/** Fields where 0 minutes means "never" (the idle lock off). */
const ZERO_IS_NEVER = new Set(['idle_lock_minutes']);
const BOOLEAN_FIELDS = new Set(['demo', 'printer_enabled', 'was_failed_here']);

/** The i18n key of an enumerated field's value: channels and languages have words of their own. */
export function auditValueKey(field: string, value: string): string {
  if (field === 'channel') return `reports.channelNames.${value}`;
  if (field === 'locale') return `languages.${value}`;
  return `audit.values.${field}.${value}`;
}

/** The fields whose values are words, not codes (AUDIT_FIELD_VALUES). */
export const isEnumeratedField = (key: string): boolean => Object.hasOwn(AUDIT_FIELD_VALUES, key);

/** Whole minutes as hours and minutes: 180 → 3 h, 90 → 1 h 30 min, 15 → 15 min. */
export function minutesText(n: number, f: Pick<AuditDetailFormat, 'text'>): string {
  const h = Math.floor(n / 60);
  const m = n % 60;
  if (h === 0) return f.text('audit.format.minutes', { n }) ?? String(n);
  if (m === 0) return f.text('audit.format.hours', { n: h }) ?? String(n);
  return f.text('audit.format.hoursMinutes', { h, m }) ?? String(n);
}

/** `{"alipay":38,"wechat":60}` → "Alipay 0.38%, WeChat Pay 0.60%"; anything else as it is. */
function feeRatesText(json: string, f: AuditDetailFormat): string {
  let rates: unknown;
  try {
    rates = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof rates !== 'object' || rates === null) return json;
  return Object.entries(rates)
    .map(([ch, bps]) => {
      const name = f.text(auditValueKey('channel', ch)) ?? ch;
      return `${name} ${typeof bps === 'number' ? f.percent(bps) : String(bps)}`;
    })
    .join(', ');
}

function valueText(key: string, v: string | number | boolean, f: AuditDetailFormat): string {
  if (typeof v === 'boolean' || BOOLEAN_FIELDS.has(key)) {
    return f.text(v === true ? 'audit.format.yes' : 'audit.format.no') ?? String(v);
  }
  if (typeof v === 'string') {
    if (OPERATOR_FIELDS.has(key)) return f.operatorName(v) ?? v;
    if (isEnumeratedField(key)) return f.text(auditValueKey(key, v)) ?? v;
    if (FEE_RATES_FIELD_RE.test(key)) return feeRatesText(v, f);
    return v;
  }
  if (key.endsWith('_ms')) return f.time(v);
  if (MONEY_FIELD_RE.test(key)) return f.money(v);
  if (MINUTES_FIELD_RE.test(key)) {
    return v === 0 && ZERO_IS_NEVER.has(key) ? (f.text('audit.format.never') ?? '0') : minutesText(v, f);
  }
  if (PAYOUT_DAYS_FIELD_RE.test(key)) return f.text('audit.format.payoutDays', { n: v }) ?? String(v);
  if (CUTOFF_FIELD_RE.test(key)) return f.text('audit.format.hour', { hour: String(v).padStart(2, '0') }) ?? String(v);
  return String(v);
}

export function auditDetailText(detail: Readonly<Record<string, unknown>>, f: AuditDetailFormat): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined) // a field with no value says nothing ("Ledger entry: null")
    .map(([key, v]) => {
      const value =
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? valueText(key, v, f)
          : JSON.stringify(v);
      return `${f.label(key) ?? key}: ${value}`;
    })
    .join(' · ');
}

/** `operator.login` → `operator_login`: the i18n key of an audit event kind. */
export const auditKindKey = (kind: string): string => kind.replace(/\./g, '_');
