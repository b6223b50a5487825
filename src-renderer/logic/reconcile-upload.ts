/** Pure helpers for sending a bill file through the API: base64 chunks under the body limit. */

/** Base64 of bytes, without Node's Buffer (the renderer has only the DOM's btoa). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  const STEP = 0x8000; // String.fromCharCode takes a bounded argument list
  for (let i = 0; i < bytes.length; i += STEP) bin += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(bin);
}

/** [offset, slice] pairs covering the bytes in order, each at most `size` long. */
export function chunksOf(bytes: Uint8Array, size: number): { offset: number; bytes: Uint8Array }[] {
  if (!(size > 0)) throw new Error('assertion failed: chunk size');
  const out: { offset: number; bytes: Uint8Array }[] = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    out.push({ offset, bytes: bytes.subarray(offset, offset + size) });
  return out;
}
