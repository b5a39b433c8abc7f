import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.ts';

describe('loadEnv', () => {
  it('has working defaults for the embedded start', () => {
    const env = loadEnv({});
    expect(env.port).toBe(8787);
    expect(env.db.url).toBeUndefined();
    expect(env.db.dataDir).toBe('./data');
    expect(env.seedDemo).toBe(true);
    expect(env.sms.provider).toBe('console');
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadEnv({ API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ NODE_ENV: 'staging' })).toThrow(EnvError);
  });

  it('refuses the console SMS provider in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/SMS_PROVIDER/);
  });

  it('requires the gateway settings for the HTTP SMS provider', () => {
    expect(() => loadEnv({ SMS_PROVIDER: 'http' })).toThrow(/SMS_HTTP_URL[\s\S]*SMS_HTTP_TOKEN/);
    const env = loadEnv({
      NODE_ENV: 'production',
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: 'http://127.0.0.1:9/sms',
      SMS_HTTP_TOKEN: 't',
      DATABASE_URL: 'postgres://u@127.0.0.1/db',
    });
    expect(env.sms.provider).toBe('http');
    expect(env.session.secureCookie).toBe(true);
    expect(env.seedDemo).toBe(false);
  });

  it('stores photos under DATA_DIR by default and serves them from the API', () => {
    expect(loadEnv({ DATA_DIR: '/srv/nongsan' }).media).toEqual({
      kind: 'local',
      dir: '/srv/nongsan/media',
      publicBaseUrl: '/api/v1/media/files',
    });
  });

  it('offers cash on delivery alone by default, with no provider secrets', () => {
    const env = loadEnv({});
    expect(env.orders.paymentMethods).toEqual(['cod']);
    expect(env.payments).toEqual({ cod: { enabled: true } });
  });

  it('requires the Stripe keys when stripe is offered, naming each missing or malformed one', () => {
    expect(() => loadEnv({ PAYMENT_METHODS: 'cod,stripe' })).toThrow(
      /STRIPE_SECRET_KEY[\s\S]*STRIPE_PUBLISHABLE_KEY[\s\S]*STRIPE_WEBHOOK_SECRET/,
    );
    expect(() =>
      loadEnv({
        PAYMENT_METHODS: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_abc',
        STRIPE_PUBLISHABLE_KEY: 'sk_test_not_publishable',
        STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      }),
    ).toThrow(/STRIPE_PUBLISHABLE_KEY/);
    const env = loadEnv({
      PAYMENT_METHODS: 'stripe,cod',
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
    });
    expect(env.payments).toEqual({
      stripe: {
        secretKey: 'sk_test_abc',
        publishableKey: 'pk_test_abc',
        webhookSecret: 'whsec_abc',
        maxNetworkRetries: 2,
        api: { host: '127.0.0.1', port: 12111, protocol: 'http' },
      },
      cod: { enabled: true },
    });
  });

  it('requires the marketplace bank account when bank transfer is offered', () => {
    expect(() => loadEnv({ PAYMENT_METHODS: 'bank_transfer' })).toThrow(
      /BANK_BIN[\s\S]*BANK_NAME[\s\S]*BANK_ACCOUNT_NUMBER[\s\S]*BANK_ACCOUNT_NAME/,
    );
    const bank = { BANK_BIN: '970436', BANK_NAME: 'Vietcombank', BANK_ACCOUNT_NUMBER: '0011001234567' };
    expect(() =>
      loadEnv({ PAYMENT_METHODS: 'bank_transfer', ...bank, BANK_ACCOUNT_NAME: 'X', BANK_BIN: '9704' }),
    ).toThrow(/BANK_BIN/);
    const env = loadEnv({ PAYMENT_METHODS: 'cod,bank_transfer', ...bank, BANK_ACCOUNT_NAME: 'HTX NONG SAN DEMO' });
    expect(env.payments).toEqual({
      bankTransfer: {
        bankBin: '970436',
        bankName: 'Vietcombank',
        accountNumber: '0011001234567',
        accountName: 'HTX NONG SAN DEMO',
      },
      cod: { enabled: true },
    });
    // Not offered: its settings are not needed, and cash can be switched off.
    expect(loadEnv({ PAYMENT_METHODS: 'bank_transfer', ...bank, BANK_ACCOUNT_NAME: 'X' }).payments.cod).toEqual({
      enabled: false,
    });
  });

  it('requires the bucket settings for S3 storage', () => {
    expect(() => loadEnv({ MEDIA_STORAGE: 's3' })).toThrow(/S3_ENDPOINT[\s\S]*S3_BUCKET[\s\S]*S3_PUBLIC_URL/);
    const env = loadEnv({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: 'https://s3.ap-southeast-1.amazonaws.com',
      S3_BUCKET: 'nongsan-media',
      S3_ACCESS_KEY_ID: 'AKIA',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PUBLIC_URL: 'https://cdn.nongsan.vn/media',
    });
    expect(env.media).toMatchObject({ kind: 's3', bucket: 'nongsan-media', region: 'auto' });
  });
});
