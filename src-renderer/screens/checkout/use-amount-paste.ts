/**
 * Pasting an amount (Ctrl+V) on the entry screen: taken when it is one ("1,280.50", "¥12"),
 * refused in words when it is not; never in a field's way (the note).
 */
import { useEffect } from 'react';
import { pastedAmount } from '../../logic/amount-input';

export function useAmountPaste(d: {
  readonly active: boolean;
  readonly exponent: number;
  /** The entry screen is showing (not an order, cash or a creation). */
  readonly entry: () => boolean;
  readonly onAmount: (text: string) => void;
  readonly onRefused: () => void;
}): void {
  const { active, exponent, entry, onAmount, onRefused } = d;
  useEffect(() => {
    if (!active) return;
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (!entry() || target?.matches('input, textarea, select, [contenteditable]')) return;
      e.preventDefault();
      const pasted = pastedAmount(e.clipboardData?.getData('text') ?? '', exponent);
      if (pasted === null) onRefused();
      else onAmount(pasted);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [active, exponent, entry, onAmount, onRefused]);
}
