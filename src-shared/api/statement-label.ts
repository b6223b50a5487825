/**
 * The stored label of a gateway statement saved as a reconciliation source: a stable string in
 * no language (`gateway store 2026-12-07`, `gateway terminal 2026-12-01..2026-12-07`), which
 * exports keep as it is and the window shows in its own language (parsed back here).
 */
export type StatementScope = 'terminal' | 'store';

export interface StatementLabelParts {
  readonly scope: StatementScope;
  readonly fromDate: string;
  readonly toDate: string;
}

const LABEL_RE = /^gateway (terminal|store) (\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/;

export function statementLabel(p: StatementLabelParts): string {
  return `gateway ${p.scope} ${p.fromDate}${p.toDate === p.fromDate ? '' : `..${p.toDate}`}`;
}

/** The parts of a label `statementLabel` made; null for anything else. */
export function parseStatementLabel(label: string): StatementLabelParts | null {
  const m = LABEL_RE.exec(label);
  if (!m) return null;
  return { scope: m[1] as StatementScope, fromDate: m[2]!, toDate: m[3] ?? m[2]! };
}
