import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src-main/app';
import { feedRewound } from '../../src-main/sync/feed-rewind';
import type { GatewayClient } from '../../src-main/sync/gateway-client';
import { err, ok } from '../../src-shared/result';
import type { Change } from '../../src-shared/protocol/gateway';
import type { ManualClock } from '../support/fixtures';
import { offlineConsole, TEST_PAIRING } from '../support/console';

let app: App;
let clock: ManualClock;
let cleanup: () => void;
const GW = 'gw-test';

beforeEach(() => {
  ({ app, clock, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

const closed = (id: number): Change => ({
  change_id: id,
  type: 'order.closed',
  at_ms: clock.now(),
  order_id: '01JC00000000000000000000' + String(id).padStart(2, '0'),
  status: 'expired',
});
const gatewayAt = (head: number | null) =>
  ({
    changesHead: async () => (head === null ? err('not_found', 'no such route') : ok({ head })),
  }) as unknown as GatewayClient;
const rewinds = () => app.audit.list(undefined, 50).entries.filter((e) => e.kind === 'sync.feed_rewound');

describe('noticing a gateway restored from an older copy', () => {
  beforeEach(() => {
    for (const id of [1, 2, 3, 4, 5]) app.applier.apply(GW, TEST_PAIRING.terminalId, closed(id));
  });

  it('a head below the cursor the feed was read from forgets the marks beyond it, once, audited', async () => {
    expect(await feedRewound(gatewayAt(3), app.applier, GW, 5, () => true)).toBe(true);
    expect(app.applier.cursor(GW)).toBe(3);
    expect(rewinds().map((e) => e.detail)).toEqual([{ gateway_head: 3, console_cursor: 5, marks: 2 }]);
    // the same rewind seen again from a stream opened at the old cursor: reopen, nothing to forget
    expect(await feedRewound(gatewayAt(3), app.applier, GW, 5, () => true)).toBe(true);
    expect(rewinds()).toHaveLength(1);
    // the forgotten ids, numbered anew by the gateway, apply
    expect(app.applier.apply(GW, TEST_PAIRING.terminalId, closed(4)).kind).toBe('applied');
  });

  it('a change applied while the head was asked does not make a live gateway look restored', async () => {
    // the feed was read from 5; the head (5) came back after change 6 had been applied meanwhile
    app.applier.apply(GW, TEST_PAIRING.terminalId, closed(6));
    expect(await feedRewound(gatewayAt(5), app.applier, GW, 5, () => true)).toBe(false);
    expect(app.applier.cursor(GW)).toBe(6);
    expect(rewinds()).toEqual([]);
  });

  it('a gateway that cannot say, or a connection replaced meanwhile, changes nothing', async () => {
    expect(await feedRewound(gatewayAt(null), app.applier, GW, 5, () => true)).toBe(false);
    expect(await feedRewound(gatewayAt(1), app.applier, GW, 5, () => false)).toBe(false);
    expect(app.applier.cursor(GW)).toBe(5);
    expect(rewinds()).toEqual([]);
  });
});
