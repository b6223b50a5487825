/**
 * `npm run gateway -- --port 8787 --db ./gateway.db`: the standalone gateway. The composition
 * root of the real thing: the only place with the wall clock and the OS's randomness.
 * stdout carries exactly one JSON line when ready; everything human goes to stderr.
 */
import { randomBytes } from 'node:crypto';
import { alipayInputFromEnv } from './alipay/config';
import { PAIRING_CODE_ENV } from '../src-shared/protocol/gateway';
import { CLI_USAGE, parseCliArgs } from './cli-args';
import { startGateway, type RunningGateway } from './server';

/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
const EXIT_BAD_USAGE = 2;
const EXIT_FAILED = 1;

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArgs(argv, process.env);
  delete process.env[PAIRING_CODE_ENV]; // read once; nothing this process starts inherits it
  if (!parsed.ok) {
    process.stderr.write(`gateway: ${parsed.error.message}\n\n${CLI_USAGE}\n`);
    process.exitCode = EXIT_BAD_USAGE;
    return;
  }
  const args = parsed.value;
  if (args.help) {
    process.stderr.write(`${CLI_USAGE}\n`);
    return;
  }
  let gateway: RunningGateway;
  try {
    // Alipay is configured by environment (keys stay out of argv and shell history); see docs/alipay.md.
    const alipay = alipayInputFromEnv(process.env);
    gateway = await startGateway({
      ...(alipay ? { alipay } : {}),
      dbPath: args.dbPath,
      clock: { now: () => Date.now() },
      randomBytes: (n) => randomBytes(n),
      merchantName: args.merchantName,
      currency: args.currency,
      host: args.host,
      port: args.port,
      ...(args.publicUrl !== undefined ? { publicUrl: args.publicUrl } : {}),
    });
  } catch (e) {
    process.stderr.write(`gateway: could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT_FAILED;
    return;
  }
  let pairingCode: string | null = null;
  try {
    if (args.pairingCode !== undefined) {
      gateway.registerPairingCode(args.pairingCode);
      pairingCode = args.pairingCode;
    } else if (args.issuePairingCode) {
      pairingCode = gateway.issuePairingCode();
      // The code itself goes only to stdout (the ready line), never into the log.
      process.stderr.write('[gateway] issued a one-time pairing code (valid 10 minutes): see pairing_code on stdout\n');
    }
  } catch (e) {
    process.stderr.write(`gateway: ${e instanceof Error ? e.message : String(e)}\n`);
    await gateway.close();
    process.exitCode = EXIT_FAILED;
    return;
  }
  process.stdout.write(`${JSON.stringify({ ready: true, url: gateway.url, pairing_code: pairingCode })}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      process.stderr.write(`[gateway] ${signal} again: exiting now\n`);
      process.exit(EXIT_FAILED);
    }
    stopping = true;
    process.stderr.write(`[gateway] ${signal}: stopping\n`);
    setTimeout(() => process.exit(EXIT_FAILED), SHUTDOWN_GRACE_MS).unref();
    gateway.close().then(
      () => {
        process.exitCode = 0;
      },
      (e: unknown) => {
        process.stderr.write(`gateway: error while stopping: ${String(e)}\n`);
        process.exitCode = EXIT_FAILED;
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main(process.argv.slice(2));
