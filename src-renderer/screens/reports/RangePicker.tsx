import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Range {
  readonly from: string;
  readonly to: string;
}

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** From/to business dates with presets; main refuses bad or too-long ranges. */
export function RangePicker(props: {
  readonly today: string;
  readonly value: Range;
  readonly onChange: (r: Range) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [from, setFrom] = useState(props.value.from);
  const [to, setTo] = useState(props.value.to);
  const pick = (r: Range) => {
    setFrom(r.from);
    setTo(r.to);
    props.onChange(r);
  };
  return (
    <form
      className="range-picker"
      onSubmit={(e) => {
        e.preventDefault();
        props.onChange({ from, to });
      }}
    >
      <label className="field">
        <span className="label">{t('reports.from')}</span>
        <input type="date" data-testid="range-from" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="field">
        <span className="label">{t('reports.to')}</span>
        <input type="date" data-testid="range-to" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="btn btn-primary" data-testid="range-show">
        {t('reports.show')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => pick({ from: props.today, to: props.today })}>
        {t('reports.today')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => pick({ from: shift(props.today, -6), to: props.today })}
      >
        {t('reports.last7')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => pick({ from: `${props.today.slice(0, 8)}01`, to: props.today })}
      >
        {t('reports.thisMonth')}
      </button>
    </form>
  );
}
