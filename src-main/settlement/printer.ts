/** Sends a print job to a network receipt printer: raw bytes over TCP (port 9100 by default). */
import { connect, type Socket } from 'node:net';
import { err, ok, type Result } from '../../src-shared/result';
import type { PrintedView } from '../../src-shared/api';

/** A printer on the shop's LAN answers in well under a second; 5 s covers a sleeping one. */
export const PRINTER_TIMEOUT_MS = 5_000;
/** A receipt is a few KB; anything larger is a bug, not a report. */
export const PRINT_JOB_BYTES_MAX = 64 * 1024;

const HOST_RE = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/;

/** A DNS name or IPv4 address (letters, digits, dots, hyphens). */
export function isPrinterHost(host: string): boolean {
  return HOST_RE.test(host);
}

export function isPrinterPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65_535;
}

/**
 * Connects, writes, and closes. `printer_unreachable` when the connection is refused or the
 * name does not resolve; `printer_timeout` when connecting or writing stalls longer than
 * `timeoutMs` (socket inactivity). Resolves once the printer has the bytes (end acknowledged).
 */
export function sendToPrinter(
  host: string,
  port: number,
  job: Uint8Array,
  timeoutMs = PRINTER_TIMEOUT_MS,
  /** Injected by tests (a socket that never connects); the real one dials the printer. */
  open: (host: string, port: number) => Socket = (h, p) => connect({ host: h, port: p }),
): Promise<Result<PrintedView>> {
  if (job.length > PRINT_JOB_BYTES_MAX) throw new Error(`assertion failed: print job ${job.length} bytes`);
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Result<PrintedView>) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(r);
    };
    const socket = open(host, port);
    socket.setTimeout(timeoutMs, () => done(err('printer_timeout', `no answer from ${host}:${port}`)));
    socket.on('error', (e) => done(err('printer_unreachable', `${host}:${port}: ${e.message}`)));
    socket.on('connect', () => {
      socket.end(job, () => done(ok({ bytes: job.length })));
    });
  });
}
