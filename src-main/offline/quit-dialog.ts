import type { Locale } from '../../src-shared/api';

/** What waits for the gateway when the console is asked to quit. */
export interface QuitPending {
  /** Journal entries the gateway has not acknowledged. */
  readonly entries: number;
  /** Sales paid by confirmation code that the gateway has not confirmed yet. */
  readonly offlineSales: number;
}

/**
 * The native "quit with sales pending?" dialog is drawn by main, which has no i18next: its few
 * strings live here in both locales (the renderer's `offline.lock*` keys say the same for
 * locking the till).
 */
const TEXT: Record<
  Locale,
  {
    title: string;
    sales: (n: number) => string;
    entries: (n: number) => string;
    tail: string;
    quit: string;
    cancel: string;
  }
> = {
  'zh-CN': {
    title: '有收款尚未同步到网关',
    sales: (n) => `${n} 笔离线核验收款待网关确认`,
    entries: (n) => `${n} 条账目尚未送达网关`,
    tail: '。数据已安全保存在本机，下次启动时会继续同步。仍要退出吗？',
    quit: '退出',
    cancel: '继续运行',
  },
  en: {
    title: 'Sales are waiting for the gateway',
    sales: (n) => `Offline-verified sales awaiting the gateway’s confirmation: ${n}`,
    entries: (n) => `journal entries not yet at the gateway: ${n}`,
    tail: '. They are kept safely on this counter and sync again at the next start. Quit anyway?',
    quit: 'Quit',
    cancel: 'Keep running',
  },
};

export interface QuitDialog {
  readonly title: string;
  readonly message: string;
  readonly buttons: [quit: string, cancel: string];
}

/**
 * null: nothing waits, quit without asking. Otherwise what waits, in the window's language:
 * unsent entries, and code-verified sales whose confirmation (and age alarm) needs the console
 * running.
 */
export function quitDialog(locale: Locale, pending: QuitPending): QuitDialog | null {
  if (pending.entries <= 0 && pending.offlineSales <= 0) return null;
  const t = TEXT[locale];
  const parts = [
    ...(pending.offlineSales > 0 ? [t.sales(pending.offlineSales)] : []),
    ...(pending.entries > 0 ? [t.entries(pending.entries)] : []),
  ];
  const sentence = parts.join(locale === 'en' ? '; ' : '，');
  const message = locale === 'en' ? sentence.charAt(0).toUpperCase() + sentence.slice(1) + t.tail : sentence + t.tail;
  return { title: t.title, message, buttons: [t.quit, t.cancel] };
}

/** The sync status's counts, as the quit dialog reads them. */
export function quitPending(status: { unsyncedEntries: number; offlinePending?: number }): QuitPending {
  return { entries: status.unsyncedEntries, offlineSales: status.offlinePending ?? 0 };
}
