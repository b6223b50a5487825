import { describe, expect, it } from 'vitest';
import { quitDialog, quitPending } from '../../src-main/offline/quit-dialog';

describe('the native quit dialog', () => {
  it('does not ask when nothing waits for the gateway', () => {
    expect(quitDialog('zh-CN', { entries: 0, offlineSales: 0 })).toBeNull();
    expect(quitDialog('en', quitPending({ unsyncedEntries: 0 }))).toBeNull();
  });

  it('names unsent entries and code-verified sales awaiting confirmation, each when there are any', () => {
    expect(quitDialog('zh-CN', { entries: 3, offlineSales: 0 })?.message).toBe(
      '3 条账目尚未送达网关。数据已安全保存在本机，下次启动时会继续同步。仍要退出吗？',
    );
    // pushed, but not yet confirmed: quitting would also silence the age alarm
    expect(quitDialog('zh-CN', quitPending({ unsyncedEntries: 0, offlinePending: 1 }))?.message).toBe(
      '1 笔离线核验收款待网关确认。数据已安全保存在本机，下次启动时会继续同步。仍要退出吗？',
    );
    const both = quitDialog('en', { entries: 2, offlineSales: 1 })!;
    expect(both.message).toBe(
      'Offline-verified sales awaiting the gateway’s confirmation: 1; journal entries not yet at the gateway: 2. ' +
        'They are kept safely on this counter and sync again at the next start. Quit anyway?',
    );
    expect(quitDialog('en', { entries: 2, offlineSales: 0 })!.message).toMatch(
      /^Journal entries not yet at the gateway: 2\./,
    );
    expect(both.buttons).toEqual(['Quit', 'Keep running']);
    expect(quitDialog('zh-CN', { entries: 1, offlineSales: 1 })!.buttons).toEqual(['退出', '继续运行']);
  });
});
