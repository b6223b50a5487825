import { excelSerial } from './xlsx-writer';

/**
 * An instant as the shop's wall clock reads it, with its UTC offset: "2026-12-08 00:08:10 +08:00"
 * (the offset tells the two 01:30s of a night the clocks go back apart).
 */
export function shopDateTime(ms: number, timeZone: string): string {
  // sv-SE writes ISO-like local date-times (yyyy-mm-dd hh:mm:ss).
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // sv-SE writes a minus sign (U+2212); files and spreadsheets want the ASCII one
  const offset =
    part('timeZoneName')
      .replace(/^(GMT|UTC)/, '')
      .replace('\u2212', '-') || '+00:00';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${offset}`;
}

/**
 * The same wall clock as an Excel date-time number: a spreadsheet's date has no zone, so it
 * holds the time the shop's clock read (the CSV's text carries the offset).
 */
export function shopWallSerial(ms: number, timeZone: string): number {
  const text = shopDateTime(ms, timeZone); // "yyyy-mm-dd hh:mm:ss ±hh:mm"
  const wallMs = Date.parse(`${text.slice(0, 10)}T${text.slice(11, 19)}Z`);
  return excelSerial(wallMs);
}
