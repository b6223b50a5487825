/** The customer's phone: GET /q/… opens the sandbox wallet, POST …/pay and …/decline answer it. */
import { parseQrPath } from '../../src-shared/protocol/qr-url';
import { missingCase } from '../../src-shared/errors';
import type { AlipayQr } from '../alipay/qr-handoff';
import type { GatewayCore } from '../core';
import { readBody } from '../http/body';
import type { Handler, RequestContext } from '../http/context';
import { sendHtml } from '../http/respond';
import { CUSTOMER_FORM_BYTES_MAX } from '../limits';
import { outcomePage, paidPage, walletPage, type Rendered } from '../pages/customer-pages';
import { chooseLocale, type PageLocale } from '../pages/strings';
import { SESSION_ID_RE, type SandboxWallet, type WalletOutcome } from '../services/sandbox-wallet';

function render(core: GatewayCore, locale: PageLocale, outcome: WalletOutcome): Rendered {
  const merchantName = core.identity.merchantName;
  switch (outcome.kind) {
    case 'wallet':
      return walletPage(locale, { ...outcome.order, merchantName, sessionId: outcome.sessionId });
    case 'paid':
    case 'already_paid':
      return paidPage(locale, { ...outcome.order, merchantName }, outcome.kind === 'already_paid');
    case 'closed':
    case 'expired':
    case 'declined':
    case 'invalid':
    case 'busy':
      return outcomePage(locale, outcome.kind);
    default:
      throw missingCase(outcome);
  }
}

function respond(core: GatewayCore, ctx: RequestContext, outcome: WalletOutcome): void {
  const locale = chooseLocale(ctx.req.headers['accept-language']);
  const page = render(core, locale, outcome);
  sendHtml(ctx.res, page.status, page.html, locale);
}

/**
 * A scan of the console's signed QR. With Alipay configured, a payable order is handed to
 * Alipay: the trade is created (precreate) and the phone is redirected to Alipay's qr_code.
 */
export function scanRoute(core: GatewayCore, wallet: SandboxWallet, alipay: AlipayQr | null): Handler {
  return async (ctx) => {
    const qr = parseQrPath(ctx.target);
    const outcome: WalletOutcome = qr ? wallet.scan(qr) : { kind: 'invalid' };
    if (alipay && outcome.kind === 'wallet') {
      const handed = await alipay.handOff(outcome.order.orderId);
      if (!handed.ok) return respond(core, ctx, { kind: 'busy' });
      ctx.res.writeHead(302, { location: handed.value, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      return void ctx.res.end();
    }
    respond(core, ctx, outcome);
  };
}

/** The form's one field; anything else in the body makes the request invalid. */
function sessionFromForm(body: Buffer, contentType: string | undefined): string | null {
  if (!contentType || contentType.split(';')[0]!.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    return null;
  }
  const form = new URLSearchParams(body.toString('utf8'));
  const sessions = form.getAll('session');
  if (sessions.length !== 1 || [...form.keys()].length !== 1) return null;
  const session = sessions[0]!;
  return SESSION_ID_RE.test(session) ? session : null;
}

export function walletActionRoute(core: GatewayCore, wallet: SandboxWallet, action: 'pay' | 'decline'): Handler {
  return async (ctx) => {
    const body = await readBody(ctx.req, CUSTOMER_FORM_BYTES_MAX);
    if (!body.ok) {
      if (body.reason === 'aborted') return void ctx.res.destroy();
      ctx.res.setHeader('connection', 'close');
      return respond(core, ctx, { kind: 'invalid' });
    }
    const [terminalId, orderId] = ctx.params as [string, string];
    const session = sessionFromForm(body.body, ctx.req.headers['content-type']);
    if (!session) return respond(core, ctx, { kind: 'invalid' });
    const outcome =
      action === 'pay' ? wallet.pay(terminalId, orderId, session) : wallet.decline(terminalId, orderId, session);
    if (outcome.kind === 'paid') core.log.info(`order ${orderId} paid through the sandbox wallet`);
    respond(core, ctx, outcome);
  };
}
