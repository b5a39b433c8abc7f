import Stripe from 'stripe';
import { z } from 'zod';
import { PaymentProviderError, WebhookPayloadError, WebhookSignatureError } from './errors.ts';
import {
  assertAmountVnd,
  assertAttempt,
  type ParsedPaymentEvent,
  type PaymentProvider,
  type PaymentToRefund,
  type RefundResult,
  type RefundStatus,
  readHeader,
  type StripePaymentStart,
  type WebhookHeaders,
} from './payment-provider.ts';

// The only file in nongsan that talks to Stripe.

/**
 * The API version every request is pinned to: the one this SDK release was generated for, so the
 * SDK's types describe what Stripe answers. Written out (and checked against the SDK at compile
 * time) so that upgrading the SDK is a visible decision: the webhook endpoint in the Stripe
 * dashboard must be created with the same version, because event payloads follow the endpoint's
 * version, not the SDK's.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies typeof Stripe.API_VERSION;

/** Stripe's default: a signed event older than 5 minutes is refused as a possible replay. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

export const StripeConfigSchema = z
  .object({
    secretKey: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'a Stripe secret or restricted key (sk_… / rk_…)'),
    publishableKey: z.string().regex(/^pk_(test|live)_\w+$/, 'a Stripe publishable key (pk_…)'),
    webhookSecret: z.string().regex(/^whsec_\w+$/, 'a webhook signing secret (whsec_…)'),
    /** Where API requests go; only tests point it elsewhere (a local fake Stripe). */
    api: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65_535),
        protocol: z.enum(['http', 'https']),
      })
      .strict()
      .optional(),
    /** Network retries inside the SDK; each retry reuses the request's idempotency key. */
    maxNetworkRetries: z.number().int().min(0).max(5).default(2),
    timeoutMs: z.number().int().min(1_000).max(120_000).default(20_000),
  })
  .strict();

export type StripeConfig = z.input<typeof StripeConfigSchema>;

export type StripePaymentProvider = PaymentProvider<StripePaymentStart> & {
  parseEvent(rawBody: string | Uint8Array, headers: WebhookHeaders): ParsedPaymentEvent;
};

/** `order:<orderId>:attempt:<n>`: the same attempt always names the same PaymentIntent. */
export function paymentIdempotencyKey(orderId: string, attempt: number): string {
  return `order:${orderId}:attempt:${attempt}`;
}

/** `order:<orderId>:refund:<refundId>`: one Stripe refund per refund row, however often retried. */
export function refundIdempotencyKey(orderId: string, refundId: string): string {
  return `order:${orderId}:refund:${refundId}`;
}

/** Stripe caps a PaymentIntent description at 1000 characters. */
const MAX_DESCRIPTION_LENGTH = 1000;

const REFUND_STATUSES = new Set<string>(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']);

function toProviderError(error: unknown, what: string): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  // Connection problems, rate limits and Stripe's own 5xx are transient: the same call with the
  // same idempotency key can be made again. Everything else is a refusal.
  const isTransient =
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeAPIError ||
    (status !== null && status >= 500);
  return new PaymentProviderError({
    code: isTransient ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REJECTED',
    provider: 'stripe',
    message: `${what} failed: ${error.message}`,
    providerCode: error.code ?? null,
    status,
    cause: error,
  });
}

// Only the fields we rely on are checked; Stripe adds fields over time and that must not break us.
const EventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int().nonnegative(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const Dong = z.number().int().nonnegative();

const PaymentIntentSchema = z.object({
  id: z.string().startsWith('pi_'),
  object: z.literal('payment_intent'),
  amount: Dong,
  amount_received: Dong,
  currency: z.string().min(1),
});

const ChargeSchema = z.object({
  id: z.string().min(1),
  object: z.literal('charge'),
  amount_captured: Dong,
  amount_refunded: Dong,
  currency: z.string().min(1),
  payment_intent: z.union([z.string(), z.object({ id: z.string() }), z.null()]),
});

/** The allow-list: every other event type is acknowledged and ignored. */
const PAYMENT_INTENT_EVENTS = {
  'payment_intent.processing': 'processing',
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'cancelled',
} as const;

export const HANDLED_STRIPE_EVENT_TYPES: readonly string[] = [...Object.keys(PAYMENT_INTENT_EVENTS), 'charge.refunded'];

function parseObject<T>(schema: z.ZodType<T>, event: z.infer<typeof EventSchema>): T {
  const result = schema.safeParse(event.data.object);
  if (!result.success) {
    throw new WebhookPayloadError({
      eventId: event.id,
      eventType: event.type,
      detail: result.error.issues.map((issue) => `${issue.path.join('.') || '(object)'}: ${issue.message}`).join('; '),
    });
  }
  return result.data;
}

/** Normalises a verified Stripe event; exported for tests and for replaying stored events. */
export function normaliseStripeEvent(raw: unknown): ParsedPaymentEvent {
  const parsed = EventSchema.safeParse(raw);
  if (!parsed.success) {
    throw new WebhookPayloadError({ detail: parsed.error.issues.map((issue) => issue.message).join('; ') });
  }
  const event = parsed.data;
  const occurredAt = new Date(event.created * 1000).toISOString();

  if (event.type in PAYMENT_INTENT_EVENTS) {
    const intent = parseObject(PaymentIntentSchema, event);
    const type = PAYMENT_INTENT_EVENTS[event.type as keyof typeof PAYMENT_INTENT_EVENTS];
    return {
      eventId: event.id,
      type,
      paymentRef: intent.id,
      // VND is zero-decimal at Stripe: amounts are whole đồng already, no division.
      amountVnd: type === 'succeeded' ? intent.amount_received : intent.amount,
      currency: intent.currency,
      occurredAt,
    };
  }

  if (event.type === 'charge.refunded') {
    const charge = parseObject(ChargeSchema, event);
    const paymentRef = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
    // A charge without a PaymentIntent was not made by nongsan (we only create PaymentIntents).
    if (paymentRef === undefined) {
      return { eventId: event.id, type: 'ignored', providerType: event.type, occurredAt };
    }
    return {
      eventId: event.id,
      type: 'refunded',
      paymentRef,
      amountVnd: charge.amount_captured,
      refundedVnd: charge.amount_refunded,
      currency: charge.currency,
      occurredAt,
    };
  }

  return { eventId: event.id, type: 'ignored', providerType: event.type, occurredAt };
}

/**
 * The Stripe provider. `now` is the clock the webhook tolerance is measured against (inject the
 * test clock; defaults to the system clock).
 */
export function createStripeProvider(config: StripeConfig, options: { now?: () => Date } = {}): StripePaymentProvider {
  const settings = StripeConfigSchema.parse(config);
  const now = options.now ?? (() => new Date());
  const stripe = new Stripe(settings.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: settings.maxNetworkRetries,
    timeout: settings.timeoutMs,
    telemetry: false,
    ...(settings.api === undefined
      ? {}
      : { host: settings.api.host, port: settings.api.port, protocol: settings.api.protocol }),
  });

  return {
    method: 'stripe',

    async start(order, attempt) {
      assertAmountVnd(order.amountVnd);
      assertAttempt(attempt);
      let intent: Stripe.PaymentIntent;
      try {
        intent = await stripe.paymentIntents.create(
          {
            // Zero-decimal currency: `amount` is the number of đồng itself (45.000 ₫ → 45000).
            amount: order.amountVnd,
            currency: 'vnd',
            automatic_payment_methods: { enabled: true },
            description: order.description.slice(0, MAX_DESCRIPTION_LENGTH),
            // No buyer phone or name here: Stripe does not need them, and metadata is visible to
            // anyone with dashboard access.
            metadata: { orderId: order.orderId, orderCode: order.orderCode, attempt: String(attempt) },
          },
          { idempotencyKey: paymentIdempotencyKey(order.orderId, attempt) },
        );
      } catch (error) {
        throw toProviderError(error, 'creating the PaymentIntent');
      }
      if (!intent.client_secret) {
        throw new PaymentProviderError({
          code: 'PROVIDER_REJECTED',
          provider: 'stripe',
          message: `PaymentIntent ${intent.id} came back without a client secret`,
        });
      }
      return {
        method: 'stripe',
        paymentRef: intent.id,
        paymentIntentId: intent.id,
        clientSecret: intent.client_secret,
        publishableKey: settings.publishableKey,
        amountVnd: order.amountVnd,
      };
    },

    async refund(payment: PaymentToRefund, amountVnd: number): Promise<RefundResult> {
      assertAmountVnd(amountVnd);
      let refund: Stripe.Refund;
      try {
        refund = await stripe.refunds.create(
          {
            payment_intent: payment.paymentRef,
            amount: amountVnd,
            metadata: { orderId: payment.orderId, refundId: payment.refundId },
          },
          { idempotencyKey: refundIdempotencyKey(payment.orderId, payment.refundId) },
        );
      } catch (error) {
        throw toProviderError(error, 'creating the refund');
      }
      const status = refund.status ?? 'pending';
      return {
        status: REFUND_STATUSES.has(status) ? (status as RefundStatus) : 'pending',
        amountVnd: refund.amount,
        refundRef: refund.id,
      };
    },

    parseEvent(rawBody, headers) {
      const signature = readHeader(headers, 'stripe-signature');
      if (!signature) throw new WebhookSignatureError('missing_header');
      let verified: unknown;
      try {
        // Signature and age are checked before the body is parsed or anything in it is looked at.
        verified = stripe.webhooks.constructEvent(
          rawBody,
          signature,
          settings.webhookSecret,
          STRIPE_WEBHOOK_TOLERANCE_SECONDS,
          undefined,
          now().getTime(),
        );
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
          // The SDK checks the signature first and the age second; only a correctly signed,
          // stale event gets the tolerance message.
          const isStale = /tolerance/i.test(error.message);
          throw new WebhookSignatureError(isStale ? 'timestamp_outside_tolerance' : 'invalid_signature', {
            cause: error,
          });
        }
        // Signed, but the body is not JSON.
        throw new WebhookPayloadError({ detail: 'the signed body is not a JSON event', cause: error });
      }
      // The SDK refuses only events too old. One dated ahead is refused the same way: the
      // signature covers its timestamp, so a far-future one was signed to outlive the tolerance
      // (a leaked secret, a delivery kept to be replayed later), or comes from a wrong clock.
      const signedAtSeconds = signatureTimestamp(signature);
      if (signedAtSeconds - now().getTime() / 1000 > STRIPE_WEBHOOK_TOLERANCE_SECONDS) {
        throw new WebhookSignatureError('timestamp_outside_tolerance');
      }
      return normaliseStripeEvent(verified);
    },
  };
}

/** The `t=` of a verified `Stripe-Signature` header, in seconds (the last one, as the SDK reads it). */
function signatureTimestamp(header: string): number {
  let seconds = Number.NaN;
  for (const part of header.split(',')) {
    const [key, value] = part.split('=');
    if (key?.trim() === 't' && value !== undefined) seconds = Number.parseInt(value, 10);
  }
  // Verified headers always carry one; a missing one cannot be measured, so it is refused.
  return Number.isFinite(seconds) ? seconds : Number.POSITIVE_INFINITY;
}
