import type { Currency } from '../../src-shared/money';
import type { Db } from '../db/connection';
import type { SecretBox } from '../secrets/secret-box';

/** This device's pairing with a gateway. The secret stays sealed at rest and out of views. */
export interface Pairing {
  readonly terminalId: string;
  readonly gatewayId: string;
  readonly gatewayUrl: string;
  readonly publicUrl: string;
  readonly merchantName: string;
  readonly currency: Currency;
  readonly secret: Buffer;
  readonly demo: boolean;
  readonly pairedAtMs: number;
}

interface Row {
  terminal_id: string;
  gateway_id: string;
  gateway_url: string;
  public_url: string;
  merchant_name: string;
  currency: string;
  secret_sealed: string;
  demo: number;
  paired_at_ms: number;
}

export class TerminalStore {
  private cached: Pairing | null;

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {
    this.cached = this.load();
  }

  get(): Pairing | null {
    return this.cached;
  }

  save(p: Pairing): void {
    this.db
      .prepare(
        `INSERT INTO terminal (one, terminal_id, gateway_id, gateway_url, public_url, merchant_name, currency,
           secret_sealed, demo, paired_at_ms)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(one) DO UPDATE SET terminal_id = excluded.terminal_id, gateway_id = excluded.gateway_id,
           gateway_url = excluded.gateway_url, public_url = excluded.public_url,
           merchant_name = excluded.merchant_name, currency = excluded.currency,
           secret_sealed = excluded.secret_sealed, demo = excluded.demo, paired_at_ms = excluded.paired_at_ms`,
      )
      .run(
        p.terminalId,
        p.gatewayId,
        p.gatewayUrl,
        p.publicUrl,
        p.merchantName,
        p.currency,
        this.box.seal(p.secret.toString('base64url')),
        p.demo ? 1 : 0,
        p.pairedAtMs,
      );
    this.cached = p;
  }

  /** The demo gateway may come back on another port; the pairing stays valid. */
  updateUrls(gatewayUrl: string, publicUrl: string): void {
    this.db.prepare('UPDATE terminal SET gateway_url = ?, public_url = ? WHERE one = 1').run(gatewayUrl, publicUrl);
    if (this.cached) this.cached = { ...this.cached, gatewayUrl, publicUrl };
  }

  private load(): Pairing | null {
    const r = this.db.prepare<[], Row>('SELECT * FROM terminal WHERE one = 1').get();
    if (!r) return null;
    return {
      terminalId: r.terminal_id,
      gatewayId: r.gateway_id,
      gatewayUrl: r.gateway_url,
      publicUrl: r.public_url,
      merchantName: r.merchant_name,
      currency: r.currency as Currency,
      secret: Buffer.from(this.box.open(r.secret_sealed), 'base64url'),
      demo: r.demo === 1,
      pairedAtMs: r.paired_at_ms,
    };
  }
}
