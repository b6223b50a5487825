/**
 * Find an order of any day: by the end of its number (the 8 characters on screen and receipt)
 * or by the trade number the customer's wallet shows. A customer back with yesterday's purchase
 * is refunded from here.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { shopTimeFormats } from '../../logic/time-format';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { usePos, usePosEvent } from '../../transport/bridge-context';
import { OrdersTable } from './OrdersTable';

const QUERY_RE = /^[0-9A-Za-z]{4,64}$/;

export function OrderFinder(props: { readonly onRefund: (o: OrderView) => void }): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info } = useAppInfo();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; orders: readonly OrderView[] } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const search = async (q: string) => {
    const r = await pos.invoke('orders.find', { query: q });
    if (!r.ok) return setError(r.error);
    setError(null);
    setFound({ query: q, orders: r.value });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search(query.trim());
  };
  // A refund from the results changes an order's status: show it.
  usePosEvent('order.updated', (o) => found?.orders.some((f) => f.id === o.id) && void search(found.query));

  const dateTime = shopTimeFormats(info.timeZone).dateTimeSeconds;
  return (
    <div className="order-finder">
      <form className="finder-form" onSubmit={submit} role="search">
        <label className="field">
          <span className="label">{t('today.find')}</span>
          <input
            data-testid="order-find"
            value={query}
            maxLength={64}
            placeholder={t('today.findPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <button type="submit" className="btn" data-testid="order-find-submit" disabled={!QUERY_RE.test(query.trim())}>
          {t('today.findSubmit')}
        </button>
        {found && (
          <button type="button" className="btn" data-testid="order-find-clear" onClick={() => setFound(null)}>
            {t('today.findClear')}
          </button>
        )}
      </form>
      <ErrorMessage error={error} />
      {found &&
        (found.orders.length === 0 ? (
          <p className="muted" data-testid="order-find-none">
            {t('today.findNone', { query: found.query })}
          </p>
        ) : (
          <>
            <h2 className="finder-title">{t('today.findResults', { count: found.orders.length })}</h2>
            <OrdersTable orders={found.orders} timeFormat={dateTime} onRefund={props.onRefund} testId="order-found" />
          </>
        ))}
    </div>
  );
}
