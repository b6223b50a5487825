/**
 * A local stand-in for Alipay's openapi gateway (gateway.do), speaking the documented protocol
 * for the face-to-face methods the gateway uses. Every request's RSA2 signature is verified with
 * the merchant's public key; every answer is signed with this fake's own "Alipay" key pair.
 * Tests script the customer's side (pays, is slow to confirm, never confirms) and the network's
 * (notifies late, twice, tampered; a response lost after the work was done).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipFiles, encodeGbk, tradeBillCsv } from './bill-zip';
import {
  BUYER_ID,
  fenToYuan,
  SELLER_ID,
  stamp,
  yuanToFen,
  type FakeCall,
  type NotifyOptions,
  type PayScript,
  type Trade,
} from './model';
import { rsa2Sign, rsa2Verify, signContent, testKeys, type KeyPair } from './signing';

export class FakeAlipay {
  readonly appId = '2021000000000001';
  readonly sellerId = SELLER_ID;
  /** Alipay's key pair (the gateway is configured with its public half). */
  readonly alipayKeys: KeyPair = testKeys().alipay;
  /** The merchant's key pair, as the merchant would make it with Alipay's key tool. */
  readonly merchantKeys: KeyPair = testKeys().merchant;
  private readonly forger: KeyPair = testKeys().forger;
  readonly calls: FakeCall[] = [];
  readonly rejectedSignatures: string[] = [];
  private readonly trades = new Map<string, Trade>();
  private readonly payScripts = new Map<string, PayScript>();
  private readonly dropResponses = new Map<string, number>();
  private readonly bills = new Map<string, Buffer>();
  private readonly billTokens = new Map<string, string>();
  private tradeCounter = 0;
  private notifyCounter = 0;
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private base = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** What the merchant configures as the gateway URL. */
  get gatewayUrl(): string {
    return `${this.base}/gateway.do`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  scriptPay(authCode: string, script: PayScript): void {
    this.payScripts.set(authCode, script);
  }

  /** The next `n` answers to `method` are computed, then the connection is cut (answer lost). */
  dropResponsesTo(method: string, n: number): void {
    this.dropResponses.set(method, n);
  }

  setTradeBill(date: string, rows: readonly (readonly string[])[]): Buffer {
    const csv = encodeGbk(tradeBillCsv(date, rows));
    const zip = zipFiles([{ name: `20880000000000000156_${date.replaceAll('-', '')}_业务明细.csv`, data: csv }]);
    this.bills.set(`trade:${date}`, zip);
    return zip;
  }

  trade(outTradeNo: string): Readonly<Trade> | undefined {
    return this.trades.get(outTradeNo);
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The customer scans the precreate QR and pays; Alipay notifies unless told not to. */
  async customerPays(outTradeNo: string, notify = true): Promise<{ status: number; text: string } | null> {
    const t = this.trades.get(outTradeNo);
    if (!t) throw new Error(`fake alipay: no trade ${outTradeNo}`);
    t.exists = true;
    t.status = 'TRADE_SUCCESS';
    t.gmtPayment = stamp(new Date());
    return notify ? this.notify({ outTradeNo }) : null;
  }

  /** The customer scanned but has not paid yet (the trade now exists, waiting). */
  customerScans(outTradeNo: string): void {
    const t = this.trades.get(outTradeNo);
    if (!t) throw new Error(`fake alipay: no trade ${outTradeNo}`);
    t.exists = true;
  }

  notifyFields(outTradeNo: string): Record<string, string> {
    const t = this.trades.get(outTradeNo);
    if (!t) throw new Error(`fake alipay: no trade ${outTradeNo}`);
    const now = stamp(new Date());
    return {
      notify_time: now,
      notify_type: 'trade_status_sync',
      notify_id: `2026notify${++this.notifyCounter}`,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      app_id: this.appId,
      auth_app_id: this.appId,
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      trade_status: t.status,
      total_amount: t.totalAmount,
      receipt_amount: t.totalAmount,
      buyer_pay_amount: t.totalAmount,
      invoice_amount: t.totalAmount,
      subject: t.subject,
      seller_id: SELLER_ID,
      buyer_id: BUYER_ID,
      gmt_create: now,
      ...(t.gmtPayment ? { gmt_payment: t.gmtPayment } : {}),
    };
  }

  /** Posts an async notify for the trade to the notify_url it was created with. */
  async notify(opts: NotifyOptions & { outTradeNo: string }): Promise<{ status: number; text: string }> {
    const t = this.trades.get(opts.outTradeNo);
    if (!t?.notifyUrl) throw new Error(`fake alipay: trade ${opts.outTradeNo} has no notify_url`);
    let fields = this.notifyFields(opts.outTradeNo);
    if (opts.signFields) fields = { ...fields, ...opts.fields };
    const key = opts.forgedKey ? this.forger.privateKey : this.alipayKeys.privateKey;
    fields.sign = rsa2Sign(signContent(fields, ['sign', 'sign_type']), key);
    if (!opts.signFields && opts.fields) fields = { ...fields, ...opts.fields };
    const res = await fetch(t.notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, text: await res.text() };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    if (req.method === 'GET' && url.pathname.startsWith('/bill/')) return this.serveBill(url, res);
    if (req.method !== 'POST' || url.pathname !== '/gateway.do') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params[k] = v;
    const method = params.method ?? '';
    const responseKey = `${method.replaceAll('.', '_')}_response`;
    if (params.app_id !== this.appId) {
      return this.answer(res, responseKey, { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-app-id' });
    }
    if (
      params.sign_type !== 'RSA2' ||
      !rsa2Verify(signContent(params, ['sign']), params.sign ?? '', this.merchantKeys.publicKey)
    ) {
      this.rejectedSignatures.push(method);
      return this.answer(res, responseKey, {
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-signature',
        sub_msg: '验签出错',
      });
    }
    let biz: Record<string, string>;
    try {
      biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
    } catch {
      return this.answer(res, responseKey, { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-biz' });
    }
    this.calls.push({ method, biz });
    const body = this.dispatch(method, biz, params);
    const drops = this.dropResponses.get(method) ?? 0;
    if (drops > 0) {
      this.dropResponses.set(method, drops - 1);
      res.socket?.destroy();
      return;
    }
    this.answer(res, responseKey, body);
  }

  private answer(res: ServerResponse, responseKey: string, body: Record<string, unknown>): void {
    const inner = JSON.stringify(body);
    const sign = rsa2Sign(inner, this.alipayKeys.privateKey);
    const text = `{"${responseKey}":${inner},"sign":"${sign}"}`;
    res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end(text);
  }

  private dispatch(
    method: string,
    biz: Record<string, string>,
    params: Record<string, string>,
  ): Record<string, unknown> {
    switch (method) {
      case 'alipay.trade.precreate':
        return this.precreate(biz, params.notify_url ?? null);
      case 'alipay.trade.pay':
        return this.pay(biz, params.notify_url ?? null);
      case 'alipay.trade.query':
        return this.query(biz);
      case 'alipay.trade.cancel':
        return this.cancel(biz);
      case 'alipay.trade.refund':
        return this.refund(biz);
      case 'alipay.trade.fastpay.refund.query':
        return this.refundQuery(biz);
      case 'alipay.data.dataservice.bill.downloadurl.query':
        return this.billUrl(biz);
      default:
        return { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method' };
    }
  }

  private newTrade(biz: Record<string, string>, notifyUrl: string | null, exists: boolean): Trade {
    const trade: Trade = {
      outTradeNo: biz.out_trade_no!,
      tradeNo: `2026050122001${String(++this.tradeCounter).padStart(15, '0')}`,
      totalAmount: biz.total_amount!,
      subject: biz.subject ?? '',
      notifyUrl,
      status: 'WAIT_BUYER_PAY',
      exists,
      queriesUntilPaid: null,
      gmtPayment: null,
      refundedFen: 0,
      refunds: new Map(),
    };
    this.trades.set(trade.outTradeNo, trade);
    return trade;
  }

  private invalidTradeArgs(biz: Record<string, string>): Record<string, unknown> | null {
    const fen = yuanToFen(biz.total_amount ?? '');
    if (!/^[A-Za-z0-9_]{1,64}$/.test(biz.out_trade_no ?? '') || fen === null || fen < 1 || !biz.subject) {
      return { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter' };
    }
    return null;
  }

  private precreate(biz: Record<string, string>, notifyUrl: string | null): Record<string, unknown> {
    const invalid = this.invalidTradeArgs(biz);
    if (invalid) return invalid;
    const existing = this.trades.get(biz.out_trade_no!);
    if (existing && existing.totalAmount !== biz.total_amount) {
      return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.CONTEXT_INCONSISTENT' };
    }
    if (existing && existing.status !== 'WAIT_BUYER_PAY') {
      return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_HAS_CLOSE' };
    }
    const t = existing ?? this.newTrade(biz, notifyUrl, false);
    return {
      code: '10000',
      msg: 'Success',
      out_trade_no: t.outTradeNo,
      qr_code: `https://qr.alipay.com/fake${t.tradeNo}`,
    };
  }

  private pay(biz: Record<string, string>, notifyUrl: string | null): Record<string, unknown> {
    const invalid = this.invalidTradeArgs(biz);
    if (invalid) return invalid;
    if (biz.scene !== 'bar_code') return { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-scene' };
    if (!/^(2[5-9]|30)\d{14,22}$/.test(biz.auth_code ?? '')) {
      return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.PAYMENT_AUTH_CODE_INVALID' };
    }
    if (this.trades.has(biz.out_trade_no!)) {
      return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_HAS_SUCCESS' };
    }
    const script = this.payScripts.get(biz.auth_code!) ?? { kind: 'success' };
    if (script.kind === 'fail') return { code: '40004', msg: 'Business Failed', sub_code: script.subCode };
    const t = this.newTrade(biz, notifyUrl, true);
    const common = {
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      buyer_logon_id: '159****5620',
      total_amount: t.totalAmount,
    };
    if (script.kind === 'success') {
      t.status = 'TRADE_SUCCESS';
      t.gmtPayment = stamp(new Date());
      return { code: '10000', msg: 'Success', ...common, receipt_amount: t.totalAmount, gmt_payment: t.gmtPayment };
    }
    t.queriesUntilPaid = script.kind === 'paying' ? script.queriesUntilPaid : null;
    return { code: '10003', msg: ' order success pay inprocess', ...common };
  }

  private query(biz: Record<string, string>): Record<string, unknown> {
    const t = this.trades.get(biz.out_trade_no ?? '');
    if (!t?.exists)
      return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' };
    if (t.status === 'WAIT_BUYER_PAY' && t.queriesUntilPaid !== null) {
      t.queriesUntilPaid -= 1;
      if (t.queriesUntilPaid <= 0) {
        t.status = 'TRADE_SUCCESS';
        t.gmtPayment = stamp(new Date());
      }
    }
    return {
      code: '10000',
      msg: 'Success',
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      trade_status: t.status,
      total_amount: t.totalAmount,
      ...(t.status === 'TRADE_SUCCESS' ? { buyer_pay_amount: t.totalAmount, send_pay_date: t.gmtPayment } : {}),
    };
  }

  private cancel(biz: Record<string, string>): Record<string, unknown> {
    const t = this.trades.get(biz.out_trade_no ?? '');
    if (!t) return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST' };
    const action = t.status === 'TRADE_SUCCESS' ? 'refund' : 'close';
    t.status = 'TRADE_CLOSED';
    t.queriesUntilPaid = null;
    return { code: '10000', msg: 'Success', trade_no: t.tradeNo, out_trade_no: t.outTradeNo, retry_flag: 'N', action };
  }

  private refund(biz: Record<string, string>): Record<string, unknown> {
    const t = this.trades.get(biz.out_trade_no ?? '');
    if (!t) return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST' };
    const fen = yuanToFen(biz.refund_amount ?? '');
    const requestNo = biz.out_request_no ?? t.outTradeNo;
    const base = { trade_no: t.tradeNo, out_trade_no: t.outTradeNo, buyer_logon_id: '159****5620' };
    const seen = t.refunds.get(requestNo);
    if (seen) {
      if (seen.amount !== biz.refund_amount) {
        return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.REFUND_AMT_RESTRICTION' };
      }
      // Documented: a repeated request does not move money again, so fund_change is N.
      return { code: '10000', msg: 'Success', ...base, fund_change: 'N', refund_fee: fenToYuan(t.refundedFen) };
    }
    if (t.status !== 'TRADE_SUCCESS')
      return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_STATUS_ERROR' };
    if (fen === null || fen < 1 || t.refundedFen + fen > yuanToFen(t.totalAmount)!) {
      return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' };
    }
    t.refundedFen += fen;
    t.refunds.set(requestNo, { amount: biz.refund_amount!, reason: biz.refund_reason ?? '' });
    return { code: '10000', msg: 'Success', ...base, fund_change: 'Y', refund_fee: fenToYuan(t.refundedFen) };
  }

  private refundQuery(biz: Record<string, string>): Record<string, unknown> {
    const t = this.trades.get(biz.out_trade_no ?? '');
    if (!t) return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST' };
    const r = t.refunds.get(biz.out_request_no ?? '');
    if (!r) return { code: '10000', msg: 'Success', out_trade_no: t.outTradeNo, trade_no: t.tradeNo };
    return {
      code: '10000',
      msg: 'Success',
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      out_request_no: biz.out_request_no,
      total_amount: t.totalAmount,
      refund_amount: r.amount,
      refund_status: 'REFUND_SUCCESS',
    };
  }

  private billUrl(biz: Record<string, string>): Record<string, unknown> {
    const key = `${biz.bill_type}:${biz.bill_date}`;
    if (!this.bills.has(key)) return { code: '40004', msg: 'Business Failed', sub_code: 'isp.bill_not_exist' };
    const token = `t${this.billTokens.size + 1}`;
    this.billTokens.set(token, key);
    return {
      code: '10000',
      msg: 'Success',
      bill_download_url: `${this.base}/bill/${token}.zip?downloadFileName=${token}.zip`,
    };
  }

  private serveBill(url: URL, res: ServerResponse): void {
    const token = /^\/bill\/([a-z0-9]+)\.zip$/.exec(url.pathname)?.[1];
    const key = token ? this.billTokens.get(token) : undefined;
    const zip = key ? this.bills.get(key) : undefined;
    if (!zip) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/oct-stream', 'content-length': zip.length }).end(zip);
  }
}

export async function startFakeAlipay(): Promise<FakeAlipay> {
  return new FakeAlipay().start();
}
