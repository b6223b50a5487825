// Renders resources/icon.svg to resources/icon.png (512×512, transparent corners) in Debian's
// Chromium: electron-builder makes the Windows and macOS icons from that PNG, and the Linux
// window uses it. Run after changing the SVG: `node scripts/render-icon.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:512px;height:512px}</style>${svg}`,
  );
  writeFileSync(join(resources, 'icon.png'), await page.screenshot({ omitBackground: true }));
} finally {
  await browser.close();
}
