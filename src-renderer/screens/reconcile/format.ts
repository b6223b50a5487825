import { formatMoney, isCurrency } from '../../../src-shared/money';

/** Money for the table: the locale's currency format; '—' for an absent side. */
export function money(minor: number | null | undefined, currency: string, locale: string): string {
  if (minor === null || minor === undefined) return '—';
  return formatMoney(minor, isCurrency(currency) ? currency : 'CNY', locale);
}

export function dateTime(ms: number | null | undefined, locale: string, timeZone: string): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(ms);
}
