/**
 * The pages a customer's phone shows: the sandbox wallet and every outcome. Elements carry
 * stable ids and data-testid for tests and the e2e suite. Results show no internals.
 */
import { formatMoney, type Currency } from '../../src-shared/money';
import { groupConfirmationCode } from '../auth/qr-signature';
import { markup, page, type Html } from './html';
import { PAGE_STRINGS, type PageLocale } from './strings';

export type ResultStatus = 'paid' | 'already_paid' | 'closed' | 'expired' | 'declined' | 'invalid' | 'busy';

export interface Rendered {
  readonly status: number;
  readonly html: string;
}

export interface WalletView {
  readonly merchantName: string;
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly orderId: string;
  readonly sessionId: string;
}

export interface PaidView {
  readonly merchantName: string;
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly orderId: string;
  readonly confirmationCode: string;
}

export function walletPage(locale: PageLocale, v: WalletView): Rendered {
  const t = PAGE_STRINGS[locale];
  const amount = formatMoney(v.amountMinor, v.currency, locale);
  // Relative actions keep working when the gateway sits under a path prefix behind a proxy.
  const form = (action: 'pay' | 'decline', label: string): Html =>
    markup`<form method="post" action="${v.orderId}/${action}">
<input type="hidden" name="session" value="${v.sessionId}">
<button type="submit" id="wallet-${action}" data-testid="wallet-${action}" class="${action}">${label}</button>
</form>`;
  const body = markup`<h1>${t.walletTitle}</h1>
<p class="notice">${t.sandboxNotice}</p>
<div class="amount" id="wallet-amount" data-testid="wallet-amount" data-amount-minor="${v.amountMinor}">${amount}</div>
<dl><dt>${t.merchant}</dt><dd id="wallet-merchant" data-testid="wallet-merchant">${v.merchantName}</dd>
<dt>${t.orderNumber}</dt><dd id="wallet-order" data-testid="wallet-order">${v.orderId}</dd></dl>
${form('pay', t.pay)}${form('decline', t.decline)}`;
  return { status: 200, html: page(locale, t.walletTitle, body) };
}

function resultBody(status: ResultStatus, title: string, rest: Html): Html {
  return markup`<h1 id="result-status" data-testid="result-status" data-status="${status}">${title}</h1>${rest}`;
}

function codeBlock(locale: PageLocale, code: string): Html {
  const t = PAGE_STRINGS[locale];
  const grouped = groupConfirmationCode(code);
  return markup`<p class="hint">${t.confirmationHint}</p>
<div class="code" id="confirmation-code" data-testid="confirmation-code" data-code="${code}">${grouped}</div>`;
}

export function paidPage(locale: PageLocale, v: PaidView, alreadyPaid: boolean): Rendered {
  const t = PAGE_STRINGS[locale];
  const amount = formatMoney(v.amountMinor, v.currency, locale);
  const title = alreadyPaid ? t.alreadyPaidTitle : t.paidTitle;
  const body = resultBody(
    alreadyPaid ? 'already_paid' : 'paid',
    title,
    markup`<p id="result-line" data-testid="result-line">${t.paidLine(amount, v.merchantName)}</p>
<dl><dt>${t.orderNumber}</dt><dd>${v.orderId}</dd></dl>
${codeBlock(locale, v.confirmationCode)}`,
  );
  return { status: 200, html: page(locale, title, body) };
}

/** An outcome with nothing to show but a title and a hint. */
export function outcomePage(locale: PageLocale, status: Exclude<ResultStatus, 'paid' | 'already_paid'>): Rendered {
  const t = PAGE_STRINGS[locale];
  const [title, hint, code] = {
    closed: [t.closedTitle, t.closedHint, 200],
    expired: [t.expiredTitle, t.expiredHint, 200],
    declined: [t.declinedTitle, t.declinedHint, 200],
    invalid: [t.invalidTitle, t.invalidHint, 400],
    busy: [t.busyTitle, t.busyHint, 429],
  }[status] as [string, string, number];
  const body = resultBody(status, title, markup`<p class="hint">${hint}</p>`);
  return { status: code, html: page(locale, title, body) };
}
