import type { MessagePort } from 'node:worker_threads';
import { openReadConnection } from './read-connection';
import { threadWriter, type ResultWriter } from './result-writer';
import type { RunThreadData, RunThreadMessage } from './run-thread';
import { executeRun } from './runner';

/**
 * The run thread (`threadRun`): a read connection of its own (one snapshot for both sides), the
 * engine, and a writer thread for the rows. It answers with its outcome as soon as every row is
 * committed, then waits for the writer's checkpoint before it ends (a thread's child threads end
 * with it).
 */
export async function runRunThread(data: RunThreadData, port: MessagePort): Promise<void> {
  const flag = new Int32Array(data.cancel);
  const post = (m: RunThreadMessage) => port.postMessage(m);
  let writer: ResultWriter | null = null;
  try {
    const read = openReadConnection(data.dbPath, data.nativeBinding ?? undefined);
    try {
      writer = threadWriter(
        {
          workerPath: data.workerPath,
          dbPath: data.dbPath,
          ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
        },
        data.job.runId,
      );
      const outcome = await executeRun(read, writer, data.job, {
        progress: (done, total) => post({ progress: [done, total] }),
        cancelled: () => Atomics.load(flag, 0) === 1,
        // Lets the writer's acknowledgements in between chunks; nothing else runs in this thread.
        yieldTurn: () => new Promise((r) => setImmediate(r)),
      });
      post({ outcome });
    } finally {
      read.close();
    }
  } catch (e) {
    post({ error: e instanceof Error ? e.message : String(e) });
  }
  await writer?.settled();
  port.close();
}
