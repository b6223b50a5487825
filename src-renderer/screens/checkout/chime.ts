/**
 * The "paid" chime: two short tones from a Web Audio oscillator, no audio file. Browsers start
 * an AudioContext suspended until a user gesture, so `prepareAudio` is called from the collect
 * keystroke/click and the chime can play when the payment arrives later. Silent (never
 * throwing) where Web Audio is unavailable.
 */
let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = window.AudioContext ?? window.webkitAudioContext;
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    return null;
  }
  return ctx;
}

export function prepareAudio(): void {
  const c = audio();
  if (c && c.state === 'suspended') c.resume().catch(() => undefined);
}

/** [frequency Hz, start s]: a rising major sixth, like a shop-door bell. */
const TONES: readonly (readonly [number, number])[] = [
  [880, 0],
  [1318.5, 0.15],
];
const TONE_S = 0.28;
const PEAK_GAIN = 0.3;

export function playChime(): void {
  const c = audio();
  if (!c) return;
  try {
    if (c.state === 'suspended') c.resume().catch(() => undefined);
    const t0 = c.currentTime + 0.01;
    for (const [freq, start] of TONES) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + start);
      gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, t0 + start + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + start + TONE_S);
      osc.connect(gain).connect(c.destination);
      osc.start(t0 + start);
      osc.stop(t0 + start + TONE_S + 0.02);
    }
  } catch (e) {
    console.warn('chime failed', e);
  }
}
