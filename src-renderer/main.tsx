import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../src-shared/result';
import { App } from './app/App';
import { AppInfoProvider } from './app/app-info';
import { ErrorMessage } from './app/ErrorMessage';
import { initI18n } from './i18n/index';
import { BridgeContext } from './transport/bridge-context';
import { pickBridge } from './transport/pick-bridge';
import './styles/base.css';
import './styles/checkout.css';
import './styles/screens.css';

function Splash(props: {
  readonly text: 'app.loading' | 'app.noBridge';
  readonly error?: AppError | null;
  readonly retry?: () => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status">
      <p>{t(props.text)}</p>
      <ErrorMessage error={props.error ?? null} />
      {props.error && props.retry && (
        <p>
          <button type="button" className="btn btn-primary" data-testid="retry" onClick={props.retry}>
            {t('app.retry')}
          </button>
        </p>
      )}
    </div>
  );
}

const i18n = initI18n();
document.title = i18n.t('app.title');
const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('assertion failed: #root missing from index.html');
const bridge = pickBridge();

createRoot(rootEl).render(
  <StrictMode>
    {bridge === null ? (
      <Splash text="app.noBridge" />
    ) : (
      <BridgeContext.Provider value={bridge}>
        <AppInfoProvider loading={(error, retry) => <Splash text="app.loading" error={error} retry={retry} />}>
          <App />
        </AppInfoProvider>
      </BridgeContext.Provider>
    )}
  </StrictMode>,
);
