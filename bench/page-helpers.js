// Installed into the console page by bench/checkout-bench.ts. Timings use the page's own clock.
(() => {
  const key = (k) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const until = (probe) =>
    new Promise((resolve) => {
      const first = probe();
      if (first) return resolve(first);
      const mo = new MutationObserver(() => {
        const v = probe();
        if (v) {
          mo.disconnect();
          resolve(v);
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  window.__bench = {
    async enter(amount) {
      const before = document.querySelector('[data-testid="payment-qr"]')?.dataset.qrUrl;
      for (const ch of amount) key(ch);
      await frame();
      const t0 = performance.now();
      key('Enter');
      const qr = await until(() => {
        const el = document.querySelector('[data-testid="payment-qr"]');
        return el && el.dataset.qrUrl !== before ? el : null;
      });
      await frame(); // the frame that paints it
      return { ms: performance.now() - t0, url: qr.dataset.qrUrl };
    },
    async whenPaid() {
      await until(() => document.querySelector('[data-testid="order-status"][data-status="paid"]'));
      return performance.timeOrigin + performance.now();
    },
    async next() {
      key('Enter');
      await until(() => !document.querySelector('[data-testid="order-status"]'));
    },
    async invoke() {
      const token = document.querySelector('meta[name="pos-token"]').content;
      const t0 = performance.now();
      await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pos-token': token },
        body: JSON.stringify({ name: 'gateway.status', args: {} }),
      }).then((r) => r.json());
      return performance.now() - t0;
    },
  };
})();
