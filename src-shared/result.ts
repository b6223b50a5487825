import type { ErrorCode } from './errors';

/** An expected failure, as a value. `params` fill the translated message in the UI. */
export interface AppError {
  readonly code: ErrorCode;
  /** English, for logs and developers; the UI translates `code` instead. Never holds secrets. */
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly error: AppError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export const err = (code: ErrorCode, message: string, params?: Readonly<Record<string, string | number>>): Err => ({
  ok: false,
  error: params ? { code, message, params } : { code, message },
});
