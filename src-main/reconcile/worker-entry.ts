/**
 * The reconciliation worker script (built as `out/main/reconcile-worker.js`): one file for both
 * threads of a run, told apart by `workerData.role` — the run thread (`run-worker.ts`: reads both
 * sides and classifies) and the writer thread it starts (`result-writer-worker.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WriterThreadData } from './result-writer';
import { runWriterThread } from './result-writer-worker';
import type { RunThreadData } from './run-thread';
import { runRunThread } from './run-worker';

const port = parentPort;
if (!port) throw new Error('the reconciliation worker runs as a worker thread');
const data = workerData as WriterThreadData | RunThreadData;
if (data.role === 'run') void runRunThread(data, port);
else runWriterThread(data, port);
