/**
 * Charts for looking rather than reading: daily net, channel mix, sales by hour. Amounts are
 * plotted as major units (a float is fine for a bar's height); labels use exact formatting.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { SettlementReportView } from '../../../src-shared/api/index';
import { exponentOf, formatMoney } from '../../../src-shared/money';
import { channelMix, dailyNet, salesByHour } from '../../logic/chart-data';
import { channelLabel } from '../../logic/channel-label';

const COLORS = ['#0b5fc4', '#0d7a3e', '#8a4b00', '#6941c6', '#b42318', '#475467'];
const WIDTH = 440;
const HEIGHT = 220;

export function Charts(props: { readonly report: SettlementReportView }): ReactNode {
  const { t, i18n } = useTranslation();
  const r = props.report;
  const scale = 10 ** exponentOf(r.currency);
  const money = (major: number) => formatMoney(Math.round(major * scale), r.currency, i18n.language);
  const daily = dailyNet(r).map((d) => ({ date: d.date.slice(5), net: d.netMinor / scale }));
  const mix = channelMix(r).map((c) => ({ name: channelLabel(t, c.channel), value: c.grossMinor / scale }));
  const mixTotal = mix.reduce((sum, m) => sum + m.value, 0);
  const share = new Map(mix.map((m) => [m.name, mixTotal > 0 ? Math.round((m.value / mixTotal) * 100) : 0]));
  const hours = salesByHour(r).map((h) => ({ hour: String(h.hour), gross: h.grossMinor / scale }));
  const tip = (v: unknown) => money(Number(v));
  return (
    <div className="charts" data-testid="charts">
      <figure className="chart" data-testid="chart-daily">
        <figcaption>{t('reports.dailyNet')}</figcaption>
        <BarChart width={WIDTH} height={HEIGHT} data={daily}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" interval="equidistantPreserveStart" />
          <YAxis width={70} />
          <Tooltip formatter={tip} />
          <Bar dataKey="net" name={t('reports.net')} fill={COLORS[0]} isAnimationActive={false} />
        </BarChart>
      </figure>
      <figure className="chart" data-testid="chart-mix">
        <figcaption>{t('reports.channelMix')}</figcaption>
        <PieChart width={WIDTH} height={HEIGHT}>
          {/* names in a legend beside the pie, not as slice labels: long channel names
              (离线核验（待网关确认）) were cut at the chart's edge */}
          <Pie
            data={mix}
            dataKey="value"
            nameKey="name"
            cx={82}
            outerRadius={72}
            // the white edge between slices; a single slice would show it as a stray radius
            stroke={mix.length > 1 ? '#fff' : 'none'}
            isAnimationActive={false}
          >
            {mix.map((m, i) => (
              <Cell key={m.name} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
          <Legend
            layout="vertical"
            align="right"
            verticalAlign="middle"
            width={WIDTH - 175}
            // one line per channel: the share stays beside its name, not alone on the next line
            wrapperStyle={{ whiteSpace: 'nowrap', fontSize: 13 }}
            formatter={(name: string) => `${name} ${share.get(name) ?? 0}%`}
          />
          <Tooltip formatter={tip} />
        </PieChart>
      </figure>
      <figure className="chart" data-testid="chart-hours">
        <figcaption>{t('reports.salesByHour')}</figcaption>
        <BarChart width={WIDTH} height={HEIGHT} data={hours}>
          <CartesianGrid strokeDasharray="3 3" />
          {/* every third hour, evenly (recharts' own choice skipped 10, 12, 14… but not 1–9) */}
          <XAxis dataKey="hour" interval={2} />
          <YAxis width={70} />
          <Tooltip formatter={tip} />
          <Bar dataKey="gross" name={t('reports.gross')} fill={COLORS[1]} isAnimationActive={false} />
        </BarChart>
      </figure>
    </div>
  );
}
