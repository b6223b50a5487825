import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { SettingsStore } from '../../src-main/settings/settings';

const fresh = () => {
  const db = openDatabase(':memory:');
  migrate(db);
  return { db, store: new SettingsStore(db) };
};
const stored = (db: ReturnType<typeof openDatabase>) =>
  db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];

describe('settings', () => {
  it('writes several at once with what goes alongside, and memory follows the commit', () => {
    const { db, store } = fresh();
    let alongside = 0;
    store.setMany({ offlineOrderMaxMinor: 100_00, offlineTotalMaxMinor: 500_00 }, () => alongside++);
    expect(alongside).toBe(1);
    expect(store.get()).toMatchObject({ offlineOrderMaxMinor: 100_00, offlineTotalMaxMinor: 500_00 });
    expect(stored(db)).toEqual([
      { key: 'offlineOrderMaxMinor', value: '10000' },
      { key: 'offlineTotalMaxMinor', value: '50000' },
    ]);
    // reopened: the same
    expect(new SettingsStore(db).get()).toMatchObject({ offlineOrderMaxMinor: 100_00, offlineTotalMaxMinor: 500_00 });
  });

  it('all or none: a write that rolls back (its audit record fails) changes neither disk nor memory', () => {
    const { db, store } = fresh();
    const before = store.get();
    expect(() =>
      store.setMany({ offlineOrderMaxMinor: 1_00, offlineTotalMaxMinor: 2_00 }, () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      }),
    ).toThrow(/SQLITE_FULL/);
    expect(store.get()).toEqual(before);
    expect(stored(db)).toEqual([]);
  });

  it('refuses a value its schema refuses, before anything is written', () => {
    const { db, store } = fresh();
    expect(() => store.setMany({ offlineOrderMaxMinor: 1_00, offlineTotalMaxMinor: -1 })).toThrow();
    expect(stored(db)).toEqual([]);
    expect(store.get().offlineOrderMaxMinor).not.toBe(1_00);
  });
});
