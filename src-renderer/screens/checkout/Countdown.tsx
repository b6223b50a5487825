import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown, remainingMs } from '../../logic/duration';

const TICK_MS = 250;
/** Past expiry with no `order.updated` yet: ask main once, after this grace. */
const EXPIRY_GRACE_MS = 2_000;

/** Time left on the order, on main's clock (`offsetMs` corrects ours). */
export function Countdown(props: {
  readonly expiresAtMs: number;
  readonly offsetMs: number;
  readonly onOverdue: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const left = () => remainingMs(props.expiresAtMs, Date.now(), props.offsetMs);
  const [ms, setMs] = useState(left);
  const overdueSent = useRef(false);
  const onOverdue = useRef(props.onOverdue);
  useEffect(() => {
    onOverdue.current = props.onOverdue;
  });

  useEffect(() => {
    overdueSent.current = false;
    const tick = () => {
      const l = remainingMs(props.expiresAtMs, Date.now(), props.offsetMs);
      // Only redraw when the shown second changes.
      setMs((prev) => (formatCountdown(prev) === formatCountdown(l) && prev > 0 === l > 0 ? prev : l));
      if (l < -EXPIRY_GRACE_MS && !overdueSent.current) {
        overdueSent.current = true;
        onOverdue.current();
      }
    };
    tick();
    const id = window.setInterval(tick, TICK_MS);
    return () => window.clearInterval(id);
  }, [props.expiresAtMs, props.offsetMs]);

  const urgent = ms <= 30_000;
  return (
    <div className={`countdown${urgent ? ' urgent' : ''}`} data-testid="countdown" role="timer">
      <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M12 7v5l3 2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      {ms > 0 ? t('checkout.expiresIn', { time: formatCountdown(ms) }) : t('checkout.expiring')}
    </div>
  );
}
