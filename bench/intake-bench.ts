/**
 * The gateway's side of a catch-up, in this process, without HTTP: each push body decoded,
 * checked line by line, hashed entry by entry and stored with a durable commit
 * (`JournalLinesIntake.push`), against storing the same bytes durably as one row each in the
 * same kind of database (WAL, synchronous=FULL), same run. Steadier than the two-process figure
 * (no loopback, no second process on the other core): what verifying costs over a durable store.
 */
import { isUtf8 } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openGatewayDb } from '../src-gateway/db/open';
import { JournalLinesIntake } from '../src-gateway/journal/lines-intake';
import { TerminalJournalStore } from '../src-gateway/journal/store';
import { summarize } from './stats';

export interface IntakeBenchResult {
  /** Per push body (1,000 entries): checked, hashed, stored, committed. */
  intakeMs: ReturnType<typeof summarize>;
  /** Per push body: the same bytes inserted as one row, committed. */
  storeMs: ReturnType<typeof summarize>;
}

const TERMINAL = 'TBENCH0001';

export function benchIntake(bodies: readonly string[]): IntakeBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-intake-'));
  const gw = openGatewayDb(join(dir, 'gw.db'));
  const sink = openGatewayDb(join(dir, 'sink.db'), []);
  try {
    gw.prepare("INSERT INTO terminals (id, name, secret_sealed, created_at_ms) VALUES (?, 'bench', x'00', 1)").run(
      TERMINAL,
    );
    const intake = new JournalLinesIntake(gw, { now: () => Date.now() }, new TerminalJournalStore(gw), 0);
    sink.exec('CREATE TABLE sink (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const insert = sink.prepare('INSERT INTO sink (body) VALUES (?)');
    const store = sink.transaction((b: Buffer) => insert.run(b));
    const wire = bodies.map((b) => Buffer.from(b));
    const intakeMs: number[] = [];
    const storeMs: number[] = [];
    for (const body of wire) {
      // As the route: UTF-8 checked, decoded, then the intake.
      const t0 = performance.now();
      if (!isUtf8(body)) throw new Error('bench body is not UTF-8');
      const r = intake.push(TERMINAL, body.toString('utf8'));
      intakeMs.push(performance.now() - t0);
      if (!r.ok) throw new Error(`intake refused the bench journal: ${r.error.code}: ${r.error.message}`);
      const t1 = performance.now();
      store.immediate(body);
      storeMs.push(performance.now() - t1);
    }
    return { intakeMs: summarize(intakeMs), storeMs: summarize(storeMs) };
  } finally {
    gw.close();
    sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
