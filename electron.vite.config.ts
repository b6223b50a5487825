import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Our folders are not electron-vite's defaults (src/main, src/preload, src/renderer), so every
// entry is named here. `main` also builds the two Node entry points that share its code: the
// browser host (`serve`) and the standalone gateway (`gateway`), so one build serves all.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          serve: resolve(__dirname, 'src-main/host/serve.ts'),
          gateway: resolve(__dirname, 'src-gateway/cli.ts'),
          // The headless console the crash harness kills and restarts (test/crash).
          'sync-worker': resolve(__dirname, 'src-main/host/sync-worker.ts'),
          // A reconciliation run's result-row writer thread (worker_threads), loaded by path.
          'reconcile-worker': resolve(__dirname, 'src-main/reconcile/worker-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // Sandboxed preloads cannot `require` ESM; emit one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
