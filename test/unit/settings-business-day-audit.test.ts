import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { SettingsStore } from '../../src-main/settings/settings';
import { canonicalTimeZone } from '../../src-shared/time';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { setupOwner } from '../support/operators';
import { must } from '../support/settlement';

let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

const entries = (kind: string) => app.audit.list(undefined, 100).entries.filter((e) => e.kind === kind);

describe('business day settings: canonical zone, audited change', () => {
  it('stores a zone in its canonical IANA spelling', async () => {
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    const info = must(await app.handlers['reports.setBusinessDay']({ timeZone: 'asia/tokyo', cutoffHour: 3 }));
    expect(info.timeZone).toBe('Asia/Tokyo');
    expect(app.settings.get().timeZone).toBe('Asia/Tokyo');
    const row = app.db.prepare("SELECT value FROM settings WHERE key = 'timeZone'").get() as { value: string };
    expect(JSON.parse(row.value)).toBe('Asia/Tokyo');
  });

  it('a lower-case zone stored by an older version reads canonical', () => {
    app.db.prepare("INSERT INTO settings (key, value) VALUES ('timeZone', '\"asia/shanghai\"')").run();
    expect(new SettingsStore(app.db).get().timeZone).toBe('Asia/Shanghai');
  });

  it('records who changed the zone or cutoff, from what to what, with the change', async () => {
    const ownerId = await setupOwner(app);
    must(await app.dispatch('reports.setBusinessDay', { timeZone: 'asia/tokyo', cutoffHour: 4 }));
    const [e] = entries('settings.business_day_changed');
    expect(e?.operatorId).toBe(ownerId);
    expect(e?.detail).toEqual({
      time_zone: 'Asia/Tokyo',
      time_zone_before: 'Asia/Shanghai',
      cutoff_hour: 4,
      cutoff_hour_before: 0,
    });
    // saving the same values again changes nothing and records nothing
    must(await app.dispatch('reports.setBusinessDay', { timeZone: 'Asia/Tokyo', cutoffHour: 4 }));
    expect(entries('settings.business_day_changed')).toHaveLength(1);
    // refused input records nothing either
    expect((await app.dispatch('reports.setBusinessDay', { timeZone: 'Asia/Tokyo', cutoffHour: 13 })).ok).toBe(false);
    expect(entries('settings.business_day_changed')).toHaveLength(1);
    expect(app.audit.verify().ok).toBe(true);
  });

  it('all or none: when the audit record fails, neither the settings nor the dates change', async () => {
    await setupOwner(app);
    const record = app.audit.record.bind(app.audit);
    app.audit.record = () => {
      throw new Error('disk full');
    };
    try {
      await expect(async () =>
        app.handlers['reports.setBusinessDay']({ timeZone: 'UTC', cutoffHour: 2 }),
      ).rejects.toThrow('disk full');
    } finally {
      app.audit.record = record;
    }
    const row = app.db.prepare("SELECT value FROM settings WHERE key = 'timeZone'").get();
    expect(row).toBeUndefined();
    expect(app.settings.get()).toMatchObject({ timeZone: 'Asia/Shanghai', businessDayCutoffHour: 0 });
    expect(entries('settings.business_day_changed')).toEqual([]);
  });
});
