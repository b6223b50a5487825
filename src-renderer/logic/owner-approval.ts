import { PIN_RE } from '../../src-shared/api/index';

/** An approval can be sent: an owner picked and a PIN of the shape main accepts (`PIN_RE`). */
export const approvalReady = (approverId: string, pin: string): boolean => approverId !== '' && PIN_RE.test(pin);
