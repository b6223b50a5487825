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
const FAILING = new Set(['HIGH', 'CRITICAL']);

const scan = mkdtempSync(join(tmpdir(), 'pos-security-'));
try {
  for (const dir of ['src-main', 'src-preload', 'src-renderer', 'src-shared']) {
    cpSync(join(root, dir), join(scan, 'app', dir), { recursive: true });
  }
  cpSync(join(root, 'package.json'), join(scan, 'app', 'package.json'));
  const out = join(root, 'test-results');
  mkdirSync(out, { recursive: true });
  const csv = join(out, 'electronegativity.csv');
  execFileSync(
    bin,
    [
      '-i',
      join(scan, 'app'),
      '-r',
      '-v',
      'false',
      '-e',
      electronVersion,
      '-x',
      'AvailableSecurityFixesGlobalCheck',
      '-o',
      csv,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 },
  );
  const rows = readFileSync(csv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.match(/("([^"]*)"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')));
  const findings = rows.map(([check, severity, confidence, file, location]) => ({
    check,
    severity,
    confidence,
    file,
    location,
  }));
  for (const f of findings)
    console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.check}  ${f.file}:${f.location}`);
  const failing = findings.filter((f) => FAILING.has(f.severity));
  console.log(`security: ${findings.length} finding(s), ${failing.length} high or critical (report: ${csv})`);
  process.exit(failing.length === 0 ? 0 : 1);
} finally {
  rmSync(scan, { recursive: true, force: true });
}
