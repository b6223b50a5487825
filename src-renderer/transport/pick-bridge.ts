/**
 * Chooses the bridge: Electron's preload sets `window.pos`; the browser host injects its token
 * in `<meta name="pos-token">` and we speak HTTP + SSE. Neither → null (the app says so).
 */
import type { PosBridge } from '../../src-shared/api/index';
import { TRANSPORT } from '../../src-shared/transport';
import { createHttpBridge } from './http-bridge';

export function pickBridge(): PosBridge | null {
  if (window.pos) return window.pos;
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${TRANSPORT.tokenMeta}"]`);
  const token = meta?.content ?? '';
  if (token === '') return null;
  return createHttpBridge(
    token,
    (url, init) => window.fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' }),
    (url) => new EventSource(url),
  );
}
