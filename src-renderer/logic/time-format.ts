/**
 * Times as every screen shows them: the shop's wall clock (its IANA zone, `info.timeZone`), on a
 * 24-hour clock in both languages, as a till does, and dates year first (2026-12-08), as the
 * exports write them. One format, so the same instant reads the same on Today, Shift, Reports
 * and Audit, whatever the window's language.
 */

/** What a table needs of a formatter: `Intl.DateTimeFormat` fits, and so does ours. */
export interface TimeFormat {
  format(ms: number): string;
}

export interface ShopTimeFormats {
  /** "05:15:38" */
  readonly time: TimeFormat;
  /** "2026-12-08 05:04" */
  readonly dateTime: TimeFormat;
  /** "2026-12-08 05:04:26" */
  readonly dateTimeSeconds: TimeFormat;
}

function partsFormat(timeZone: string, withDate: boolean, withSeconds: boolean): TimeFormat {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
  });
  return {
    format(ms) {
      const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
      for (const x of f.formatToParts(ms)) p[x.type] = x.value;
      const time = `${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
      return withDate ? `${p.year}-${p.month}-${p.day} ${time}` : time;
    },
  };
}

/** The formats for a shop in `timeZone`. */
export function shopTimeFormats(timeZone: string): ShopTimeFormats {
  return {
    time: partsFormat(timeZone, false, true),
    dateTime: partsFormat(timeZone, true, false),
    dateTimeSeconds: partsFormat(timeZone, true, true),
  };
}
