/**
 * The ranges of the wrong-PIN lockout and the idle lock, and the refusal that names the field
 * and its range. Main checks every value with it (operators.setLockout); the window checks the
 * value as typed with it before sending, so both say the same thing.
 */
import type { ErrorCode } from './errors';
import { err, type Err } from './result';

export interface WholeRange {
  readonly min: number;
  readonly max: number;
}

/** Wrong PINs in a row before an operator is locked: one at least, ten makes guessing cheap enough. */
export const PIN_ATTEMPTS_RANGE: WholeRange = { min: 1, max: 10 };
/** How long a locked operator stays locked: a minute to a day (an owner can unlock sooner). */
export const PIN_LOCKOUT_MINUTES_RANGE: WholeRange = { min: 1, max: 24 * 60 };
/** Idle minutes before the till locks itself: 0 for never, at most four hours. */
export const IDLE_LOCK_MINUTES_RANGE: WholeRange = { min: 0, max: 240 };

export type LockoutField = 'attemptsMax' | 'lockoutMinutes' | 'idleLockMinutes';

const FIELDS: Readonly<Record<LockoutField, { readonly code: ErrorCode; readonly range: WholeRange }>> = {
  attemptsMax: { code: 'lockout_attempts_invalid', range: PIN_ATTEMPTS_RANGE },
  lockoutMinutes: { code: 'lockout_minutes_invalid', range: PIN_LOCKOUT_MINUTES_RANGE },
  idleLockMinutes: { code: 'idle_lock_minutes_invalid', range: IDLE_LOCK_MINUTES_RANGE },
};

/** Null when `value` is a whole number in the field's range; otherwise the refusal naming both. */
export function lockoutFieldRefusal(field: LockoutField, value: number): Err | null {
  const { code, range } = FIELDS[field];
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return null;
  return err(code, `${field}: a whole number ${range.min}–${range.max}`, { min: range.min, max: range.max });
}

/** What a person typed, as a whole number: digits only (no sign, no decimals), else NaN. */
export function wholeNumberAsTyped(text: string): number {
  const s = text.trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
}
