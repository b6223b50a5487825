import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityStatusView } from '../../src-shared/api/index';
import { usePos } from '../transport/bridge-context';

/** Says so, visibly, when secrets are sealed with a key file because no OS keyring exists. */
export function SecurityBanner(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const [status, setStatus] = useState<SecurityStatusView | null>(null);
  useEffect(() => {
    void pos.invoke('security.status', {}).then((r) => r.ok && setStatus(r.value));
  }, [pos]);
  if (status?.secretStorage !== 'key_file') return null;
  return (
    <div className="security-banner" role="note" data-testid="security-banner">
      <span className="demo-icon" aria-hidden="true">
        ⚠
      </span>
      {t('security.keyFileWarning')}
    </div>
  );
}
