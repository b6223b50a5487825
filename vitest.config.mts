import { defineConfig } from 'vitest/config';

// Projects: `unit` (fast, run by `npm run check` before each commit), `integration`
// (real gateway on loopback, real SQLite files) and `e2e` (the browser host in Debian's Chromium).
// In CI a JSON report is written too, so .ci/run can print one plain closing line.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
    projects: [
      {
        // A hang guard, not a speed check: under `npm test` the unit files share 2 cores with the
        // crash harness and Chromium, and the CJK PDF test (0.8 s alone) once took 6.3 s there.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // Seeded fault simulation: SIM_SEEDS=N (default 200), SIM_SEED=s replays one seed.
        test: { name: 'sim', include: ['test/sim/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        // SIGKILL crash harness over the built worker (needs `npm run build`): CRASH_KILLS=N.
        test: { name: 'crash', include: ['test/crash/**/*.test.ts'], environment: 'node', testTimeout: 300_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
