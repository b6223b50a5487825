/**
 * `npm run bench`: performance figures as ratios against baselines measured in the same run on
 * the same machine. Never a test: nothing here fails a build.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { benchAlipay } from './alipay-bench';
import { benchCheckout } from './checkout-bench';
import { benchLedger } from './ledger-bench';
import { benchReconcile } from './reconcile-bench';
import { benchSettlement } from './settlement-bench';
import { benchOffline } from './offline-bench';
import { fmt } from './stats';

const quick = process.argv.includes('--quick');
/** `--only <section>[,<section>]`: run just those sections (names in SECTIONS). */
const SECTIONS = ['ledger', 'reconcile', 'offline', 'checkout', 'alipay', 'settlement'] as const;
type Section = (typeof SECTIONS)[number];
const onlyArg = process.argv[process.argv.indexOf('--only') + 1];
const only = process.argv.includes('--only') ? new Set((onlyArg ?? '').split(',')) : null;
for (const name of only ?? []) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    throw new Error(`--only: unknown section "${name}" (one of ${SECTIONS.join(', ')})`);
  }
}
const runs = (section: Section): boolean => only === null || only.has(section);

function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

type Summary = { p50: number; p99: number; max: number };
const line = (name: string, s: Summary, target = '') =>
  console.log(`${name}: p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, max ${fmt(s.max)} ms${target}`);

async function main(): Promise<void> {
  console.log(`machine: ${machine()}`);

  if (runs('ledger')) {
    const ledger = await benchLedger(quick ? 300 : 2_000);
    console.log('\n## Durable sale commits (WAL, synchronous=FULL)');
    console.log(`baseline raw single-row durable inserts: ${fmt(ledger.rawInsertsPerSec, 0)}/s`);
    console.log(`ledger sale commits (order + hash-chained entry + payment): ${fmt(ledger.salesPerSec, 0)}/s`);
    console.log(`ratio: ${fmt(ledger.ratio, 2)} (target ≥ 0.5)`);
  }
  if (runs('reconcile')) {
    // Absolute times below move with the machine's load; the ratios to same-run baselines less so.
    console.log(
      `\nload average before reconciliation: ${loadavg()
        .map((x) => fmt(x, 2))
        .join(' ')}`,
    );
    const r = await benchReconcile(quick ? 100_000 : 1_000_000);
    console.log(`\n## Reconciliation (${r.n} console vs ${r.n} statement records, 1% per mismatch class)`);
    console.log(`baseline plain sort of the same ${2 * r.n} keys: ${fmt(r.sortBaselineMs, 0)} ms`);
    console.log(
      `engine (sort-merge over sorted streams): ${fmt(r.engineMs, 0)} ms, ${fmt(r.engineMs / r.sortBaselineMs, 2)}× the sort; ` +
        `peak RSS ${fmt(r.enginePeakRssMb, 0)} MB (process ${fmt(r.rssBeforeMb, 0)} MB before)`,
    );
    console.log(`classes: ${JSON.stringify(r.classCounts)}`);
    console.log(
      `full run through SQLite (sorted cursors in, ${r.sqliteRows} result rows written): median ${fmt(r.sqliteRunMs, 0)} ms ` +
        `of 3 (${fmt(r.sqliteRunMinMs, 0)}–${fmt(r.sqliteRunMaxMs, 0)}; ${fmt(r.sqliteRunMs / r.sortBaselineMs, 1)}× the sort, ` +
        `which moves with the host's speed as the run does) (target ≤ 5000), peak RSS ${fmt(r.sqliteRunPeakRssMb, 0)} MB (target ≤ 1024)`,
    );
    console.log(
      `Alipay bill import (${fmt(r.billBytes / 2 ** 20, 1)} MB zip, ${r.n} rows): parse ${fmt(r.importMs, 0)} ms ` +
        `(${fmt(r.importMs / r.importBaselineMs, 2)}× baseline unzip+decode+split ${fmt(r.importBaselineMs, 0)} ms), ` +
        `save to SQLite ${fmt(r.importSaveMs, 0)} ms; total ${fmt(r.importMs + r.importSaveMs, 0)} ms (target ≤ 10000)`,
    );
  }
  if (runs('offline')) {
    console.log(
      `\nload average before the catch-up push: ${loadavg()
        .map((x) => fmt(x, 2))
        .join(' ')}`,
    );
    const o = await benchOffline(quick ? 10_000 : 100_000, quick ? 200 : 1_000);
    console.log(
      `\n## Catch-up push after an offline spell (${o.entries} journal entries, gateway process on loopback)`,
    );
    console.log(
      `baseline raw loopback POST loop of the same bodies: ${fmt(o.rawEntriesPerSec, 0)} entries/s (${fmt(o.rawSecs, 2)} s)`,
    );
    console.log(
      `journal push (signed, chain verified, stored, acked): ${fmt(o.pushEntriesPerSec, 0)} entries/s, wall ${fmt(o.pushSecs, 2)} s (target ≤ 20 s)`,
    );
    console.log(
      `ratio: ${fmt(o.ratio, 2)} (target ≥ 0.5); console peak RSS ${fmt(o.peakRssMb, 0)} MB (target ≤ 300 MB)`,
    );
    console.log(
      `CPU during the push (less load-sensitive than wall time): console ${fmt(o.consoleCpuSecs, 2)} s, gateway ${fmt(o.gatewayCpuSecs, 2)} s`,
    );
    console.log(
      `gateway intake in process, per push of ${fmt(o.entries / o.intake.intakeMs.n, 0)} entries (median): ${fmt(o.intake.intakeMs.p50, 2)} ms checked, hashed and stored durably; the same bytes stored durably ${fmt(o.intake.storeMs.p50, 2)} ms; ratio ${fmt(o.intake.storeMs.p50 / o.intake.intakeMs.p50, 2)}`,
    );
    console.log(
      `offline acceptance (code verify + durable commit, ${o.acceptMs.n}): p50 ${fmt(o.acceptMs.p50, 2)} ms, p99 ${fmt(o.acceptMs.p99, 2)} ms (target p99 ≤ 20 ms)`,
    );
  }
  if (runs('checkout')) {
    const c = await benchCheckout(quick ? 30 : 200);
    console.log(`\n## Checkout in the browser host (Chromium, loopback gateway, ${c.enterToQrMs.n} orders)`);
    line('baseline pos.invoke round trip', c.invokeRoundTripMs);
    line('Enter → QR painted', c.enterToQrMs, ' (target p99 ≤ 50 ms)');
    line('customer pays → console shows paid', c.payToPaidMs, ' (target p99 ≤ 100 ms)');
    console.log(
      `ratios to the invoke baseline (p99): Enter→QR ${fmt(c.enterToQrMs.p99 / c.invokeRoundTripMs.p99, 1)}×, ` +
        `pay→paid ${fmt(c.payToPaidMs.p99 / c.invokeRoundTripMs.p99, 1)}×`,
    );
  }
  if (runs('alipay')) {
    const a = await benchAlipay(quick ? 30 : 200);
    console.log(`\n## Alipay provider at the gateway (fake Alipay on loopback, ${a.signedGetMs.n} of each)`);
    const aline = (name: string, st: typeof a.signedGetMs) =>
      console.log(`${name}: p50 ${fmt(st.p50)} ms, p99 ${fmt(st.p99)} ms, max ${fmt(st.max)} ms`);
    aline('baseline signed terminal GET (HMAC)', a.signedGetMs);
    aline('payment code charged (RSA2 both ways)', a.chargeCodeMs);
    aline('async notify verified and applied', a.notifyMs);
    console.log(
      `ratios to the baseline (p50): charge ${fmt(a.chargeCodeMs.p50 / a.signedGetMs.p50, 1)}×, ` +
        `notify ${fmt(a.notifyMs.p50 / a.signedGetMs.p50, 1)}×`,
    );
  }
  if (runs('settlement')) {
    const s = await benchSettlement(quick ? 100_000 : 1_000_000, quick ? 20 : 50);
    console.log(`\n## Settlement reports over a year (${s.sales} sales, 2 % refunded; seeded in ${fmt(s.seedSecs)} s)`);
    line('baseline raw SELECT SUM over every sales posting', s.baselineSumMs);
    line('one day', s.oneDayMs, ' (target p99 ≤ 20 ms)');
    line('31 days', s.monthMs, ' (target ≤ 200 ms)');
    line('whole year', s.yearMs, ' (target ≤ 2 s)');
    line('one day, 04:00 cutoff (batches shared between business days)', s.oneDayCutoffMs, ' (target p99 ≤ 20 ms)');
    line('whole year, 04:00 cutoff', s.yearCutoffMs, ' (target ≤ 2 s)');
    console.log(`XLSX export of a month (${s.xlsxMonthRows} rows): ${fmt(s.xlsxMonthMs, 0)} ms (target ≤ 5 s)`);
    console.log(
      `ratios to the raw SUM baseline (p99): day ${fmt(s.oneDayMs.p99 / s.baselineSumMs.p99, 3)}×, ` +
        `31 days ${fmt(s.monthMs.p99 / s.baselineSumMs.p99, 2)}×, year ${fmt(s.yearMs.p99 / s.baselineSumMs.p99, 2)}×`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
