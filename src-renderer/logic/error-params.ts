/**
 * The params an error's message is filled with, as a person reads them: a channel by its name,
 * not its code; a refused bill's reason (src-shared/bill-reasons.ts) in words, as its `detail`;
 * a limit sent as minor units with its currency (`max_minor`, `currency`) as money in the
 * window's locale (¥1,000,000.00), replacing the plain `max`; a lockout's end (`until_ms`) as
 * a local date and time.
 */
import type { TFunction } from 'i18next';
import { isBillReason } from '../../src-shared/bill-reasons';
import { formatMoney, isCurrency } from '../../src-shared/money';
import type { AppError } from '../../src-shared/result';
import { channelLabel } from './channel-label';

export function errorParams(t: TFunction, error: AppError, locale?: string): Record<string, string | number> {
  const params: Record<string, string | number> = { ...error.params };
  if (typeof params.channel === 'string') params.channel = channelLabel(t, params.channel);
  if (error.code === 'bill_malformed' || error.code === 'bill_unreadable') {
    params.detail = isBillReason(params.reason) ? t(`reconcile.billReason.${params.reason}`, params) : error.message;
  }
  // A lockout's end (operator_locked) as the window's local date and time.
  if (typeof params.until_ms === 'number' && locale !== undefined) {
    params.until = new Intl.DateTimeFormat(locale, {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(params.until_ms);
  }
  const maxMinor = params.max_minor;
  if (locale !== undefined && Number.isSafeInteger(maxMinor) && isCurrency(params.currency)) {
    params.max = formatMoney(maxMinor as number, params.currency, locale);
  }
  return params;
}
