import { z } from 'zod';
import { call, event } from './contract';
import { LOCALES, type AppInfoView, type LedgerBackupView, type LedgerVerifyView, type SyncStatusView } from './views';

export const appCalls = {
  'app.info': call<AppInfoView>()(z.strictObject({})),
  'settings.setLocale': call<AppInfoView>()(z.strictObject({ locale: z.enum(LOCALES) })),
  'ledger.verify': call<LedgerVerifyView>()(z.strictObject({})),
  /** Owner: a verified copy of the ledger in the data folder's backups/ (the newest 14 kept). */
  'ledger.backup': call<LedgerBackupView>()(z.strictObject({})),
};

export const gatewayCalls = {
  'gateway.status': call<SyncStatusView>()(z.strictObject({})),
  /**
   * Pair with another gateway. While the current one still owes this counter answers (sales
   * verified by code awaiting its confirmation, orders a customer could still pay there), it is
   * refused with `pairing_leaves_pending` and the counts, unless `leavePending` says the owner
   * read them and goes on.
   */
  'gateway.pair': call<AppInfoView>()(
    z.strictObject({
      url: z.string().min(1).max(200),
      code: z.string().min(1).max(32),
      leavePending: z.boolean().optional(),
    }),
  ),
  /** Go back to the embedded demo gateway (the same rule as pairing). */
  'gateway.useDemo': call<AppInfoView>()(z.strictObject({ leavePending: z.boolean().optional() })),
};

export const appEvents = {
  'sync.status': event<SyncStatusView>(),
  'app.info': event<AppInfoView>(),
};
