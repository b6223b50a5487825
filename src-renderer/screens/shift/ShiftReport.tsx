import type { ReactNode } from 'react';
import { shopTimeFormats } from '../../logic/time-format';
import { useTranslation } from 'react-i18next';
import type { ShiftReportView } from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import { useAppInfo } from '../../app/app-info';
import { channelLabel } from '../../logic/channel-label';

/** The X (open) or Z (closed) report of one shift: every figure, amounts right-aligned. */
export function ShiftReport(props: { readonly report: ShiftReportView; readonly actions?: ReactNode }): ReactNode {
  const { t, i18n } = useTranslation();
  const { info } = useAppInfo();
  const r = props.report;
  const m = (n: number) => formatMoney(n, r.shift.currency, i18n.language);
  const time = shopTimeFormats(info.timeZone).dateTime;
  const row = (label: string, value: ReactNode, testid: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td className="num" data-testid={testid}>
        {value}
      </td>
    </tr>
  );
  const diff = r.differenceMinor;
  // Written-off sales are rare: their column only when the shift has some.
  const writtenOff = r.total.writtenOffMinor !== 0;
  return (
    <section className="shift-report print-area" data-testid={`report-${r.kind.toLowerCase()}`} data-shift={r.shift.id}>
      <h2>{r.kind === 'Z' ? t('shift.zReport') : t('shift.xReport')}</h2>
      {/* Each fact stays on one line (开班时间 / 交班时间 never split); the line breaks between them. */}
      <p className="muted shift-meta">
        <span>
          {t('shift.cashier')}: {r.shift.operatorName ?? t('shift.unknownCashier')}
        </span>{' '}
        · <span>{t('shift.openedAt', { time: time.format(r.shift.openedAtMs) })}</span>
        {r.shift.closedAtMs !== null && (
          <>
            {' '}
            · <span>{t('shift.closedAt', { time: time.format(r.shift.closedAtMs) })}</span>
          </>
        )}
      </p>
      <table className="report-table">
        <thead>
          <tr>
            <th>{t('shift.channel')}</th>
            <th className="num">{t('shift.sales')}</th>
            <th className="num">{t('shift.gross')}</th>
            <th className="num">{t('shift.refunds')}</th>
            <th className="num">{t('shift.fees')}</th>
            {writtenOff && (
              <th className="num" title={t('shift.writtenOffHint')}>
                {t('shift.writtenOff')}
              </th>
            )}
            <th className="num">{t('shift.net')}</th>
          </tr>
        </thead>
        <tbody>
          {[...r.channels, r.total].map((c) => (
            <tr key={c.channel} data-testid={`z-channel-${c.channel}`} className={c.channel === 'total' ? 'total' : ''}>
              <td className="text">{c.channel === 'total' ? t('shift.total') : channelLabel(t, c.channel)}</td>
              <td className="num">{c.saleCount}</td>
              <td className="num">{m(c.grossMinor)}</td>
              <td className="num">{m(c.refundsMinor)}</td>
              <td className="num" data-testid={`z-fees-${c.channel}`}>
                {m(c.feesMinor)}
              </td>
              {writtenOff && <td className="num">{m(c.writtenOffMinor)}</td>}
              <td className="num" data-testid={`z-net-${c.channel}`}>
                {m(c.netMinor)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="report-table figures">
        <tbody>
          {row(t('shift.float'), m(r.shift.openingFloatMinor), 'z-float')}
          {row(t('shift.cashSales'), m(r.cashSalesMinor), 'z-cash-sales')}
          {row(t('shift.cashRefunds'), m(r.cashRefundsMinor), 'z-cash-refunds')}
          {row(t('shift.paidIn'), m(r.paidInMinor), 'z-paid-in')}
          {row(t('shift.paidOut'), m(r.paidOutMinor), 'z-paid-out')}
          {row(t('shift.expected'), m(r.expectedCashMinor), 'z-expected')}
          {r.countedCashMinor !== null && row(t('shift.countedCash'), m(r.countedCashMinor), 'z-counted')}
          {diff !== null &&
            row(
              t('shift.difference'),
              t('shift.amountLabelled', {
                amount: m(diff),
                label: diff === 0 ? t('shift.balanced') : diff > 0 ? t('shift.over') : t('shift.short'),
              }),
              'z-difference',
            )}
        </tbody>
      </table>
      {r.movements.length > 0 && (
        <>
          <h3>{t('shift.movements')}</h3>
          <ul className="movements">
            {r.movements.map((mv) => (
              <li key={`${mv.atMs}-${mv.reason}`}>
                {time.format(mv.atMs)} ·{' '}
                {mv.direction === 'in'
                  ? t('shift.paidIn')
                  : mv.direction === 'refund'
                    ? t('shift.cashRefundLine')
                    : t('shift.paidOut')}{' '}
                <span className="num">{m(mv.amountMinor)}</span> · {mv.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.actions && <div className="report-actions no-print">{props.actions}</div>}
    </section>
  );
}
