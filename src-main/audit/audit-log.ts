/**
 * The append-only, hash-chained audit log of security-relevant events. Triggers forbid UPDATE
 * and DELETE; `hash = SHA-256(prev_hash "\n" canonical)` links each row to the one before, so an
 * edit made with a raw SQLite tool (triggers dropped) is found by `verify`, which names the first
 * broken row. Details never hold secrets: callers pass ids, amounts and codes, not PINs or keys.
 */
import { createHash } from 'node:crypto';
import type { AuditEntryView, AuditPageView, AuditVerifyView } from '../../src-shared/api';
import { auditKeys, isAuditKind, type AuditDetailOf, type AuditKind } from '../../src-shared/audit-events';
import { assert } from '../../src-shared/errors';
import type { Clock } from '../../src-shared/time';
import { writeTx, type Db } from '../db/connection';
import { GENESIS_HASH } from '../ledger/hash';

export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

/** Dotted lower-case names, e.g. `operator.login`, `reconcile.matched`. */
export const AUDIT_KIND_RE = /^[a-z][a-z_]{0,31}(\.[a-z][a-z_]{0,31}){1,3}$/;
/** Keys in a detail object, and the serialized detail, are bounded. */
export const AUDIT_DETAIL_KEYS_MAX = 16;
export const AUDIT_DETAIL_CHARS_MAX = 2_000;
/** `verify` reads the chain in pages of this many rows. */
const VERIFY_PAGE = 1_000;
/** Keys that must never carry a value into the log. */
const SECRET_KEY_RE = /pin|secret|password|token|key/i;

interface AuditRow {
  seq: number;
  kind: string;
  operator_id: string | null;
  at_ms: number;
  detail: string;
  prev_hash: string;
  hash: string;
}

function canonical(r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify(['audit-v1', r.seq, r.kind, r.operator_id, r.at_ms, r.detail]);
}

function rowHash(prevHash: string, r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonical(r)}`)
    .digest('hex');
}

/** Detail as canonical JSON: keys sorted, so the same facts always hash the same. */
function serializeDetail(detail: AuditDetail): string {
  const keys = Object.keys(detail).sort();
  assert(keys.length <= AUDIT_DETAIL_KEYS_MAX, 'audit detail has too many keys');
  for (const k of keys) assert(!SECRET_KEY_RE.test(k), `audit detail key ${k} looks like a secret`);
  const text = JSON.stringify(Object.fromEntries(keys.map((k) => [k, detail[k]])));
  assert(text.length <= AUDIT_DETAIL_CHARS_MAX, 'audit detail too long');
  return text;
}

export class AuditLog {
  private readonly lastStmt;
  private readonly insertStmt;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.lastStmt = db.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (seq, kind, operator_id, at_ms, detail, prev_hash, hash)
       VALUES (@seq, @kind, @operator_id, @at_ms, @detail, @prev_hash, @hash)`,
    );
  }

  /**
   * Appends one event. Runs in the caller's transaction when there is one (so the event commits
   * with the change it describes), else in its own. Only the kinds and keys of AUDIT_EVENTS
   * (src-shared/audit-events.ts), which the Audit screen labels: the compiler checks the calls,
   * this the ones that build their kind at run time.
   */
  record<K extends AuditKind>(kind: K, operatorId: string | null, detail?: AuditDetailOf<K>): number {
    assert(AUDIT_KIND_RE.test(kind) && isAuditKind(kind), `audit kind ${kind} is not in AUDIT_EVENTS`);
    const d = (detail ?? {}) as AuditDetail;
    const text = serializeDetail(d);
    const known = auditKeys(kind);
    for (const k of Object.keys(d)) assert(known.includes(k), `audit detail key ${k} is not listed for ${kind}`);
    const write = () => {
      const last = this.lastStmt.get();
      const fields = {
        seq: (last?.seq ?? 0) + 1,
        kind,
        operator_id: operatorId,
        at_ms: this.clock.now(),
        detail: text,
      };
      const prev_hash = last?.hash ?? GENESIS_HASH;
      this.insertStmt.run({ ...fields, prev_hash, hash: rowHash(prev_hash, fields) });
      return fields.seq;
    };
    return this.db.inTransaction ? write() : writeTx(this.db, write);
  }

  list(beforeSeq: number | undefined, limit: number): AuditPageView {
    const rows = this.db
      .prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit);
    const total = this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log').get()?.n ?? 0;
    return { entries: rows.map(toView), total };
  }

  /** Walks the whole chain; names the first row whose seq, link or hash is wrong. */
  verify(): AuditVerifyView {
    const page = this.db.prepare<[number, number], AuditRow>(
      'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (;;) {
      const rows = page.all(expectedSeq - 1, VERIFY_PAGE);
      if (rows.length === 0) break;
      for (const r of rows) {
        const broken = (reason: string): AuditVerifyView => ({
          entries: count,
          ok: false,
          firstBrokenSeq: r.seq,
          reason,
        });
        if (r.seq !== expectedSeq) return { ...broken('a row is missing'), firstBrokenSeq: expectedSeq };
        if (r.prev_hash !== prevHash) return broken('link to the previous row is wrong');
        if (rowHash(prevHash, r) !== r.hash) return broken('row content does not match its hash');
        prevHash = r.hash;
        expectedSeq++;
        count++;
      }
    }
    return { entries: count, ok: true, firstBrokenSeq: null, reason: null };
  }
}

function toView(r: AuditRow): AuditEntryView {
  let detail: AuditEntryView['detail'] = {};
  try {
    detail = JSON.parse(r.detail) as AuditEntryView['detail'];
  } catch {
    // a damaged row still lists; verify names it
  }
  return { seq: r.seq, kind: r.kind, operatorId: r.operator_id, atMs: r.at_ms, detail };
}
