import { describe, expect, it } from 'vitest';
import { readBounded } from '../../src-main/sync/bounded-body';

/** A body that never ends (a peer streaming forever); counts what was pulled and whether it was cancelled. */
function endless(chunkBytes: number) {
  const seen = { pulls: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      seen.pulls++;
      c.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { res: new Response(body), seen };
}

describe('a reply read with a limit', () => {
  it('reads a body within the limit whole, multi-byte characters across chunk edges intact', async () => {
    const bytes = Buffer.from('{"merchant":"演示商户"}');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 5) c.enqueue(bytes.subarray(i, i + 5)); // splits 演, 示…
        c.close();
      },
    });
    expect(await readBounded(new Response(body), 1024)).toBe('{"merchant":"演示商户"}');
    expect(await readBounded(new Response(null), 1024)).toBe('');
    expect(await readBounded(new Response('x'.repeat(1024)), 1024)).toBe('x'.repeat(1024));
  });

  it('stops an endless body just past the limit, holding no more than it, and cancels the rest', async () => {
    const { res, seen } = endless(64 * 1024);
    expect(await readBounded(res, 1024 * 1024)).toBeNull();
    expect(seen.cancelled).toBe(true);
    expect(seen.pulls).toBeLessThanOrEqual(1024 / 64 + 2);
  });

  it('refuses at once a body whose declared length is over the limit', async () => {
    const { seen } = endless(1024);
    const res = new Response(new ReadableStream({ cancel: () => void (seen.cancelled = true) }), {
      headers: { 'content-length': String(2 * 1024 * 1024) },
    });
    expect(await readBounded(res, 1024 * 1024)).toBeNull();
    expect(seen.cancelled).toBe(true);
  });
});
