import { benchReconcile } from '/work/wt-reconcile/bench/reconcile-bench';
const n = Number(process.argv[2] ?? 100000);
benchReconcile(n).then((r) => console.log(JSON.stringify(r, null, 1)));
