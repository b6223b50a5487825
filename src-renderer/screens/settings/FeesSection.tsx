import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FEE_CHANNELS } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { ErrorMessage } from '../../app/ErrorMessage';
import { OwnerFields, OwnerOnlyNote, useIsOwner } from '../../app/owner-only';
import { usePos } from '../../transport/bridge-context';
import { channelLabel } from '../../logic/channel-label';

type Channel = (typeof FEE_CHANNELS)[number];

/** Whole numbers only; anything else becomes -1 so main answers with its clear error code. */
const wholeNumber = (text: string): number => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : -1);

/** Per-channel fee rates (basis points) and the payout delay. Saving is owner-only (main guards it). */
export function FeesSection(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const owner = useIsOwner();
  const [rates, setRates] = useState<Record<Channel, string>>({ alipay: '', wechat: '', sandbox: '' });
  const [delay, setDelay] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const show = (v: { feeRatesBps: Readonly<Record<string, number>>; payoutDelayDays: number }) => {
    setRates({
      alipay: String(v.feeRatesBps.alipay ?? 0),
      wechat: String(v.feeRatesBps.wechat ?? 0),
      sandbox: String(v.feeRatesBps.sandbox ?? 0),
    });
    setDelay(String(v.payoutDelayDays));
  };
  useEffect(() => {
    void pos.invoke('settlement.settings', {}).then((r) => (r.ok ? show(r.value) : setError(r.error)));
  }, [pos]);

  const save = async () => {
    setBusy(true);
    setSaved(false);
    setError(null);
    const r = await pos.invoke('settlement.setSettings', {
      feeRatesBps: {
        alipay: wholeNumber(rates.alipay),
        wechat: wholeNumber(rates.wechat),
        sandbox: wholeNumber(rates.sandbox),
      },
      payoutDelayDays: wholeNumber(delay),
    });
    setBusy(false);
    if (r.ok) {
      show(r.value);
      setSaved(true);
    } else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="settings-fees" data-testid="fees-section">
      <h2 id="settings-fees">{t('print.feesTitle')}</h2>
      <p className="muted">{t('print.feesHint')}</p>
      {!owner && <OwnerOnlyNote />}
      <form
        className="shift-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <OwnerFields owner={owner}>
          {FEE_CHANNELS.map((ch) => (
            <label className="field" key={ch}>
              <span className="label">{t('print.rate', { channel: channelLabel(t, ch) })}</span>
              <input
                type="text"
                inputMode="numeric"
                className="num"
                data-testid={`fee-rate-${ch}`}
                value={rates[ch]}
                onChange={(e) => setRates({ ...rates, [ch]: e.target.value })}
              />
            </label>
          ))}
          <label className="field">
            <span className="label">{t('print.payoutDelay')}</span>
            <input
              type="text"
              inputMode="numeric"
              className="num"
              data-testid="payout-delay"
              value={delay}
              onChange={(e) => setDelay(e.target.value)}
            />
          </label>
        </OwnerFields>
        {owner && (
          <button type="submit" className="btn" data-testid="fees-save" disabled={busy}>
            {t('print.save')}
          </button>
        )}
      </form>
      {saved && (
        <p className="success" role="status" data-testid="fees-saved">
          {t('print.saved')}
        </p>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
