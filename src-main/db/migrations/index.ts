import type { Migration } from '../migrate';
import { m0001Ledger } from './0001-ledger';
import { m0004Settlement } from './0004-settlement';

/**
 * Strictly increasing; append only. Each has a test that migrates N-1 → inserts → N.
 * Numbers are assigned per parallel branch (offline 2, operators 3, settlement 4, ...); until
 * all are merged a branch's list may have gaps.
 */
export const MIGRATIONS: readonly Migration[] = [m0001Ledger, m0004Settlement];
