/**
 * A business day's orders (today's, or a picked day's), newest first, with paid totals; refreshed
 * on `order.updated`. Above them, a search for an order of any day (OrderFinder).
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { shopTimeFormats } from '../../logic/time-format';
import { useTranslation } from 'react-i18next';
import type { OrderView, TodayView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos, usePosEvent } from '../../transport/bridge-context';
import { RefundDialog } from '../refund/RefundDialog';
import { OrderFinder } from './OrderFinder';
import { OrdersTable } from './OrdersTable';
import { OverRefundedElsewhere } from './OverRefundedElsewhere';

export function TodayScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const { info } = useAppInfo();
  const [today, setToday] = useState<TodayView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [refunding, setRefunding] = useState<OrderView | null>(null);
  /** The business day shown: null is today (and follows the clock past midnight). */
  const [date, setDate] = useState<string | null>(null);
  const dateRef = useRef<string | null>(null);
  const [todayDate, setTodayDate] = useState<string | null>(null);
  /** One fetch at a time; events during a fetch ask for exactly one more. */
  const inFlight = useRef(false);
  const again = useRef(false);
  const mounted = useRef(true);

  const load = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    do {
      again.current = false;
      const day = dateRef.current;
      const r = await pos.invoke('orders.today', day === null ? {} : { date: day });
      if (!mounted.current) break;
      if (r.ok) {
        setToday(r.value);
        if (day === null) setTodayDate(r.value.businessDate);
        setError(null);
      } else setError(r.error);
    } while (again.current);
    inFlight.current = false;
  }, [pos]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, [load]);
  usePosEvent('order.updated', () => void load());
  usePosEvent('refund.updated', () => void load());
  // First load, and again whenever another day is picked.
  useEffect(() => {
    dateRef.current = date;
    void load();
  }, [date, load]);

  const timeFormat = shopTimeFormats(info.timeZone).time;
  const orders = today ? [...today.orders].sort((a, b) => b.createdAtMs - a.createdAtMs) : [];

  return (
    <section className="today" data-testid="today-list">
      <div className="today-head">
        <h1>{date === null ? t('today.title') : t('today.titleDay')}</h1>
        {today && <span className="muted">{t('today.businessDate', { date: today.businessDate })}</span>}
        <label className="today-date">
          <span className="label">{t('today.day')}</span>
          <input
            type="date"
            data-testid="today-date"
            value={date ?? today?.businessDate ?? ''}
            max={todayDate ?? undefined}
            onChange={(e) => setDate(e.target.value === '' || e.target.value === todayDate ? null : e.target.value)}
          />
        </label>
        {date !== null && (
          <button type="button" className="btn btn-small" data-testid="today-back" onClick={() => setDate(null)}>
            {t('today.backToToday')}
          </button>
        )}
        <button type="button" className="btn btn-small" data-testid="today-refresh" onClick={() => void load()}>
          {t('today.refresh')}
        </button>
      </div>
      {/* Keyed by the day: a search answer from before the date changed does not stay under it. */}
      <OrderFinder key={date ?? 'today'} onRefund={setRefunding} />
      <ErrorMessage error={error} />
      {today === null ? (
        !error && <p className="muted">{t('today.loading')}</p>
      ) : (
        <>
          <div className="totals">
            <div className="total-card">
              <div className="label">{t('today.paidTotal')}</div>
              <div className="value num" data-testid="today-paid-total">
                {formatMoney(today.paidTotalMinor, today.currency, i18n.language)}
              </div>
            </div>
            <div className="total-card">
              <div className="label">{t('today.refunded')}</div>
              <div className="value num" data-testid="today-refunded" data-pending={today.refundsPending}>
                {formatMoney(today.refundedMinor, today.currency, i18n.language)}
              </div>
              {today.refundsPending > 0 && (
                <div className="muted" data-testid="today-refunds-pending">
                  {t('today.refundsPending', {
                    n: today.refundsPending,
                    amount: formatMoney(today.refundsPendingMinor, today.currency, i18n.language),
                  })}
                </div>
              )}
            </div>
            <div className="total-card">
              <div className="label">{t('today.paidCount')}</div>
              <div className="value num" data-testid="today-paid-count">
                {today.paidCount}
              </div>
            </div>
            <div className="total-card">
              <div className="label">{t('today.orderCount')}</div>
              <div className="value num">{today.orders.length}</div>
            </div>
            <div className="total-card">
              <div className="label">{t('today.cashSales', { count: today.cashSaleCount })}</div>
              <div className="value num" data-testid="today-cash-total" data-count={today.cashSaleCount}>
                {formatMoney(today.cashSalesMinor, today.currency, i18n.language)}
              </div>
            </div>
          </div>
          <OverRefundedElsewhere today={today} listed={orders} />
          {orders.length === 0 ? (
            <p className="muted empty" data-testid="today-empty">
              {date === null ? t('today.empty') : t('today.emptyDay')}
            </p>
          ) : (
            <OrdersTable
              orders={orders}
              timeFormat={timeFormat}
              onRefund={setRefunding}
              refundPending={new Set(today.refundPendingOrderIds)}
              refundFailed={new Map(today.refundFailures.map((f) => [f.orderId, f.code]))}
              extraPayments={new Map(today.extraPayments.map((e) => [e.orderId, e]))}
              overRefunds={new Map(today.overRefunds.map((o) => [o.orderId, o.minor]))}
            />
          )}
        </>
      )}
      {refunding && <RefundDialog order={refunding} onClose={() => setRefunding(null)} />}
    </section>
  );
}
