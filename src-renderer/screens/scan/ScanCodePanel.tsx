/**
 * Under the QR while an order awaits payment: the customer's payment code, scanned (the
 * checkout screen detects the scanner's burst) or typed into the field, and what became of it.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_CODE_LENGTH_MAX } from '../../../src-shared/payment-code';

/**
 * What the field holds: more than a code, so that a code too long (two scans run together) or
 * with letters reaches the check whole and is refused — never cut to a code that charges.
 */
const CODE_INPUT_CHARS_MAX = 2 * PAYMENT_CODE_LENGTH_MAX + 16;
import { ErrorMessage } from '../../app/ErrorMessage';
import type { ChargeState } from './use-charge';
import '../../styles/scan.css';

/** A translation key for the provider's reason, or null to show the reason as it came. */
function failureKey(failure: string | null): 'scan.reasonClosed' | 'scan.reasonDeclined' | null {
  if (failure === 'closed') return 'scan.reasonClosed';
  if (failure !== null && /declined|BALANCE|PAYMENT_FAIL|AUTH_CODE/i.test(failure)) return 'scan.reasonDeclined';
  return null;
}

export function ScanCodePanel(props: {
  readonly state: ChargeState;
  /** The QR above may not be scanned now (offline, above the offline limit): cash is the way. */
  readonly qrRefused?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const { charge, sending, stopping, stopped, error } = props.state;
  const paying = charge?.status === 'paying';
  const busy = sending || paying;

  let line: ReactNode = null;
  if (sending) line = t('scan.charging');
  else if (charge?.status === 'paying') line = t('scan.paying');
  else if (charge?.status === 'paid') line = t('scan.paid');
  else if (charge?.status === 'failed')
    line = t('scan.failed', {
      reason: failureKey(charge.failure) !== null ? t(failureKey(charge.failure)!) : (charge.failure ?? ''),
    });
  else if (charge?.status === 'cancelled') line = stopped ? t('scan.stopped') : t('scan.cancelled');

  return (
    <section className="scan-panel" data-testid="scan-panel">
      <form
        className="scan-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim() === '' || busy) return;
          props.state.submit(code.trim());
          setCode('');
        }}
      >
        <label htmlFor="scan-code-input">{t('scan.inputLabel')}</label>
        <input
          id="scan-code-input"
          data-testid="scan-code-input"
          inputMode="numeric"
          autoComplete="off"
          maxLength={CODE_INPUT_CHARS_MAX}
          placeholder={t('scan.inputPlaceholder')}
          value={code}
          disabled={busy}
          onChange={(e) => setCode(e.target.value.replace(/\s/g, ''))}
        />
        <button type="submit" className="btn btn-secondary" data-testid="scan-charge-button" disabled={busy}>
          {t('scan.charge')}
        </button>
      </form>
      {line !== null && (
        <p
          className={`charge-status charge-${sending ? 'sending' : (charge?.status ?? 'none')}`}
          data-testid="charge-status"
          data-status={sending ? 'sending' : (charge?.status ?? 'none')}
          role="status"
          aria-live="assertive"
        >
          {line}
        </p>
      )}
      {paying && <p className="charge-hint">{t('scan.payingHint')}</p>}
      {paying && (
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="scan-stop-button"
          disabled={stopping}
          onClick={props.state.stop}
        >
          {stopping ? t('scan.stopping') : t('scan.stop')}
        </button>
      )}
      <ErrorMessage error={error} />
      {error?.code === 'gateway_unreachable' && (
        <p className="muted" data-testid="scan-offline-hint">
          {t(props.qrRefused ? 'scan.offlineHintCashOnly' : 'scan.offlineHint')}
        </p>
      )}
    </section>
  );
}
