import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { BACKUPS_KEPT } from '../../src-main/ledger/backup';
import { verifyJournal } from '../../src-main/ledger/verify';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import type { ManualClock } from '../support/fixtures';
import { setupOwner } from '../support/operators';
import { must, postQrSale } from '../support/settlement';

let app: App;
let clock: ManualClock;
let cleanup: () => void;

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

const dataDir = () => dirname(app.db.name);
const backupsDir = () => join(dataDir(), 'backups');

describe('ledger backups', () => {
  it('writes a verified copy with every entry; the copy opens on its own and its chain verifies', async () => {
    for (let i = 0; i < 30; i++) postQrSale(app, 'alipay', 100 + i);
    const b = must(await app.handlers['ledger.backup']({}));
    expect(b.file).toMatch(/^ledger-\d{8}-\d{6}\.db$/);
    expect(b.entries).toBe(app.journal.lastSeq());
    const copy = new Database(join(backupsDir(), b.file), { readonly: true });
    try {
      expect(verifyJournal(copy)).toMatchObject({ ok: true, entries: app.journal.lastSeq() });
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one file to carry
    } finally {
      copy.close();
    }
    expect(readdirSync(backupsDir())).toEqual([b.file]); // no partial file left
  });

  it(`keeps the newest ${BACKUPS_KEPT}, ignores other files, and refuses a second at once`, async () => {
    writeFileSync(join(dataDir(), 'backups-note.txt'), 'not ours');
    const made: string[] = [];
    for (let i = 0; i < BACKUPS_KEPT + 2; i++) {
      made.push(must(await app.handlers['ledger.backup']({})).file);
      clock.advance(1_000);
    }
    const kept = readdirSync(backupsDir()).sort();
    expect(kept).toEqual(made.slice(2).sort());
    const [a, b] = [app.handlers['ledger.backup']({}), app.handlers['ledger.backup']({})];
    const results = await Promise.all([a, b]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['backup_running', 'ok']);
    expect(existsSync(join(dataDir(), 'backups-note.txt'))).toBe(true);
  });

  it('is the owner’s, and audited', async () => {
    await setupOwner(app);
    const r = must(await app.dispatch('ledger.backup', {}));
    const row = app.db.prepare("SELECT detail FROM audit_log WHERE kind = 'ledger.backup'").get() as { detail: string };
    expect(JSON.parse(row.detail)).toMatchObject({ file: (r as { file: string }).file });
  });
});
