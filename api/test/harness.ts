import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, type TestDb } from '@nongsan/db/testing';
import { LocalDiskStorage } from '@nongsan/media';
import { createPaymentProviders } from '@nongsan/payments';
import { createSearchEngine, type SearchDb, type SearchEngine } from '@nongsan/search';
import { inject } from 'vitest';
import { createApp } from '../src/app.ts';
import { linkModules } from '../src/app-deps.ts';
import type { Deps } from '../src/deps.ts';
import { LOCAL_MEDIA_URL, loadEnv } from '../src/env.ts';
import { registerJobHandlers } from '../src/job-handlers.ts';
import type { Clock } from '../src/lib/clock.ts';
import { JobQueue } from '../src/lib/jobs/index.ts';
import { createLogger } from '../src/lib/logger.ts';
import type { SmsSender } from '../src/lib/sms.ts';
import { assertEnvelopeFits } from './envelope-check.ts';
import { logDestination, rememberSecret, rememberSecrets } from './log-capture.ts';

/** A clock tests move by hand: expiry and limits are tested without sleeping. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-27T03:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type Sent = { to: string; text: string };

export type CallOptions = {
  json?: unknown;
  body?: string | Uint8Array | FormData | Blob;
  token?: string | undefined;
  headers?: Record<string, string>;
  /**
   * The address the request's connection comes from (default 127.0.0.1, the storefront on the same
   * machine, which TRUST_PROXY trusts here): X-Forwarded-For is believed only from a trusted peer.
   */
  peer?: string;
};

export type CallResult = { status: number; body: any; headers: Headers };

/** Stripe test keys for the fake Stripe server (`startFakeStripeServer` from @nongsan/payments/testing). */
export const TEST_STRIPE = {
  secretKey: 'sk_test_nongsan',
  publishableKey: 'pk_test_nongsan',
  webhookSecret: 'whsec_nongsantest',
} as const;

/** The marketplace account buyers transfer to in tests (the demo account of the README). */
export const TEST_BANK = {
  BANK_BIN: '970436',
  BANK_NAME: 'Vietcombank',
  BANK_ACCOUNT_NUMBER: '0011001234567',
  BANK_ACCOUNT_NAME: 'HTX NONG SAN DEMO',
} as const;

export type TestAppOptions = {
  env?: Record<string, string>;
  maxConnections?: number;
  /** Configure Stripe against a local fake (its `api`); PAYMENT_METHODS must still list stripe. */
  stripe?: { api: { host: string; port: number; protocol: 'http' } };
  /** The marketplace bank account (TEST_BANK) is configured unless this is false. */
  bankAccount?: boolean;
  /** The search engine on the test database; default the PostgreSQL engine. */
  search?: (db: SearchDb) => SearchEngine;
};

/** The real app on a fresh clone of the migrated test database, with a recording SMS sender. */
export async function createTestApp(options: TestAppOptions = {}) {
  const database: TestDb = await createTestDb(inject('testDbRun'), { maxConnections: options.maxConnections ?? 5 });
  const clock = new TestClock();
  const sent: Sent[] = [];
  const sms: SmsSender = {
    name: 'console',
    send: async (message) => {
      sent.push(message);
    },
  };
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    // Tests stand in for the storefront proxy on loopback, naming client addresses with X-Forwarded-For.
    TRUST_PROXY: '127.0.0.1',
    ...(options.bankAccount === false ? {} : TEST_BANK),
    ...(options.stripe
      ? {
          STRIPE_SECRET_KEY: TEST_STRIPE.secretKey,
          STRIPE_PUBLISHABLE_KEY: TEST_STRIPE.publishableKey,
          STRIPE_WEBHOOK_SECRET: TEST_STRIPE.webhookSecret,
          STRIPE_API_URL: `${options.stripe.api.protocol}://${options.stripe.api.host}:${options.stripe.api.port}`,
          // One request per call: tests make Stripe fail on purpose and watch the retry happen.
          STRIPE_MAX_NETWORK_RETRIES: '0',
        }
      : {}),
    ...options.env,
  });
  // Photos go to a directory of this test app's own, removed by close().
  const mediaDir = await mkdtemp(path.join(tmpdir(), 'nongsan-media-'));
  const media = new LocalDiskStorage(mediaDir, LOCAL_MEDIA_URL);
  // Everything down to debug, into the log capture: tests/setup/log-leaks.ts checks that no line
  // of a whole run carries a phone number, a code, a token or an account number.
  const logger = createLogger('debug', logDestination);
  // No worker loop in tests: a test moves the clock and calls `t.jobs.runDue()` itself.
  const jobs = new JobQueue({ db: database.db, clock, logger });
  // The PostgreSQL engine on the test database: search tests see the relay's writes for real.
  const search = options.search?.(database.db) ?? createSearchEngine({ engine: 'postgres', db: database.db });
  // The real providers; Stripe's webhook tolerance is measured against the test clock.
  const payments = createPaymentProviders(env.payments, { now: () => clock.now() });
  const deps = linkModules({
    env,
    database,
    db: database.db,
    logger,
    sms,
    clock,
    media,
    jobs,
    search,
    payments,
  } satisfies Deps);
  registerJobHandlers(deps);
  const app = createApp(deps);

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
    const headers: Record<string, string> = { ...opts.headers };
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(opts.json);
    }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    rememberSecrets(opts.json, path.startsWith('/api/v1/auth/verify') ? ['code'] : []);
    // What @hono/node-server's getConnInfo reads: the socket the request arrived on.
    const peer = opts.peer ?? '127.0.0.1';
    const socket = { remoteAddress: peer, remotePort: 40_000, remoteFamily: peer.includes(':') ? 'IPv6' : 'IPv4' };
    const response = await app.request(
      path,
      { method, headers, ...(body === undefined ? {} : { body }) },
      { incoming: { socket } },
    );
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (the docs page): keep the text
    }
    assertEnvelopeFits(response.status, parsed);
    rememberSecrets(parsed);
    return { status: response.status, body: parsed, headers: response.headers };
  }

  // Configured secrets (the bank account, the operators' phones, Stripe's keys) never reach a log either.
  for (const secret of [
    TEST_BANK.BANK_ACCOUNT_NUMBER,
    TEST_STRIPE.secretKey,
    TEST_STRIPE.webhookSecret,
    ...env.adminPhones,
  ]) {
    rememberSecret(secret);
  }
  let phoneCounter = 0;
  /** A new phone number per call, so tests never collide on the per-phone limit. */
  function freshPhone(): string {
    phoneCounter += 1;
    return `+8491${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${String(phoneCounter).padStart(3, '0')}`;
  }

  /** Signs in through the real endpoints and returns the bearer token. */
  async function signIn(phone = freshPhone(), name?: string) {
    const otp = await call('POST', '/api/v1/auth/otp', {
      json: { phone },
      headers: { 'x-forwarded-for': `10.${phoneCounter}.0.1` },
    });
    if (otp.status !== 202) throw new Error(`otp failed: ${JSON.stringify(otp.body)}`);
    const verify = await call('POST', '/api/v1/auth/verify', { json: { phone, code: otp.body.devCode, name } });
    if (verify.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verify.body)}`);
    return { token: verify.body.token as string, userId: verify.body.user.id as string, phone };
  }

  return {
    app,
    deps,
    database,
    db: database.db,
    clock,
    jobs,
    sent,
    call,
    signIn,
    freshPhone,
    media,
    close: async () => {
      await database.close();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Asserts the one error envelope and returns its code. */
export function errorCode(result: CallResult): string {
  const error = result.body?.error;
  if (!error || typeof error.code !== 'string' || typeof error.requestId !== 'string') {
    throw new Error(`not an error envelope: ${JSON.stringify(result.body)}`);
  }
  return error.code;
}
