import { REFUND_FAILURE_CODES, type AUDIT_FIELD_VALUES } from '../../src-shared/audit-events';

type RefundFailureCode = (typeof AUDIT_FIELD_VALUES)['code'][number];
const KNOWN: ReadonlySet<string> = new Set(REFUND_FAILURE_CODES);
const isKnown = (code: string): code is RefundFailureCode => KNOWN.has(code);

/**
 * The i18n key that says why a refund failed: the words the Audit screen already has for the
 * code (`audit.values.code.*`), or a plain "reason not recorded" for a code not listed or none
 * kept (a refund that failed before migration 0019).
 */
export function refundFailureKey(
  code: string | null,
): `audit.values.code.${RefundFailureCode}` | 'refund.failureUnknown' {
  return code !== null && isKnown(code) ? `audit.values.code.${code}` : 'refund.failureUnknown';
}
