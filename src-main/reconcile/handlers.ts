import { ok } from '../../src-shared/result';
import type { Handlers } from '../handlers';
import type { ReconcileService } from './service';
import type { Uploads } from './uploads';

type ReconcileHandlers = Pick<
  Handlers,
  | 'reconcile.upload.begin'
  | 'reconcile.upload.chunk'
  | 'reconcile.upload.finish'
  | 'reconcile.fetchStatement'
  | 'reconcile.sources'
  | 'reconcile.start'
  | 'reconcile.cancel'
  | 'reconcile.run'
  | 'reconcile.runs'
  | 'reconcile.results'
  | 'reconcile.diff'
  | 'reconcile.act'
  | 'reconcile.export'
>;

export function reconcileHandlers(service: ReconcileService, uploads: Uploads): ReconcileHandlers {
  return {
    'reconcile.upload.begin': ({ fileName, sizeBytes }) => uploads.begin(fileName, sizeBytes),
    'reconcile.upload.chunk': ({ uploadId, offset, base64 }) => uploads.chunk(uploadId, offset, base64),
    'reconcile.upload.finish': ({ uploadId }) => {
      const file = uploads.take(uploadId);
      return file.ok ? service.importFile(file.value.fileName, file.value.bytes) : file;
    },
    'reconcile.fetchStatement': ({ fromDate, toDate, scope }) => service.fetchStatement(fromDate, toDate, scope),
    'reconcile.sources': () => ok(service.listSources()),
    'reconcile.start': (args) => service.start(args),
    'reconcile.cancel': ({ runId }) => service.cancel(runId),
    'reconcile.run': ({ runId }) => service.getRun(runId),
    'reconcile.runs': () => ok(service.listRuns()),
    'reconcile.results': ({ runId, cls, offset, limit }) => service.results(runId, cls ?? null, offset, limit),
    'reconcile.diff': ({ runId }) => service.diff(runId),
    'reconcile.act': ({ runId, idx, kind, reason }) => service.act(runId, idx, kind, reason),
    'reconcile.export': ({ runId, format }) => service.exportRun(runId, format),
  };
}
