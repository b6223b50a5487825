import { expect } from 'vitest';
import type { OrderView } from '../../src-shared/api';
import { confirmationCodeOf, openQr, pressWallet } from './customer';
import type { Stack } from './stack';

/**
 * What the offline-sync integration tests do with a running stack (console + gateway on
 * loopback): make orders, read them, let the customer's phone pay, read the chain. `stack()`:
 * the current one (each test starts its own).
 */
export function offlineStackHelpers(stack: () => Stack) {
  const create = async (amount: string): Promise<OrderView> => {
    const r = await stack().app.handlers['orders.create']({ amount });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const order = (id: string): OrderView => {
    const r = stack().app.orders.get(id);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const terminalId = (): string => stack().app.terminal.get()!.terminalId;
  /** The customer's phone pays on the gateway directly and reads the confirmation code. */
  const customerPays = async (o: OrderView): Promise<string> => {
    const visit = await openQr(o.qrUrl!);
    const paid = await pressWallet(o.qrUrl!, visit.session!, 'pay');
    expect(paid.resultStatus).toBe('paid');
    return confirmationCodeOf(paid.html)!;
  };
  const consoleHashes = () =>
    stack().app.db.prepare('SELECT seq, hash FROM journal ORDER BY seq').all() as { seq: number; hash: string }[];
  return { create, order, terminalId, customerPays, consoleHashes };
}
