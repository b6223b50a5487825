/** The single IPC channel names (Electron) and HTTP paths (browser host). No imports: the preload bundles it. */
export const TRANSPORT = {
  ipcInvoke: 'pos:invoke',
  ipcEvent: 'pos:event',
  httpInvoke: '/api/invoke',
  httpEvents: '/api/events',
  tokenHeader: 'x-pos-token',
  tokenMeta: 'pos-token',
} as const;
