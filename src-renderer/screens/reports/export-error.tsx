/** A refused export, said beside the buttons that asked for it (not at the top, off screen). */
import { createContext, useContext, type ReactNode } from 'react';
import type { ExportTable } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';

export interface ExportErrorView {
  readonly table: ExportTable;
  readonly error: AppError;
}

export const ExportErrorContext = createContext<ExportErrorView | null>(null);

export function ExportErrorBeside(props: { readonly table: ExportTable }): ReactNode {
  const e = useContext(ExportErrorContext);
  if (e?.table !== props.table) return null;
  return (
    <span className="export-error" data-testid="export-error" data-table={props.table}>
      <ErrorMessage error={e.error} scroll inline />
    </span>
  );
}
