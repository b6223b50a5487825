/**
 * The dynamic payment QR, large and crisp: error correction M, a 4-module quiet zone, black on
 * white, an integer number of CSS pixels per module, drawn at the device pixel ratio and shown
 * with `image-rendering: pixelated`.
 */
import QRCode from 'qrcode';
import { useEffect, useState, type ReactNode } from 'react';

/** About how wide the code is on screen; the real width is a whole number of px per module. */
const QR_TARGET_PX = 400;
const QR_MARGIN_MODULES = 4;
const QR_MODULE_PX_MIN = 4;

interface Rendered {
  readonly url: string;
  readonly dataUrl: string;
  readonly cssPx: number;
}

export function PaymentQr(props: { readonly url: string; readonly label: string }): ReactNode {
  const [rendered, setRendered] = useState<Rendered | null>(null);

  useEffect(() => {
    let live = true;
    const modules = QRCode.create(props.url, { errorCorrectionLevel: 'M' }).modules.size + 2 * QR_MARGIN_MODULES;
    const modulePx = Math.max(QR_MODULE_PX_MIN, Math.floor(QR_TARGET_PX / modules));
    const dpr = Math.max(1, Math.ceil(window.devicePixelRatio || 1));
    QRCode.toDataURL(props.url, {
      errorCorrectionLevel: 'M',
      margin: QR_MARGIN_MODULES,
      scale: modulePx * dpr,
      color: { dark: '#000000ff', light: '#ffffffff' },
    }).then(
      (dataUrl) => {
        if (live) setRendered({ url: props.url, dataUrl, cssPx: modules * modulePx });
      },
      (e: unknown) => console.error('QR rendering failed', e),
    );
    return () => {
      live = false;
    };
  }, [props.url]);

  const ready = rendered !== null && rendered.url === props.url;
  return (
    <div className="qr-frame">
      {ready ? (
        <img
          className="payment-qr"
          data-testid="payment-qr"
          data-qr-url={props.url}
          src={rendered.dataUrl}
          width={rendered.cssPx}
          height={rendered.cssPx}
          alt={props.label}
          draggable={false}
        />
      ) : (
        <div className="payment-qr placeholder" style={{ width: QR_TARGET_PX, height: QR_TARGET_PX }} />
      )}
    </div>
  );
}
