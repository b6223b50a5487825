import type { ChangeApplier } from '../orders/apply-change';
import type { GatewayClient } from './gateway-client';

/**
 * Whether the gateway's change feed stands below this counter's cursor: a gateway restored from
 * an older copy streams and pages from a cursor beyond its feed (nothing, ever), then numbers
 * new changes with ids already marked here. If so the marks beyond its head are forgotten
 * (`ChangeApplier.rewind`, audited) and true is returned, for the caller to read the feed again
 * from where the gateway stands. A gateway that cannot answer (or predates the question) is
 * left as it is. `current`: the connection asked is still the one in use.
 */
export async function feedRewound(
  gw: GatewayClient,
  applier: ChangeApplier,
  gatewayId: string,
  current: () => boolean,
): Promise<boolean> {
  const r = await gw.changesHead();
  if (!r.ok || !current()) return false;
  const cursor = applier.cursor(gatewayId);
  if (r.value.head >= cursor) return false;
  const forgotten = applier.rewind(gatewayId, r.value.head);
  console.warn(
    `sync: the gateway's change feed stands at ${r.value.head}, behind ${cursor} here; ${forgotten} marks forgotten`,
  );
  return true;
}
