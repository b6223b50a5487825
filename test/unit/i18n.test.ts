import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/errors';
import { LOCALES } from '../../src-shared/api/views';
import en from '../../src-renderer/i18n/en';
import zhCN from '../../src-renderer/i18n/zh-CN';

/** Every leaf of a resource object as "a.b.c" → value. */
function flatten(obj: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof obj !== 'object' || obj === null) {
    out.set(prefix, obj);
    return out;
  }
  for (const [k, v] of Object.entries(obj)) {
    for (const [kk, vv] of flatten(v, prefix === '' ? k : `${prefix}.${k}`)) out.set(kk, vv);
  }
  return out;
}

const locales = { 'zh-CN': flatten(zhCN), en: flatten(en) } as const;

/** `{{name}}` placeholders of a message, sorted. */
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('i18n resources', () => {
  it('has a resource for every supported locale', () => {
    expect(Object.keys(locales).sort()).toEqual([...LOCALES].sort());
  });

  it('zh-CN and en have exactly the same keys', () => {
    const zhKeys = [...locales['zh-CN'].keys()].sort();
    const enKeys = [...locales.en.keys()].sort();
    expect(zhKeys.length).toBeGreaterThan(50);
    expect(enKeys).toEqual(zhKeys);
  });

  it('every value is a non-empty string', () => {
    for (const [name, map] of Object.entries(locales)) {
      for (const [key, value] of map) {
        expect(typeof value, `${name}: ${key}`).toBe('string');
        expect((value as string).trim(), `${name}: ${key}`).not.toBe('');
      }
    }
  });

  it('has errors.<code> for every error code, in every locale', () => {
    for (const [name, map] of Object.entries(locales)) {
      for (const code of ERROR_CODES) {
        expect(map.has(`errors.${code}`), `${name} lacks errors.${code}`).toBe(true);
      }
    }
  });

  it('has no error message for a code that does not exist', () => {
    const known = new Set<string>(ERROR_CODES);
    for (const key of locales['zh-CN'].keys()) {
      if (key.startsWith('errors.')) expect(known.has(key.slice('errors.'.length)), key).toBe(true);
    }
  });

  it('uses the same {{placeholders}} in both locales', () => {
    for (const [key, zh] of locales['zh-CN']) {
      const enValue = locales.en.get(key);
      expect(placeholders(String(enValue)), key).toEqual(placeholders(String(zh)));
    }
  });

  it('fills the params main sends with amount errors', () => {
    expect(placeholders(zhCN.errors.amount_too_large)).toContain('max');
    expect(placeholders(en.errors.amount_too_many_decimals)).toContain('decimals');
  });

  it('has no plural-suffixed keys (they would differ between zh-CN and en)', () => {
    // Error codes are named by ERROR_CODES ('amount_zero' is a code, not a plural form).
    for (const key of locales['zh-CN'].keys()) {
      if (!key.startsWith('errors.')) expect(key).not.toMatch(/_(zero|one|two|few|many|other)$/);
    }
  });
});
