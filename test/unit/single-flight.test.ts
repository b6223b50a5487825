import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../src-main/sync/single-flight';

describe('SingleFlight', () => {
  it('runs one pass at a time and one more after it, however often it was asked meanwhile', async () => {
    const releases: (() => void)[] = [];
    let started = 0;
    const flight = new SingleFlight(() => {
      started++;
      return new Promise<void>((r) => releases.push(r));
    });
    expect(flight.running()).toBeNull();
    const first = flight.run();
    expect(flight.run()).toBe(first);
    expect(flight.run()).toBe(first);
    expect(started).toBe(1);
    releases.shift()!();
    await first;
    await Promise.resolve();
    expect(started).toBe(2); // the one asked for meanwhile
    expect(flight.running()).not.toBeNull();
    releases.shift()!();
    await flight.running();
    await Promise.resolve();
    expect(started).toBe(2);
    expect(flight.running()).toBeNull();
  });

  it('a failing pass ends the flight; the next run starts afresh', async () => {
    let calls = 0;
    const flight = new SingleFlight(() => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve()));
    await expect(flight.run()).rejects.toThrow('down');
    expect(flight.running()).toBeNull();
    await flight.run();
    expect(calls).toBe(2);
  });
});
