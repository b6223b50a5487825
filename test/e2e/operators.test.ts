import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { openQr, pressWallet } from '../support/customer';
import { E2E_OWNER_PIN, logInInUi, setUpOwnerInUi } from '../support/login';
import { startServedConsole, type ServedConsole } from '../support/served-console';
import { waitFor } from '../support/fixtures';

let pos: ServedConsole;
let browser: Browser;
let page: Page;
const CASHIER_PIN = '1357';

beforeAll(async () => {
  pos = await startServedConsole();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en' });
  await page.goto(pos.url);
});
afterAll(async () => {
  await browser?.close();
  await pos?.close();
});

describe('operators, lock screen, refunds and audit in the browser host', () => {
  it('opens on the lock screen: nothing of the till is reachable before the owner is set up', async () => {
    await page.getByTestId('setup-owner').waitFor();
    await expect(page.getByTestId('amount-display').count()).resolves.toBe(0);
    await setUpOwnerInUi(page, E2E_OWNER_PIN, 'Boss');
    expect(pos.query('SELECT name, role FROM operators')).toEqual([{ name: 'Boss', role: 'owner' }]);
  });

  it('the owner adds a cashier; three wrong PINs lock the cashier; the owner unlocks', async () => {
    await page.getByTestId('nav-operators').click();
    await page.getByTestId('operator-name').fill('Li');
    await page.getByTestId('operator-pin').fill(CASHIER_PIN);
    await page.getByTestId('operator-add').click();
    await page.locator('[data-testid="operator-row"][data-name="Li"]').waitFor();
    await page.getByTestId('nav-lock').click();

    await page.getByTestId('lock-screen').waitFor();
    // a reader of English switches before logging in, and back
    const title = page.locator('[data-testid="lock-screen"] h1');
    expect(await title.textContent()).toContain('收银台已锁定');
    await page.getByTestId('lock-locale-en').click();
    await waitFor(async () => (await title.textContent())?.includes('The counter is locked') === true, 'English');
    await page.screenshot({ path: 'test-results/e2e-lock-language.png' });
    await page.getByTestId('lock-locale-zh-CN').click();
    await waitFor(async () => (await title.textContent())?.includes('收银台已锁定') === true, 'Chinese again');
    await page.locator('[data-testid="lock-operator"][data-name="Li"]').click();
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('lock-pin').fill('0000');
      await page.getByTestId('lock-submit').click();
      if (i < 2) await page.locator('[data-testid="error-message"][data-code="pin_wrong"]').waitFor();
    }
    await page.getByTestId('lock-locked').waitFor();
    await expect(page.getByTestId('lock-pin').count()).resolves.toBe(0);
    const [li] = pos.query<{ locked_until_ms: number | null }>(
      "SELECT locked_until_ms FROM operators WHERE name = 'Li'",
    );
    expect(li!.locked_until_ms).toBeGreaterThan(Date.now() + 2.9 * 3_600_000);

    await logInInUi(page, 'Boss', E2E_OWNER_PIN);
    await page.getByTestId('nav-operators').click();
    await page.locator('[data-testid="operator-row"][data-name="Li"][data-locked="true"]').waitFor();
    await page.getByTestId('operator-unlock').click();
    await page.locator('[data-testid="operator-row"][data-name="Li"][data-locked="false"]').waitFor();
  });

  it('refunds part of a paid order with the owner PIN: accepted, then succeeded, journaled once', async () => {
    await page.getByTestId('nav-checkout').click();
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    const qr = page.getByTestId('payment-qr');
    await qr.waitFor();
    const qrUrl = (await qr.getAttribute('data-qr-url'))!;
    const visit = await openQr(qrUrl);
    await pressWallet(qrUrl, visit.session!, 'pay');
    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor();

    await page.getByTestId('nav-today').click();
    await page.getByTestId('refund-open').click();
    await page.getByTestId('refund-dialog').waitFor();
    // Keyboard only: focus is in the dialog with the amount selected, and Esc closes it.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('refund-dialog').count()).resolves.toBe(0);
    await page.getByTestId('refund-open').click();
    await page.getByTestId('refund-dialog').waitFor();
    await page.keyboard.type('5.00');
    await expect(page.getByTestId('refund-amount').inputValue()).resolves.toBe('5.00');
    await page.getByTestId('refund-reason').fill('one item returned');
    await page.getByTestId('refund-pin').fill('9999');
    await page.getByTestId('refund-submit').click();
    await page.locator('[data-testid="error-message"][data-code="pin_wrong"]').waitFor();
    expect(pos.query('SELECT id FROM refunds')).toEqual([]);

    await page.getByTestId('refund-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('refund-submit').click();
    await page.locator('[data-testid="refund-status"][data-status="succeeded"]').waitFor();
    const refunds = pos.query<{ status: string; amount_minor: number }>('SELECT status, amount_minor FROM refunds');
    expect(refunds).toEqual([{ status: 'succeeded', amount_minor: 500 }]);
    const entries = pos.query<{ kind: string }>("SELECT kind FROM journal WHERE kind = 'refund.qr'");
    expect(entries).toHaveLength(1);
    expect(pos.query("SELECT status FROM orders WHERE status = 'partially_refunded'")).toHaveLength(1);
    // the form offers what is left: 20.00 − 5.00
    await expect(page.getByTestId('refund-amount').inputValue()).resolves.toBe('15.00');
    await page.screenshot({ path: 'test-results/e2e-refund.png' });
    // what is wrong with the amount is said as it is typed, and the button waits
    const amountError = page.getByTestId('refund-dialog').locator('[data-testid="error-message"].field-error');
    await page.getByTestId('refund-amount').fill('20');
    expect(await amountError.getAttribute('data-code')).toBe('refund_exceeds_paid');
    expect(await amountError.textContent()).toContain('15.00'); // what is left, not what was paid
    await page.getByTestId('refund-amount').fill('10.005');
    expect(await amountError.getAttribute('data-code')).toBe('amount_too_many_decimals');
    await page.getByTestId('refund-reason').fill('x');
    await page.getByTestId('refund-pin').fill(E2E_OWNER_PIN);
    expect(await page.getByTestId('refund-submit').isDisabled()).toBe(true);
    await page.getByTestId('refund-close').click();
    // the day's tiles say how much of the paid total went back, as the reports' net does
    await page.locator('[data-testid="today-refunded"][data-pending="0"]').waitFor();
    expect(await page.getByTestId('today-refunded').textContent()).toContain('5.00');

    // the rest: the dialog then says the order is fully refunded, offers no form, and Esc closes it
    await page.getByTestId('refund-open').click();
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab'); // aria-modal: Tab stays in the dialog
    expect(
      await page.evaluate(`document.querySelector('[data-testid="refund-dialog"]').contains(document.activeElement)`),
    ).toBe(true);
    await page.getByTestId('refund-reason').fill('the rest');
    await page.getByTestId('refund-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('refund-submit').click();
    await page.getByTestId('refund-done').waitFor();
    expect(await page.getByTestId('refund-submit').count()).toBe(0);
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('refund-dialog').count()).resolves.toBe(0);
  });

  it('the owner gives a cashier a new PIN, then deactivates them: the lock screen no longer lists them', async () => {
    await page.getByTestId('nav-operators').click();
    const li = page.locator('[data-testid="operator-row"][data-name="Li"]');
    await li.getByTestId('operator-set-pin').click();
    await li.getByTestId('operator-new-pin').fill('8642');
    await li.getByTestId('operator-save-pin').click();
    await li.getByTestId('operator-pin-form').waitFor({ state: 'detached' });
    // The owner's own row offers no Deactivate; their own new PIN asks for the current one.
    const boss = page.locator('[data-testid="operator-row"][data-name="Boss"]');
    await expect(boss.getByTestId('operator-disable').count()).resolves.toBe(0);
    await boss.getByTestId('operator-set-pin').click();
    await boss.getByTestId('operator-current-pin').waitFor();
    await boss.getByTestId('operator-set-pin').click();

    await page.getByTestId('nav-lock').click();
    await logInInUi(page, 'Li', '8642');
    await page.getByTestId('amount-display').waitFor();
    // A cashier's Settings: the owner's settings shown read-only, with a note, no Save to fail
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('offline-section').getByTestId('owner-only-note').waitFor();
    expect(await page.getByTestId('owner-only-note').count()).toBe(5); // business day, fees, printer, offline, gateway
    expect(await page.getByTestId('business-zone').inputValue()).toBe('Asia/Shanghai');
    for (const id of [
      'business-zone',
      'business-cutoff',
      'fee-rate-alipay',
      'payout-delay',
      'printer-host',
      'offline-order-max',
    ]) {
      expect(await page.getByTestId(id).isDisabled(), id).toBe(true);
    }
    for (const id of [
      'business-save',
      'fees-save',
      'printer-save',
      'offline-limits-save',
      'pair-submit',
      'use-demo',
      'ledger-backup',
    ]) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    await page.getByTestId('nav-checkout').click();
    await page.getByTestId('nav-lock').click();
    await logInInUi(page, 'Boss', E2E_OWNER_PIN);
    await page.getByTestId('nav-operators').click();
    await li.getByTestId('operator-disable').click();
    await page.locator('[data-testid="operator-row"][data-name="Li"][data-disabled="true"]').waitFor();
    expect(pos.query("SELECT disabled_at_ms IS NOT NULL AS off FROM operators WHERE name = 'Li'")).toEqual([
      { off: 1 },
    ]);

    await page.getByTestId('nav-lock').click();
    await page.getByTestId('lock-screen').waitFor();
    await expect(page.locator('[data-testid="lock-operator"][data-name="Li"]').count()).resolves.toBe(0);
    await logInInUi(page, 'Boss', E2E_OWNER_PIN);
    await page.getByTestId('amount-display').waitFor();
  });

  it('the owner reads the audit log and verifies it', async () => {
    await page.getByTestId('nav-audit').click();
    await page.locator('[data-testid="audit-row"][data-kind="refund.requested"]').first().waitFor();
    await page.locator('[data-testid="audit-row"][data-kind="operator.locked"]').waitFor();
    // Read as words: the event by its name, the approving owner by theirs, the amount as money.
    const refund = await page
      .locator('[data-testid="audit-row"][data-kind="refund.requested"]', { hasText: '¥5.00' })
      .textContent();
    expect(refund).toContain('申请退款');
    expect(refund).toMatch(/批准人: Boss/);
    expect(refund).toContain('¥5.00');
    const owner = pos.query<{ id: string }>("SELECT id FROM operators WHERE role = 'owner'")[0]!.id;
    expect(refund).not.toContain(owner);
    await page.getByTestId('audit-verify').click();
    await page.locator('[data-testid="audit-verify-result"][data-ok="true"]').waitFor();
  });

  it('an owner who forgot their PIN sets a new one at the lock screen with the recovery code', async () => {
    await page.getByTestId('nav-operators').click();
    await page.getByTestId('recovery-missing').waitFor(); // one owner, no code yet: said so
    // the code resets an owner's PIN: it asks for the owner's own PIN first (a till left open)
    expect(await page.getByTestId('recovery-make').isDisabled()).toBe(true);
    await page.getByTestId('recovery-your-pin').fill('0000');
    await page.getByTestId('recovery-make').click();
    await page.locator('[data-testid="recovery-section"] [data-code="pin_wrong"]').waitFor();
    expect(pos.query('SELECT one FROM owner_recovery')).toEqual([]);
    await page.getByTestId('recovery-your-pin').fill(E2E_OWNER_PIN);
    await page.getByTestId('recovery-make').click();
    const code = (await page.getByTestId('recovery-code').getAttribute('data-code'))!;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(JSON.stringify(pos.query('SELECT * FROM owner_recovery'))).not.toContain(code.replace(/-/g, ''));

    await page.getByTestId('nav-lock').click();
    await page.locator('[data-testid="lock-operator"][data-name="Boss"]').click();
    await page.getByTestId('lock-forgot').click();
    await page.getByTestId('recover-form').waitFor();
    await page.screenshot({ path: 'test-results/e2e-lock-recover.png' });
    await page.getByTestId('recover-code').fill('AAAA-AAAA-AAAA-AAAA');
    await page.getByTestId('recover-pin').fill('1357');
    await page.getByTestId('recover-pin2').fill('1357');
    await page.getByTestId('recover-submit').click();
    await page.locator('[data-testid="error-message"][data-code="recovery_code_wrong"]').waitFor();
    await page.getByTestId('recover-code').fill(code.toLowerCase());
    await page.getByTestId('recover-submit').click();
    await page.getByTestId('amount-display').waitFor(); // logged in
    await page.getByTestId('nav-lock').click();
    await page.locator('[data-testid="lock-operator"][data-name="Boss"]').click();
    await page.screenshot({ path: 'test-results/e2e-lock-after-recovery.png' });
    // used up: the lock screen no longer offers it
    await expect(page.getByTestId('lock-forgot').count()).resolves.toBe(0);
    expect(pos.query('SELECT one FROM owner_recovery')).toEqual([]);
    await logInInUi(page, 'Boss', '1357');
    await page.getByTestId('amount-display').waitFor();
  });

  it('the lockout settings refuse a value as typed, naming the field and its range, and save nothing', async () => {
    await page.getByTestId('nav-operators').click();
    const saved = () =>
      pos.query("SELECT key FROM settings WHERE key IN ('pinAttemptsMax', 'pinLockoutMs', 'idleLockMs')");
    expect(saved()).toEqual([]);
    const fields = { attempts: 'lockout-attempts', minutes: 'lockout-minutes', idle: 'idle-lock-minutes' } as const;
    const tries: [keyof typeof fields, string, string, string, RegExp][] = [
      ['attempts', '-1', 'attemptsMax', 'lockout_attempts_invalid', /1–10/],
      ['attempts', '0.5', 'attemptsMax', 'lockout_attempts_invalid', /1–10/],
      ['attempts', '1000', 'attemptsMax', 'lockout_attempts_invalid', /1–10/],
      ['minutes', '999999', 'lockoutMinutes', 'lockout_minutes_invalid', /1–1440/],
      ['idle', '100000', 'idleLockMinutes', 'idle_lock_minutes_invalid', /0–240/],
    ];
    for (const [field, typed, name, code, range] of tries) {
      await page.getByTestId(fields.attempts).fill('3');
      await page.getByTestId(fields.minutes).fill('180');
      await page.getByTestId(fields.idle).fill('15');
      await page.getByTestId(fields[field]).fill(typed);
      expect(await page.getByTestId(fields[field]).inputValue()).toBe(typed); // kept as typed, not stripped
      await page.getByTestId('lockout-save').click();
      const refusal = page.locator(`[data-testid="lockout-error"][data-field="${name}"] [data-testid="error-message"]`);
      await expect.poll(() => refusal.getAttribute('data-code'), { message: typed }).toBe(code);
      expect(await refusal.textContent()).toMatch(range);
      expect(saved()).toEqual([]);
    }
  });

  it('locks the till by itself after the idle minutes the owner set; any key or click starts them again', async () => {
    await page.clock.install();
    await page.getByTestId('nav-operators').click();
    await page.getByTestId('idle-lock-minutes').fill('2');
    await page.getByTestId('lockout-save').click();
    await page.locator('form:has([data-testid="lockout-save"]) p.success').waitFor();
    const logouts = () => pos.query("SELECT seq FROM audit_log WHERE kind = 'operator.logout'").length;
    const before = logouts();
    await page.clock.runFor('01:30');
    await page.mouse.click(5, 400); // someone at the till
    await page.clock.runFor('01:30');
    expect(await page.getByTestId('nav-lock').count()).toBe(1); // 1.5 min since the click: still open
    await page.clock.runFor('00:40');
    await page.getByTestId('lock-screen').waitFor();
    expect(logouts()).toBe(before + 1); // a logout like the Lock button's, audited
  });
});
