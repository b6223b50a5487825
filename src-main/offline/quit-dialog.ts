import type { Locale } from '../../src-shared/api';

/**
 * The native "quit with sales pending?" dialog is drawn by main, which has no i18next: its few
 * strings live here in both locales (the renderer's `offline.quit*` keys say the same).
 */
const TEXT: Record<Locale, { title: string; message: (n: number) => string; quit: string; cancel: string }> = {
  'zh-CN': {
    title: '有收款尚未同步到网关',
    message: (n) => `有 ${n} 条账目尚未送达网关。数据已安全保存，下次启动时会继续发送。仍要退出吗？`,
    quit: '退出',
    cancel: '继续运行',
  },
  en: {
    title: 'Sales are waiting for the gateway',
    message: (n) =>
      `${n} journal entries have not reached the gateway yet. They are kept safely and will be sent next time. Quit anyway?`,
    quit: 'Quit',
    cancel: 'Keep running',
  },
};

export interface QuitDialog {
  readonly title: string;
  readonly message: string;
  readonly buttons: [quit: string, cancel: string];
}

/** null: nothing pending, quit without asking. */
export function quitDialog(locale: Locale, pendingEntries: number): QuitDialog | null {
  if (pendingEntries <= 0) return null;
  const t = TEXT[locale];
  return { title: t.title, message: t.message(pendingEntries), buttons: [t.quit, t.cancel] };
}
