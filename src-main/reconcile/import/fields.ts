import { BillError, quoted } from './bill-error';

/**
 * Provider bills are Beijing time (UTC+8, no daylight saving since 1991), written without a zone.
 * Named so the one assumption is in one place.
 */
export const PROVIDER_UTC_OFFSET_MS = 8 * 3_600_000;

/** Bills pad values for spreadsheets: a trailing tab (Alipay) or a leading backtick (WeChat). */
export function cleanField(raw: string): string {
  let s = raw.trim();
  if (s.startsWith('`')) s = s.slice(1);
  while (s.endsWith('\t') || s.endsWith('`')) s = s.slice(0, -1);
  return s.trim();
}

const YUAN_RE = /^([+-])?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "12.30" → 1230, digit by digit, never through a float. Sign kept; empty refused. */
export function yuanToFen(text: string, line: number, column: string): number {
  const m = YUAN_RE.exec(text);
  if (!m) throw new BillError(line, 'amount_invalid', { column, value: quoted(text) });
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** "2026-11-21 14:03:09" (Beijing time) → epoch ms UTC; an impossible date is refused. */
export function beijingTimeToMs(text: string, line: number, column: string): number {
  const m = TIME_RE.exec(text);
  if (!m) throw new BillError(line, 'time_invalid', { column, value: quoted(text) });
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new BillError(line, 'time_impossible', { column, value: text });
  }
  return utc - PROVIDER_UTC_OFFSET_MS;
}

/**
 * Splits one CSV line. Quoted fields ("a,b", "" for a quote) are honoured; a quote left open
 * at the end of the line is an error (bills never span lines).
 */
export function splitCsvLine(line: string, lineNo: number): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new BillError(lineNo, 'quote_unclosed');
  out.push(cur);
  return out;
}

/** Calls `fn(line, lineNo)` for each line without building an array of a million strings. */
export function forEachLine(text: string, fn: (line: string, lineNo: number) => void | 'stop'): void {
  let start = 0;
  let lineNo = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (fn(line, lineNo) === 'stop') return;
    start = end + 1;
    lineNo++;
  }
}
