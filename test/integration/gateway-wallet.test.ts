import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changesReply, orderReply } from '../../src-shared/protocol/gateway';
import { PROVIDER_SESSION_TTL_MS } from '../../src-gateway/limits';
import {
  expectedConfirmationCode,
  getPage,
  openChangeStream,
  pairTerminal,
  resultStatus,
  signedFetch,
  signedQrUrl,
  submitWallet,
  startTestGateway,
  testIdText,
  waitFor,
  type TestGateway,
  type Terminal,
} from './gateway-helpers';

const TTL_MS = 120_000;
const AMOUNT = 1234;

describe('gateway customer pages and the sandbox wallet', () => {
  let t: TestGateway;
  let terminal: Terminal;
  beforeEach(async () => {
    t = await startTestGateway({ ssePingIntervalMs: 20 });
    terminal = await pairTerminal(t);
  });
  afterEach(async () => {
    await t.stop();
  });

  function qrFor(orderId: string, over: { amountMinor?: number; expiresAtMs?: number } = {}) {
    return signedQrUrl(terminal, {
      orderId,
      amountMinor: over.amountMinor ?? AMOUNT,
      currency: 'CNY',
      expiresAtMs: over.expiresAtMs ?? t.clock.now() + TTL_MS,
    });
  }

  async function register(orderId: string, expiresAtMs = t.clock.now() + TTL_MS) {
    const res = await signedFetch(t, terminal, 'POST', '/v1/orders', {
      order_id: orderId,
      amount_minor: AMOUNT,
      currency: 'CNY',
      created_at_ms: t.clock.now(),
      expires_at_ms: expiresAtMs,
      note: '',
    });
    expect(res.status).toBe(200);
  }

  async function feed() {
    return changesReply.parse((await signedFetch(t, terminal, 'GET', '/v1/changes?after=0')).json).changes;
  }

  async function order(orderId: string) {
    return orderReply.parse((await signedFetch(t, terminal, 'GET', `/v1/orders/${orderId}`)).json).order;
  }

  it('shows the wallet, takes one payment, and pushes it through the feed and the stream', async () => {
    const orderId = t.nextOrderId();
    await register(orderId);
    const stream = await openChangeStream(t, terminal);
    expect(stream.status).toBe(200);

    const url = qrFor(orderId);
    const wallet = await getPage(url);
    expect(wallet.status).toBe(200);
    expect(wallet.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(wallet.headers.get('content-language')).toBe('zh-CN');
    expect(wallet.html).toContain('name="viewport"');
    expect(wallet.html).not.toContain('<script');
    expect(testIdText(wallet.html, 'wallet-amount')).toBe('¥12.34');
    expect(testIdText(wallet.html, 'wallet-merchant')).toBe('测试商户');
    expect(testIdText(wallet.html, 'wallet-pay')).toBe('支付');
    expect(testIdText(wallet.html, 'wallet-decline')).toBe('拒绝');

    const paid = await submitWallet(url, wallet, 'pay');
    expect(paid.status).toBe(200);
    expect(resultStatus(paid.html)).toBe('paid');
    const code = expectedConfirmationCode(terminal.secret, orderId, AMOUNT);
    expect(testIdText(paid.html, 'confirmation-code')).toBe(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(paid.html).toContain('已向 测试商户 支付 ¥12.34');

    const changes = await feed();
    expect(changes.filter((c) => c.type === 'payment.succeeded')).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: 'payment.succeeded',
      order_id: orderId,
      amount_minor: AMOUNT,
      currency: 'CNY',
      channel: 'sandbox',
      paid_at_ms: t.clock.now(),
    });
    await waitFor(() => stream.changes.length === 1, 'the SSE stream to deliver the payment');
    expect(stream.changes[0]).toEqual(changes[0]);
    expect(stream.ids).toEqual([changes[0]!.change_id]);
    await waitFor(() => stream.pings > 0, 'a keep-alive ping');
    stream.close();

    const o = await order(orderId);
    expect(o).toMatchObject({ status: 'paid', channel: 'sandbox', paid_at_ms: t.clock.now() });
    expect(o.provider_trade_no).toMatch(/^SBX/);
  });

  it('never takes a second payment: paying twice, or paying on a second session', async () => {
    const orderId = t.nextOrderId();
    const url = qrFor(orderId);
    const first = await getPage(url);
    const second = await getPage(url);
    expect(resultStatus((await submitWallet(url, first, 'pay')).html)).toBe('paid');
    const again = await submitWallet(url, first, 'pay');
    expect(resultStatus(again.html)).toBe('already_paid');
    expect(resultStatus((await submitWallet(url, second, 'pay')).html)).toBe('already_paid');
    const rescan = await getPage(url);
    expect(resultStatus(rescan.html)).toBe('already_paid');
    expect(testIdText(rescan.html, 'confirmation-code')).not.toBeNull();
    expect((await feed()).filter((c) => c.type === 'payment.succeeded')).toHaveLength(1);
  });

  it('creates an unregistered order from a scan, so an offline counter can be paid', async () => {
    const orderId = t.nextOrderId();
    const url = qrFor(orderId);
    const stream = await openChangeStream(t, terminal);
    const wallet = await getPage(url);
    expect(wallet.status).toBe(200);
    expect((await order(orderId)).created_by_scan).toBe(true);
    expect(resultStatus((await submitWallet(url, wallet, 'pay')).html)).toBe('paid');
    await waitFor(() => stream.changes.length === 1, 'the stream to deliver the payment');
    stream.close();

    // The counter comes back online and registers the same order: 200 with the paid order.
    const expiresAtMs = Number(new URL(url).searchParams.get('e'));
    const res = await signedFetch(t, terminal, 'POST', '/v1/orders', {
      order_id: orderId,
      amount_minor: AMOUNT,
      currency: 'CNY',
      created_at_ms: t.clock.now() - 1000,
      expires_at_ms: expiresAtMs,
      note: 'late registration',
    });
    expect(res.status).toBe(200);
    expect(orderReply.parse(res.json).order).toMatchObject({ status: 'paid', created_by_scan: true });
  });

  it('refuses tampered or foreign QR codes with a page that says only "invalid"', async () => {
    const orderId = t.nextOrderId();
    const good = new URL(qrFor(orderId));
    const mutate = (key: string, value: string): string => {
      const u = new URL(good);
      u.searchParams.set(key, value);
      return u.toString();
    };
    const other = await pairTerminal(t, 'Counter 2');
    const foreign = new URL(good);
    foreign.pathname = `/q/${other.id}/${orderId}`;
    const bad = [
      mutate('a', String(AMOUNT + 1)),
      mutate('c', 'USD'),
      mutate('e', String(Number(good.searchParams.get('e')) + 1)),
      mutate('s', 'A'.repeat(22)),
      good.toString().replace(orderId, t.nextOrderId()),
      foreign.toString(),
      `${t.url}/q/nope/nope?a=1`,
    ];
    for (const url of bad) {
      const page = await getPage(url, 'en');
      expect(page.status, url).toBe(400);
      expect(resultStatus(page.html)).toBe('invalid');
      expect(page.html).toContain('Invalid payment QR');
    }
    // Nothing was created by the refused scans.
    expect((await signedFetch(t, terminal, 'GET', `/v1/orders/${orderId}`)).status).toBe(404);
  });

  it('refuses a valid QR whose fields differ from the registered order', async () => {
    const orderId = t.nextOrderId();
    await register(orderId);
    const page = await getPage(qrFor(orderId, { amountMinor: AMOUNT + 100 }));
    expect(page.status).toBe(400);
  });

  it('speaks English when the phone prefers it', async () => {
    const page = await getPage(qrFor(t.nextOrderId()), 'en-US,en;q=0.9,zh;q=0.5');
    expect(page.headers.get('content-language')).toBe('en');
    expect(testIdText(page.html, 'wallet-pay')).toBe('Pay');
    expect(testIdText(page.html, 'wallet-amount')).toBe('CN¥12.34');
  });

  it('declines: the session closes and nothing is paid', async () => {
    const orderId = t.nextOrderId();
    const url = qrFor(orderId);
    const wallet = await getPage(url);
    const declined = await submitWallet(url, wallet, 'decline');
    expect(resultStatus(declined.html)).toBe('declined');
    expect(resultStatus((await submitWallet(url, wallet, 'pay')).html)).toBe('declined');
    expect((await order(orderId)).status).toBe('awaiting_payment');
    expect(await feed()).toEqual([]);
    // A new scan can still pay.
    const again = await getPage(url);
    expect(resultStatus((await submitWallet(url, again, 'pay')).html)).toBe('paid');
  });

  it('shows "expired" once the QR has expired', async () => {
    const orderId = t.nextOrderId();
    const url = qrFor(orderId);
    t.clock.advance(TTL_MS);
    const page = await getPage(url);
    expect(page.status).toBe(200);
    expect(resultStatus(page.html)).toBe('expired');
    // A registered order that expired shows the same.
    const registered = t.nextOrderId();
    await register(registered);
    const url2 = qrFor(registered);
    t.clock.advance(TTL_MS);
    expect(resultStatus((await getPage(url2)).html)).toBe('expired');
  });

  it('refuses payment after the counter cancelled the order', async () => {
    const orderId = t.nextOrderId();
    await register(orderId);
    const url = qrFor(orderId);
    const wallet = await getPage(url);
    expect((await signedFetch(t, terminal, 'POST', `/v1/orders/${orderId}/cancel`, {})).status).toBe(200);
    const pay = await submitWallet(url, wallet, 'pay');
    expect(resultStatus(pay.html)).toBe('closed');
    expect(resultStatus((await getPage(url)).html)).toBe('closed');
    const changes = await feed();
    expect(changes.map((c) => c.type)).toEqual(['order.closed']);
    expect((await order(orderId)).status).toBe('cancelled');
  });

  it('accepts a late payment on a session opened before the order expired', async () => {
    const orderId = t.nextOrderId();
    await register(orderId);
    const url = qrFor(orderId);
    const wallet = await getPage(url);
    t.clock.advance(TTL_MS + 60_000);
    expect((await order(orderId)).status).toBe('expired');
    const pay = await submitWallet(url, wallet, 'pay');
    expect(resultStatus(pay.html)).toBe('paid');
    const o = await order(orderId);
    expect(o.status).toBe('paid');
    expect(o.paid_at_ms).toBeGreaterThan(o.expires_at_ms);
    expect((await feed()).filter((c) => c.type === 'payment.succeeded')).toHaveLength(1);
  });

  it('refuses payment on a session older than its 2-hour validity', async () => {
    const orderId = t.nextOrderId();
    const url = qrFor(orderId);
    const wallet = await getPage(url);
    t.clock.advance(PROVIDER_SESSION_TTL_MS);
    expect(resultStatus((await submitWallet(url, wallet, 'pay')).html)).toBe('expired');
    expect(await feed()).toEqual([]);
  });

  it('refuses forms without a valid session', async () => {
    const orderId = t.nextOrderId();
    const url = qrFor(orderId);
    await getPage(url);
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${t.url}/q/${terminal.id}/${orderId}/pay`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('session=' + 'A'.repeat(22))).status).toBe(400);
    expect((await post('nothing=1')).status).toBe(400);
    expect((await post('{"session":"x"}', 'application/json')).status).toBe(400);
    expect((await post('session=' + 'A'.repeat(5000))).status).toBe(400);
    expect(await feed()).toEqual([]);
  });

  it('sends the backlog after the cursor on a new stream and closes the oldest beyond four', async () => {
    const paidIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const orderId = t.nextOrderId();
      const url = qrFor(orderId);
      await submitWallet(url, await getPage(url), 'pay');
      paidIds.push(orderId);
    }
    const all = await feed();
    const fromSecond = await openChangeStream(t, terminal, all[0]!.change_id);
    await waitFor(() => fromSecond.changes.length === 2, 'the backlog');
    expect(fromSecond.changes.map((c) => ('order_id' in c ? c.order_id : null))).toEqual(paidIds.slice(1));

    const more = [];
    for (let i = 0; i < 4; i++) more.push(await openChangeStream(t, terminal));
    await waitFor(() => fromSecond.ended, 'the oldest stream to be closed');
    for (const s of more) expect(s.ended).toBe(false);
    for (const s of more) s.close();
  });
});
