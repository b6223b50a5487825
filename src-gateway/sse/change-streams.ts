/**
 * Live change streams (server-sent events). Each stream keeps its own cursor and pumps every
 * change after it, first the backlog, then whatever commits later: a wake after a commit makes
 * the stream read from the database again, so nothing is sent twice or skipped, and a slow
 * reader is paced by the socket (drain) instead of buffering without bound.
 */
import type { ServerResponse } from 'node:http';
import type { Change } from '../../src-shared/protocol/gateway';
import type { GatewayLog } from '../log';
import { eventSignature } from '../http/respond';

export interface ChangeStreamsOptions {
  readonly fetchAfter: (terminalId: string, afterId: number, limit: number) => Change[];
  readonly pageSize: number;
  readonly pingIntervalMs: number;
  readonly perTerminalMax: number;
  readonly totalMax: number;
  readonly log: GatewayLog;
}

interface Stream {
  readonly terminalId: string;
  readonly res: ServerResponse;
  cursor: number;
  pumping: boolean;
  dirty: boolean;
  closed: boolean;
}

export class ChangeStreams {
  private readonly byTerminal = new Map<string, Stream[]>();
  private total = 0;
  private readonly pingTimer: NodeJS.Timeout;

  constructor(private readonly opts: ChangeStreamsOptions) {
    this.pingTimer = setInterval(() => this.ping(), opts.pingIntervalMs);
    this.pingTimer.unref();
  }

  get size(): number {
    return this.total;
  }

  /** False when the gateway already holds its maximum of streams. The terminal's oldest stream
   * beyond its own maximum is closed to make room. */
  open(terminalId: string, res: ServerResponse, afterId: number): boolean {
    if (this.total >= this.opts.totalMax) return false;
    if (res.destroyed || res.writableEnded) return true; // the client left while we verified it
    for (;;) {
      const oldest = this.byTerminal.get(terminalId) ?? [];
      if (oldest.length < this.opts.perTerminalMax) break;
      this.end(oldest[0]!);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const stream: Stream = { terminalId, res, cursor: afterId, pumping: false, dirty: true, closed: false };
    const current = this.byTerminal.get(terminalId) ?? [];
    current.push(stream);
    this.byTerminal.set(terminalId, current);
    this.total++;
    res.on('close', () => this.forget(stream));
    void this.pump(stream);
    return true;
  }

  /** A transaction appending changes for the terminal has committed. */
  wake(terminalId: string): void {
    for (const s of this.byTerminal.get(terminalId) ?? []) {
      s.dirty = true;
      void this.pump(s);
    }
  }

  /** Ends every stream of one terminal (it was revoked). */
  closeTerminal(terminalId: string): void {
    for (const s of [...(this.byTerminal.get(terminalId) ?? [])]) this.end(s);
  }

  closeAll(): void {
    clearInterval(this.pingTimer);
    for (const list of [...this.byTerminal.values()]) for (const s of [...list]) this.end(s);
  }

  private async pump(s: Stream): Promise<void> {
    if (s.pumping) return;
    s.pumping = true;
    try {
      while (s.dirty && !s.closed) {
        s.dirty = false;
        for (;;) {
          const page = this.opts.fetchAfter(s.terminalId, s.cursor, this.opts.pageSize);
          for (const c of page) {
            if (s.closed) return;
            if (c.change_id <= s.cursor) throw new Error('assertion failed: change feed went backwards');
            s.cursor = c.change_id;
            const data = JSON.stringify(c);
            const sig = eventSignature(s.res, data);
            const fits = s.res.write(
              `id: ${c.change_id}\nevent: change\ndata: ${data}\n${sig === null ? '' : `sig: ${sig}\n`}\n`,
            );
            if (!fits) await this.drained(s);
          }
          if (page.length < this.opts.pageSize) break;
        }
      }
    } catch (e) {
      this.opts.log.error('change stream failed; closing it', e);
      this.end(s);
    } finally {
      s.pumping = false;
    }
  }

  private drained(s: Stream): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        s.res.off('drain', done);
        s.res.off('close', done);
        resolve();
      };
      s.res.on('drain', done);
      s.res.on('close', done);
    });
  }

  private ping(): void {
    for (const list of this.byTerminal.values()) for (const s of list) if (!s.closed) s.res.write(': ping\n\n');
  }

  private end(s: Stream): void {
    this.forget(s);
    s.res.end();
  }

  private forget(s: Stream): void {
    if (s.closed) return;
    s.closed = true;
    this.total--;
    const list = (this.byTerminal.get(s.terminalId) ?? []).filter((x) => x !== s);
    if (list.length === 0) this.byTerminal.delete(s.terminalId);
    else this.byTerminal.set(s.terminalId, list);
  }
}
