import type { AppInfoView } from '../../../src-shared/api/index';
import { businessDate } from '../../../src-shared/time';

/** Today's business date as main sees it (main's clock, the merchant's zone and cutoff). */
export function todayBusinessDate(info: AppInfoView, clockOffsetMs: number): string {
  return businessDate(Date.now() + clockOffsetMs, info.timeZone, info.businessDayCutoffHour);
}
