import { benchSettlement } from './settlement-bench';
const r = await benchSettlement(Number(process.argv[2] ?? 100000), 20);
console.log(JSON.stringify(r, null, 1));
