/**
 * Payment codes in demo mode: the sandbox provider answers like a wallet network would, decided
 * by the code's last digit so a demo (and a test) can show every path:
 * …3 the customer confirms on the phone (paying, then paid on the next query); …4 declined;
 * …5 the customer never confirms (times out, then is cancelled); anything else pays at once.
 * State lives in memory: the sandbox moves no money.
 */
import { randomCrockford, type RandomBytes } from '../crypto';
import type { PaymentCodeWallet } from '../../src-shared/payment-code';
import type { CancelAnswer, PayAnswer, PaymentProvider, QueryAnswer, TradeRequest } from './provider';

/** Sandbox trades remembered: a demo makes a few hundred a day at most. */
const SANDBOX_TRADES_MAX = 10_000;

interface SandboxTrade {
  readonly tradeNo: string;
  readonly amountMinor: number;
  state: 'paying' | 'paying_forever' | 'paid' | 'closed';
}

export class SandboxCodes implements PaymentProvider {
  readonly channel = 'sandbox' as const;
  private readonly trades = new Map<string, SandboxTrade>();

  constructor(private readonly randomBytes: RandomBytes) {}

  acceptsWallet(_wallet: PaymentCodeWallet): boolean {
    return true;
  }

  pay(req: TradeRequest & { readonly authCode: string }): Promise<PayAnswer> {
    const last = req.authCode.at(-1);
    if (last === '4') return Promise.resolve({ kind: 'failed', reason: 'sandbox: declined' });
    if (this.trades.size >= SANDBOX_TRADES_MAX) this.trades.delete(this.trades.keys().next().value!);
    const tradeNo = `SBX${randomCrockford(this.randomBytes, 20)}`;
    const state = last === '3' ? 'paying' : last === '5' ? 'paying_forever' : 'paid';
    this.trades.set(req.outTradeNo, { tradeNo, amountMinor: req.amountMinor, state });
    if (state === 'paid')
      return Promise.resolve({ kind: 'paid', providerTradeNo: tradeNo, amountMinor: req.amountMinor });
    return Promise.resolve({ kind: 'paying', providerTradeNo: tradeNo });
  }

  query(outTradeNo: string): Promise<QueryAnswer> {
    const t = this.trades.get(outTradeNo);
    if (!t) return Promise.resolve({ kind: 'not_found' });
    if (t.state === 'paying') t.state = 'paid';
    if (t.state === 'paid')
      return Promise.resolve({ kind: 'paid', providerTradeNo: t.tradeNo, amountMinor: t.amountMinor });
    if (t.state === 'closed') return Promise.resolve({ kind: 'closed' });
    return Promise.resolve({ kind: 'waiting' });
  }

  cancel(outTradeNo: string): Promise<CancelAnswer> {
    const t = this.trades.get(outTradeNo);
    if (t) t.state = 'closed';
    return Promise.resolve({ kind: 'done' });
  }
}
