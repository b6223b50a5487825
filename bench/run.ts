/**
 * `npm run bench`: performance figures as ratios against baselines measured in the same run on
 * the same machine. Never a test: nothing here fails a build.
 */
import { cpus, totalmem } from 'node:os';
import { benchCheckout } from './checkout-bench';
import { benchLedger } from './ledger-bench';
import { benchOffline } from './offline-bench';
import { fmt } from './stats';

const quick = process.argv.includes('--quick');

function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

async function main(): Promise<void> {
  console.log(`machine: ${machine()}`);

  const ledger = await benchLedger(quick ? 300 : 2_000);
  console.log('\n## Durable sale commits (WAL, synchronous=FULL)');
  console.log(`baseline raw single-row durable inserts: ${fmt(ledger.rawInsertsPerSec, 0)}/s`);
  console.log(`ledger sale commits (order + hash-chained entry + payment): ${fmt(ledger.salesPerSec, 0)}/s`);
  console.log(`ratio: ${fmt(ledger.ratio, 2)} (target ≥ 0.5)`);

  const o = await benchOffline(quick ? 10_000 : 100_000, quick ? 200 : 1_000);
  console.log(`\n## Catch-up push after an offline spell (${o.entries} journal entries, gateway process on loopback)`);
  console.log(
    `baseline raw loopback POST loop of the same bodies: ${fmt(o.rawEntriesPerSec, 0)} entries/s (${fmt(o.rawSecs, 2)} s)`,
  );
  console.log(
    `journal push (signed, chain verified, stored, acked): ${fmt(o.pushEntriesPerSec, 0)} entries/s, wall ${fmt(o.pushSecs, 2)} s (target ≤ 20 s)`,
  );
  console.log(`ratio: ${fmt(o.ratio, 2)} (target ≥ 0.5); console peak RSS ${fmt(o.peakRssMb, 0)} MB (target ≤ 300 MB)`);
  console.log(
    `offline acceptance (code verify + durable commit, ${o.acceptMs.n}): p50 ${fmt(o.acceptMs.p50, 2)} ms, p99 ${fmt(o.acceptMs.p99, 2)} ms (target p99 ≤ 20 ms)`,
  );

  const c = await benchCheckout(quick ? 30 : 200);
  console.log(`\n## Checkout in the browser host (Chromium, loopback gateway, ${c.enterToQrMs.n} orders)`);
  const line = (name: string, s: typeof c.enterToQrMs, target = '') =>
    console.log(`${name}: p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, max ${fmt(s.max)} ms${target}`);
  line('baseline pos.invoke round trip', c.invokeRoundTripMs);
  line('Enter → QR painted', c.enterToQrMs, ' (target p99 ≤ 50 ms)');
  line('customer pays → console shows paid', c.payToPaidMs, ' (target p99 ≤ 100 ms)');
  console.log(
    `ratios to the invoke baseline (p99): Enter→QR ${fmt(c.enterToQrMs.p99 / c.invokeRoundTripMs.p99, 1)}×, ` +
      `pay→paid ${fmt(c.payToPaidMs.p99 / c.invokeRoundTripMs.p99, 1)}×`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
