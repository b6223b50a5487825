/**
 * One order's payment-code charge as the checkout screen sees it: send a code, then follow the
 * charge while the customer confirms. The gateway queries the provider on the provider's
 * schedule (every 5 s for 60 s, then cancels); this only reads the gateway's view of it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChargeView } from '../../../src-shared/api/index';
import type { AppError } from '../../../src-shared/result';
import { usePos } from '../../transport/bridge-context';

/** How often the screen reads the charge from the gateway while the customer confirms. */
export const CHARGE_POLL_MS = 1_000;

export interface ChargeState {
  readonly charge: ChargeView | null;
  readonly sending: boolean;
  readonly stopping: boolean;
  readonly stopped: boolean;
  readonly error: AppError | null;
  submit(code: string): void;
  stop(): void;
}

export function useCharge(orderId: string | null): ChargeState {
  const pos = usePos();
  const [charge, setCharge] = useState<ChargeView | null>(null);
  const [sending, setSending] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [stopped, setStopped] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const current = useRef(orderId);
  current.current = orderId;

  useEffect(() => {
    setCharge(null);
    setSending(false);
    setStopping(false);
    setStopped(false);
    setError(null);
  }, [orderId]);

  const submit = useCallback(
    (code: string) => {
      if (orderId === null || sending || charge?.status === 'paying') return;
      setSending(true);
      setError(null);
      setStopped(false);
      void pos.invoke('orders.chargeCode', { id: orderId, code }).then((r) => {
        if (current.current !== orderId) return;
        setSending(false);
        if (r.ok) setCharge(r.value);
        else setError(r.error);
      });
    },
    [pos, orderId, sending, charge],
  );

  const stop = useCallback(() => {
    if (orderId === null || charge?.status !== 'paying' || stopping) return;
    setStopping(true);
    setStopped(true);
    void pos.invoke('orders.stopCharge', { id: orderId }).then((r) => {
      if (current.current !== orderId) return;
      setStopping(false);
      if (r.ok && r.value) setCharge(r.value);
      else if (!r.ok) setError(r.error);
    });
  }, [pos, orderId, charge, stopping]);

  const paying = charge?.status === 'paying';
  useEffect(() => {
    if (!paying || orderId === null) return;
    let live = true;
    const timer = window.setInterval(() => {
      void pos.invoke('orders.chargeStatus', { id: orderId }).then((r) => {
        if (live && r.ok && r.value) setCharge(r.value);
      });
    }, CHARGE_POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [pos, orderId, paying]);

  return { charge, sending, stopping, stopped, error, submit, stop };
}
