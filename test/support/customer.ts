import type { App } from '../../src-main/app';
import type { OrderView } from '../../src-shared/api';
import { waitFor } from './fixtures';
/** The customer's phone, as plain HTTP: open the QR's URL, then press Pay or Decline. */
export interface WalletVisit {
  readonly status: number;
  readonly html: string;
  readonly session: string | null;
  /** `data-status` of the result page (paid, closed, expired, invalid …), if it is one. */
  readonly resultStatus: string | null;
}

function read(status: number, html: string): WalletVisit {
  return {
    status,
    html,
    session: /name="session" value="([^"]+)"/.exec(html)?.[1] ?? null,
    resultStatus: /data-testid="result-status" data-status="([^"]+)"/.exec(html)?.[1] ?? null,
  };
}

export async function openQr(qrUrl: string): Promise<WalletVisit> {
  const res = await fetch(qrUrl, { headers: { 'accept-language': 'zh-CN' } });
  return read(res.status, await res.text());
}

export async function pressWallet(qrUrl: string, session: string, action: 'pay' | 'decline'): Promise<WalletVisit> {
  const u = new URL(qrUrl);
  const res = await fetch(`${u.origin}${u.pathname}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' },
    body: new URLSearchParams({ session }).toString(),
  });
  return read(res.status, await res.text());
}

export function confirmationCodeOf(html: string): string | null {
  return /data-code="(\d{6})"/.exec(html)?.[1] ?? null;
}

/** A QR order made on `app`, registered at the gateway and paid by the customer's wallet. */
export async function paidOrder(app: App, amount: string): Promise<OrderView> {
  const r = await app.dispatch('orders.create', { amount });
  if (!r.ok) throw new Error(r.error.message);
  const o = r.value as OrderView;
  await waitFor(() => app.orders.repo.byId.get(o.id)?.registered === 1, 'registered');
  const visit = await openQr(o.qrUrl!);
  await pressWallet(o.qrUrl!, visit.session!, 'pay');
  await waitFor(() => app.orders.repo.byId.get(o.id)?.status === 'paid', 'paid');
  return o;
}
