import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashMovementLine } from '../../../src-shared/api/index';
import { formatMoney, type Currency } from '../../../src-shared/money';

/**
 * The cashier's confirmation of the paid-out or paid-in just recorded, with its amount (as main
 * booked it) and reason. Always in the page, so a screen reader announces each new one.
 */
export function CashMoveStatus(props: {
  readonly moved: CashMovementLine | null;
  readonly currency: Currency;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const mv = props.moved;
  const values = mv && { amount: formatMoney(mv.amountMinor, props.currency, i18n.language), reason: mv.reason };
  return (
    <p className="cash-move-status" role="status" data-testid="cash-move-done" data-direction={mv?.direction}>
      {values && (mv.direction === 'in' ? t('shift.movedIn', values) : t('shift.movedOut', values))}
    </p>
  );
}
