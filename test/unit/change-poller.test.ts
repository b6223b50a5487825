import { describe, expect, it, vi } from 'vitest';
import {
  POLL_BACKOFF,
  POLL_FIRST_MS,
  POLL_INTERVAL_MS,
  ChangePoller,
  type PullOutcome,
} from '../../src-main/sync/change-poller';
import type { Timers } from '../../src-main/sync/timers';

/** Timers that fire only when told: the delays asked for are recorded. */
function manualTimers() {
  const due: { fn: () => void; ms: number }[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const t = { fn, ms };
      due.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = due.indexOf(h as (typeof due)[number]);
      if (i >= 0) due.splice(i, 1);
    },
  };
  return {
    timers,
    pending: () => due.map((t) => t.ms),
    /** Fires the one pending timer and lets the pull settle. */
    async fire(): Promise<void> {
      expect(due).toHaveLength(1);
      due.shift()!.fn();
      await new Promise((r) => setImmediate(r));
    },
  };
}

function poller(outcomes: PullOutcome[]) {
  const t = manualTimers();
  let pulls = 0;
  const p = new ChangePoller({
    timers: t.timers,
    random: () => 0.5,
    pull: async () => outcomes[pulls++] ?? { reached: true, complete: true },
  });
  return { p, t, pulls: () => pulls };
}

describe('the change poller (the feed while the stream is down)', () => {
  it('pulls soon after the stream drops, then every interval (jittered) while the gateway answers', async () => {
    const { p, t, pulls } = poller([]);
    expect(t.pending()).toEqual([]);
    p.start();
    p.start(); // already polling: no second loop
    expect(t.pending()).toEqual([POLL_FIRST_MS]);
    await t.fire();
    expect(pulls()).toBe(1);
    expect(t.pending()).toEqual([POLL_INTERVAL_MS]); // random 0.5: the middle of 0.75–1.25 ×
    await t.fire();
    expect(pulls()).toBe(2);
  });

  it('pulls again at once while pages remain, and backs off (with jitter) while the gateway does not answer', async () => {
    const down = { reached: false, complete: false };
    const { p, t } = poller([{ reached: true, complete: false }, down, down, down, { reached: true, complete: true }]);
    p.start();
    await t.fire();
    expect(t.pending()).toEqual([0]);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await t.fire();
      waits.push(t.pending()[0]!);
    }
    expect(waits[0]).toBeLessThan(waits[1]!);
    expect(waits[1]).toBeLessThan(waits[2]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(POLL_BACKOFF.maxMs);
    await t.fire(); // answered again: back to the interval
    expect(t.pending()).toEqual([POLL_INTERVAL_MS]);
  });

  it('stops when the stream opens, also when a pull was on its way', async () => {
    const { p, t, pulls } = poller([]);
    p.start();
    p.stop();
    expect(t.pending()).toEqual([]);
    expect(p.polling()).toBe(false);
    p.start();
    const fired = t.fire();
    p.stop(); // the pull already asked finishes; nothing follows it
    await fired;
    expect(pulls()).toBe(1);
    expect(t.pending()).toEqual([]);
  });
  it('a pull that throws (a fault here) is backed off like an unreached gateway, and polling goes on', async () => {
    const t = manualTimers();
    let pulls = 0;
    const p = new ChangePoller({
      timers: t.timers,
      random: () => 0.5,
      pull: async () => {
        pulls++;
        if (pulls === 1) throw new Error('SQLITE_BUSY: database is locked');
        return { reached: true, complete: true };
      },
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    p.start();
    await t.fire();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('SQLITE_BUSY'));
    logged.mockRestore();
    expect(p.polling()).toBe(true);
    expect(t.pending()).toHaveLength(1);
    expect(t.pending()[0]!).toBeLessThanOrEqual(POLL_BACKOFF.maxMs);
    await t.fire();
    expect(pulls).toBe(2);
    expect(t.pending()).toEqual([POLL_INTERVAL_MS]);
  });
});
