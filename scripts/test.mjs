#!/usr/bin/env node
// The whole test suite: unit and integration tests (vitest, on real PostgreSQL: DATABASE_URL, or a
// server the test setup starts itself), then the browser tests (Playwright driving Debian's Chromium).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(chromium)) return;
  // Browser tests use the distribution's Chromium, never a test tool's own download.
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium from Debian packages for the browser tests…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return;
  }
  console.error(
    `Chromium is needed for the browser tests and was not found at ${chromium}.\n` +
      'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.',
  );
  process.exit(1);
}

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  console.log(
    `◀ ${name}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureChromium();
step('unit and integration tests', 'pnpm', ['exec', 'vitest', 'run']);
step('build the storefront', 'pnpm', ['--filter', '@nongsan/web', 'build']);
step('browser tests', 'pnpm', ['exec', 'playwright', 'test', '-c', 'tests/e2e/playwright.config.ts']);
