import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../src-shared/result';
import { errorKey } from '../logic/error-key';
import { errorParams } from '../logic/error-params';

/** A translated error from main: `errors.<code>` with its params, as a person reads them. */
export function ErrorMessage(props: { readonly error: AppError | null; readonly className?: string }): ReactNode {
  const { t } = useTranslation();
  const { error } = props;
  if (!error) return null;
  return (
    <p
      className={`error-message ${props.className ?? ''}`}
      role="alert"
      data-testid="error-message"
      data-code={error.code}
    >
      {t(errorKey(error.code), errorParams(t, error))}
    </p>
  );
}
