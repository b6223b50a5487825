import type { Migration } from '../migrate';
import { m0001Ledger } from './0001-ledger';
import { m0002Offline } from './0002-offline';
import { m0003Operators } from './0003-operators';
import { m0004Settlement } from './0004-settlement';
import { m0005Reconcile } from './0005-reconcile';
import { m0006CodeUnlocks } from './0006-code-unlocks';
import { m0007ReconResultsCompact } from './0007-recon-results-compact';
import { m0008ReconResultsRef } from './0008-recon-results-ref';
import { m0009SaleBtrees } from './0009-sale-btrees';
import { m0010OperatorDisable } from './0010-operator-disable';
import { m0011OrderTail } from './0011-order-tail';
import { m0012OwnerRecovery } from './0012-owner-recovery';
import { m0013JournalCanonical } from './0013-journal-canonical';
import { m0014OfflineSaleChannel } from './0014-offline-sale-channel';
import { m0015OrderCancelOwed } from './0015-order-cancel-owed';
import { m0016SyncIssueOutcomes } from './0016-sync-issue-outcomes';
import { m0017BatchFeeReturned } from './0017-batch-fee-returned';
import { m0018OfflineWriteOff } from './0018-offline-write-off';
import { m0019RefundFailureCash } from './0019-refund-failure-cash';
import { m0020RefundIndexOrders } from './0020-refund-index-orders';
import { m0021ReconActionKinds } from './0021-recon-action-kinds';

/**
 * Strictly increasing; append only. Each has a test that migrates N-1 → inserts → N.
 * Numbers are assigned per branch of parallel work (0002 offline, 0003 operators, …), so a
 * branch may skip a number that another branch fills at merge.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0001Ledger,
  m0002Offline,
  m0003Operators,
  m0004Settlement,
  m0005Reconcile,
  m0006CodeUnlocks,
  m0007ReconResultsCompact,
  m0008ReconResultsRef,
  m0009SaleBtrees,
  m0010OperatorDisable,
  m0011OrderTail,
  m0012OwnerRecovery,
  m0013JournalCanonical,
  m0014OfflineSaleChannel,
  m0015OrderCancelOwed,
  m0016SyncIssueOutcomes,
  m0017BatchFeeReturned,
  m0018OfflineWriteOff,
  m0019RefundFailureCash,
  m0020RefundIndexOrders,
  m0021ReconActionKinds,
];
