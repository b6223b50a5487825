/** The business day's orders, newest first, with paid totals; refreshed on `order.updated`. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView, TodayView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos, usePosEvent } from '../../transport/bridge-context';
import { RefundDialog } from '../refund/RefundDialog';
import { OrderRow } from './OrderRow';

export function TodayScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const { info } = useAppInfo();
  const [today, setToday] = useState<TodayView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [refunding, setRefunding] = useState<OrderView | null>(null);
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
      const r = await pos.invoke('orders.today', {});
      if (!mounted.current) break;
      if (r.ok) {
        setToday(r.value);
        setError(null);
      } else setError(r.error);
    } while (again.current);
    inFlight.current = false;
  }, [pos]);

  useEffect(() => {
    mounted.current = true;
    void load();
    return () => {
      mounted.current = false;
    };
  }, [load]);
  usePosEvent('order.updated', () => void load());

  const timeFormat = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: info.timeZone,
  });
  const orders = today ? [...today.orders].sort((a, b) => b.createdAtMs - a.createdAtMs) : [];

  return (
    <section className="today" data-testid="today-list">
      <div className="today-head">
        <h1>{t('today.title')}</h1>
        {today && <span className="muted">{t('today.businessDate', { date: today.businessDate })}</span>}
        <button type="button" className="btn btn-small" data-testid="today-refresh" onClick={() => void load()}>
          {t('today.refresh')}
        </button>
      </div>
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
          {orders.length === 0 ? (
            <p className="muted empty">{t('today.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="orders">
                <thead>
                  <tr>
                    <th className="col-time">{t('today.time')}</th>
                    <th className="col-order">{t('today.order')}</th>
                    <th className="col-amount num">{t('today.amount')}</th>
                    <th className="col-status">{t('today.status')}</th>
                    <th className="col-note">{t('today.note')}</th>
                    <th className="col-actions" />
                  </tr>
                </thead>
                <tbody>
                  {orders.map((o) => (
                    <OrderRow key={o.id} order={o} timeFormat={timeFormat} onRefund={setRefunding} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {refunding && <RefundDialog order={refunding} onClose={() => setRefunding(null)} />}
    </section>
  );
}
