/**
 * `npm run bench`: performance figures as ratios against baselines measured in the same run on
 * the same machine. Never a test: nothing here fails a build.
 */
import { cpus, totalmem } from 'node:os';
import { benchCheckout } from './checkout-bench';
import { benchLedger } from './ledger-bench';
import { benchSettlement } from './settlement-bench';
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

  const s = await benchSettlement(quick ? 100_000 : 1_000_000, quick ? 20 : 50);
  console.log(`\n## Settlement reports over a year (${s.sales} sales, 2 % refunded; seeded in ${fmt(s.seedSecs)} s)`);
  line('baseline raw SELECT SUM over every sales posting', s.baselineSumMs);
  line('one day', s.oneDayMs, ' (target p99 ≤ 20 ms)');
  line('31 days', s.monthMs, ' (target ≤ 200 ms)');
  line('whole year', s.yearMs, ' (target ≤ 2 s)');
  console.log(`XLSX export of a month (${s.xlsxMonthRows} rows): ${fmt(s.xlsxMonthMs, 0)} ms (target ≤ 5 s)`);
  console.log(
    `ratios to the raw SUM baseline (p99): day ${fmt(s.oneDayMs.p99 / s.baselineSumMs.p99, 3)}×, ` +
      `31 days ${fmt(s.monthMs.p99 / s.baselineSumMs.p99, 2)}×, year ${fmt(s.yearMs.p99 / s.baselineSumMs.p99, 2)}×`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
