/**
 * The dynamic payment QR, large and crisp: error correction M, a 4-module quiet zone, black on
 * white, an integer number of CSS pixels per module, drawn at the device pixel ratio and shown
 * with `image-rendering: pixelated`.
 *
 * Drawn straight onto a canvas from the encoded modules, synchronously in a layout effect, so the
 * QR is in the very frame that shows the order: no PNG encoding, no data-URL decode (those were
 * most of the Enter → QR time; see `npm run bench`).
 */
import QRCode from 'qrcode';
import { useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';

/** About how wide the code is on screen; the real width is a whole number of px per module. */
const QR_TARGET_PX = 400;
const QR_MARGIN_MODULES = 4;
const QR_MODULE_PX_MIN = 4;

interface Encoded {
  readonly size: number;
  readonly dark: (row: number, col: number) => boolean;
}

function encode(url: string): Encoded | null {
  try {
    const m = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    return { size: m.size, dark: (r, c) => m.get(r, c) === 1 };
  } catch (e) {
    console.error('QR encoding failed', e);
    return null;
  }
}

export function PaymentQr(props: { readonly url: string; readonly label: string }): ReactNode {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const qr = useMemo(() => encode(props.url), [props.url]);
  const modules = (qr?.size ?? 0) + 2 * QR_MARGIN_MODULES;
  const modulePx = Math.max(QR_MODULE_PX_MIN, Math.floor(QR_TARGET_PX / Math.max(1, modules)));
  const cssPx = modules * modulePx;

  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el || !qr) return;
    const dpr = Math.max(1, Math.ceil(window.devicePixelRatio || 1));
    const px = modulePx * dpr;
    el.width = modules * px;
    el.height = modules * px;
    const g = el.getContext('2d', { alpha: false });
    if (!g) return;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, el.width, el.height);
    g.fillStyle = '#000000';
    for (let r = 0; r < qr.size; r++) {
      // One rectangle per horizontal run of dark modules.
      let c = 0;
      while (c < qr.size) {
        if (!qr.dark(r, c)) {
          c++;
          continue;
        }
        const start = c;
        while (c < qr.size && qr.dark(r, c)) c++;
        g.fillRect((start + QR_MARGIN_MODULES) * px, (r + QR_MARGIN_MODULES) * px, (c - start) * px, px);
      }
    }
  }, [qr, modules, modulePx]);

  if (!qr) return <div className="qr-frame" />;
  return (
    <div className="qr-frame">
      <canvas
        ref={canvas}
        className="payment-qr"
        data-testid="payment-qr"
        data-qr-url={props.url}
        style={{ width: cssPx, height: cssPx }}
        role="img"
        aria-label={props.label}
      />
    </div>
  );
}
