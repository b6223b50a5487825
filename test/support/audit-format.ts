/** The Audit screen's detail formatter over the real i18n resources, for a locale (no React). */
import i18next from 'i18next';
import en from '../../src-renderer/i18n/en';
import zhCN from '../../src-renderer/i18n/zh-CN';
import type { AuditDetailFormat } from '../../src-renderer/logic/audit-detail';

export function auditFormat(lng: 'zh-CN' | 'en', names: Readonly<Record<string, string>> = {}): AuditDetailFormat {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const t = i18n.t.bind(i18n) as unknown as (key: string, params?: object) => string;
  const percent = new Intl.NumberFormat(lng, { style: 'percent', minimumFractionDigits: 2 });
  return {
    label: (k) => (i18n.exists(`audit.fields.${k}`) ? t(`audit.fields.${k}`) : null),
    operatorName: (id) => names[id] ?? null,
    time: (ms) => `t${ms}`,
    money: (minor) => `¥${(minor / 100).toFixed(2)}`,
    text: (key, params) => (i18n.exists(key) ? t(key, params) : null),
    percent: (bps) => percent.format(bps / 10_000),
  };
}
