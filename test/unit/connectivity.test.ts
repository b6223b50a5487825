import { describe, expect, it } from 'vitest';
import { ConnectivityMonitor, OFFLINE_AFTER_UNREACHABLE } from '../../src-main/sync/connectivity';

function monitor() {
  let now = 1_000;
  let changes = 0;
  const m = new ConnectivityMonitor(
    () => now,
    () => changes++,
  );
  return { m, tick: (ms: number) => (now += ms), changes: () => changes };
}

describe('connectivity, driven by real outcomes', () => {
  it('starts offline, goes online when the stream opens, and offline after repeated unreachable requests', () => {
    const { m } = monitor();
    expect(m.state()).toBe('offline');
    m.setStream(true);
    expect(m.state()).toBe('online');
    m.setStream(false);
    for (let i = 0; i < OFFLINE_AFTER_UNREACHABLE - 1; i++) m.recordOutcome('unreachable');
    expect(m.state()).toBe('degraded');
    m.recordOutcome('unreachable');
    expect(m.state()).toBe('offline');
    expect(m.lastErrorCode()).toBe('gateway_unreachable');
  });

  it('a stream that opens after a failed request reads online at once, not degraded until the next request', () => {
    // The shop's network returns on a quiet counter: the last request (a cancel forwarded while
    // offline) failed, then the stream reconnects and nothing else is sent for minutes.
    const { m, tick } = monitor();
    m.setStream(true);
    m.setStream(false);
    m.recordOutcome('unreachable');
    m.recordOutcome('unreachable');
    expect(m.state()).toBe('offline');
    tick(5_000);
    m.setStream(true);
    expect(m.state()).toBe('online');
    expect(m.lastErrorCode()).toBeNull();
    expect(m.lastSuccessAtMs()).toBe(6_000);
  });

  it('a gateway error while the stream is open is degraded, named; the next good answer clears it', () => {
    const { m } = monitor();
    m.setStream(true);
    m.recordOutcome('server_error', 'gateway_bad_reply');
    expect(m.state()).toBe('degraded');
    expect(m.lastErrorCode()).toBe('gateway_bad_reply');
    m.recordOutcome('ok');
    expect(m.state()).toBe('online');
    expect(m.lastErrorCode()).toBeNull();
  });

  it('requests that answer with the stream down are degraded, not online; a refusal counts as reachable', () => {
    const { m } = monitor();
    m.recordOutcome('client_error', 'order_conflict');
    expect(m.state()).toBe('degraded');
    expect(m.lastSuccessAtMs()).toBe(1_000);
    m.setStream(true);
    m.recordOutcome('client_error', 'order_conflict');
    expect(m.state()).toBe('online');
  });

  it('tells the window on every change of state, and forgets everything on reset (a new pairing)', () => {
    const { m, changes } = monitor();
    m.setStream(true);
    const afterOpen = changes();
    expect(afterOpen).toBeGreaterThan(0);
    m.recordOutcome('ok'); // no change of state: nothing to tell
    expect(changes()).toBe(afterOpen);
    m.reset();
    expect(changes()).toBe(afterOpen + 1);
    expect(m.state()).toBe('offline');
    expect(m.lastSuccessAtMs()).toBeNull();
  });

  it('the open stream’s heartbeat moves the last contact, told at most every few seconds; a closed one does not', () => {
    const { m, tick, changes } = monitor();
    m.setStream(true);
    const opened = m.lastSuccessAtMs()!;
    const told = changes();
    tick(15_000);
    m.streamAlive();
    expect(m.lastSuccessAtMs()).toBe(opened + 15_000);
    expect(changes()).toBe(told + 1);
    tick(100);
    m.streamAlive(); // a burst: the time moves, nothing more is said yet
    expect(m.lastSuccessAtMs()).toBe(opened + 15_100);
    expect(changes()).toBe(told + 1);
    m.setStream(false);
    tick(60_000);
    m.streamAlive();
    expect(m.lastSuccessAtMs()).toBe(opened + 15_100);
  });
});
