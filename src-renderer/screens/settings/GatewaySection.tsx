import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfoView } from '../../../src-shared/api/index';
import type { AppError, Result } from '../../../src-shared/result';
import { useAppInfo } from '../../app/app-info';
import { ErrorMessage } from '../../app/ErrorMessage';
import { OwnerOnlyNote, useIsOwner } from '../../app/owner-only';
import { normalizeGatewayUrl, normalizePairingCode } from '../../../src-shared/pairing-input';
import { isPlainRemoteGateway } from '../../logic/plain-gateway';
import { usePos } from '../../transport/bridge-context';

type Call = (leavePending: boolean) => Promise<Result<AppInfoView>>;

/**
 * Switching gateways was refused because the current one still owes answers: what (only the
 * counts that are not zero), what to do about each, and the owner's way on, in view.
 */
function LeavesPending(props: { readonly error: AppError; readonly busy: boolean; readonly onGoOn: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // A block body: Chromium's scrollIntoView returns a promise, which React would take for the
  // effect's cleanup and call on unmount (a blank window after a failed pairing, then leaving).
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [props.error]);
  const sales = Number(props.error.params?.sales ?? 0);
  const orders = Number(props.error.params?.orders ?? 0);
  return (
    <div ref={box} className="warning leaves-pending" role="alert" data-testid="pairing-leaves-pending">
      <strong>{t('settings.leavesTitle')}</strong>
      <ul>
        {sales > 0 && <li data-testid="leaves-sales">{t('settings.leavesSales', { n: sales })}</li>}
        {orders > 0 && <li data-testid="leaves-orders">{t('settings.leavesOrders', { n: orders })}</li>}
      </ul>
      <p>{t('settings.leavesConsequence')}</p>
      <button type="button" className="btn" data-testid="pair-anyway" disabled={props.busy} onClick={props.onGoOn}>
        {t('settings.pairAnyway')}
      </button>
    </div>
  );
}

/** The paired gateway, the pairing form (URL + one-time code), and "use the demo gateway". */
export function GatewaySection(): ReactNode {
  const { t } = useTranslation();
  const pos = usePos();
  const { info, setInfo } = useAppInfo();
  const owner = useIsOwner();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'pair' | 'demo' | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  /** The last refused switch, to repeat with the owner's go-ahead (`pairing_leaves_pending`). */
  const [refused, setRefused] = useState<{ kind: 'pair' | 'demo'; call: Call } | null>(null);

  const run = async (kind: 'pair' | 'demo', call: Call, leavePending = false) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    setDone(null);
    setRefused(null);
    const r = await call(leavePending);
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      if (r.error.code === 'pairing_leaves_pending') setRefused({ kind, call });
      return;
    }
    setInfo(r.value);
    if (kind === 'pair') {
      setCode('');
      setDone(t('settings.pairOk', { merchant: r.value.merchantName ?? r.value.gatewayUrl ?? '' }));
    } else setDone(t('settings.useDemoOk'));
  };

  const mode = info.demoMode ? t('settings.modeDemo') : info.paired ? t('settings.modePaired') : t('settings.modeNone');
  const none = t('settings.none');

  return (
    <section className="card" aria-labelledby="settings-gateway">
      <h2 id="settings-gateway">{t('settings.gateway')}</h2>
      <dl className="facts" data-testid="gateway-info">
        <dt>{t('settings.mode')}</dt>
        <dd data-testid="gateway-mode" data-demo={info.demoMode}>
          {mode}
        </dd>
        <dt>{t('settings.gatewayUrl')}</dt>
        <dd className="mono" data-testid="gateway-url">
          {info.gatewayUrl ?? none}
        </dd>
        <dt>{t('settings.terminalId')}</dt>
        <dd className="mono" data-testid="terminal-id">
          {info.terminalId ?? none}
        </dd>
        <dt>{t('settings.merchant')}</dt>
        <dd data-testid="merchant-name">{info.merchantName ?? none}</dd>
      </dl>
      {!info.demoMode && info.gatewayUrl !== null && isPlainRemoteGateway(info.gatewayUrl) && (
        <p className="warning" role="note" data-testid="gateway-insecure">
          {t('settings.plainGateway')}
        </p>
      )}

      {!owner && <OwnerOnlyNote />}
      {owner && (
        <form
          className="pair-form"
          noValidate // checked here, said in the owner's language, not in the browser's bubble
          onSubmit={(e) => {
            e.preventDefault();
            if (busy) return;
            // As main checks them (src-shared/pairing-input.ts): nothing is sent for input that cannot pair.
            const refusal = [normalizeGatewayUrl(url), normalizePairingCode(code)].find((r) => !r.ok);
            if (refusal && !refusal.ok) {
              setDone(null);
              setRefused(null);
              setError(refusal.error);
              return;
            }
            const [u, c] = [url.trim(), code.trim()];
            void run('pair', (leavePending) => pos.invoke('gateway.pair', { url: u, code: c, leavePending }));
          }}
        >
          <h3>{t('settings.pairTitle')}</h3>
          <p className="muted">{t('settings.pairHint')}</p>
          <label>
            <span className="label">{t('settings.pairUrl')}</span>
            <input
              type="url"
              data-testid="pair-url"
              value={url}
              maxLength={200}
              placeholder={t('settings.pairUrlPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setUrl(e.target.value);
                setRefused(null); // "pair anyway" is for what was refused, not for new values
              }}
            />
            {isPlainRemoteGateway(url) && (
              <span className="warning" data-testid="pair-url-insecure">
                {t('settings.plainGateway')}
              </span>
            )}
          </label>
          <label>
            <span className="label">{t('settings.pairCode')}</span>
            <input
              type="text"
              inputMode="numeric"
              data-testid="pair-code"
              className="mono"
              value={code}
              maxLength={32}
              placeholder={t('settings.pairCodePlaceholder')}
              autoComplete="one-time-code"
              onChange={(e) => {
                setCode(e.target.value);
                setRefused(null);
              }}
            />
          </label>
          <div className="actions">
            <button type="submit" className="btn btn-primary" data-testid="pair-submit" disabled={busy !== null}>
              {busy === 'pair' ? t('settings.pairing') : t('settings.pairSubmit')}
            </button>
            <button
              type="button"
              className="btn"
              data-testid="use-demo"
              disabled={busy !== null}
              onClick={() => void run('demo', (leavePending) => pos.invoke('gateway.useDemo', { leavePending }))}
            >
              {t('settings.useDemo')}
            </button>
          </div>
          {refused && error ? (
            <LeavesPending
              error={error}
              busy={busy !== null}
              onGoOn={() => void run(refused.kind, refused.call, true)}
            />
          ) : (
            <ErrorMessage error={error} scroll />
          )}
          {done !== null && (
            <p className="success" role="status" data-testid="gateway-done">
              <span aria-hidden="true">✓ </span>
              {done}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
