import type { TFunction } from 'i18next';
import { parseStatementLabel } from '../../src-shared/api/statement-label';
import type { SourceKind } from '../../src-shared/api/reconcile-views';

/**
 * A source as a person reads it: a bill file by its own label (the file's name), a gateway
 * statement in the window's language (its stored label is a string in no language).
 */
export function sourceLabel(t: TFunction, kind: SourceKind | null, label: string): string {
  const parts = kind === 'gateway' ? parseStatementLabel(label) : null;
  if (!parts) return label;
  return t('reconcile.statementLabel', {
    scope: t(parts.scope === 'store' ? 'reconcile.scopeStore' : 'reconcile.scopeTerminal'),
    dates: parts.toDate === parts.fromDate ? parts.fromDate : `${parts.fromDate} – ${parts.toDate}`,
  });
}
