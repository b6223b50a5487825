import type { Page } from 'playwright-core';

export const E2E_OWNER_PIN = '2468';

/**
 * A fresh console opens on the lock screen asking for an owner: set one up through the UI (as a
 * shop would on first run) and wait for the checkout screen behind it.
 */
export async function setUpOwnerInUi(page: Page, pin = E2E_OWNER_PIN, name = 'Owner'): Promise<void> {
  await page.getByTestId('setup-owner').waitFor();
  await page.getByTestId('setup-name').fill(name);
  await page.getByTestId('setup-pin').fill(pin);
  await page.getByTestId('setup-pin2').fill(pin);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('amount-display').waitFor();
  // focus back on the page body, so the checkout's keyboard shortcuts reach it
  await page.evaluate('document.activeElement && document.activeElement.blur()');
}

/** Log in from the lock screen as the named operator. */
export async function logInInUi(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('lock-screen').waitFor();
  await page.locator(`[data-testid="lock-operator"][data-name="${name}"]`).click();
  await page.getByTestId('lock-pin').fill(pin);
  await page.getByTestId('lock-submit').click();
}
