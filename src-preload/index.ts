/**
 * The preload: exposes exactly `window.pos = { invoke, on }` and nothing else — no ipcRenderer,
 * no Node. Runs sandboxed with context isolation; bundled to one CommonJS file.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { TRANSPORT } from '../src-shared/transport';

contextBridge.exposeInMainWorld('pos', {
  invoke: (name: string, args: unknown) => ipcRenderer.invoke(TRANSPORT.ipcInvoke, name, args),
  on: (name: string, listener: (payload: unknown) => void) => {
    const l = (_e: IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(TRANSPORT.ipcEvent, l);
    return () => {
      ipcRenderer.removeListener(TRANSPORT.ipcEvent, l);
    };
  },
});
