#!/usr/bin/env node
// `npm run sim -- --seeds N [--first S]` runs N seeds of the offline-first simulation;
// `npm run sim -- --seed S` replays one seed exactly. Passed to vitest as SIM_* variables.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const env = { ...process.env };
const rest = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined || !/^\d+$/.test(v)) {
      console.error(`sim: ${a} needs a whole number`);
      process.exit(2);
    }
    return v;
  };
  if (a === '--seeds') env.SIM_SEEDS = value();
  else if (a === '--seed') env.SIM_SEED = value();
  else if (a === '--first') env.SIM_FIRST = value();
  else rest.push(a);
}
const r = spawnSync('npx', ['vitest', 'run', '--project', 'sim', ...rest], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
