import { z } from 'zod';
import { call, event } from './contract';
import {
  RECON_ACTIONS,
  RESULT_CLASSES,
  type ActionView,
  type ExportView,
  type ReconProgressEvent,
  type ResultsPageView,
  type RunDiffView,
  type RunView,
  type SourceView,
} from './reconcile-views';

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)');

/** A bill file travels in chunks: the browser host caps one request body at 256 KB. */
export const UPLOAD_CHUNK_BYTES_MAX = 128 * 1024;
/** A year of a busy store's Alipay bill zipped is a few tens of MB. */
export const UPLOAD_BYTES_MAX = 64 * 1024 * 1024;
/** One results page; the table asks for the pages it scrolls to. */
export const RESULTS_PAGE_MAX = 1000;
/** A reason is a sentence, not a document. */
export const RECON_REASON_LENGTH_MAX = 500;
/** A run covers at most this many business days (a year and a day for leap years). */
export const RECON_RANGE_DAYS_MAX = 366;

export const reconcileCalls = {
  'reconcile.upload.begin': call<{ uploadId: string }>()(
    z.strictObject({ fileName: z.string().min(1).max(255), sizeBytes: z.number().int().min(0).max(UPLOAD_BYTES_MAX) }),
  ),
  'reconcile.upload.chunk': call<{ receivedBytes: number }>()(
    z.strictObject({
      uploadId: ulid,
      offset: z.number().int().min(0).max(UPLOAD_BYTES_MAX),
      base64: z
        .string()
        .min(1)
        .max(Math.ceil(UPLOAD_CHUNK_BYTES_MAX / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    }),
  ),
  /** Parses the uploaded bill and saves it as a source (the same bytes twice: `created: false`). */
  'reconcile.upload.finish': call<SourceView>()(z.strictObject({ uploadId: ulid })),
  /**
   * Fetches the gateway's statement of this terminal for the dates and saves it as a source.
   * Only this terminal's: the ledger here holds this till's sales, so another till's payment
   * would read as 长款 here, and accepting it would count it twice in the shop's books.
   */
  'reconcile.fetchStatement': call<SourceView>()(
    z.strictObject({ fromDate: date, toDate: date, scope: z.literal('terminal') }),
  ),
  'reconcile.sources': call<readonly SourceView[]>()(z.strictObject({})),
  'reconcile.start': call<RunView>()(
    z.strictObject({
      sourceId: ulid,
      fromDate: date,
      toDate: date,
      amountToleranceMinor: z.number().int().min(0).max(10_000).optional(),
      timeWindowMs: z
        .number()
        .int()
        .min(0)
        .max(24 * 3_600_000)
        .optional(),
    }),
  ),
  'reconcile.cancel': call<RunView>()(z.strictObject({ runId: ulid })),
  'reconcile.run': call<RunView>()(z.strictObject({ runId: ulid })),
  'reconcile.runs': call<readonly RunView[]>()(z.strictObject({})),
  'reconcile.results': call<ResultsPageView>()(
    z.strictObject({
      runId: ulid,
      cls: z.enum(RESULT_CLASSES).optional(),
      offset: z.number().int().min(0).max(100_000_000),
      limit: z.number().int().min(1).max(RESULTS_PAGE_MAX),
    }),
  ),
  'reconcile.diff': call<RunDiffView>()(z.strictObject({ runId: ulid })),
  'reconcile.act': call<ActionView>()(
    z.strictObject({
      runId: ulid,
      idx: z.number().int().min(0),
      kind: z.enum(RECON_ACTIONS),
      reason: z.string().trim().min(1).max(RECON_REASON_LENGTH_MAX),
    }),
  ),
  'reconcile.export': call<ExportView>()(z.strictObject({ runId: ulid, format: z.enum(['csv', 'xlsx']) })),
};

export const reconcileEvents = {
  'reconcile.progress': event<ReconProgressEvent>(),
};
