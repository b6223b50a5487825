import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyJournal } from '../../src-main/ledger/verify';
import { expectedConfirmationCode } from '../../src-main/sync/signer';
import { openQr } from '../support/customer';
import { ManualClock, waitFor } from '../support/fixtures';
import { offlineStackHelpers } from '../support/offline-stack';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(Date.now());
  stack = await startStack({ clock, viaProxy: true });
});
afterEach(async () => {
  await stack.close();
});

const { create, order, terminalId, customerPays, consoleHashes } = offlineStackHelpers(() => stack);
const owedCancels = () =>
  (stack.app.db.prepare('SELECT COUNT(*) AS n FROM orders WHERE cancel_owed = 1').get() as { n: number }).n;

describe('offline acceptance through a cut network', () => {
  it('offline: customer pays, cashier types the code, paid (offline-verified); online: confirmed, badge clears', async () => {
    const o = await create('25.00');
    stack.proxy!.cut();
    await waitFor(() => stack.app.sync.status().connectivity === 'offline', 'console offline', 20_000);

    const code = await customerPays(o); // the phone still reaches the gateway
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await stack.app.handlers['offline.acceptCode']({ orderId: o.id, code: wrong });
    expect(bad).toMatchObject({ ok: false, error: { code: 'offline_code_wrong' } });
    const good = await stack.app.handlers['offline.acceptCode']({ orderId: o.id, code });
    expect(good).toMatchObject({ ok: true, value: { status: 'paid', offlineVerified: true } });
    const s = stack.app.sync.status();
    expect(s.offlinePending).toBe(1);
    expect(s.offlinePendingTotalMinor).toBe(2500);
    expect(s.unsyncedEntries).toBe(1);
    expect(stack.app.journal.balance('clearing:offline', 'CNY')).toBe(2500);

    stack.proxy!.restore();
    await waitFor(() => order(o.id).offlineVerified === false, 'confirmed by the gateway', 30_000);
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'outbox empty', 30_000);
    expect(order(o.id)).toMatchObject({ status: 'paid', channel: 'sandbox' });
    expect(stack.app.journal.balance('sales', 'CNY')).toBe(-2500);
    expect(stack.app.journal.balance('clearing:offline', 'CNY')).toBe(0);
    expect(stack.app.journal.balance('clearing:sandbox', 'CNY')).toBe(2500);
    expect(verifyJournal(stack.app.db).ok).toBe(true);
    expect(
      stack
        .gateway()
        .audit.journal(terminalId())
        .map((e) => e.kind),
    ).toEqual(['sale.qr.offline', 'sale.qr.confirm']);
    expect(stack.app.sync.status().offlinePending).toBe(0);
  });

  it('an order cancelled while offline is cancelled at the gateway when the network returns: its QR no longer pays', async () => {
    const known = await create('6.00');
    await waitFor(() => order(known.id).registered, 'registered');
    stack.proxy!.cut();
    await waitFor(() => stack.app.sync.status().connectivity === 'offline', 'console offline', 20_000);
    const unknown = await create('4.00'); // made offline: the gateway has never heard of it
    for (const o of [known, unknown]) {
      expect(await stack.app.handlers['orders.cancel']({ id: o.id })).toMatchObject({ ok: true });
    }
    // the phone reaches the gateway, which has not been told: both QRs still pay there
    expect((await openQr(known.qrUrl!)).session).not.toBeNull();
    expect((await openQr(unknown.qrUrl!)).session).not.toBeNull();
    expect(owedCancels()).toBe(2);

    stack.proxy!.restore();
    await waitFor(() => owedCancels() === 0, 'cancels forwarded', 30_000);
    for (const o of [known, unknown]) {
      const visit = await openQr(o.qrUrl!);
      expect(visit.session).toBeNull();
      expect(visit.resultStatus).toBe('closed');
      expect(order(o.id)).toMatchObject({ status: 'cancelled' });
    }
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online', 30_000);
  });

  it('a cancel owed for an order already expired is dropped, not sent: the gateway closes it by itself', async () => {
    stack.proxy!.cut();
    await waitFor(() => stack.app.sync.status().connectivity === 'offline', 'console offline', 20_000);
    const o = await create('3.00');
    expect(await stack.app.handlers['orders.cancel']({ id: o.id })).toMatchObject({ ok: true });
    clock.advance(o.expiresAtMs - clock.now());
    stack.proxy!.restore();
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online', 30_000);
    await stack.app.sync.flushRegistrations();
    expect(owedCancels()).toBe(0);
    expect(order(o.id)).toMatchObject({ status: 'cancelled' });
    // not cancelled there (no cancel was sent): expired, by the gateway's own clock
    expect((await openQr(o.qrUrl!)).resultStatus).toBe('expired');
  });

  it('online and quiet, a code-verified sale the gateway never confirms warns at 80 % of the wait and alarms past it', async () => {
    const levels: string[] = [];
    stack.app.events.subscribe((name, payload) => {
      const level = name === 'sync.status' ? (payload as { offlineAgeLevel?: string }).offlineAgeLevel : undefined;
      if (level && levels.at(-1) !== level) levels.push(level);
    });
    stack.proxy!.cut();
    await waitFor(() => stack.app.sync.status().connectivity === 'offline', 'console offline', 20_000);
    const o = await create('18.00');
    // a code the gateway never showed (no customer paid there): only the wait can tell
    const code = expectedConfirmationCode(stack.app.terminal.get()!.secret, o.id, o.amountMinor);
    expect(await stack.app.handlers['offline.acceptCode']({ orderId: o.id, code })).toMatchObject({ ok: true });
    const verifiedAtMs = clock.now();
    stack.proxy!.restore();
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online', 30_000);
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'pushed', 30_000);
    expect(levels).toEqual(['ok']);
    // then nothing happens: no sale, no payment, the stream stays open; only time passes
    const maxAgeMs = stack.app.settings.get().offlineMaxAgeMs;
    clock.advance(0.8 * maxAgeMs - (clock.now() - verifiedAtMs) + 1_000);
    await waitFor(() => levels.at(-1) === 'warning', 'the warning sent to the window', 5_000);
    clock.advance(0.2 * maxAgeMs);
    await waitFor(() => levels.at(-1) === 'expired', 'the alarm sent to the window', 5_000);
    expect(levels).toEqual(['ok', 'warning', 'expired']);
    expect(stack.app.sync.status()).toMatchObject({ offlineAgeLevel: 'expired', openIssues: 1 });
  });

  it('with the stream cut by the network but requests passing, payments still reach the console (the feed is pulled)', async () => {
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online', 20_000);
    stack.proxy!.blockStream(true);
    await waitFor(() => stack.app.sync.status().connectivity === 'degraded', 'degraded', 20_000);
    const o = await create('11.00');
    await waitFor(() => order(o.id).registered, 'registered through the proxy', 10_000);
    await customerPays(o);
    await waitFor(() => order(o.id).status === 'paid', 'paid, pulled while the stream is down', 15_000);
    expect(stack.app.sync.status().connectivity).toBe('degraded'); // the stream is still cut
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'pushed', 15_000);

    stack.proxy!.blockStream(false);
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online again', 30_000);
    expect(stack.app.journal.balance('sales', 'CNY')).toBe(-1100);
  });

  it('a payment this console fails to record (a fault here) is named, not lost: recorded once the fault clears', async () => {
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online', 20_000);
    const o = await create('6.60');
    await waitFor(() => order(o.id).registered, 'registered');
    // the ledger refuses to take the payment row (as a full disk or a damaged file would)
    stack.app.db.exec(
      "CREATE TEMP TRIGGER fault BEFORE INSERT ON payments BEGIN SELECT RAISE(ABORT, 'disk fault (test)'); END",
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await customerPays(o);
      await waitFor(() => stack.app.sync.status().lastErrorCode === 'sync_local_error', 'the fault named', 10_000);
      expect(order(o.id).status).toBe('awaiting_payment');
      expect(stack.app.journal.balance('sales', 'CNY')).toBe(0); // rolled back whole
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('disk fault (test)'));
    } finally {
      stack.app.db.exec('DROP TRIGGER temp.fault');
      logged.mockRestore();
    }
    await waitFor(() => order(o.id).status === 'paid', 'paid once the fault clears', 20_000);
    expect(stack.app.journal.balance('sales', 'CNY')).toBe(-660);
    await waitFor(() => stack.app.sync.status().lastErrorCode === null, 'the fault cleared from the status', 20_000);
  });

  it('a gateway restored from an older copy numbers changes again: they still reach the console, audited', async () => {
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online', 20_000);
    for (const amount of ['1.00', '2.00']) {
      const o = await create(amount);
      await waitFor(() => order(o.id).registered, 'registered');
      await customerPays(o);
      await waitFor(() => order(o.id).status === 'paid', 'paid');
    }
    const cursor = stack.app.applier.cursor(stack.app.terminal.get()!.gatewayId);
    // the gateway is put back to a copy taken before the last change (its feed one change shorter)
    await stack.stopGateway();
    const gdb = new Database(stack.gatewayDbPath);
    try {
      gdb.prepare('DELETE FROM changes WHERE change_id = ?').run(cursor);
      gdb.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'changes'").run(cursor - 1);
    } finally {
      gdb.close();
    }
    await stack.restartGateway();
    await waitFor(
      () => stack.app.audit.list(undefined, 20).entries.some((e) => e.kind === 'sync.feed_rewound'),
      'the rewind noticed and audited',
      20_000,
    );
    const rewound = stack.app.audit.list(undefined, 20).entries.find((e) => e.kind === 'sync.feed_rewound')!;
    expect(rewound.detail).toEqual({ gateway_head: cursor - 1, console_cursor: cursor, marks: 1 });
    // the next payment takes the id this console had marked: it is applied all the same
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online again', 20_000);
    const next = await create('3.00');
    await waitFor(() => order(next.id).registered, 'registered');
    await customerPays(next);
    await waitFor(() => order(next.id).status === 'paid', 'paid, under a reused change id', 20_000);
    expect(stack.app.applier.cursor(stack.app.terminal.get()!.gatewayId)).toBe(cursor);
    expect(stack.app.journal.balance('sales', 'CNY')).toBe(-600);
  });

  it('the console catches up after the gateway process is stopped and restarted mid-sync', async () => {
    const paidIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await create(`${i + 1}.00`);
      await waitFor(() => order(o.id).registered, 'registered');
      paidIds.push(o.id);
    }
    await stack.stopGateway();
    const late = await create('7.00'); // created while the gateway is down
    await waitFor(() => stack.app.sync.status().connectivity === 'offline', 'offline', 20_000);
    await stack.restartGateway();
    await waitFor(() => stack.app.sync.status().connectivity === 'online', 'online again', 30_000);
    await waitFor(() => order(late.id).registered, 'late order registered', 30_000);
    for (const id of [...paidIds, late.id]) await customerPays(order(id));
    await waitFor(() => [...paidIds, late.id].every((id) => order(id).status === 'paid'), 'all paid', 30_000);
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'outbox empty', 30_000);
    expect(
      stack
        .gateway()
        .audit.journal(terminalId())
        .map((e) => e.hash),
    ).toEqual(consoleHashes().map((e) => e.hash));
  });
});
