import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiCalls, apiEvents, isCallName, isEventName, type CallName } from '../../src-shared/api';
import { call, joinMaps } from '../../src-shared/api/contract';
import { ERROR_CODES, isErrorCode } from '../../src-shared/errors';
import { ORDER_NOTE_LENGTH_MAX } from '../../src-shared/protocol/gateway';
import { SAMPLE_ID as ORDER, VALID_ARGS } from '../support/api-samples';

const CALL_NAMES = Object.keys(VALID_ARGS) as CallName[];

const argsOf = (name: CallName): z.ZodType => apiCalls[name].args;
const accepts = (name: CallName, args: unknown) => argsOf(name).safeParse(args).success;

describe('joinMaps', () => {
  it('joins maps into one with every entry', () => {
    const a = { x: 1, y: 2 };
    const b = { z: 3 };
    const joined = joinMaps(a, b);
    expect(joined).toEqual({ x: 1, y: 2, z: 3 });
    expect(Object.keys(joined)).toEqual(['x', 'y', 'z']);
    expect(joinMaps()).toEqual({});
  });

  it('throws on a name declared twice, naming it', () => {
    expect(() => joinMaps({ 'orders.get': 1 }, { 'orders.get': 2 })).toThrow(/registered twice: orders\.get/);
    expect(() => joinMaps({ a: 1 }, { b: 2 }, { c: 3, a: 4 })).toThrow(/registered twice: a/);
    const same = { a: 1 };
    expect(() => joinMaps(same, same)).toThrow(/registered twice: a/);
    // Even when the duplicate's value is undefined, and for names that exist on Object.prototype.
    expect(() => joinMaps({ a: undefined }, { a: undefined })).toThrow(/registered twice: a/);
    expect(() => joinMaps({ toString: 1 }, { toString: 2 })).toThrow(/registered twice: toString/);
  });

  it('does not treat Object.prototype names as already registered', () => {
    expect(joinMaps({ toString: 1 }, { constructor: 2, hasOwnProperty: 3 })).toEqual({
      toString: 1,
      constructor: 2,
      hasOwnProperty: 3,
    });
  });

  it('keeps the schemas of the joined maps', () => {
    const schema = z.strictObject({ n: z.number() });
    const joined = joinMaps({ 'x.get': call<number>()(schema) }, { 'y.get': call<string>()(z.strictObject({})) });
    expect(joined['x.get'].args).toBe(schema);
  });
});

describe('apiCalls and apiEvents', () => {
  it('have exactly the expected names', () => {
    expect(Object.keys(apiCalls).sort()).toEqual(
      [
        'app.info',
        'gateway.pair',
        'gateway.status',
        'gateway.useDemo',
        'ledger.verify',
        'ledger.backup',
        'offline.acceptCode',
        'offline.check',
        'offline.issues',
        'offline.limits',
        'offline.resolveIssue',
        'offline.retryPush',
        'offline.setLimits',
        'offline.unlockCode',
        'offline.writeOff',
        'orders.cancel',
        'orders.chargeCode',
        'orders.chargeStatus',
        'orders.create',
        'orders.get',
        'orders.open',
        'orders.stopCharge',
        'orders.today',
        'orders.find',
        'settings.setLocale',
        'reconcile.upload.begin',
        'reconcile.upload.chunk',
        'reconcile.upload.finish',
        'reconcile.fetchStatement',
        'reconcile.sources',
        'reconcile.start',
        'reconcile.cancel',
        'reconcile.run',
        'reconcile.runs',
        'reconcile.results',
        'reconcile.diff',
        'reconcile.act',
        'reconcile.export',
        'operators.status',
        'operators.setupOwner',
        'operators.login',
        'operators.logout',
        'operators.recover',
        'operators.newRecoveryCode',
        'operators.list',
        'operators.create',
        'operators.unlock',
        'operators.setActive',
        'operators.setPin',
        'operators.setLockout',
        'refunds.create',
        'refunds.createCash',
        'refunds.forOrder',
        'audit.list',
        'audit.verify',
        'security.status',
        'shift.current',
        'shift.open',
        'shift.cashSale',
        'shift.cashMove',
        'shift.cashRefund',
        'shift.report',
        'shift.close',
        'shift.list',
        'reports.settlement',
        'reports.setBusinessDay',
        'reports.export',
        'settlement.settings',
        'settlement.setSettings',
        'printer.settings',
        'printer.set',
        'printer.printShift',
      ].sort(),
    );
    expect(Object.keys(apiEvents).sort()).toEqual(
      ['app.info', 'order.updated', 'sync.status', 'operators.session', 'refund.updated', 'reconcile.progress'].sort(),
    );
  });

  it('every call has a zod args schema that accepts its valid sample', () => {
    expect(CALL_NAMES.sort()).toEqual(Object.keys(apiCalls).sort());
    for (const name of CALL_NAMES) {
      expect(argsOf(name), name).toBeInstanceOf(z.ZodType);
      expect(accepts(name, VALID_ARGS[name]), name).toBe(true);
    }
  });

  it('every call refuses unknown keys (strict objects), including prototype-looking keys', () => {
    for (const name of CALL_NAMES) {
      const valid = VALID_ARGS[name] as Record<string, unknown>;
      expect(accepts(name, { ...valid, evil: 1 }), `${name} + evil`).toBe(false);
      expect(accepts(name, { ...valid, constructor: 1 }), `${name} + constructor`).toBe(false);
      // JSON.parse makes an own "__proto__" key, as a hostile renderer payload would.
      const withProto = Object.assign(JSON.parse('{"__proto__":{"polluted":1}}') as object, valid);
      expect(Object.keys(withProto)).toContain('__proto__');
      expect(accepts(name, withProto), `${name} + __proto__`).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('every call refuses non-objects', () => {
    for (const name of CALL_NAMES) {
      for (const bad of [null, undefined, 'x', 1, [], true]) {
        expect(accepts(name, bad), `${name} ${JSON.stringify(bad)}`).toBe(false);
      }
    }
  });

  it('orders.create takes the typed text, not a number, with bounded lengths', () => {
    expect(accepts('orders.create', { amount: '1', evil: 1 })).toBe(false);
    expect(accepts('orders.create', { amount: '1' })).toBe(true);
    expect(accepts('orders.create', { amount: 1 })).toBe(false);
    expect(accepts('orders.create', {})).toBe(false);
    expect(accepts('orders.create', { amount: 'x'.repeat(64) })).toBe(true);
    expect(accepts('orders.create', { amount: 'x'.repeat(65) })).toBe(false);
    expect(accepts('orders.create', { amount: '1', note: 'n'.repeat(ORDER_NOTE_LENGTH_MAX * 4) })).toBe(true);
    expect(accepts('orders.create', { amount: '1', note: 'n'.repeat(ORDER_NOTE_LENGTH_MAX * 4 + 1) })).toBe(false);
    expect(accepts('orders.create', { amount: '1', note: null })).toBe(false);
  });

  it('order ids must be ULIDs; locales and pairing fields are checked', () => {
    for (const name of ['orders.get', 'orders.cancel'] as const) {
      for (const id of [ORDER.toLowerCase(), `${ORDER}A`, '', '../etc', 42])
        expect(accepts(name, { id }), `${name} ${id}`).toBe(false);
    }
    expect(accepts('settings.setLocale', { locale: 'en' })).toBe(true);
    for (const locale of ['fr', 'zh', 'EN', '', null]) expect(accepts('settings.setLocale', { locale })).toBe(false);
    expect(accepts('gateway.pair', { url: '', code: '1' })).toBe(false);
    expect(accepts('gateway.pair', { url: 'x'.repeat(201), code: '1' })).toBe(false);
    expect(accepts('gateway.pair', { url: 'u', code: 'c'.repeat(33) })).toBe(false);
    expect(accepts('gateway.pair', { url: 'u' })).toBe(false);
  });
});

describe('isCallName, isEventName', () => {
  it('knows every declared name', () => {
    for (const name of Object.keys(apiCalls)) expect(isCallName(name), name).toBe(true);
    for (const name of Object.keys(apiEvents)) expect(isEventName(name), name).toBe(true);
  });

  it('refuses prototype names and anything undeclared', () => {
    const notNames = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '',
      'orders',
      'orders.create ',
      'ORDERS.CREATE',
      'order.updated', // an event, not a call
      null,
      undefined,
      42,
      {},
    ];
    for (const x of notNames) expect(isCallName(x), String(x)).toBe(false);
    for (const x of ['__proto__', 'constructor', 'toString', 'orders.create', '', null]) {
      expect(isEventName(x), String(x)).toBe(false);
    }
  });
});

describe('ERROR_CODES', () => {
  it('are unique and isErrorCode knows exactly them', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) expect(isErrorCode(c)).toBe(true);
    for (const x of ['nope', '', 'toString', '__proto__', null, 1]) expect(isErrorCode(x)).toBe(false);
    for (const c of [
      'amount_empty',
      'amount_not_number',
      'amount_zero',
      'amount_too_many_decimals',
      'amount_too_large',
    ]) {
      expect(isErrorCode(c), c).toBe(true);
    }
  });
});
