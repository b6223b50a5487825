import type { Migration } from '../migrate';
import { m0001Ledger } from './0001-ledger';
import { m0005Reconcile } from './0005-reconcile';
import { m0002Reserved, m0003Reserved, m0004Reserved } from './reserved';

/** Strictly increasing; append only. Each has a test that migrates N-1 → inserts → N. */
export const MIGRATIONS: readonly Migration[] = [
  m0001Ledger,
  m0002Reserved,
  m0003Reserved,
  m0004Reserved,
  m0005Reconcile,
];
