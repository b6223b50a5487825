import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REFUND_REASON_LENGTH_MAX, type OperatorView } from '../../../src-shared/api/index';
import { useSession } from '../../app/session';
import { PinField } from './PinField';

/** The owners who can approve: the approval fields offer them, the first one preselected. */
export function useOwners(): readonly OperatorView[] {
  const { session } = useSession();
  return session?.operators.filter((o) => o.role === 'owner') ?? [];
}

/** Why the owner approves (a refund, an unlock): required, as long as main accepts. */
export function ReasonField(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (reason: string) => void;
  readonly testId: string;
}): ReactNode {
  return (
    <label className="field">
      <span className="label">{props.label}</span>
      <input
        data-testid={props.testId}
        maxLength={REFUND_REASON_LENGTH_MAX}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/**
 * An owner's approval at the till (a refund, an unlock): which owner, and their PIN, typed
 * each time. Main checks the PIN with the owner's lockout; this only collects it.
 */
export function OwnerApproval(props: {
  readonly owners: readonly OperatorView[];
  readonly approverId: string;
  readonly onApprover: (id: string) => void;
  readonly pin: string;
  readonly onPin: (pin: string) => void;
  /** `${testId}-approver` and `${testId}-pin`. */
  readonly testId: string;
  readonly autoFocus?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span className="label">{t('refund.approver')}</span>
        <select
          data-testid={`${props.testId}-approver`}
          value={props.approverId}
          onChange={(e) => props.onApprover(e.target.value)}
        >
          {props.owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <PinField
        label={t('refund.pin')}
        value={props.pin}
        onChange={props.onPin}
        testId={`${props.testId}-pin`}
        autoFocus={props.autoFocus}
      />
    </>
  );
}
