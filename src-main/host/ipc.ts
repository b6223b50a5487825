import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { TRANSPORT } from '../../src-shared/transport';
import { err } from '../../src-shared/result';
import type { EventBus } from '../orders/events';
import type { Dispatch } from './dispatch';

/**
 * The Electron transport: one invoke channel and one event channel. A call is served only when
 * it comes from our window's main frame showing our renderer; anything else is refused.
 */
export function registerIpc(
  dispatch: Dispatch,
  events: EventBus,
  window: () => BrowserWindow | null,
  isOurUrl: (url: string) => boolean,
): () => void {
  const fromUs = (frame: WebFrameMain | null, senderId: number) => {
    const w = window();
    return !!w && !!frame && senderId === w.webContents.id && frame === w.webContents.mainFrame && isOurUrl(frame.url);
  };
  ipcMain.handle(TRANSPORT.ipcInvoke, async (e, name: unknown, args: unknown) => {
    if (!fromUs(e.senderFrame, e.sender.id)) return err('unauthorized', 'call from an unknown frame');
    return dispatch(name, args);
  });
  const unsubscribe = events.subscribe((name, payload) => {
    const w = window();
    if (w && !w.isDestroyed()) w.webContents.send(TRANSPORT.ipcEvent, name, payload);
  });
  return () => {
    ipcMain.removeHandler(TRANSPORT.ipcInvoke);
    unsubscribe();
  };
}
