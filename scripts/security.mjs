#!/usr/bin/env node
/**
 * `npm run security`: Electronegativity (Doyensec's Electron security scanner) over the sources
 * that run in Electron (main, preload, renderer, shared), scanned together so its global checks
 * (CSP, navigation limits, permission handler) see the whole app. Fails on any HIGH or CRITICAL
 * finding; a false positive is suppressed in the code with `eng-disable <CHECK> -- reason`.
 *
 * AvailableSecurityFixesGlobalCheck is skipped: it downloads Electron's release list, which CI
 * here cannot reach; the Electron version is pinned in package.json and reviewed by hand.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.ELECTRONEGATIVITY_BIN ?? join(root, 'node_modules', '.bin', 'electronegativity');
if (!existsSync(bin)) {
  console.error(`security: ${bin} is missing; run npm ci (devDependency @doyensec/electronegativity)`);
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const electronVersion = String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron).replace(/^[^\d]*/, '');
const SKIPPED = 'AvailableSecurityFixesGlobalCheck';

const scan = mkdtempSync(join(tmpdir(), 'pos-security-'));
try {
  for (const dir of ['src-main', 'src-preload', 'src-renderer', 'src-shared']) {
    cpSync(join(root, dir), join(scan, 'app', dir), { recursive: true });
  }
  cpSync(join(root, 'package.json'), join(scan, 'app', 'package.json'));
  const out = join(root, 'test-results');
  mkdirSync(out, { recursive: true });
  const run = (extra) =>
    execFileSync(bin, ['-i', join(scan, 'app'), '-r', '-v', 'false', '-e', electronVersion, '-x', SKIPPED, ...extra], {
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  // The verdict comes from the scanner's own table filtered to HIGH and above (printed only
  // without -o; its file outputs ignore the filter, and its CSV does not escape code samples).
  const csv = join(out, 'electronegativity.csv');
  run(['-o', csv]);
  const table = run(['-s', 'high'])
    .toString('utf8')
    // eslint-disable-next-line no-control-regex -- strips the scanner's ANSI colour codes
    .replace(/\u001b\[[0-9;]*m/g, '');
  const failing = [...table.matchAll(/│\s*([A-Z0-9_]+_CHECK)[\s\S]*?│\s*(HIGH|CRITICAL) \|/g)].map((m) => m[1]);
  const RECORD = /^([A-Z0-9_]+_CHECK),"([A-Z_]+)","([A-Z_]+)","([^"]*)","([^"]*)"/gm;
  for (const [, check, severity, confidence, file, location] of readFileSync(csv, 'utf8').matchAll(RECORD)) {
    console.log(`${severity.padEnd(13)} ${confidence.padEnd(9)} ${check}  ${file}:${location}`);
  }
  if (failing.length > 0) console.error(table);
  console.log(`security: ${failing.length} high or critical finding(s) (full report: ${csv})`);
  process.exit(failing.length === 0 ? 0 : 1);
} finally {
  rmSync(scan, { recursive: true, force: true });
}
