/**
 * The app's icon ships: electron-builder takes resources/icon.png for every platform (it needs
 * at least 512×512 to make the macOS set), the package carries resources/ unpacked for the Linux
 * window, and the browser host's page links the SVG it was drawn from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  build: { directories: Record<string, string>; files: string[]; asarUnpack: string[] };
};

describe('the packaged resources', () => {
  it('has a 512×512 icon with transparent corners where electron-builder looks for it', () => {
    expect(pkg.build.directories.buildResources).toBe('resources');
    const png = PNG.sync.read(readFileSync(join(ROOT, 'resources/icon.png')));
    expect([png.width, png.height]).toEqual([512, 512]);
    expect(png.data[3]).toBe(0); // the top-left pixel's alpha: outside the rounded square
    expect(png.data[(256 * 512 + 8) * 4 + 3]).toBe(255); // inside it
  });

  it('carries resources/ unpacked, and the window and the page use the icon', () => {
    expect(pkg.build.files).toContain('resources/**');
    expect(pkg.build.asarUnpack).toContain('resources/**');
    expect(readFileSync(join(ROOT, 'src-main/index.ts'), 'utf8')).toContain("from '../resources/icon.png?asset'");
    expect(readFileSync(join(ROOT, 'src-renderer/index.html'), 'utf8')).toContain('href="../resources/icon.svg"');
  });
});
