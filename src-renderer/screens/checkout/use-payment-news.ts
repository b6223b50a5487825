/**
 * News of a payment for an order not on screen: a late one (补单), or one in time (the cashier
 * rang up another, or the order came back only after it was paid). Each order once; one seen
 * paid on screen (`seenPaid`) is never news again (a refund's update later is not a payment).
 */
import { useCallback, useRef, useState } from 'react';
import type { OrderView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import { isLatePaymentNews, isOffScreenPaymentNews, shortOrderId } from '../../logic/order-state';
import { playChime } from './chime';
import type { LateNoticeView } from './LateNotice';

/** Orders remembered as announced or seen paid; forgotten in one go beyond this. */
const REMEMBERED_MAX = 100;

export function usePaymentNews(clockOffsetMs: number, locale: string) {
  const [notice, setNotice] = useState<LateNoticeView | null>(null);
  const told = useRef(new Set<string>());
  const remember = useCallback((id: string) => {
    if (told.current.size >= REMEMBERED_MAX) told.current.clear();
    told.current.add(id);
  }, []);
  /** An update of an order not on screen: said when it is news. */
  const offScreen = useCallback(
    (o: OrderView) => {
      const late = isLatePaymentNews(o);
      if (!late && (!isOffScreenPaymentNews(o, Date.now() + clockOffsetMs) || told.current.has(o.id))) return;
      if (!late) remember(o.id);
      const amount = formatMoney(o.amountMinor, o.currency, locale);
      setNotice({ order: shortOrderId(o.id), amount, ...(late ? {} : { inTime: true }) });
      playChime();
    },
    [clockOffsetMs, locale, remember],
  );
  return { notice, dismiss: useCallback(() => setNotice(null), []), offScreen, seenPaid: remember };
}
