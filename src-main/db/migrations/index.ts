import type { Migration } from '../migrate';
import { m0001Ledger } from './0001-ledger';

/** Strictly increasing; append only. Each has a test that migrates N-1 → inserts → N. */
export const MIGRATIONS: readonly Migration[] = [m0001Ledger];
