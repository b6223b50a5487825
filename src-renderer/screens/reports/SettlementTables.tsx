import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ExportFormat,
  ExportTable,
  GroupLine,
  SettlementLine,
  SettlementReportView,
} from '../../../src-shared/api/index';
import { formatMoney } from '../../../src-shared/money';
import { channelLabel } from '../../logic/channel-label';
import { ExportErrorBeside } from './export-error';

type Exporter = (table: ExportTable, format: ExportFormat) => void;

function ExportButton(props: { readonly table: ExportTable; readonly onExport: Exporter }): ReactNode {
  const { t } = useTranslation();
  return (
    <span className="export-buttons no-print">
      <button
        type="button"
        className="btn btn-small"
        data-testid={`export-${props.table}`}
        onClick={() => props.onExport(props.table, 'csv')}
      >
        {t('reports.exportCsv')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid={`export-xlsx-${props.table}`}
        onClick={() => props.onExport(props.table, 'xlsx')}
      >
        {t('reports.exportXlsx')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid={`export-pdf-${props.table}`}
        onClick={() => props.onExport(props.table, 'pdf')}
      >
        PDF
      </button>
      <ExportErrorBeside table={props.table} />
    </span>
  );
}

/** The written-off column's head, with what it means (a sale in gross that never paid). */
function WrittenOffHeader(): ReactNode {
  const { t } = useTranslation();
  return (
    <th className="num" title={t('reports.writtenOffHint')}>
      {t('reports.writtenOff')}
    </th>
  );
}

/** Per channel (and per day × channel): gross, refunds, fees, net, payout and its status. */
export { ExportButton };

type Line = SettlementLine & { businessDate?: string; payoutDate?: string | null };

/** Consecutive lines of the same business date (the by-day table comes sorted by date). */
function byDate(lines: readonly Line[]): { date: string; lines: Line[] }[] {
  const groups: { date: string; lines: Line[] }[] = [];
  for (const l of lines) {
    const date = l.businessDate ?? '';
    const last = groups.at(-1);
    if (last?.date === date) last.lines.push(l);
    else groups.push({ date, lines: [l] });
  }
  return groups;
}

/**
 * By day, each date heads its own group of channel rows rather than filling a column of its
 * own: the table then fits a 1024 px window in English, amounts whole.
 */
export function SettlementTable(props: {
  readonly report: SettlementReportView;
  readonly byDay: boolean;
  readonly onExport: Exporter;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const r = props.report;
  const m = (n: number) => formatMoney(n, r.currency, i18n.language);
  const groups = props.byDay ? byDate(r.days) : [{ date: '', lines: [...r.channels, r.total] }];
  const table: ExportTable = props.byDay ? 'settlement.days' : 'settlement.channels';
  // Written-off sales are rare: their column only when the range has some (the export always has it).
  const writtenOff = r.total.writtenOffMinor !== 0;
  const columns = (props.byDay ? 11 : 10) + (writtenOff ? 1 : 0);
  const row = (l: Line) => (
    <tr
      key={`${l.businessDate ?? ''}-${l.channel}`}
      className={l.channel === 'total' ? 'total' : ''}
      data-testid={`row-${l.businessDate ?? ''}${l.businessDate ? '-' : ''}${l.channel}`}
    >
      <td className="text">{l.channel === 'total' ? t('reports.total') : channelLabel(t, l.channel)}</td>
      <td className="num">{l.saleCount}</td>
      <td className="num">{m(l.grossMinor)}</td>
      <td className="num">{m(l.refundsMinor)}</td>
      <td className="num">{m(l.feesMinor)}</td>
      {writtenOff && (
        <td className="num" data-testid="written-off">
          {m(l.writtenOffMinor)}
        </td>
      )}
      <td className="num" data-testid="net">
        {m(l.netMinor)}
      </td>
      <td className="num">{m(l.expectedPayoutMinor)}</td>
      <td className="num">{m(l.paidMinor)}</td>
      <td className="num">{m(l.differenceMinor)}</td>
      {props.byDay && <td>{l.payoutDate ?? '—'}</td>}
      <td className={`text status-${l.status}`}>{t(`reports.statuses.${l.status}`)}</td>
    </tr>
  );
  return (
    <section className="report-block">
      <h2>
        {props.byDay ? t('reports.days') : t('reports.channels')}{' '}
        <ExportButton table={table} onExport={props.onExport} />
      </h2>
      <div className="table-wrap">
        <table className="report-table" data-testid={`table-${table}`}>
          <thead>
            <tr>
              <th>{t('reports.channel')}</th>
              <th className="num">{t('reports.sales')}</th>
              <th className="num">{t('reports.gross')}</th>
              <th className="num">{t('reports.refunds')}</th>
              <th className="num">{t('reports.fees')}</th>
              {writtenOff && <WrittenOffHeader />}
              <th className="num">{t('reports.net')}</th>
              <th className="num">{t('reports.expectedPayout')}</th>
              <th className="num">{t('reports.paid')}</th>
              <th className="num">{t('reports.difference')}</th>
              {props.byDay && <th>{t('reports.payoutDate')}</th>}
              <th>{t('reports.status')}</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.date} data-testid={props.byDay ? `day-${g.date}` : undefined}>
              {props.byDay && (
                <tr className="day-head">
                  <th colSpan={columns} scope="rowgroup">
                    {t('reports.date')} {g.date}
                  </th>
                </tr>
              )}
              {g.lines.map(row)}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

/** By hour, cashier or shift: sales, gross, refunds, net. */
export function GroupTable(props: {
  readonly title: string;
  readonly keyLabel: string;
  readonly lines: readonly GroupLine[];
  readonly currency: SettlementReportView['currency'];
  readonly table: ExportTable;
  readonly onExport: Exporter;
  /** What the first column says for a line (default: its key). */
  readonly formatLine?: (g: GroupLine) => string;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const m = (n: number) => formatMoney(n, props.currency, i18n.language);
  const writtenOff = props.lines.some((g) => g.writtenOffMinor !== 0);
  return (
    <section className="report-block">
      <h2>
        {props.title} <ExportButton table={props.table} onExport={props.onExport} />
      </h2>
      <table className="report-table" data-testid={`table-${props.table}`}>
        <thead>
          <tr>
            <th>{props.keyLabel}</th>
            <th className="num">{t('reports.sales')}</th>
            <th className="num">{t('reports.gross')}</th>
            <th className="num">{t('reports.refunds')}</th>
            <th className="num">{t('reports.fees')}</th>
            {writtenOff && <WrittenOffHeader />}
            <th className="num">{t('reports.net')}</th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((g) => (
            <tr key={g.key}>
              <td>{props.formatLine ? props.formatLine(g) : g.key}</td>
              <td className="num">{g.saleCount}</td>
              <td className="num">{m(g.grossMinor)}</td>
              <td className="num">{m(g.refundsMinor)}</td>
              <td className="num">{m(g.feesMinor)}</td>
              {writtenOff && <td className="num">{m(g.writtenOffMinor)}</td>}
              <td className="num">{m(g.netMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
