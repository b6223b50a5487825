/**
 * The params an error's message is filled with, as a person reads them: a channel by its name,
 * not its code; a refused bill's reason (src-shared/bill-reasons.ts) in words, as its `detail`.
 */
import type { TFunction } from 'i18next';
import { isBillReason } from '../../src-shared/bill-reasons';
import type { AppError } from '../../src-shared/result';
import { channelLabel } from './channel-label';

export function errorParams(t: TFunction, error: AppError): Record<string, string | number> {
  const params: Record<string, string | number> = { ...error.params };
  if (typeof params.channel === 'string') params.channel = channelLabel(t, params.channel);
  if (error.code === 'bill_malformed' || error.code === 'bill_unreadable') {
    params.detail = isBillReason(params.reason) ? t(`reconcile.billReason.${params.reason}`, params) : error.message;
  }
  return params;
}
