/** What Tab can reach inside a dialog, in order. */
const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside a modal dialog (aria-modal): from the last field Tab goes to the
 * first, and focus that has left the dialog (after a submit removed the field it was in) comes back.
 * For a dialog's onKeyDown; returns true when it moved focus.
 */
export function trapTab(
  e: { key: string; shiftKey: boolean; preventDefault(): void },
  dialog: HTMLElement | null,
): boolean {
  if (e.key !== 'Tab' || !dialog) return false;
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (items.length === 0) return false;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = dialog.ownerDocument.activeElement;
  const outside = !(active instanceof HTMLElement) || !dialog.contains(active);
  if (outside || (e.shiftKey ? active === first : active === last)) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
    return true;
  }
  return false;
}
