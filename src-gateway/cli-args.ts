/** The gateway command line, parsed and checked without side effects (cli.ts acts on it). */
import { parseArgs } from 'node:util';
import { CURRENCIES, isCurrency, type Currency } from '../src-shared/money';
import { PAIRING_CODE_ENV } from '../src-shared/protocol/gateway';
import { err, ok, type Result } from '../src-shared/result';
import { PAIRING_CODE_RE } from './services/pairing';

export const CLI_USAGE = `Usage: gateway --db <file> [options]

  --db <file>              SQLite database (required; the master key goes to <file>.key)
  --port <n>               port to listen on (default 8787; 0 picks a free one)
  --host <addr>            address to listen on (default 127.0.0.1)
  --merchant-name <name>   shown to customers (default 演示商户)
  --currency <code>        ${Object.keys(CURRENCIES).join(', ')} (default CNY)
  --public-url <url>       base of QR URLs customers' phones open (default: the listen URL)
  --issue-pairing-code     make a fresh one-time pairing code and print it
  --help                   show this help

An embedding console hands its one-time 8-digit pairing code in GATEWAY_PAIRING_CODE (the
environment is readable by this user only; a command line is readable by every local user).

Alipay face-to-face (docs/alipay.md) is configured by environment; without ALIPAY_APP_ID the
sandbox provider takes payments:
  ALIPAY_APP_ID, ALIPAY_PRIVATE_KEY_FILE (or ALIPAY_PRIVATE_KEY), ALIPAY_PUBLIC_KEY_FILE (or
  ALIPAY_PUBLIC_KEY), ALIPAY_GATEWAY_URL (or "sandbox"), ALIPAY_SELLER_ID, ALIPAY_NOTIFY_URL

On ready, prints one JSON line to stdout: {"ready":true,"url":...,"pairing_code":...}`;

export const CLI_DEFAULT_PORT = 8787;

export interface CliArgs {
  readonly help: boolean;
  readonly dbPath: string;
  readonly port: number;
  readonly host: string;
  readonly merchantName: string;
  readonly currency: Currency;
  readonly publicUrl: string | undefined;
  readonly issuePairingCode: boolean;
  readonly pairingCode: string | undefined;
}

export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Result<CliArgs> {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'merchant-name': { type: 'string' },
        currency: { type: 'string' },
        'public-url': { type: 'string' },
        'issue-pairing-code': { type: 'boolean' },
        'pairing-code': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    return err('invalid_argument', e instanceof Error ? e.message : String(e));
  }
  const help = values.help === true;
  if (help) return ok({ ...defaults(), help });
  if (!values.db) return err('invalid_argument', '--db <file> is required');
  const portText = values.port ?? String(CLI_DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) return err('invalid_argument', `--port must be 0..65535`);
  const currency = values.currency ?? 'CNY';
  if (!isCurrency(currency)) {
    return err('invalid_argument', `--currency must be one of ${Object.keys(CURRENCIES).join(', ')}`);
  }
  if (values['pairing-code'] !== undefined) {
    return err(
      'invalid_argument',
      `--pairing-code is not accepted: any local user can read a command line; set ${PAIRING_CODE_ENV} instead`,
    );
  }
  const pairingCode = env[PAIRING_CODE_ENV] || undefined;
  if (pairingCode !== undefined && !PAIRING_CODE_RE.test(pairingCode)) {
    return err('invalid_argument', `${PAIRING_CODE_ENV} must be exactly 8 digits`);
  }
  const issuePairingCode = values['issue-pairing-code'] === true;
  if (issuePairingCode && pairingCode !== undefined) {
    return err('invalid_argument', `use either --issue-pairing-code or ${PAIRING_CODE_ENV}, not both`);
  }
  return ok({
    help,
    dbPath: values.db,
    port,
    host: values.host ?? '127.0.0.1',
    merchantName: values['merchant-name'] ?? '演示商户',
    currency,
    publicUrl: values['public-url'],
    issuePairingCode,
    pairingCode,
  });
}

function defaults(): CliArgs {
  return {
    help: false,
    dbPath: '',
    port: CLI_DEFAULT_PORT,
    host: '127.0.0.1',
    merchantName: '演示商户',
    currency: 'CNY',
    publicUrl: undefined,
    issuePairingCode: false,
    pairingCode: undefined,
  };
}
