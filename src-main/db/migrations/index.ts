import type { Migration } from '../migrate';
import { m0001Ledger } from './0001-ledger';
import { m0002Offline } from './0002-offline';

/** Strictly increasing; append only. Each has a test that migrates N-1 → inserts → N. */
export const MIGRATIONS: readonly Migration[] = [m0001Ledger, m0002Offline];
