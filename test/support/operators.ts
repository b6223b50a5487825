import type { App } from '../../src-main/app';

export const OWNER_PIN = '2468';
export const CASHIER_PIN = '1357';

/** First-run setup through the guarded dispatch: creates the owner (logged in) and returns its id. */
export async function setupOwner(app: App, pin = OWNER_PIN): Promise<string> {
  const r = await app.dispatch('operators.setupOwner', { name: 'Owner', pin });
  if (!r.ok) throw new Error(`setupOwner: ${r.error.code}`);
  return (r.value as { current: { id: string } }).current.id;
}

/** Adds a cashier (the owner must be logged in) and returns its id. */
export async function addCashier(app: App, name = 'Cashier', pin = CASHIER_PIN): Promise<string> {
  const r = await app.dispatch('operators.create', { name, role: 'cashier', pin });
  if (!r.ok) throw new Error(`addCashier: ${r.error.code}`);
  const ops = (r.value as { operators: { id: string; name: string }[] }).operators;
  return ops.find((o) => o.name === name)!.id;
}
