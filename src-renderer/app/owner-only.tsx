/**
 * Settings only an owner may change (main refuses them to a cashier: operators/access.ts). A
 * cashier sees the values, read-only, with one line saying why, not a Save that can only fail.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';

export function useIsOwner(): boolean {
  return useSession().session?.current?.role === 'owner';
}

/** Disables every field inside for a cashier; lays out as if it were not there. */
export function OwnerFields(props: { readonly owner: boolean; readonly children: ReactNode }): ReactNode {
  return (
    <fieldset className="owner-fields" disabled={!props.owner} data-readonly={!props.owner}>
      {props.children}
    </fieldset>
  );
}

export function OwnerOnlyNote(): ReactNode {
  const { t } = useTranslation();
  return (
    <p className="muted owner-only-note" role="note" data-testid="owner-only-note">
      {t('settings.ownerOnly')}
    </p>
  );
}
