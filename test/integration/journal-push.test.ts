/**
 * The journal push against a real gateway on loopback: every entry once, refusals named,
 * a catch-up in many batches (two in flight, overtaking, restored gateways), faults here.
 * Offline acceptance and convergence: offline-sync.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeTx } from '../../src-main/db/connection';
import type { FetchLike } from '../../src-main/sync/gateway-client';
import { GATEWAY_PATHS } from '../../src-shared/protocol/gateway';
import { readChainLines } from '../support/journal-chain';
import { ManualClock, waitFor } from '../support/fixtures';
import { must, postQrSale } from '../support/settlement';
import { nonceOf, signedReply } from '../support/signed-reply';
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

describe('journal push', () => {
  it('an entry with no gateway traffic of its own (a shift, a cash sale) is pushed shortly after it is written', async () => {
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'caught up');
    const before = stack.gateway().audit.journal(terminalId()).length;
    must(stack.app.handlers['shift.open']({ float: '100' }) as never);
    must(stack.app.settlement.cash.sale('12.34', '20'));
    expect(stack.app.sync.status().unsyncedEntries).toBeGreaterThan(0);
    await waitFor(() => stack.app.sync.status().unsyncedEntries === 0, 'pushed without any gateway traffic');
    expect(stack.gateway().audit.journal(terminalId()).length).toBe(before + 2);
    expect(
      stack
        .gateway()
        .audit.journal(terminalId())
        .map((e) => e.hash),
    ).toEqual(consoleHashes().map((e) => e.hash));
  });

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
