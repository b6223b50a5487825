import { shopTimeFormats } from '../../logic/time-format';
import { formatMoney, isCurrency } from '../../../src-shared/money';

/** Money for the table: the locale's currency format; '—' for an absent side. */
export function money(minor: number | null | undefined, currency: string, locale: string): string {
  if (minor === null || minor === undefined) return '—';
  return formatMoney(minor, isCurrency(currency) ? currency : 'CNY', locale);
}

/**
 * An instant as every screen shows it (logic/time-format.ts): the shop's wall clock, 24-hour,
 * year first, in both languages.
 */
export function dateTime(ms: number | null | undefined, timeZone: string): string {
  if (ms === null || ms === undefined) return '—';
  return shopTimeFormats(timeZone).dateTimeSeconds.format(ms);
}
