import type { ReactNode } from 'react';
import type { OrderPhase } from '../../logic/order-state';

/** A shape per outcome, always next to its text: the state never rests on colour alone. */
export function StatusIcon(props: { readonly phase: OrderPhase; readonly className?: string }): ReactNode {
  const common = {
    className: `icon ${props.className ?? ''}`,
    viewBox: '0 0 24 24',
    'aria-hidden': true,
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 2.5,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
  };
  switch (props.phase) {
    case 'paid':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="10" />
          <path d="M7 12.5l3.2 3.2L17 9" />
        </svg>
      );
    case 'waiting':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="10" />
          <path d="M12 6.5V12l3.5 2" />
        </svg>
      );
    case 'refunded':
      return (
        <svg {...common}>
          <path d="M9 14L4 9l5-5" />
          <path d="M4 9h10a6 6 0 010 12h-3" />
        </svg>
      );
    case 'expired':
    case 'cancelled':
    case 'failed':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="10" />
          <path d="M8.5 8.5l7 7M15.5 8.5l-7 7" />
        </svg>
      );
  }
}
