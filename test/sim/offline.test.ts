import { describe, it } from 'vitest';
import { runSeed } from './run-seed';

/**
 * The seeded simulation of the offline-first sync (see docs/offline.md). `SIM_SEEDS` sets how
 * many seeds run (default 200: the CI set), `SIM_SEED` replays one; `SIM_FIRST` shifts the set.
 */
const single = process.env.SIM_SEED;
const count = Number(process.env.SIM_SEEDS ?? 200);
const first = Number(process.env.SIM_FIRST ?? 1);
const seeds = single !== undefined ? [Number(single)] : Array.from({ length: count }, (_, i) => first + i);

describe('offline-first simulation: faulty network, offline spells, restarts', () => {
  for (const seed of seeds) {
    it(`seed ${seed}`, async () => {
      await runSeed(seed);
    });
  }
});
