/**
 * The main screen, keyboard-first. Three phases: typing an amount (entry), waiting for
 * `orders.create` (creating), and showing an order (its QR while awaiting payment, then the
 * outcome). Main parses the amount; this screen only blocks obviously wrong keystrokes.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/api/index';
import { exponentOf } from '../../../src-shared/money';
import type { AppError } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { applyAmountKey, keyFromKeyboard, type AmountKey } from '../../logic/amount-input';
import { isFinal, isLatePaymentNews, mergeOrderUpdate, orderPhase } from '../../logic/order-state';
import { EMPTY_SCAN, scanKey } from '../../logic/scan-detect';
import { ScanCodePanel } from '../scan/ScanCodePanel';
import { useCharge } from '../scan/use-charge';
import { usePos, usePosEvent } from '../../transport/bridge-context';
import { CashPanel } from './CashPanel';
import { prepareAudio, playChime } from './chime';
import { useSyncStatus } from '../offline/use-sync-status';
import { EntryPanel } from './EntryPanel';
import { LateNotice } from './LateNotice';
import { ResultPanel } from './ResultPanel';
import { WaitingPanel } from './WaitingPanel';
import { usePaymentNews } from './use-payment-news';
import type { Phase } from './phase';
import { useAmountPaste } from './use-amount-paste';
import { useSaleContinuity } from './use-sale-continuity';

/** How long a refused keystroke shakes the amount. */
const REJECT_FLASH_MS = 250;

export function CheckoutScreen(props: { readonly active: boolean }): ReactNode {
  const pos = usePos();
  const { i18n } = useTranslation();
  const { info, clockOffsetMs } = useAppInfo();
  const sync = useSyncStatus();
  const offline = sync !== null && sync.paired && sync.connectivity !== 'online';
  const exponent = exponentOf(info.currency);

  const [phase, setPhase] = useState<Phase>({ kind: 'entry' });
  const [text, setTextState] = useState('');
  /**
   * The amount as key handlers see it. Keys can arrive faster than React re-renders (a fast
   * typist, a barcode scanner, the bench): each keystroke must build on the previous one, not on
   * the text of the last render, or digits are lost.
   */
  const textRef = useRef('');
  const [keyRefused, setKeyRefused] = useState(false);
  const [charRefused, setCharRefused] = useState(false);
  /** The amount before the current run of fast digits: a payment code scanned on entry is taken back. */
  const beforeScan = useRef('');
  const setText = useCallback((t: string) => {
    textRef.current = t;
    setTextState(t);
    if (t === '') {
      // cleared (Esc, a new sale): the refused key's words go too
      setKeyRefused(false);
      setCharRefused(false);
    }
  }, []);
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [rejected, setRejected] = useState(false);
  const news = usePaymentNews(clockOffsetMs, i18n.language);
  const { offScreen: paymentNews, seenPaid } = news;
  const noteRef = useRef<HTMLInputElement | null>(null);
  /** The phase as async callbacks see it (closures go stale); every phase change sets both. */
  const phaseRef = useRef<Phase>(phase);
  const isEntry = useCallback(() => phaseRef.current.kind === 'entry', []);
  /** `order.updated` events that arrive while `orders.create` is still in flight. */
  const earlyEvents = useRef(new Map<string, OrderView>());
  /** The payment-code charge of the order on screen, and the scanner detector's state. */
  const chargeState = useCharge(phase.kind === 'order' && !isFinal(phase.order.status) ? phase.order.id : null);
  const chargeRef = useRef(chargeState);
  chargeRef.current = chargeState;
  const scanRef = useRef(EMPTY_SCAN);

  const showOrder = useCallback(
    (next: OrderView) => {
      const cur = phaseRef.current;
      const prev = cur.kind === 'order' ? cur.order : null;
      const merged = prev ? mergeOrderUpdate(prev, next) : next;
      if (merged.status === 'paid' && prev?.status !== 'paid') playChime();
      // Seen paid here: a later update to it (a refund accepted) is not news of a payment.
      if (merged.status === 'paid') seenPaid(merged.id);
      const nextPhase: Phase = { kind: 'order', order: merged, cancelling: false };
      phaseRef.current = nextPhase;
      setPhase(nextPhase);
    },
    [seenPaid],
  );

  useSaleContinuity({ pos, phase, phaseRef, textRef, showOrder, clockOffsetMs });

  const flashRejected = useCallback(() => {
    setRejected(true);
    window.setTimeout(() => setRejected(false), REJECT_FLASH_MS);
  }, []);

  /** A key or a paste that is no part of an amount: the amount shakes and the words say why. */
  const refuseChar = useCallback(() => {
    flashRejected();
    setKeyRefused(false);
    setCharRefused(true);
  }, [flashRejected]);
  /** A pasted amount, taken: the refusals' words and any error go. */
  const takePasted = useCallback(
    (text: string) => {
      setKeyRefused(false);
      setCharRefused(false);
      setText(text);
      setError(null);
    },
    [setText],
  );

  const pressKey = useCallback(
    (key: AmountKey) => {
      const step = applyAmountKey(textRef.current, key, exponent);
      const refused = !step.accepted && key !== 'clear';
      if (refused) flashRejected();
      // Said in words until the next key that counts: a shake alone is missed at a busy counter.
      setKeyRefused(refused);
      setCharRefused(false);
      setText(step.text);
      setError(null);
    },
    [exponent, flashRejected, setText],
  );

  // Leaving Checkout with an amount typed and not collected drops it: coming back to an old
  // "35.5" and typing "35.5" again made ¥35.53 (the last keys refused). An order on screen, or
  // one being created, stays (it is a sale under way).
  useEffect(() => {
    if (props.active) return;
    const kind = phaseRef.current.kind;
    if (kind !== 'entry' && kind !== 'cash') return;
    phaseRef.current = { kind: 'entry' };
    setPhase(phaseRef.current);
    setText('');
    setNote('');
    setError(null);
    setKeyRefused(false);
  }, [props.active, setText]);

  const collect = useCallback(async () => {
    if (phaseRef.current.kind !== 'entry') return;
    prepareAudio(); // inside the gesture, so the chime may play later
    phaseRef.current = { kind: 'creating' };
    setPhase(phaseRef.current);
    setError(null);
    earlyEvents.current.clear();
    const trimmed = note.trim();
    const amount = textRef.current;
    const r = await pos.invoke('orders.create', trimmed === '' ? { amount } : { amount, note: trimmed });
    if (!r.ok) {
      phaseRef.current = { kind: 'entry' };
      setPhase(phaseRef.current);
      setError(r.error);
      return;
    }
    const early = earlyEvents.current.get(r.value.id);
    for (const o of earlyEvents.current.values()) if (o.id !== r.value.id) paymentNews(o);
    earlyEvents.current.clear();
    setText('');
    setNote('');
    showOrder(early ? mergeOrderUpdate(r.value, early) : r.value);
  }, [pos, note, showOrder, setText, paymentNews]);

  /** Cash instead of QR: the same amount, then the tendered amount and the change. */
  const cash = useCallback(async () => {
    if (phaseRef.current.kind !== 'entry') return;
    if (text === '') {
      flashRejected();
      return;
    }
    // Said before the cashier counts out change, not after: cash needs an open shift (a drawer).
    const shift = await pos.invoke('shift.current', {});
    // The cashier may have left the screen meanwhile (which drops the amount): nothing to take.
    if (phaseRef.current.kind !== 'entry' || textRef.current === '') return;
    if (shift.ok && shift.value === null) {
      setError({ code: 'shift_not_open', message: 'no open shift' });
      return;
    }
    phaseRef.current = { kind: 'cash' };
    setPhase(phaseRef.current);
    setError(null);
  }, [pos, text, flashRejected]);

  const cancel = useCallback(async () => {
    const cur = phaseRef.current;
    if (cur.kind !== 'order' || cur.cancelling || isFinal(cur.order.status)) return;
    phaseRef.current = { ...cur, cancelling: true };
    setPhase(phaseRef.current);
    setError(null);
    const r = await pos.invoke('orders.cancel', { id: cur.order.id });
    if (r.ok) {
      showOrder(r.value);
      return;
    }
    // Refused (it was paid meanwhile, say): show why, and the order's truth.
    setError(r.error);
    const g = await pos.invoke('orders.get', { id: cur.order.id });
    if (g.ok) showOrder(g.value);
    else if (phaseRef.current.kind === 'order') {
      phaseRef.current = { ...phaseRef.current, cancelling: false };
      setPhase(phaseRef.current);
    }
  }, [pos, showOrder]);

  const refreshOrder = useCallback(async () => {
    const cur = phaseRef.current;
    if (cur.kind !== 'order') return;
    const g = await pos.invoke('orders.get', { id: cur.order.id });
    if (g.ok) showOrder(g.value);
  }, [pos, showOrder]);

  const nextSale = useCallback(
    (firstKey?: AmountKey) => {
      phaseRef.current = { kind: 'entry' };
      setPhase(phaseRef.current);
      setError(null);
      setNote('');
      setText(firstKey ? applyAmountKey('', firstKey, exponent).text : '');
    },
    [exponent, setText],
  );

  usePosEvent('order.updated', (o) => {
    const cur = phaseRef.current;
    if (cur.kind === 'creating') {
      // Its own order may be paid before orders.create answers: held, and judged then (collect).
      earlyEvents.current.set(o.id, o);
      if (!isLatePaymentNews(o)) return;
    }
    if (cur.kind === 'order' && cur.order.id === o.id) {
      showOrder(o);
      return;
    }
    paymentNews(o);
  });

  // The physical keyboard, while this screen is shown.
  useEffect(() => {
    if (!props.active) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      const target = e.target as HTMLElement | null;
      const inNote = target !== null && target === noteRef.current;
      const inOtherField = !inNote && target !== null && target.matches('input, textarea, select, [contenteditable]');
      if (inOtherField) return;
      const cur = phaseRef.current;
      const amountKey = keyFromKeyboard(e.key);

      if (cur.kind === 'cash') return; // the cash panel has its own keys
      if (cur.kind === 'creating') {
        if (e.key === 'Enter' || e.key === 'Escape') e.preventDefault();
        return;
      }
      if (cur.kind === 'order') {
        if (!isFinal(cur.order.status)) {
          // A barcode scanner types the customer's payment code fast and ends with Enter.
          const step = scanKey(scanRef.current, e.key, e.timeStamp);
          scanRef.current = step.state;
          if (step.scanned !== null) {
            e.preventDefault();
            chargeRef.current.submit(step.scanned);
            return;
          }
          if (step.inBurst) {
            e.preventDefault();
            return;
          }
          if (e.key === 'Escape') {
            e.preventDefault();
            void cancel();
          } else if (e.key === 'Enter') e.preventDefault();
          return;
        }
        if (e.key === 'Enter' || e.key === 'Escape') {
          e.preventDefault();
          nextSale();
        } else if (amountKey !== null && amountKey !== 'backspace' && amountKey !== 'clear') {
          e.preventDefault();
          nextSale(amountKey);
        }
        return;
      }
      // Entry. A payment code scanned before any amount (a scanner types 16–24 digits and Enter
      // within milliseconds) is not an amount: the digits are taken back and the cashier told.
      if (!inNote) {
        const step = scanKey(scanRef.current, e.key, e.timeStamp);
        if (step.state.digits.length === 1) beforeScan.current = textRef.current;
        scanRef.current = step.state;
        if (step.scanned !== null) {
          e.preventDefault();
          setText(beforeScan.current);
          setKeyRefused(false);
          setError({ code: 'scan_before_amount', message: 'a payment code was scanned before an amount' });
          return;
        }
      }
      if (e.key === 'F2') {
        e.preventDefault();
        void cash();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        void collect();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (inNote) noteRef.current?.blur();
        else {
          setText('');
          setNote('');
          setError(null);
        }
      } else if (!inNote && amountKey !== null) {
        e.preventDefault();
        pressKey(amountKey);
      } else if (!inNote && e.key.length === 1 && !target?.matches('button, a, [role="button"]')) {
        // A letter, '-', 'e'…: not part of an amount; said, not silently dropped.
        e.preventDefault();
        refuseChar();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [props.active, cancel, collect, cash, nextSale, pressKey, setText, refuseChar]);

  useAmountPaste({ active: props.active, exponent, entry: isEntry, onAmount: takePasted, onRefused: refuseChar });

  let body: ReactNode;
  if (phase.kind === 'order' && !isFinal(phase.order.status)) {
    body = (
      <WaitingPanel
        order={phase.order}
        offsetMs={clockOffsetMs}
        cancelling={phase.cancelling}
        error={error}
        onCancel={() => void cancel()}
        onOverdue={() => void refreshOrder()}
        extra={(qrRefused) => <ScanCodePanel state={chargeState} qrRefused={qrRefused} />}
        offline={offline}
        onOfflineAccepted={showOrder}
      />
    );
  } else if (phase.kind === 'cash') {
    body = (
      <CashPanel
        due={text}
        currency={info.currency}
        active={props.active}
        onBack={() => {
          phaseRef.current = { kind: 'entry' };
          setPhase(phaseRef.current);
        }}
        onDone={() => nextSale()}
      />
    );
  } else if (phase.kind === 'order') {
    body = (
      <ResultPanel
        order={phase.order}
        error={error}
        onNext={() => nextSale()}
        offline={offline}
        onOfflineAccepted={showOrder}
      />
    );
  } else {
    body = (
      <EntryPanel
        text={text}
        note={note}
        currency={info.currency}
        decimalAllowed={exponent > 0}
        creating={phase.kind === 'creating'}
        rejected={rejected}
        keyRefused={keyRefused ? exponent : null}
        charRefused={charRefused}
        error={error}
        noteRef={noteRef}
        onKey={(k) => pressKey(k)}
        onNote={(n) => {
          setNote(n);
          setError(null);
        }}
        onCollect={() => void collect()}
        onCash={() => void cash()}
      />
    );
  }

  return (
    <div
      className="checkout"
      hidden={!props.active}
      data-testid="checkout"
      data-phase={phase.kind === 'order' ? orderPhase(phase.order.status) : phase.kind}
    >
      {news.notice !== null && <LateNotice notice={news.notice} onDismiss={news.dismiss} />}
      {body}
    </div>
  );
}
