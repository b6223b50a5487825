import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, waitFor } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
afterEach(async () => {
  await stack.close();
});

describe('a quiet counter with the change stream open', () => {
  it('moves "last sync" with the gateway’s heartbeat, with no request of its own', async () => {
    const clock = new ManualClock(Date.now());
    stack = await startStack({ clock, ssePingIntervalMs: 50 });
    await new Promise((d) => setTimeout(d, 300)); // the stream's opening requests (the feed check) answered
    const opened = stack.app.sync.status().lastSuccessAtMs!;
    clock.advance(60_000); // a quiet minute: no sale, no request
    await waitFor(
      () => (stack.app.sync.status().lastSuccessAtMs ?? 0) >= opened + 60_000,
      'last sync moved by the heartbeat',
    );
    expect(stack.app.sync.status().connectivity).toBe('online');
  });
});
