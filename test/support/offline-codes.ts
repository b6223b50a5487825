import { expectedConfirmationCode } from '../../src-main/sync/signer';
import type { OrderView } from '../../src-shared/api';
import { TEST_PAIRING } from './console';

/** The confirmation code the customer's result page shows for an order (the test terminal's secret). */
export const codeOf = (o: OrderView): string => expectedConfirmationCode(TEST_PAIRING.secret, o.id, o.amountMinor);

/** A code that is certainly not the order's. */
export const wrongCode = (o: OrderView): string => (codeOf(o) === '123456' ? '654321' : '123456');
