/** Which translation an error gets: `errors.<code>`, or the generic one for a code we do not know. */
import { isErrorCode, type ErrorCode } from '../../src-shared/errors';

export const errorKey = (code: unknown): `errors.${ErrorCode}` =>
  isErrorCode(code) ? `errors.${code}` : 'errors.internal';
