import path from 'node:path';
import type { MediaStorageConfig } from '@nongsan/media';
import {
  type BankTransferConfig,
  BankTransferConfigSchema,
  type PaymentsConfig,
  type StripeConfig,
  StripeConfigSchema,
} from '@nongsan/payments';
import { readSearchEnv, type SearchEnv } from '@nongsan/search';
import { z } from 'zod';
import { parseTrustedProxies } from './lib/client-ip.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Every variable the API reads. A wrong or missing one stops the process, naming it. */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    API_PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    API_HOST: z.string().default('0.0.0.0'),
    /** A PostgreSQL server; unset means the embedded PGlite database under DATA_DIR. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATA_DIR: z.string().default('./data'),
    /** Seed the demo sellers on start (default: only for the embedded database). */
    SEED_DEMO: bool.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Largest JSON body accepted, in bytes. */
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(64 * 1024),
    /**
     * The proxies in front whose X-Forwarded-For is believed (the storefront forwards /api/v1 with
     * it): addresses and CIDR blocks, `127.0.0.1,10.0.0.0/8,fd00::/8`; `true` means loopback only,
     * `false` (default) no one. See decision 0021 and the README.
     */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value, ctx) => {
        const parsed = parseTrustedProxies(value);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    SMS_PROVIDER: z.enum(['console', 'http']).default('console'),
    SMS_HTTP_URL: z.url().optional(),
    SMS_HTTP_TOKEN: z.string().min(1).optional(),
    /** `{code}` is replaced by the sign-in code. */
    SMS_TEMPLATE: z.string().includes('{code}').default('Ma dang nhap nongsan: {code}. Het han sau 5 phut.'),
    OTP_PER_PHONE_PER_HOUR: z.coerce.number().int().positive().default(3),
    OTP_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(30),
    /** Operators: phones (any typed form) that may verify sellers and certifications. */
    ADMIN_PHONES: list,
    /** Where photos are stored: local disk (default) or an S3-compatible bucket. */
    MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
    /** Local storage directory; default `${DATA_DIR}/media`. */
    MEDIA_DIR: z.string().optional(),
    /** Base URL photo variants are served from; default the API's own `/api/v1/media/files` (local) or S3_PUBLIC_URL. */
    MEDIA_PUBLIC_URL: z.string().optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default('auto'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** The CDN or bucket URL the objects are public at, e.g. `https://cdn.nongsan.vn/media`. */
    S3_PUBLIC_URL: z.url().optional(),
    /** Ways to pay offered at checkout; stripe and bank_transfer need their settings below. */
    PAYMENT_METHODS: z
      .string()
      .default('cod')
      .transform((v) => v.split(',').map((s) => s.trim()))
      .pipe(z.array(z.enum(['cod', 'stripe', 'bank_transfer'])).min(1)),
    /** Stripe (required when PAYMENT_METHODS lists stripe): the secret key, the key the browser uses, and the webhook secret. */
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_PUBLISHABLE_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    /** Tests only: send Stripe API calls to this address (a local fake Stripe) instead of api.stripe.com. */
    STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Retries of a failed Stripe call inside the SDK (each with the same idempotency key). */
    STRIPE_MAX_NETWORK_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    /**
     * The marketplace's account buyers transfer to (required when PAYMENT_METHODS lists
     * bank_transfer): the bank's 6-digit NAPAS BIN, its name, the account number and holder.
     */
    BANK_BIN: z.string().optional(),
    BANK_NAME: z.string().optional(),
    BANK_ACCOUNT_NUMBER: z.string().optional(),
    BANK_ACCOUNT_NAME: z.string().optional(),
    /** An order paid online holds its stock this long; unpaid by then, it is cancelled. */
    PAYMENT_DEADLINE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    /** A seller must confirm a new order within this many hours, or it is cancelled. */
    CONFIRMATION_DEADLINE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(14 * 24)
      .default(24),
    /** Background jobs this process runs at once (it claims no more); default 4 on a server, 1 embedded. */
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    /** Done jobs are deleted after this many days (failed ones are kept). */
    JOBS_RETAIN_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    /** The storefront's public address: trace labels print `${PUBLIC_WEB_URL}/t/<code>` as a QR code. */
    PUBLIC_WEB_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
    /**
     * The storefront's origin as its browsers see it, when it differs from PUBLIC_WEB_URL (the
     * storefront's own ORIGIN). Requests signed in by the session cookie that change anything must
     * come from PUBLIC_WEB_URL's or this origin (decision 0021).
     */
    ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * The platform's fee on sales, in percent with at most two decimals (2.5 = 2.5 %); member sales
     * reports deduct it from what each member is owed.
     */
    PLATFORM_FEE_PERCENT: z.coerce
      .number()
      .min(0)
      .max(100)
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, {
        message: 'at most two decimals',
      })
      .default(0),
  })
  .superRefine((env, ctx) => {
    if (env.SMS_PROVIDER === 'http') {
      for (const key of ['SMS_HTTP_URL', 'SMS_HTTP_TOKEN'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when SMS_PROVIDER=http' });
      }
    }
    if (env.MEDIA_STORAGE === 's3') {
      for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when MEDIA_STORAGE=s3' });
      }
      if (!env.S3_PUBLIC_URL && !env.MEDIA_PUBLIC_URL) {
        ctx.addIssue({ code: 'custom', path: ['S3_PUBLIC_URL'], message: 'required when MEDIA_STORAGE=s3' });
      }
    }
    // A way to pay that is offered must be configured: checked here so the process stops at start,
    // naming the variable, rather than at a buyer's first payment.
    const methods = new Set(env.PAYMENT_METHODS);
    if (methods.has('stripe')) {
      const stripe = StripeConfigSchema.safeParse(stripeConfig(env));
      if (!stripe.success) addIssues(ctx, stripe.error, STRIPE_VARIABLES, 'PAYMENT_METHODS lists stripe');
    }
    if (methods.has('bank_transfer')) {
      const bank = BankTransferConfigSchema.safeParse(bankConfig(env));
      if (!bank.success) addIssues(ctx, bank.error, BANK_VARIABLES, 'PAYMENT_METHODS lists bank_transfer');
    }
    // The console provider prints codes to the log: anyone reading logs could sign in as anyone.
    if (env.NODE_ENV === 'production' && env.SMS_PROVIDER === 'console') {
      ctx.addIssue({
        code: 'custom',
        path: ['SMS_PROVIDER'],
        message: 'the console SMS provider cannot run in production; set SMS_PROVIDER=http',
      });
    }
  });

export type Env = ReturnType<typeof structure> & { search: SearchEnv };

type RawEnv = z.infer<typeof EnvSchema>;

/** The Stripe settings as @nongsan/payments takes them (validated by its own schema). */
function stripeConfig(raw: Pick<RawEnv, `STRIPE_${string}` & keyof RawEnv>): StripeConfig {
  const api = raw.STRIPE_API_URL ? new URL(raw.STRIPE_API_URL) : null;
  return {
    secretKey: raw.STRIPE_SECRET_KEY ?? '',
    publishableKey: raw.STRIPE_PUBLISHABLE_KEY ?? '',
    webhookSecret: raw.STRIPE_WEBHOOK_SECRET ?? '',
    maxNetworkRetries: raw.STRIPE_MAX_NETWORK_RETRIES,
    ...(api
      ? {
          api: {
            host: api.hostname,
            port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
            protocol: api.protocol === 'https:' ? ('https' as const) : ('http' as const),
          },
        }
      : {}),
  };
}

function bankConfig(raw: Pick<RawEnv, `BANK_${string}` & keyof RawEnv>): BankTransferConfig {
  return {
    bankBin: raw.BANK_BIN ?? '',
    bankName: raw.BANK_NAME ?? '',
    accountNumber: raw.BANK_ACCOUNT_NUMBER ?? '',
    accountName: raw.BANK_ACCOUNT_NAME ?? '',
  };
}

const STRIPE_VARIABLES: Record<string, string> = {
  secretKey: 'STRIPE_SECRET_KEY',
  publishableKey: 'STRIPE_PUBLISHABLE_KEY',
  webhookSecret: 'STRIPE_WEBHOOK_SECRET',
  api: 'STRIPE_API_URL',
  maxNetworkRetries: 'STRIPE_MAX_NETWORK_RETRIES',
};
const BANK_VARIABLES: Record<string, string> = {
  bankBin: 'BANK_BIN',
  bankName: 'BANK_NAME',
  accountNumber: 'BANK_ACCOUNT_NUMBER',
  accountName: 'BANK_ACCOUNT_NAME',
};

/** A payments config error as env issues, each on the variable it came from. */
function addIssues(ctx: z.RefinementCtx, error: z.ZodError, variables: Record<string, string>, when: string) {
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    ctx.addIssue({ code: 'custom', path: [variables[field] ?? field], message: `${issue.message} (${when})` });
  }
}

/** What `createPaymentProviders` is built from: exactly the methods PAYMENT_METHODS lists. */
function paymentsConfig(raw: RawEnv): PaymentsConfig {
  const methods = new Set(raw.PAYMENT_METHODS);
  return {
    ...(methods.has('stripe') ? { stripe: stripeConfig(raw) } : {}),
    ...(methods.has('bank_transfer') ? { bankTransfer: bankConfig(raw) } : {}),
    cod: { enabled: methods.has('cod') },
  };
}

/** Where the API serves local photo files; the media module's file route answers under it. */
export const LOCAL_MEDIA_URL = '/api/v1/media/files';

function mediaConfig(raw: z.infer<typeof EnvSchema>): MediaStorageConfig {
  if (raw.MEDIA_STORAGE === 's3') {
    return {
      kind: 's3',
      endpoint: raw.S3_ENDPOINT ?? '',
      bucket: raw.S3_BUCKET ?? '',
      region: raw.S3_REGION,
      accessKeyId: raw.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: raw.S3_SECRET_ACCESS_KEY ?? '',
      publicBaseUrl: raw.MEDIA_PUBLIC_URL ?? raw.S3_PUBLIC_URL ?? '',
    };
  }
  return {
    kind: 'local',
    dir: raw.MEDIA_DIR ?? path.join(raw.DATA_DIR, 'media'),
    publicBaseUrl: raw.MEDIA_PUBLIC_URL ?? LOCAL_MEDIA_URL,
  };
}

function structure(raw: z.infer<typeof EnvSchema>) {
  const isProduction = raw.NODE_ENV === 'production';
  return {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    port: raw.API_PORT,
    host: raw.API_HOST,
    db: { url: raw.DATABASE_URL, dataDir: raw.DATA_DIR },
    seedDemo: raw.SEED_DEMO ?? !raw.DATABASE_URL,
    logLevel: raw.LOG_LEVEL,
    bodyLimitBytes: raw.BODY_LIMIT_BYTES,
    /** Proxies whose X-Forwarded-For is believed (lib/client-ip.ts). */
    trustedProxies: raw.TRUST_PROXY,
    session: { ttlDays: raw.SESSION_TTL_DAYS, secureCookie: isProduction },
    sms:
      raw.SMS_PROVIDER === 'http'
        ? {
            provider: 'http' as const,
            url: raw.SMS_HTTP_URL ?? '',
            token: raw.SMS_HTTP_TOKEN ?? '',
            template: raw.SMS_TEMPLATE,
          }
        : { provider: 'console' as const, template: raw.SMS_TEMPLATE },
    otp: { perPhonePerHour: raw.OTP_PER_PHONE_PER_HOUR, perIpPerHour: raw.OTP_PER_IP_PER_HOUR },
    adminPhones: raw.ADMIN_PHONES,
    media: mediaConfig(raw),
    publicWebUrl: raw.PUBLIC_WEB_URL.replace(/\/+$/, ''),
    /** Origins a cookie-signed state-changing request may come from (the CSRF check). */
    allowedOrigins: [...new Set([raw.PUBLIC_WEB_URL, raw.ORIGIN].flatMap((url) => (url ? [new URL(url).origin] : [])))],
    /** Basis points (1/100 of a percent), so fee arithmetic stays in integers. */
    platformFeeBasisPoints: Math.round(raw.PLATFORM_FEE_PERCENT * 100),
    /** The providers' settings (secrets included): only deps.payments is built from it. */
    payments: paymentsConfig(raw),
    jobs: {
      concurrency: raw.JOBS_CONCURRENCY ?? (raw.DATABASE_URL ? 4 : 1),
      retainDoneDays: raw.JOBS_RETAIN_DAYS,
    },
    orders: {
      paymentMethods: [...new Set(raw.PAYMENT_METHODS)],
      paymentDeadlineMinutes: raw.PAYMENT_DEADLINE_MINUTES,
      confirmationDeadlineHours: raw.CONFIRMATION_DEADLINE_HOURS,
    },
  };
}

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the environment once; the result is frozen. Throws EnvError naming every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Readonly<Env> {
  // Empty strings mean "unset" (a blank line in a .env file must not become a value).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`invalid configuration:\n${lines.join('\n')}`);
  }
  let search: SearchEnv;
  try {
    // SEARCH_ENGINE, MEILI_URL, MEILI_MASTER_KEY, MEILI_INDEX: parsed by the search package itself.
    search = readSearchEnv(source);
  } catch (error) {
    throw new EnvError(error instanceof Error ? error.message : String(error));
  }
  return Object.freeze({ ...structure(parsed.data), search });
}
