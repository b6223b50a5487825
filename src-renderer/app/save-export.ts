import type { ExportFileView } from '../../src-shared/api/index';

/** Bytes of an export (main sends base64 so both transports carry it as JSON). */
export function exportBytes(file: ExportFileView): Uint8Array<ArrayBuffer> {
  const bin = atob(file.base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Saves an export through the page: a download in the browser host; in Electron the same
 * download goes through the system save dialog (Electron's default `will-download`).
 */
export function saveExport(file: ExportFileView): void {
  const url = URL.createObjectURL(new Blob([exportBytes(file)], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
