import fc from 'fast-check';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/i18n/en';
import zhCN from '../../src-renderer/i18n/zh-CN';
import { sourceLabel } from '../../src-renderer/logic/source-label';
import { parseStatementLabel, statementLabel } from '../../src-shared/api/statement-label';
import { chunksOf, toBase64 } from '../../src-renderer/logic/reconcile-upload';
import { pagesFor, visibleRange } from '../../src-renderer/logic/virtual-window';

describe('virtual window', () => {
  it('renders only what is on screen plus overscan, within bounds', () => {
    expect(visibleRange(0, 360, 36, 100_000, 8)).toEqual({ start: 0, end: 19 });
    expect(visibleRange(36 * 50_000, 360, 36, 100_000, 8)).toEqual({ start: 49_992, end: 50_019 });
    expect(visibleRange(36 * 200_000, 360, 36, 100_000, 8)).toEqual({ start: 99_991, end: 100_000 });
    expect(visibleRange(0, 360, 36, 0)).toEqual({ start: 0, end: 0 });
  });
  it('always covers the rows in the viewport, and few more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 200_000 }), (top, total) => {
        const r = visibleRange(top, 360, 36, total, 8);
        const first = Math.min(total - 1, Math.floor(top / 36));
        expect(r.start).toBeLessThanOrEqual(first);
        expect(r.end).toBeLessThanOrEqual(total);
        expect(r.end - r.start).toBeLessThanOrEqual(11 + 16);
      }),
    );
  });
  it('pages a range touches', () => {
    expect(pagesFor({ start: 190, end: 420 }, 200)).toEqual([0, 1, 2]);
    expect(pagesFor({ start: 0, end: 0 }, 200)).toEqual([]);
  });
});

describe('upload chunks', () => {
  it('cover the bytes in order and base64 round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 1, max: 700 }), (bytes, size) => {
        const parts = chunksOf(bytes, size);
        expect(parts.every((p) => p.bytes.length <= size)).toBe(true);
        const joined = Buffer.concat(parts.map((p) => Buffer.from(toBase64(p.bytes), 'base64')));
        expect(new Uint8Array(joined)).toEqual(bytes);
        parts.forEach((p, i) => expect(p.offset).toBe(i * size));
      }),
    );
  });
});

describe('a gateway statement as a source', () => {
  const i18n = (lng: string) => {
    const i = i18next.createInstance();
    void i.init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng,
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    return i.t;
  };

  it('is stored under a label in no language, and read back from it', () => {
    const day = { scope: 'store', fromDate: '2026-12-07', toDate: '2026-12-07' } as const;
    const week = { scope: 'terminal', fromDate: '2026-12-01', toDate: '2026-12-07' } as const;
    expect(statementLabel(day)).toBe('gateway store 2026-12-07');
    expect(statementLabel(week)).toBe('gateway terminal 2026-12-01..2026-12-07');
    expect(parseStatementLabel(statementLabel(day))).toEqual(day);
    expect(parseStatementLabel(statementLabel(week))).toEqual(week);
    expect(parseStatementLabel('alipay-bill-20261207.csv')).toBeNull();
    expect(parseStatementLabel('gateway store 2026-12-07 (copy)')).toBeNull();
  });

  it('is shown in the window’s language; a bill file keeps its own name', () => {
    const label = 'gateway store 2026-12-01..2026-12-07';
    expect(sourceLabel(i18n('zh-CN'), 'gateway', label)).toBe('网关对账单 · 全店 · 2026-12-01 – 2026-12-07');
    expect(sourceLabel(i18n('en'), 'gateway', 'gateway terminal 2026-12-07')).toBe(
      'Gateway statement · This terminal · 2026-12-07',
    );
    // a bill file named like a statement is still a file
    expect(sourceLabel(i18n('zh-CN'), 'alipay', label)).toBe(label);
  });
});
