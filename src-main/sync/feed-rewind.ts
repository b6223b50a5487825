import type { ChangeApplier } from '../orders/apply-change';
import type { GatewayClient } from './gateway-client';

/**
 * Whether the gateway's change feed stands below `cursorAsked`, the cursor this counter read the
 * feed from (a stream's `after`, a page's): a gateway restored from an older copy answers
 * nothing after it, ever, then numbers new changes with ids already marked here. If so the
 * marks beyond its head are forgotten (`ChangeApplier.rewind`, audited when there were any) and
 * true is returned, for the caller to read the feed again from where the gateway stands. The
 * cursor is the one read *before* the head was asked: a change applied meanwhile cannot make a
 * live gateway look rewound. A gateway that cannot answer (or predates the question) is left as
 * it is. `current`: the connection asked is still the one in use.
 */
export async function feedRewound(
  gw: GatewayClient,
  applier: ChangeApplier,
  gatewayId: string,
  cursorAsked: number,
  current: () => boolean,
): Promise<boolean> {
  const r = await gw.changesHead();
  if (!r.ok || !current()) return false;
  if (r.value.head >= cursorAsked) return false;
  const forgotten = applier.rewind(gatewayId, r.value.head);
  if (forgotten > 0) {
    console.warn(
      `sync: the gateway's change feed stands at ${r.value.head}, behind ${cursorAsked}; ${forgotten} marks forgotten`,
    );
  }
  return true;
}
