import { describe, expect, it } from 'vitest';
import { CLI_DEFAULT_PORT, parseCliArgs } from '../../src-gateway/cli-args';

describe('gateway CLI arguments', () => {
  it('applies defaults', () => {
    const r = parseCliArgs(['--db', 'g.db']);
    expect(r).toEqual({
      ok: true,
      value: {
        help: false,
        dbPath: 'g.db',
        port: CLI_DEFAULT_PORT,
        host: '127.0.0.1',
        merchantName: '演示商户',
        currency: 'CNY',
        publicUrl: undefined,
        issuePairingCode: false,
        pairingCode: undefined,
      },
    });
  });

  it('reads every flag, in both spellings', () => {
    const r = parseCliArgs(
      [
        '--db=g.db',
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--merchant-name',
        'Shop',
        '--currency',
        'JPY',
        '--public-url',
        'https://pay.example',
      ],
      { GATEWAY_PAIRING_CODE: '01234567' },
    );
    expect(r.ok && r.value).toMatchObject({
      dbPath: 'g.db',
      port: 0,
      host: '0.0.0.0',
      merchantName: 'Shop',
      currency: 'JPY',
      publicUrl: 'https://pay.example',
      pairingCode: '01234567',
    });
  });

  it.each([
    [[], /--db/],
    [['--db', 'g', '--port', '70000'], /--port/],
    [['--db', 'g', '--port', '-1'], /port/],
    [['--db', 'g', '--currency', 'EUR'], /--currency/],
    [['--db', 'g', '--pairing-code', '12345678'], /GATEWAY_PAIRING_CODE instead/],
    [['--db', 'g', 'extra'], /positional|Unexpected/i],
    [['--nope'], /nope/],
  ])('refuses %j', (argv, message) => {
    const r = parseCliArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});

describe('the pairing code in the environment', () => {
  it.each([
    [{ GATEWAY_PAIRING_CODE: '1234567a' }, [], /8 digits/],
    [{ GATEWAY_PAIRING_CODE: '123456789' }, [], /8 digits/],
    [{ GATEWAY_PAIRING_CODE: '12345678' }, ['--issue-pairing-code'], /either/],
  ])('refuses %j with %j', (env, flags, message) => {
    const r = parseCliArgs(['--db', 'g', ...flags], env);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('reads no code from an empty variable', () => {
    const r = parseCliArgs(['--db', 'g'], { GATEWAY_PAIRING_CODE: '' });
    expect(r.ok && r.value.pairingCode).toBeUndefined();
  });
});
