#!/usr/bin/env node
// Runs the marketplace: the API (embedded database and demo data unless DATABASE_URL is set) and
// the storefront, which serves the API under /api/v1 on its own origin too.
//   node scripts/start.mjs         the built storefront (run `pnpm build` first; `pnpm start` does)
//   node scripts/start.mjs --dev   both with reload on change
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

const dev = process.argv.includes('--dev');
const apiPort = process.env.API_PORT ?? '8787';
const webPort = process.env.PORT ?? '3000';
const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${apiPort}`;

if (!dev && !existsSync('web/build/index.js')) {
  console.error('The storefront is not built: run `pnpm build` (or `pnpm start`, which builds first).');
  process.exit(1);
}

const children = [];
function run(name, command, args, env) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping the rest`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitForApi() {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${apiUrl}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not become ready in 2 minutes');
}

const tsxArgs = dev ? ['--import', 'tsx', '--watch', 'api/src/server.ts'] : ['--import', 'tsx', 'api/src/server.ts'];
// The demo offers cash on delivery and bank transfer to a demo account (its VietQR codes scan;
// an operator records what arrived). Only when PAYMENT_METHODS is not set and not in production:
// a real deployment names its own methods and account, and the API refuses to start without them.
const demoPayments =
  process.env.PAYMENT_METHODS === undefined && process.env.NODE_ENV !== 'production'
    ? {
        PAYMENT_METHODS: 'cod,bank_transfer',
        BANK_BIN: process.env.BANK_BIN ?? '970436',
        BANK_NAME: process.env.BANK_NAME ?? 'Vietcombank',
        BANK_ACCOUNT_NUMBER: process.env.BANK_ACCOUNT_NUMBER ?? '0011001234567',
        BANK_ACCOUNT_NAME: process.env.BANK_ACCOUNT_NAME ?? 'HTX NONG SAN DEMO',
      }
    : {};
// A demo operator, so the operator's side (bank transfers received, statements, refunds, payouts)
// can be tried: 0912 000 009. Never in production, and never over ADMIN_PHONES when it is set.
const demoOperator =
  process.env.ADMIN_PHONES === undefined && process.env.NODE_ENV !== 'production' ? { ADMIN_PHONES: '0912000009' } : {};
// The storefront's origin. Unset (the default), each request's own (Host header, http): the
// storefront then works at localhost, 127.0.0.1 and the machine's Wi-Fi address alike, and the
// form check still compares a form's Origin with the page's. Production behind a proxy sets it to
// the public URL (decision 0024). The API refuses cookie-signed changes from other origins (0021).
const fixedOrigin = process.env.ORIGIN ? { ORIGIN: process.env.ORIGIN } : {};
// The storefront is the API's only client here: the API listens on loopback (API_HOST to change)
// and believes X-Forwarded-For from loopback alone, so nobody reaching the port directly can name
// their own address and dodge the per-address limits (decision 0021).
run('api', process.execPath, tsxArgs, {
  API_PORT: apiPort,
  API_HOST: process.env.API_HOST ?? '127.0.0.1',
  ...fixedOrigin,
  TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
  ...demoPayments,
  ...demoOperator,
});
await waitForApi();
if (dev) {
  run('web', 'pnpm', ['--filter', '@nongsan/web', 'dev'], { API_URL: apiUrl });
} else {
  run('web', process.execPath, ['web/server.js'], {
    PORT: webPort,
    API_URL: apiUrl,
    ...fixedOrigin,
    // Photo uploads pass through the storefront's /api/v1 proxy: allow the API's 15 MB limit.
    BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '16M',
  });
}
/** The machine's IPv4 addresses on its networks (Wi-Fi, Ethernet): where a phone beside it can open the storefront. */
function lanAddresses() {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => address.address);
}
const storefronts = process.env.ORIGIN
  ? [process.env.ORIGIN]
  : [`http://localhost:${webPort}`, ...lanAddresses().map((address) => `http://${address}:${webPort}`)];
console.log(
  `\n  nongsan: storefront ${storefronts.join('  ·  ')}\n           API ${apiUrl}/api/v1  ·  docs ${apiUrl}/api/docs\n` +
    (storefronts.length > 1
      ? '  Trên điện thoại cùng mạng Wi-Fi / On a phone on the same Wi-Fi: the address after localhost.\n'
      : ''),
);
