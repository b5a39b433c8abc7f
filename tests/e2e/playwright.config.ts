import { existsSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../chromium.ts';
import { STRIPE_WEBHOOK_SECRET } from './stripe-stand-in.ts';

// End-to-end: the built storefront (web/build) in front of a real API on a fresh embedded
// database, driven by Debian's Chromium at a phone viewport. `pnpm test:e2e` builds first.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const API_PORT = Number(process.env.E2E_API_PORT ?? 18787);
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 13000);
const API_URL = `http://127.0.0.1:${API_PORT}`;
// The local stand-in for api.stripe.com the API's stripe SDK talks to (tests/e2e/stripe-server.ts).
const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? API_PORT + 100);

const WEB_URL = `http://127.0.0.1:${WEB_PORT}`;

// One data directory per run, chosen once: the config is also loaded by each worker, which
// inherits this variable from the runner.
process.env.E2E_RUN_ID ??= `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
const dataDir = `.tmp/e2e-${process.env.E2E_RUN_ID}`;

// Databases of earlier runs are of no further use (the fixed ports rule out two runs at once).
// Only the runner clears them; workers (TEST_WORKER_INDEX set) load this file too.
if (!process.env.TEST_WORKER_INDEX && existsSync(`${repoRoot}.tmp`)) {
  for (const entry of readdirSync(`${repoRoot}.tmp`)) {
    if (entry.startsWith('e2e-') && `.tmp/${entry}` !== dataDir) {
      rmSync(`${repoRoot}.tmp/${entry}`, { recursive: true, force: true });
    }
  }
}

if (!existsSync(`${repoRoot}web/build/index.js`)) {
  throw new Error('web/build/index.js is missing: run `pnpm build` (or `pnpm test:e2e`, which builds) first');
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: `${repoRoot}test-results/e2e`,
  fullyParallel: false,
  // The embedded database is one connection: a few workers are plenty.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['html', { open: 'never', outputFolder: `${repoRoot}playwright-report` }]]
    : 'list',
  use: {
    baseURL: WEB_URL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: false,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium-phone',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_FLAGS,
        },
      },
    },
  ],
  webServer: [
    {
      name: 'stripe',
      command: 'node --import tsx tests/e2e/stripe-server.ts',
      cwd: repoRoot,
      port: STRIPE_PORT,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { STRIPE_PORT: String(STRIPE_PORT) },
    },
    {
      name: 'api',
      command: 'node --import tsx api/src/server.ts',
      cwd: repoRoot,
      url: `${API_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        API_PORT: String(API_PORT),
        API_HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        // The browser tests run the embedded default, whatever server the integration tests used
        // (.ci/run exports DATABASE_URL): an empty value means unset.
        DATABASE_URL: '',
        // The storefront forwards the visitor's address; the API counts limits per visitor.
        TRUST_PROXY: 'true',
        // Every browser test signs people in from 127.0.0.1: the default per-visitor limit (30 codes
        // an hour) would be reached by the suite itself. The limit's own tests are in the API tier.
        OTP_PER_IP_PER_HOUR: '1000',
        // Trace labels print a QR code of `${PUBLIC_WEB_URL}/t/<code>`: this storefront.
        PUBLIC_WEB_URL: WEB_URL,
        // Cash and bank transfer to the demo account (README), as the demo start offers them, and
        // card through Stripe, whose API is the local stand-in above (test keys of no account).
        PAYMENT_METHODS: 'cod,bank_transfer,stripe',
        STRIPE_SECRET_KEY: 'sk_test_e2e_stand_in',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_e2e_stand_in',
        STRIPE_WEBHOOK_SECRET: STRIPE_WEBHOOK_SECRET,
        STRIPE_API_URL: `http://127.0.0.1:${STRIPE_PORT}`,
        STRIPE_MAX_NETWORK_RETRIES: '0',
        BANK_BIN: '970436',
        BANK_NAME: 'Vietcombank',
        BANK_ACCOUNT_NUMBER: '0011001234567',
        BANK_ACCOUNT_NAME: 'HTX NONG SAN DEMO',
        // Operators who record transfers and import statements (tests/e2e/payments.spec.ts).
        ADMIN_PHONES: '0912 999 001,0912 999 002',
      },
    },
    {
      name: 'web',
      command: 'node web/server.js',
      cwd: repoRoot,
      url: `${WEB_URL}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        HOST: '127.0.0.1',
        PORT: String(WEB_PORT),
        // No ORIGIN, as `pnpm start` runs it: each request's own origin (storefront.spec.ts opens it
        // at localhost and at 127.0.0.1 and signs in at both).
        API_URL,
        // Not production: the sign-in page shows the API's development code, cookies are not Secure (plain http).
        NODE_ENV: 'test',
        // adapter-node refuses bodies over 512 KB by default, and that includes photo uploads through
        // the /api/v1 proxy and the sell form posted without JavaScript (photos at full size).
        BODY_SIZE_LIMIT: '16M',
      },
    },
  ],
});
