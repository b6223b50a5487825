import type { PosBridge } from '../src-shared/api/index';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host (see transport/pick-bridge.ts). */
    pos?: PosBridge;
    webkitAudioContext?: typeof AudioContext;
  }
}

export {};
