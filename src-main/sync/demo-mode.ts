import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { DemoGatewayLauncher } from '../demo-gateway';
import type { SettingsStore } from '../settings/settings';
import { pair } from './pairing';
import type { TerminalStore } from './terminal-store';

/**
 * Runs the embedded demo gateway when this counter is not paired with a real one, pairs with it
 * automatically, and keeps the pairing valid across restarts (the demo gateway keeps its own
 * SQLite file, so the terminal it issued stays known; only its port may change).
 */
export class DemoMode {
  private running = false;

  constructor(
    private readonly launcher: DemoGatewayLauncher | null,
    private readonly terminal: TerminalStore,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly randomBytes: (n: number) => Uint8Array,
  ) {}

  /** At start: no pairing, or a demo pairing → (re)start the demo gateway and pair if needed. */
  async ensure(): Promise<Result<void>> {
    const p = this.terminal.get();
    if (!this.launcher || (p && !p.demo)) return ok(undefined);
    const code = this.pairingCode();
    const started = await this.launch(code);
    if (!started.ok) return started;
    if (p) {
      this.terminal.updateUrls(started.value, started.value);
      return ok(undefined);
    }
    return this.pairWith(started.value, code);
  }

  /** Settings → "use the demo gateway": a fresh terminal on the demo gateway. */
  async pairFresh(): Promise<Result<void>> {
    if (!this.launcher) return err('gateway_unreachable', 'this build has no demo gateway');
    const code = this.pairingCode();
    await this.stop();
    const started = await this.launch(code);
    if (!started.ok) return started;
    return this.pairWith(started.value, code);
  }

  async stop(): Promise<void> {
    if (!this.launcher || !this.running) return;
    this.running = false;
    await this.launcher.stop();
  }

  private async launch(code: string): Promise<Result<string>> {
    try {
      const { url } = await this.launcher!.start(code);
      this.running = true;
      return ok(url);
    } catch (e) {
      return err('gateway_unreachable', `the demo gateway did not start: ${(e as Error).message}`);
    }
  }

  private async pairWith(url: string, code: string): Promise<Result<void>> {
    const r = await pair(url, code, this.settings.get().terminalName, this.clock, true);
    if (!r.ok) return r;
    this.terminal.save(r.value);
    return ok(undefined);
  }

  private pairingCode(): string {
    const b = this.randomBytes(4);
    const n = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
    return String(n % 100_000_000).padStart(8, '0');
  }
}
