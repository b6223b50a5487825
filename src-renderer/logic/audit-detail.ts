/**
 * An audit entry's detail as a person reads it: known fields by their label, operator ids by
 * name, `*_ms` times as local date-times, `amount_minor` and `*_minor` as money, roles as words. Unknown
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

export function auditDetailText(detail: Readonly<Record<string, unknown>>, f: AuditDetailFormat): string {
  return Object.entries(detail)
    .map(([key, v]) => {
      let value = String(v);
      if (typeof v === 'string' && OPERATOR_FIELDS.has(key)) value = f.operatorName(v) ?? v;
      else if (typeof v === 'number' && key.endsWith('_ms')) value = f.time(v);
      else if (typeof v === 'number' && (key === 'amount_minor' || key.endsWith('_minor'))) value = f.money(v);
      else if (typeof v === 'string' && key === 'role') value = f.role(v);
      return `${f.label(key) ?? key}: ${value}`;
    })
    .join(' · ');
}

/** `operator.login` → `operator_login`: the i18n key of an audit event kind. */
export const auditKindKey = (kind: string): string => kind.replace(/\./g, '_');
