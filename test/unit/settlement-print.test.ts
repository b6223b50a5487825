import { createServer, Socket, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { CUT, INIT, line, RECEIPT_COLUMNS } from '../../src-main/settlement/escpos';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { addCashier, CASHIER_PIN, setupOwner } from '../support/operators';
import { must, postQrSale } from '../support/settlement';

let app: App;
let cleanup: () => void;
const servers: Server[] = [];

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(async () => {
  cleanup();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const auditKinds = () =>
  (
    app.db.prepare('SELECT kind, detail FROM audit_log ORDER BY seq').all() as { kind: string; detail: string }[]
  ).filter((r) => r.kind === 'settings.changed');

/** A fake receipt printer: a local TCP listener that hands back every job it receives. */
async function fakePrinter(): Promise<{ port: number; jobs: Promise<Buffer>[] }> {
  const jobs: Promise<Buffer>[] = [];
  let accept!: (b: Buffer) => void;
  jobs.push(new Promise((r) => (accept = r)));
  const server = createServer((sock) => {
    const parts: Buffer[] = [];
    sock.on('data', (d: Buffer) => parts.push(d));
    sock.on('end', () => accept(Buffer.concat(parts)));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, jobs };
}

describe('settlement settings (fees, payout delay)', () => {
  it('the owner changes rates and delay; audited; new sales use the new rate', async () => {
    await setupOwner(app);
    const r = must(
      await app.dispatch('settlement.setSettings', {
        feeRatesBps: { alipay: 55, wechat: 60, sandbox: 0 },
        payoutDelayDays: 2,
      }),
    );
    expect(r).toMatchObject({ feeRatesBps: { alipay: 55, wechat: 60, sandbox: 0 }, payoutDelayDays: 2 });
    expect(app.settings.get().payoutDelayDays).toBe(2);
    const audit = auditKinds();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ payout_delay_days: 2, payout_delay_days_before: 1 });
    postQrSale(app, 'alipay', 100_00);
    const row = app.db.prepare('SELECT fee_expected_minor AS f FROM entry_index ORDER BY rowid DESC LIMIT 1').get() as {
      f: number;
    };
    expect(row.f).toBe(55); // 100.00 × 0.55 %
  });

  it('bad input: clear error, nothing changed, nothing audited', async () => {
    await setupOwner(app);
    const before = app.settings.get();
    const bad = [
      [{ alipay: -1, wechat: 60, sandbox: 0 }, 1, 'fee_rate_invalid'],
      [{ alipay: 38, wechat: 1001, sandbox: 0 }, 1, 'fee_rate_invalid'],
      [{ alipay: 38.5, wechat: 60, sandbox: 0 }, 1, 'fee_rate_invalid'],
      [{ alipay: 38, wechat: 60, sandbox: 0 }, 31, 'payout_delay_invalid'],
      [{ alipay: 38, wechat: 60, sandbox: 0 }, -1, 'payout_delay_invalid'],
    ] as const;
    for (const [feeRatesBps, payoutDelayDays, code] of bad) {
      expect(codeOf(await app.dispatch('settlement.setSettings', { feeRatesBps, payoutDelayDays }))).toBe(code);
    }
    expect(app.settings.get()).toEqual(before);
    expect(auditKinds()).toHaveLength(0);
  });

  it('cashiers cannot change fees or the printer', async () => {
    await setupOwner(app);
    const cashierId = await addCashier(app);
    await app.dispatch('operators.logout', {});
    await app.dispatch('operators.login', { operatorId: cashierId, pin: CASHIER_PIN });
    const fees = { feeRatesBps: { alipay: 1, wechat: 1, sandbox: 1 }, payoutDelayDays: 3 };
    expect(codeOf(await app.dispatch('settlement.setSettings', fees))).toBe('owner_required');
    expect(codeOf(await app.dispatch('printer.set', { enabled: true, host: '10.0.0.9', port: 9100 }))).toBe(
      'owner_required',
    );
    expect(app.settings.get().feeRatesBps.alipay).toBe(38);
    expect(codeOf(await app.dispatch('settlement.settings', {}))).toBe('ok');
  });
});

describe('receipt printer', () => {
  it('is off by default on port 9100; bad host/port refused with nothing changed', async () => {
    await setupOwner(app);
    expect(must(await app.dispatch('printer.settings', {}))).toEqual({ enabled: false, host: '', port: 9100 });
    expect(codeOf(await app.dispatch('printer.printShift', {}))).toBe('printer_not_configured');
    expect(codeOf(await app.dispatch('printer.set', { enabled: true, host: '', port: 9100 }))).toBe(
      'printer_host_invalid',
    );
    expect(codeOf(await app.dispatch('printer.set', { enabled: true, host: 'a b;rm', port: 9100 }))).toBe(
      'printer_host_invalid',
    );
    expect(codeOf(await app.dispatch('printer.set', { enabled: true, host: '10.0.0.9', port: 70_000 }))).toBe(
      'printer_port_invalid',
    );
    expect(must(await app.dispatch('printer.settings', {}))).toEqual({ enabled: false, host: '', port: 9100 });
    expect(auditKinds()).toHaveLength(0);
  });

  it('prints the X and Z report as ESC/POS: init, every figure, cut', async () => {
    await setupOwner(app);
    const printer = await fakePrinter();
    must(await app.dispatch('printer.set', { enabled: true, host: '127.0.0.1', port: printer.port }));
    expect(JSON.parse(auditKinds()[0]!.detail)).toMatchObject({ printer_enabled: true, printer_host: '127.0.0.1' });
    must(await app.dispatch('shift.open', { float: '200' }));
    must(await app.dispatch('shift.cashSale', { amount: '12.34', tendered: '20' }));
    postQrSale(app, 'alipay', 88_00);
    const z = must(await app.handlers['shift.close']({ counted: '210.00' }));
    const sent = must(await app.handlers['printer.printShift']({ id: z.shift.id }));
    const bytes = await printer.jobs[0]!;
    expect(sent.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 2)]).toEqual([...INIT]);
    expect([...bytes.subarray(-CUT.length)]).toEqual([...CUT]);
    expect([0x1d, 0x56]).toEqual([...CUT.slice(0, 2)]); // GS V
    const text = bytes.toString('latin1');
    expect(text).toContain('Z REPORT');
    for (const l of [
      line('Opening float', '200.00'),
      line('Cash sales', '12.34'),
      line('Expected cash', '212.34'),
      line('Counted cash', '210.00'),
      line('Difference (short)', '-2.34'),
      line('  Gross', '88.00'),
      line('  Fees', '0.33'), // 88.00 at 0.38 %: the same net as the Reports screen
      line('  Net', '100.01'),
    ]) {
      expect(text).toContain(`${l}\n`);
      expect(l).toHaveLength(RECEIPT_COLUMNS);
    }
  });

  it('unreachable printer → printer_unreachable; silent printer → printer_timeout', async () => {
    await setupOwner(app);
    const closed = await fakePrinter();
    const port = closed.port;
    await new Promise((r) => servers.pop()!.close(r));
    must(await app.dispatch('printer.set', { enabled: true, host: '127.0.0.1', port }));
    must(await app.dispatch('shift.open', { float: '10' }));
    expect(codeOf(await app.dispatch('printer.printShift', {}))).toBe('printer_unreachable');

    const { sendToPrinter } = await import('../../src-main/settlement/printer');
    // A printer that never answers the connection: a socket that is never dialled.
    const r = await sendToPrinter('127.0.0.1', 9100, Uint8Array.from([1]), 20, () => new Socket());
    expect(codeOf(r)).toBe('printer_timeout');
  });
});
