import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeTx } from '../../src-main/db/connection';
import { verifyJournal } from '../../src-main/ledger/verify';
import type { FetchLike } from '../../src-main/sync/gateway-client';
import { expectedConfirmationCode } from '../../src-main/sync/signer';
import { GATEWAY_PATHS } from '../../src-shared/protocol/gateway';
import type { OrderView } from '../../src-shared/api';
import { confirmationCodeOf, openQr, pressWallet } from '../support/customer';
import { readChainLines } from '../support/journal-chain';
import { ManualClock, waitFor } from '../support/fixtures';
import { postQrSale } from '../support/settlement';
import { nonceOf, signedReply } from '../support/signed-reply';
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

const create = async (amount: string): Promise<OrderView> => {
  const r = await stack.app.handlers['orders.create']({ amount });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const order = (id: string) => {
  const r = stack.app.orders.get(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const terminalId = () => stack.app.terminal.get()!.terminalId;
/** The customer's phone pays on the gateway directly and reads the confirmation code. */
const customerPays = async (o: OrderView): Promise<string> => {
  const visit = await openQr(o.qrUrl!);
  const paid = await pressWallet(o.qrUrl!, visit.session!, 'pay');
  expect(paid.resultStatus).toBe('paid');
  return confirmationCodeOf(paid.html)!;
};
const owedCancels = () =>
  (stack.app.db.prepare('SELECT COUNT(*) AS n FROM orders WHERE cancel_owed = 1').get() as { n: number }).n;
const consoleHashes = () =>
  stack.app.db.prepare('SELECT seq, hash FROM journal ORDER BY seq').all() as { seq: number; hash: string }[];

describe('journal push', () => {
  it('every journal entry reaches the gateway once, hash chain intact, and the outbox empties', async () => {
    for (const amount of ['12.00', '3.50']) {
      const o = await create(amount);
      await waitFor(() => order(o.id).registered, 'registered');
      await customerPays(o);
      await waitFor(() => order(o.id).status === 'paid', 'paid');
    }
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'outbox empty');
    const gw = stack.gateway().audit;
    expect(gw.journal(terminalId()).map((e) => ({ seq: e.seq, hash: e.hash }))).toEqual(consoleHashes());
    expect(gw.journalHead(terminalId()).seq).toBe(2);
    // re-sending an acknowledged batch changes nothing
    stack.app.db.exec('INSERT INTO outbox (seq, queued_at_ms) SELECT seq, created_at_ms FROM journal');
    expect(stack.app.sync.status().unsyncedEntries).toBe(2);
    await stack.app.sync.pushJournal();
    expect(stack.app.sync.status().unsyncedEntries).toBe(0);
    expect(gw.journal(terminalId())).toHaveLength(2);
    expect(stack.app.sync.status().pushErrorCode).toBeNull();
  });

  it('a batch the gateway refuses stops the push with the cause named in the status', async () => {
    const o = await create('9.99');
    await waitFor(() => order(o.id).registered, 'registered');
    await customerPays(o);
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0 && order(o.id).status === 'paid', 'synced');
    // The console's copy of entry 1 is rewritten (a damaged or restored database) and queued again.
    stack.app.db.exec('DROP TRIGGER journal_no_update');
    stack.app.db.prepare('UPDATE journal SET hash = ? WHERE seq = 1').run('f'.repeat(64));
    stack.app.db.exec('INSERT INTO outbox (seq, queued_at_ms) VALUES (1, 0)');
    await stack.app.sync.pushJournal();
    const status = stack.app.sync.status();
    expect(status.pushErrorCode).toBe('journal_conflict');
    expect(status.unsyncedEntries).toBe(1);
    // stopped: another pass sends nothing and the gateway keeps its own copy
    await stack.app.sync.pushJournal();
    expect(stack.gateway().audit.journal(terminalId())[0]!.hash).not.toBe('f'.repeat(64));
  });
});

describe('a journal push that fails here', () => {
  it('is named in the status and tried again, not given up or left to throw', async () => {
    postQrSale(stack.app, 'sandbox', 5);
    // the outbox cannot be trimmed (a fault in this counter's database) once the gateway has the entry
    stack.app.db.exec(
      "CREATE TEMP TRIGGER fault BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'disk fault (test)'); END",
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await stack.app.sync.pushJournal();
      expect(stack.app.sync.status()).toMatchObject({ pushErrorCode: 'sync_local_error', unsyncedEntries: 1 });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('disk fault (test)'));
    } finally {
      stack.app.db.exec('DROP TRIGGER temp.fault');
      logged.mockRestore();
    }
    await stack.app.sync.pushJournal();
    expect(stack.app.sync.status()).toMatchObject({ pushErrorCode: null, unsyncedEntries: 0 });
    expect(stack.gateway().audit.journalHead(terminalId()).seq).toBe(1);
  });
});

describe('a catch-up push in many batches', () => {
  const N = 100;
  const BATCH = 7;
  const appendMany = () =>
    writeTx(stack.app.db, () => {
      for (let i = 1; i <= N; i++) {
        stack.app.journal.append({
          kind: 'sale.qr',
          orderId: null,
          memo: `catch-up ${i} "quoted" 收款`,
          postings: [
            { account: 'clearing:sandbox', currency: 'CNY', amountMinor: i },
            { account: 'sales', currency: 'CNY', amountMinor: -i },
          ],
        });
      }
    });
  const gatewayHashes = () =>
    stack
      .gateway()
      .audit.journal(terminalId())
      .map((e) => ({ seq: e.seq, hash: e.hash }));
  const seqsOf = (body: string) => readChainLines(body).entries.map((e) => e.seq);

  it('keeps two requests in flight, sends the next batch before the ack is written, every entry once', async () => {
    await stack.close();
    let inFlight = 0;
    let inFlightMax = 0;
    const bodies: string[] = [];
    /** When each batch left: the lowest seq still in the outbox (not yet acknowledged). */
    const outboxFirstAtSend: number[] = [];
    const watched: FetchLike = async (url, init) => {
      if (!url.endsWith(GATEWAY_PATHS.journalLines)) return fetch(url, init);
      inFlight++;
      inFlightMax = Math.max(inFlightMax, inFlight);
      bodies.push(String(init.body));
      const first = stack.app.db.prepare('SELECT MIN(seq) AS s FROM outbox').get() as { s: number };
      outboxFirstAtSend.push(first.s);
      try {
        const res = await fetch(url, init);
        // the reply read whole inside the count: "in flight" ends when the console has the answer
        return new Response(await res.text(), { status: res.status, headers: res.headers });
      } finally {
        inFlight--;
      }
    };
    stack = await startStack({ clock, viaProxy: true, fetch: watched, pushBatchMax: BATCH });
    appendMany();
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'outbox empty');
    expect(inFlightMax).toBe(2);
    expect(stack.app.sync.status().pushErrorCode).toBeNull();
    // batches of 7, contiguous, each entry sent once
    expect(bodies.flatMap(seqsOf)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(bodies.length).toBe(Math.ceil(N / BATCH));
    // batch k (k ≥ 2) left while batch k-2, whose reply freed its place, was still in the outbox
    expect(outboxFirstAtSend).toEqual(bodies.map((_, k) => (k < 2 ? 1 : BATCH * (k - 2) + 1)));
    expect(gatewayHashes()).toEqual(consoleHashes());
  });

  it('a batch that arrives before the one it follows waits at the gateway and is taken when that one lands', async () => {
    await stack.close();
    const bodies: string[] = [];
    const statuses: number[] = [];
    const reordering: FetchLike = async (url, init) => {
      if (!url.endsWith(GATEWAY_PATHS.journalLines)) return fetch(url, init);
      bodies.push(String(init.body));
      // the first batch is held on its way until the second is waiting at the gateway
      if (bodies.length === 1) await waitFor(() => stack.gateway().audit.journalWaiting() === 1, 'second batch waits');
      const res = await fetch(url, init);
      statuses.push(res.status);
      return new Response(await res.text(), { status: res.status, headers: res.headers });
    };
    stack = await startStack({ clock, viaProxy: true, fetch: reordering, pushBatchMax: BATCH });
    appendMany();
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'outbox empty');
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(bodies.flatMap(seqsOf)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(stack.gateway().audit.journalWaiting()).toBe(0);
    expect(gatewayHashes()).toEqual(consoleHashes());
  });

  it('a batch still ahead when its wait ends is answered journal_ahead and sent again: no refusal, nothing lost', async () => {
    await stack.close();
    let secondAnswered: () => void = () => {};
    const secondDone = new Promise<void>((resolve) => (secondAnswered = resolve));
    const answers: string[] = [];
    let sent = 0;
    const reordering: FetchLike = async (url, init) => {
      if (!url.endsWith(GATEWAY_PATHS.journalLines)) return fetch(url, init);
      const n = ++sent;
      // the first batch is held on its way until the second has reached the gateway and been answered
      if (n === 1) await secondDone;
      const res = await fetch(url, init);
      const text = await res.text();
      answers.push(`${n}:${res.status}:${text.includes('journal_ahead') ? 'ahead' : 'ok'}`);
      if (n === 2) secondAnswered();
      return new Response(text, { status: res.status, headers: res.headers });
    };
    stack = await startStack({ clock, viaProxy: true, fetch: reordering, pushBatchMax: BATCH });
    appendMany();
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'outbox empty');
    expect(answers.slice(0, 2)).toEqual(['2:409:ahead', '1:200:ok']);
    expect(stack.app.sync.status().pushErrorCode).toBeNull();
    expect(gatewayHashes()).toEqual(consoleHashes());
  });

  it('a gateway from before chain lines (no such route) stops the push as gateway_outdated, nothing lost', async () => {
    await stack.close();
    // an older gateway: the console's journal requests reach a path it does not have (its router's 404)
    const older: FetchLike = (url, init) =>
      fetch(url.endsWith(GATEWAY_PATHS.journalLines) ? `${url}-not-in-this-version` : url, init);
    stack = await startStack({ clock, viaProxy: true, fetch: older, pushBatchMax: BATCH });
    appendMany();
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    const status = stack.app.sync.status();
    expect(status.pushErrorCode).toBe('gateway_outdated');
    expect(status.unsyncedEntries).toBe(N);
    // stopped, not retried in silence: another pass sends nothing
    await stack.app.sync.pushJournal();
    expect(stack.gateway().audit.journalHead(terminalId()).seq).toBe(0);
  });

  /** Entries 1…20 at the gateway; the console believes it sent 1…40 (the gateway then lost 21…40). */
  const gatewayLost21to40 = async () => {
    appendMany();
    stack.app.db.prepare('DELETE FROM outbox WHERE seq > 20').run();
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    expect(stack.gateway().audit.journalHead(terminalId()).seq).toBe(20);
    stack.app.db.exec('INSERT INTO outbox (seq, queued_at_ms) SELECT seq, created_at_ms FROM journal WHERE seq > 40');
    stack.app.outbox.acknowledge(terminalId(), 40);
  };

  it('a gateway that lost entries it acknowledged (restored from an older copy) gets them again: equal chains, audited', async () => {
    await gatewayLost21to40();
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'outbox empty');
    expect(stack.app.sync.status().pushErrorCode).toBeNull();
    expect(gatewayHashes()).toEqual(consoleHashes());
    const resent = stack.app.audit.list(undefined, 50).entries.filter((e) => e.kind === 'sync.journal_resent');
    expect(resent).toHaveLength(1);
    expect(resent[0]!.detail).toEqual({ gateway_seq: 20, console_seq: 40, entries: N - 20 });
  });

  it('a gateway whose chain is not this counter’s at its head stops the push as a named conflict', async () => {
    await gatewayLost21to40();
    // this counter's entry 20 is another than the gateway's (a console restored from another copy)
    stack.app.db.exec('DROP TRIGGER journal_no_update');
    stack.app.db.prepare('UPDATE journal SET hash = ? WHERE seq = 20').run('e'.repeat(64));
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    expect(stack.app.sync.status()).toMatchObject({ pushErrorCode: 'journal_conflict', unsyncedEntries: N - 40 });
    expect(stack.gateway().audit.journalHead(terminalId()).seq).toBe(20);
  });

  it('a re-sent batch answered with the gateway’s later head acknowledges only itself: entries it never saw stay queued', async () => {
    await stack.close();
    stack = await startStack({ clock, viaProxy: true, pushBatchMax: BATCH });
    appendMany();
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    expect(stack.gateway().audit.journalHead(terminalId()).seq).toBe(N);
    // a console restored from another copy: its 60…100 are not the gateway's, and 1…7 go again
    stack.app.db.exec('DROP TRIGGER journal_no_update');
    stack.app.db.prepare('UPDATE journal SET hash = ? WHERE seq >= 60').run('e'.repeat(64));
    stack.app.db.exec(
      'INSERT INTO outbox (seq, queued_at_ms) SELECT seq, created_at_ms FROM journal WHERE seq <= 7 OR seq >= 60',
    );
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    // the reply to 1…7 says 100; only 1…7 leave the outbox, and 60… is refused, named, not dropped
    expect(stack.app.sync.status()).toMatchObject({ pushErrorCode: 'journal_conflict', unsyncedEntries: N - 59 });
  });

  it('a gap that stays after the entries were queued again stops the push as journal_gap (no loop)', async () => {
    await stack.close();
    // a gateway that says it holds 1…20 while it holds nothing: sending again from 21 cannot help
    const lying: FetchLike = async (url, init) => {
      if (!url.endsWith(GATEWAY_PATHS.journalHead)) return fetch(url, init);
      const hash = (stack.app.db.prepare('SELECT hash FROM journal WHERE seq = 20').get() as { hash: string }).hash;
      // signed as the gateway signs: a gateway with a bug, not a forger
      return signedReply(stack.app.terminal.get()!.secret, nonceOf(init), 200, { acked_seq: 20, head_hash: hash });
    };
    stack = await startStack({ clock, viaProxy: true, fetch: lying, pushBatchMax: BATCH });
    appendMany();
    stack.app.db.prepare('DELETE FROM outbox WHERE seq <= 40').run();
    stack.app.outbox.acknowledge(terminalId(), 40);
    await stack.app.sync.pushJournal();
    await stack.app.sync.idle();
    expect(stack.app.sync.status().pushErrorCode).toBe('journal_gap');
    expect(stack.gateway().audit.journalHead(terminalId()).seq).toBe(0);
  });
});

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
