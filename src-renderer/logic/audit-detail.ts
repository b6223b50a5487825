/**
 * An audit entry's detail as a person reads it: known fields by their label, operator ids by
 * name, `*_ms` times as local date-times, `*_minor` (and `*_minor_before`) as money, roles as words. Unknown
 * fields keep their key.
 */
export interface AuditDetailFormat {
  /** The field's label, or null when it has none (its key is shown). */
  readonly label: (key: string) => string | null;
  readonly operatorName: (id: string) => string | null;
  readonly time: (ms: number) => string;
  readonly money: (minor: number) => string;
  /** An operator role (`owner`, `cashier`) as a word. */
  readonly role: (role: string) => string;
}

const OPERATOR_FIELDS = new Set(['id', 'approver_id', 'operator_id']);
/** Amounts in minor units: `amount_minor`, `*_minor`, and the value it had (`*_minor_before`). */
const MONEY_FIELD_RE = /_minor(_before)?$/;

export function auditDetailText(detail: Readonly<Record<string, unknown>>, f: AuditDetailFormat): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined) // a field with no value says nothing ("Ledger entry: null")
    .map(([key, v]) => {
      let value = String(v);
      if (typeof v === 'string' && OPERATOR_FIELDS.has(key)) value = f.operatorName(v) ?? v;
      else if (typeof v === 'number' && key.endsWith('_ms')) value = f.time(v);
      else if (typeof v === 'number' && MONEY_FIELD_RE.test(key)) value = f.money(v);
      else if (typeof v === 'string' && key === 'role') value = f.role(v);
      return `${f.label(key) ?? key}: ${value}`;
    })
    .join(' · ');
}

/** `operator.login` → `operator_login`: the i18n key of an audit event kind. */
export const auditKindKey = (kind: string): string => kind.replace(/\./g, '_');
