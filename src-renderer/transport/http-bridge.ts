/**
 * The browser host's bridge: `invoke` over HTTP POST, `on` over ONE shared server-sent events
 * stream. Used when the renderer is served by the loopback host instead of Electron (no
 * `window.pos`). Its dependencies (fetch, EventSource) are passed in, typed structurally, so a
 * unit test can drive it without a browser.
 */
import type { CallArgs, CallName, CallResult, EventName, EventPayload, PosBridge } from '../../src-shared/api/index';
import { TRANSPORT } from '../../src-shared/transport';
import type { Result } from '../../src-shared/result';

export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<FetchResponseLike>;

export interface EventSourceLike {
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

const isResult = (x: unknown): x is Result<unknown> => {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { ok?: unknown; value?: unknown; error?: { code?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error === 'object' && r.error !== null && typeof r.error.code === 'string';
};

const internal = (message: string) => ({ ok: false as const, error: { code: 'internal' as const, message } });

export function createHttpBridge(token: string, fetchFn: FetchLike, openEvents: EventSourceFactory): PosBridge {
  type AnyListener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<AnyListener>>();
  let source: EventSourceLike | null = null;

  const dispatch = (ev: { data: unknown }): void => {
    if (typeof ev.data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(ev.data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const { name, payload } = msg as { name?: unknown; payload?: unknown };
    // Unknown names simply have no listeners (keeps zod and the call map out of the bundle).
    if (typeof name !== 'string') return;
    for (const l of [...(listeners.get(name as EventName) ?? [])]) {
      try {
        l(payload);
      } catch (e) {
        console.error(`listener for ${name} threw`, e);
      }
    }
  };

  return {
    async invoke<K extends CallName>(name: K, args: CallArgs<K>): Promise<Result<CallResult<K>>> {
      let res: FetchResponseLike;
      try {
        res = await fetchFn(TRANSPORT.httpInvoke, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TRANSPORT.tokenHeader]: token },
          body: JSON.stringify({ name, args }),
        });
      } catch (e) {
        return internal(`cannot reach the console service: ${e instanceof Error ? e.message : String(e)}`);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return internal(`the console service answered HTTP ${res.status} without a result`);
      }
      if (!isResult(body)) return internal(`the console service answered HTTP ${res.status} with no result`);
      return body as Result<CallResult<K>>;
    },

    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (source === null) {
        source = openEvents(`${TRANSPORT.httpEvents}?token=${encodeURIComponent(token)}`);
        source.addEventListener('message', dispatch);
      }
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      // Wrap, so the same function subscribed twice is two subscriptions, each undone once.
      const wrapped: AnyListener = (p) => listener(p as EventPayload<E>);
      set.add(wrapped);
      return () => {
        listeners.get(name)?.delete(wrapped);
      };
    },
  };
}
