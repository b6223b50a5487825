/**
 * Every result row of a run, virtualized: fixed-height rows, only the visible ones rendered,
 * fetched a page at a time as they scroll into view (100k+ rows stay smooth).
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultClass, ResultRowView } from '../../../src-shared/api/index';
import { isRefund, isUncollected, signedMinor } from '../../logic/recon-row';
import { pagesFor, visibleRange } from '../../logic/virtual-window';
import { usePos } from '../../transport/bridge-context';
import { dateTime, money } from './format';

const ROW_HEIGHT_PX = 36;
const VIEWPORT_HEIGHT_PX = 360;
const PAGE_SIZE = 200;
/** Pages kept in memory; older ones are dropped and fetched again if scrolled back to. */
const PAGES_CACHED_MAX = 50;

export interface ResultsTableProps {
  readonly runId: string;
  readonly filter: ResultClass | null;
  /** Changes when rows may have changed (an action taken): the cache is dropped. */
  readonly version: number;
  readonly currency: string;
  readonly timeZone: string;
  readonly selectedIdx: number | null;
  readonly onSelect: (row: ResultRowView) => void;
}

export function ResultsTable(p: ResultsTableProps): ReactNode {
  const { t, i18n } = useTranslation();
  const pos = usePos();
  const [total, setTotal] = useState(0);
  const [pages, setPages] = useState(new Map<number, readonly ResultRowView[]>());
  const [scrollTop, setScrollTop] = useState(0);
  const loading = useRef(new Set<number>());
  const viewport = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setPages(new Map());
    loading.current.clear();
    setScrollTop(0);
    if (viewport.current) viewport.current.scrollTop = 0;
  }, [p.runId, p.filter, p.version]);

  const load = useCallback(
    async (page: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const r = await pos.invoke('reconcile.results', {
        runId: p.runId,
        ...(p.filter ? { cls: p.filter } : {}),
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      if (!r.ok) return;
      setTotal(r.value.total);
      setPages((prev) => {
        const next = new Map(prev);
        next.set(page, r.value.rows);
        while (next.size > PAGES_CACHED_MAX) {
          next.delete(next.keys().next().value!);
          loading.current.clear();
          for (const k of next.keys()) loading.current.add(k);
        }
        return next;
      });
    },
    [pos, p.runId, p.filter],
  );

  const range = visibleRange(scrollTop, VIEWPORT_HEIGHT_PX, ROW_HEIGHT_PX, Math.max(total, 1));
  const wanted = total === 0 ? [0] : pagesFor(range, PAGE_SIZE);
  useEffect(() => {
    for (const page of wanted) if (!pages.has(page)) void load(page);
  });

  // An unpaid side: the order's amount, muted and labelled as not collected (the sums count it 0).
  const amountCell = (side: ResultRowView['console']) =>
    isUncollected(side) ? (
      <span role="cell" className="c-amount num muted" data-uncollected="true">
        {t('reconcile.notCollected', { amount: money(side!.amountMinor, p.currency, i18n.language) })}
      </span>
    ) : (
      <span role="cell" className="c-amount num">
        {money(signedMinor(side), p.currency, i18n.language)}
      </span>
    );

  const rows: ReactNode[] = [];
  for (let i = range.start; i < Math.min(range.end, total); i++) {
    const row = pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];
    rows.push(
      <div
        key={i}
        role="row"
        className={row && row.idx === p.selectedIdx ? 'recon-vrow selected' : 'recon-vrow'}
        style={{ top: i * ROW_HEIGHT_PX, height: ROW_HEIGHT_PX }}
        tabIndex={row ? 0 : -1}
        data-testid={row ? 'recon-result-row' : undefined}
        data-cls={row?.cls}
        data-order={row?.orderNo}
        onClick={() => row && p.onSelect(row)}
        onKeyDown={(e) => row && e.key === 'Enter' && p.onSelect(row)}
      >
        {row ? (
          <>
            <span role="cell" className="c-class">
              <span className={`recon-badge cls-${row.cls}`}>{t(`reconcile.class_${row.cls}`)}</span>
            </span>
            <span role="cell" className="c-order mono" title={row.orderNo}>
              {isRefund(row) && (
                <span className="recon-tag" data-testid="recon-refund-tag">
                  {t('reconcile.refundTag')}
                </span>
              )}
              {row.orderNo}
            </span>
            {amountCell(row.console)}
            {amountCell(row.statement)}
            <span role="cell" className="c-time">
              {dateTime((row.statement ?? row.console)?.timeMs, p.timeZone)}
            </span>
            <span role="cell" className="c-flag">
              {row.actions.length > 0 ? '✎' : ''}
            </span>
          </>
        ) : (
          <span className="muted">…</span>
        )}
      </div>,
    );
  }

  return (
    <div className="recon-table" role="table" aria-rowcount={total} data-testid="recon-results" data-total={total}>
      <div className="recon-vrow head" role="row">
        <span role="columnheader" className="c-class">
          {t('reconcile.colClass')}
        </span>
        <span role="columnheader" className="c-order">
          {t('reconcile.colOrder')}
        </span>
        <span role="columnheader" className="c-amount num">
          {t('reconcile.colConsole')}
        </span>
        <span role="columnheader" className="c-amount num">
          {t('reconcile.colStatement')}
        </span>
        <span role="columnheader" className="c-time">
          {t('reconcile.colTime')}
        </span>
        <span className="c-flag" />
      </div>
      <div
        ref={viewport}
        className="recon-viewport"
        style={{ height: VIEWPORT_HEIGHT_PX }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: total * ROW_HEIGHT_PX, position: 'relative' }}>{rows}</div>
      </div>
      <div className="muted">{t('reconcile.count', { n: total })}</div>
    </div>
  );
}
