import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../../src-shared/api/index';
import { orderPhase } from '../../logic/order-state';

const MARKS = { waiting: '…', paid: '✓', refunded: '↩', expired: '✕', cancelled: '✕', failed: '✕' } as const;

/** An order's status as a badge: a mark and the word, colour only as a third cue. */
export function StatusBadge(props: { readonly status: OrderStatus }): ReactNode {
  const { t } = useTranslation();
  const phase = orderPhase(props.status);
  return (
    <span className={`badge phase-${phase}`}>
      <span aria-hidden="true">{MARKS[phase]}</span> {t(`orderStatus.${props.status}`)}
    </span>
  );
}
