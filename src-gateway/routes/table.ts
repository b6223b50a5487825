/** Every endpoint of the gateway, in one table. */
import { GATEWAY_PATHS, JOURNAL_PUSH_BODY_BYTES_MAX } from '../../src-shared/protocol/gateway';
import type { GatewayCore } from '../core';
import { signed } from '../http/authenticate';
import { sendJson } from '../http/respond';
import type { Route } from '../http/router';
import type { JournalLinesIntake } from '../journal/lines-intake';
import type { JournalIntake } from '../journal/service';
import type { FailureWindows, TokenBuckets } from '../rate-limit';
import type { OrderService } from '../services/orders';
import type { PairingService } from '../services/pairing';
import type { RefundService } from '../services/refunds';
import type { SandboxWallet } from '../services/sandbox-wallet';
import type { ChangeStreams } from '../sse/change-streams';
import type { AlipayBills } from '../alipay/bills';
import type { AlipayClient } from '../alipay/client';
import type { AlipayQr } from '../alipay/qr-handoff';
import type { ChargeService } from '../services/charges';
import { alipayBillRoute, alipayNotifyRoute } from './alipay';
import { chargeCodeRoute, chargeStatusRoute, stopChargeRoute } from './charge';
import { changesHeadRoute, changesRoute, changeStreamRoute } from './changes';
import { scanRoute, walletActionRoute } from './customer';
import { cancelOrderRoute, getOrderRoute, registerOrderRoute } from './orders';
import { journalHeadRoute, journalLinesRoute, journalPushRoute } from './journal';
import { pairRoute } from './pair';
import { statementRoute } from './statement';
import { STATEMENT_PATH } from '../../src-shared/protocol/statement';
import { refundRoute } from './refunds';

export interface RouteDeps {
  readonly core: GatewayCore;
  readonly pairing: PairingService;
  readonly orders: OrderService;
  readonly refunds: RefundService;
  readonly wallet: SandboxWallet;
  readonly streams: ChangeStreams;
  readonly journal: JournalIntake;
  readonly journalLines: JournalLinesIntake;
  readonly terminalLimits: TokenBuckets;
  readonly pairFailuresPerIp: FailureWindows;
  readonly pairFailuresGlobal: FailureWindows;
  readonly charges: ChargeService;
  /** Present when the merchant configured Alipay. */
  readonly alipay: { readonly client: AlipayClient; readonly qr: AlipayQr; readonly bills: AlipayBills } | null;
}

const ORDER = '([0-9A-HJKMNP-TV-Z]{26})';
const TERMINAL = '(T[0-9A-HJKMNP-TV-Z]{9})';
const exact = (path: string): RegExp => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export function buildRoutes(d: RouteDeps): Route[] {
  const auth = { core: d.core, terminalLimits: d.terminalLimits };
  return [
    { method: 'GET', pattern: exact(GATEWAY_PATHS.health), handler: ({ res }) => sendJson(res, 200, { ok: true }) },
    {
      method: 'POST',
      pattern: exact(GATEWAY_PATHS.pair),
      handler: pairRoute({
        core: d.core,
        pairing: d.pairing,
        perIp: d.pairFailuresPerIp,
        global: d.pairFailuresGlobal,
      }),
    },
    { method: 'POST', pattern: exact(GATEWAY_PATHS.orders), handler: signed(auth, registerOrderRoute(d.orders)) },
    { method: 'GET', pattern: new RegExp(`^/v1/orders/${ORDER}$`), handler: signed(auth, getOrderRoute(d.orders)) },
    {
      method: 'POST',
      pattern: new RegExp(`^/v1/orders/${ORDER}/cancel$`),
      handler: signed(
        auth,
        cancelOrderRoute(d.orders, (terminalId, orderId) => void d.charges.cancelOpenTrades(terminalId, orderId)),
      ),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/v1/orders/${ORDER}/refunds$`),
      handler: signed(auth, refundRoute(d.refunds)),
    },
    { method: 'GET', pattern: exact(GATEWAY_PATHS.changes), handler: signed(auth, changesRoute(d.core)) },
    { method: 'GET', pattern: exact(GATEWAY_PATHS.changesStream), handler: signed(auth, changeStreamRoute(d.streams)) },
    { method: 'GET', pattern: exact(GATEWAY_PATHS.changesHead), handler: signed(auth, changesHeadRoute(d.core)) },
    { method: 'GET', pattern: exact(STATEMENT_PATH), handler: signed(auth, statementRoute(d.core)) },
    {
      method: 'POST',
      pattern: new RegExp(`^/v1/orders/${ORDER}/charge-code$`),
      handler: signed(auth, chargeCodeRoute(d.charges)),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/orders/${ORDER}/charge$`),
      handler: signed(auth, chargeStatusRoute(d.charges)),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/v1/orders/${ORDER}/charge/stop$`),
      handler: signed(auth, stopChargeRoute(d.charges)),
    },
    ...(d.alipay
      ? [
          {
            method: 'POST' as const,
            pattern: exact('/alipay/notify'),
            handler: alipayNotifyRoute(d.core, d.alipay.client),
          },
          {
            method: 'GET' as const,
            pattern: /^\/v1\/statements\/alipay\/(trade|signcustomer)\/(\d{4}-\d{2}(?:-\d{2})?)$/,
            handler: signed(auth, alipayBillRoute(d.alipay.bills)),
          },
        ]
      : []),
    {
      method: 'POST',
      pattern: exact(GATEWAY_PATHS.journal),
      handler: signed(auth, journalPushRoute(d.journal), JOURNAL_PUSH_BODY_BYTES_MAX, { nonceSyncedByHandler: true }),
    },
    {
      method: 'GET',
      pattern: exact(GATEWAY_PATHS.journalHead),
      handler: signed(auth, journalHeadRoute(d.core.journal)),
    },
    {
      method: 'POST',
      pattern: exact(GATEWAY_PATHS.journalLines),
      handler: signed(auth, journalLinesRoute(d.journalLines), JOURNAL_PUSH_BODY_BYTES_MAX, {
        nonceSyncedByHandler: true,
      }),
    },
    { method: 'GET', pattern: /^\/q\/([^/]+)\/([^/]+)$/, handler: scanRoute(d.core, d.wallet, d.alipay?.qr ?? null) },
    {
      method: 'POST',
      pattern: new RegExp(`^/q/${TERMINAL}/${ORDER}/pay$`),
      handler: walletActionRoute(d.core, d.wallet, 'pay'),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/q/${TERMINAL}/${ORDER}/decline$`),
      handler: walletActionRoute(d.core, d.wallet, 'decline'),
    },
  ];
}
