import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../src-shared/result';
import { errorKey } from '../logic/error-key';
import { channelLabel } from '../logic/channel-label';

/** A translated error from main: `errors.<code>` with its params (a channel by its name, not its code). */
export function ErrorMessage(props: { readonly error: AppError | null; readonly className?: string }): ReactNode {
  const { t } = useTranslation();
  const { error } = props;
  if (!error) return null;
  const params = { ...error.params };
  if (typeof params.channel === 'string') params.channel = channelLabel(t, params.channel);
  return (
    <p
      className={`error-message ${props.className ?? ''}`}
      role="alert"
      data-testid="error-message"
      data-code={error.code}
    >
      {t(errorKey(error.code), params)}
    </p>
  );
}
