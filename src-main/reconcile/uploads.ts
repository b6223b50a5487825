import { UPLOAD_BYTES_MAX } from '../../src-shared/api/reconcile';
import { err, ok, type Result } from '../../src-shared/result';
import type { IdSource } from '../../src-shared/ulid';

/** Uploads in flight; a new one past this drops the oldest (a person uploads one file at a time). */
export const UPLOADS_IN_FLIGHT_MAX = 2;

interface Upload {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  received: number;
}

/** Bill files arrive in base64 chunks, in order, into a buffer of the announced size. */
export class Uploads {
  private readonly inFlight = new Map<string, Upload>();

  constructor(private readonly ids: IdSource) {}

  begin(fileName: string, sizeBytes: number): Result<{ uploadId: string }> {
    if (sizeBytes > UPLOAD_BYTES_MAX) return err('bill_too_large', `${sizeBytes} bytes`);
    // Said as the importer says it (an empty file is no bill), not as a malformed call.
    if (sizeBytes === 0) return err('bill_unreadable', 'the file is empty', { reason: 'file_empty' });
    while (this.inFlight.size >= UPLOADS_IN_FLIGHT_MAX) this.inFlight.delete(this.inFlight.keys().next().value!);
    const uploadId = this.ids();
    this.inFlight.set(uploadId, { fileName, bytes: new Uint8Array(sizeBytes), received: 0 });
    return ok({ uploadId });
  }

  chunk(uploadId: string, offset: number, base64: string): Result<{ receivedBytes: number }> {
    const u = this.inFlight.get(uploadId);
    if (!u) return err('upload_not_found', uploadId);
    if (offset !== u.received) return err('invalid_argument', `chunk at ${offset}, expected ${u.received}`);
    const data = Buffer.from(base64, 'base64');
    if (u.received + data.length > u.bytes.length) return err('bill_too_large', 'more bytes than announced');
    u.bytes.set(data, u.received);
    u.received += data.length;
    return ok({ receivedBytes: u.received });
  }

  /** Hands over the complete file and forgets it. */
  take(uploadId: string): Result<{ fileName: string; bytes: Uint8Array }> {
    const u = this.inFlight.get(uploadId);
    if (!u) return err('upload_not_found', uploadId);
    if (u.received !== u.bytes.length) return err('upload_incomplete', `${u.received} of ${u.bytes.length} bytes`);
    this.inFlight.delete(uploadId);
    return ok({ fileName: u.fileName, bytes: u.bytes });
  }
}
