import type { OrderView } from '../../../src-shared/api/index';

/** The checkout's phase: typing an amount, creating the order, taking cash, or an order on screen. */
export type Phase =
  | { readonly kind: 'entry' }
  | { readonly kind: 'creating' }
  | { readonly kind: 'cash' }
  | { readonly kind: 'order'; readonly order: OrderView; readonly cancelling: boolean };
