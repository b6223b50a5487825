/** HTML building blocks for the customer pages: escaping and the shared mobile layout. */
import type { PageLocale } from './strings';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Raw HTML that is already escaped: the only thing `page` inserts unescaped. */
export interface Html {
  readonly __html: string;
}

/**
 * Tagged template: interpolated strings are escaped, `Html` values are inserted as they are.
 * Not named `html`: prettier would reformat such templates and add whitespace inside elements.
 */
export function markup(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number | Html>): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += typeof v === 'object' ? v.__html : escapeHtml(String(v));
    out += strings[i + 1] ?? '';
  });
  return { __html: out };
}

const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f5f7;color:#1d2129}
main{max-width:420px;margin:0 auto;padding:24px 16px}
.card{background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.3rem;margin:0 0 16px}
.amount{font-size:2.4rem;font-weight:600;margin:8px 0 16px;font-variant-numeric:tabular-nums}
dl{margin:0 0 16px}dt{color:#6b7280;font-size:.85rem}dd{margin:0 0 10px;word-break:break-all}
.notice{color:#92400e;background:#fef3c7;border-radius:8px;padding:8px 12px;font-size:.85rem;margin-bottom:16px}
.hint{color:#4b5563}
.code{font-size:2.2rem;letter-spacing:.1em;font-weight:700;font-variant-numeric:tabular-nums;margin:12px 0}
form{margin:0}
button{display:block;width:100%;font-size:1.1rem;padding:14px;border-radius:10px;border:0;margin-top:12px;cursor:pointer}
.pay{background:#1677ff;color:#fff}.decline{background:#e5e7eb;color:#1d2129}
`;

export function page(locale: PageLocale, title: string, body: Html): string {
  const style: Html = { __html: STYLE };
  const doc = markup`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title><style>${style}</style></head>
<body><main><div class="card">${body}</div></main></body></html>
`;
  return doc.__html;
}
