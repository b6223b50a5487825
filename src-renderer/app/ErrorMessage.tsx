import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../src-shared/result';
import { errorKey } from '../logic/error-key';
import { errorParams } from '../logic/error-params';

/**
 * A translated error from main: `errors.<code>` with its params, as a person reads them.
 * `scroll`: brought into view when it appears (a form low on the page at 1024×768).
 * `inline`: a span, for a place inside a line of text (beside export buttons).
 */
export function ErrorMessage(props: {
  readonly error: AppError | null;
  readonly className?: string;
  readonly scroll?: boolean;
  readonly inline?: boolean;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const { error, scroll } = props;
  const box = useRef<HTMLParagraphElement & HTMLSpanElement>(null);
  // A block body: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.
  useEffect(() => {
    if (error && scroll) box.current?.scrollIntoView({ block: 'nearest' });
  }, [error, scroll]);
  if (!error) return null;
  const Tag = props.inline ? 'span' : 'p';
  return (
    <Tag
      ref={box}
      className={`error-message ${props.className ?? ''}`}
      role="alert"
      data-testid="error-message"
      data-code={error.code}
    >
      {t(errorKey(error.code), errorParams(t, error, i18n.language))}
    </Tag>
  );
}
