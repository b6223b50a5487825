/**
 * Tells a barcode scanner from a person at the keyboard. A scanner in keyboard mode types the
 * whole payment code within a few milliseconds per digit and ends with Enter; people rarely type
 * two keys under 50 ms apart, never 16 in a row. So: a run of digits, each within
 * SCAN_KEY_GAP_MAX_MS of the last, closed by Enter within the same gap, and long enough to be a
 * payment code, is a scan. A slower key starts a new run. Pure: the caller passes the key and
 * the event's time stamp.
 */

/** Scanners send a key every 1–20 ms; a person's fastest repeats are ~60–100 ms apart. */
export const SCAN_KEY_GAP_MAX_MS = 50;
/** Shortest payment code of any wallet (WeChat: 18, Alipay: 16); shorter bursts are not scans. */
export const SCAN_CODE_LENGTH_MIN = 16;
/** A run longer than any payment code is not one (Alipay: at most 24 digits). */
export const SCAN_CODE_LENGTH_MAX = 24;

export interface ScanState {
  readonly digits: string;
  readonly lastAtMs: number | null;
}

export const EMPTY_SCAN: ScanState = { digits: '', lastAtMs: null };

export interface ScanStep {
  readonly state: ScanState;
  /** The scanned code when this key (Enter) completed a scan. */
  readonly scanned: string | null;
  /** This key belongs to a scan burst (the caller should not treat it as typing). */
  readonly inBurst: boolean;
}

export function scanKey(state: ScanState, key: string, atMs: number): ScanStep {
  const fast = state.lastAtMs !== null && atMs - state.lastAtMs >= 0 && atMs - state.lastAtMs <= SCAN_KEY_GAP_MAX_MS;
  if (/^[0-9]$/.test(key)) {
    const digits = fast ? state.digits + key : key;
    if (digits.length > SCAN_CODE_LENGTH_MAX) return { state: EMPTY_SCAN, scanned: null, inBurst: true };
    return { state: { digits, lastAtMs: atMs }, scanned: null, inBurst: digits.length > 1 };
  }
  if (key === 'Enter' && fast && state.digits.length >= SCAN_CODE_LENGTH_MIN) {
    return { state: EMPTY_SCAN, scanned: state.digits, inBurst: true };
  }
  return { state: EMPTY_SCAN, scanned: null, inBurst: false };
}

/** Feeds a whole sequence (for tests and replays). */
export function scanSequence(keys: readonly (readonly [string, number])[]): string[] {
  let state = EMPTY_SCAN;
  const out: string[] = [];
  for (const [key, at] of keys) {
    const step = scanKey(state, key, at);
    state = step.state;
    if (step.scanned !== null) out.push(step.scanned);
  }
  return out;
}
