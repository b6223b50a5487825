import { parseAmount, type Currency } from '../../src-shared/money';

/** Large enough for any tender; main enforces the real limits. */
const PREVIEW_MAX_MINOR = 10_000_000_000;

/**
 * The change to show while the cashier types the tendered amount: null while the tender is
 * empty, unparseable or short. Display only; main computes the recorded change.
 */
export function changePreview(dueText: string, tenderedText: string, currency: Currency): number | null {
  const due = parseAmount(dueText, currency, PREVIEW_MAX_MINOR);
  if (!due.ok) return null;
  if (tenderedText.trim() === '') return 0;
  const tendered = parseAmount(tenderedText, currency, PREVIEW_MAX_MINOR);
  if (!tendered.ok || tendered.value < due.value) return null;
  return tendered.value - due.value;
}
