/**
 * The embedded demo gateway: a real gateway process on loopback with the sandbox provider, so
 * a new user can try everything before pairing with a real one. The console does not import
 * the gateway's code (they talk HTTP like strangers); each host starts it its own way: a child
 * process in the browser host, Electron's utilityProcess in the desktop app, in-process in tests.
 */
export interface DemoGatewayLauncher {
  /** Starts (or restarts) it with this one-time pairing code registered; resolves with its URL. */
  start(pairingCode: string): Promise<{ url: string }>;
  stop(): Promise<void>;
}
