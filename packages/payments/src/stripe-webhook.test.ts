import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { WebhookPayloadError, WebhookSignatureError } from './errors.ts';
import { createStripeProvider, normaliseStripeEvent, STRIPE_WEBHOOK_TOLERANCE_SECONDS } from './stripe.provider.ts';
import { chargeFixture, paymentIntentFixture, signedStripeWebhook, stripeEventFixture } from './testing.ts';

const SECRET = 'whsec_test_nongsan';
// The injected clock: every signature age below is measured against this instant.
const NOW = new Date('2025-07-01T03:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;

const provider = createStripeProvider(
  { secretKey: 'sk_test_nongsan', publishableKey: 'pk_test_nongsan', webhookSecret: SECRET },
  { now: () => NOW },
);

function succeededEvent(overrides: { amountReceived?: number; currency?: string } = {}) {
  return stripeEventFixture({
    id: 'evt_1',
    type: 'payment_intent.succeeded',
    created: NOW_SECONDS - 5,
    object: paymentIntentFixture({
      id: 'pi_1',
      amount: 1_250_000,
      amountReceived: overrides.amountReceived ?? 1_250_000,
      currency: overrides.currency ?? 'vnd',
      status: 'succeeded',
      orderId: 'ord_1',
    }),
  });
}

function deliver(event: Record<string, unknown>, options: { secret?: string; timestamp?: number } = {}) {
  const { rawBody, headers } = signedStripeWebhook({
    event,
    secret: options.secret ?? SECRET,
    timestamp: options.timestamp ?? NOW_SECONDS,
  });
  return provider.parseEvent(rawBody, headers);
}

function signatureError(run: () => unknown): WebhookSignatureError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookSignatureError);
    return error as WebhookSignatureError;
  }
  throw new Error('expected a WebhookSignatureError');
}

describe('stripe parseEvent: signature', () => {
  it('accepts a correctly signed event and normalises it', () => {
    expect(deliver(succeededEvent())).toEqual({
      eventId: 'evt_1',
      type: 'succeeded',
      paymentRef: 'pi_1',
      amountVnd: 1_250_000,
      currency: 'vnd',
      occurredAt: '2025-07-01T02:59:55.000Z',
    });
  });

  it('reads the signature from a Headers object and from any header case', () => {
    const { rawBody, headers } = signedStripeWebhook({
      event: succeededEvent(),
      secret: SECRET,
      timestamp: NOW_SECONDS,
    });
    const signature = headers['stripe-signature']!;
    expect(provider.parseEvent(rawBody, new Headers({ 'Stripe-Signature': signature })).type).toBe('succeeded');
    expect(provider.parseEvent(Buffer.from(rawBody), { 'Stripe-Signature': signature }).type).toBe('succeeded');
  });

  it('rejects an event signed with another secret (forged)', () => {
    const error = signatureError(() => deliver(succeededEvent(), { secret: 'whsec_attacker' }));
    expect(error.reason).toBe('invalid_signature');
  });

  it('rejects a correctly signed body that was altered afterwards', () => {
    const { rawBody, headers } = signedStripeWebhook({
      event: succeededEvent(),
      secret: SECRET,
      timestamp: NOW_SECONDS,
    });
    const altered = rawBody.replace('"amount_received":1250000', '"amount_received":1');
    expect(altered).not.toBe(rawBody);
    expect(signatureError(() => provider.parseEvent(altered, headers)).reason).toBe('invalid_signature');
  });

  it('rejects a request without a signature header', () => {
    const { rawBody } = signedStripeWebhook({ event: succeededEvent(), secret: SECRET });
    expect(signatureError(() => provider.parseEvent(rawBody, { 'content-type': 'application/json' })).reason).toBe(
      'missing_header',
    );
  });

  it('rejects a garbled signature header', () => {
    const { rawBody } = signedStripeWebhook({ event: succeededEvent(), secret: SECRET });
    expect(signatureError(() => provider.parseEvent(rawBody, { 'stripe-signature': 'nonsense' })).reason).toBe(
      'invalid_signature',
    );
  });

  it('rejects a correctly signed event older than the 300 s tolerance (replay) and accepts one at the limit', () => {
    expect(STRIPE_WEBHOOK_TOLERANCE_SECONDS).toBe(300);
    const stale = signatureError(() => deliver(succeededEvent(), { timestamp: NOW_SECONDS - 301 }));
    expect(stale.reason).toBe('timestamp_outside_tolerance');
    expect(deliver(succeededEvent(), { timestamp: NOW_SECONDS - 300 }).type).toBe('succeeded');
  });

  it('rejects a correctly signed event dated more than 300 s ahead and accepts one at the limit', () => {
    for (const ahead of [301, 3600, 10 * 365 * 86_400]) {
      const early = signatureError(() => deliver(succeededEvent(), { timestamp: NOW_SECONDS + ahead }));
      expect(early.reason, `${ahead} s ahead`).toBe('timestamp_outside_tolerance');
    }
    expect(deliver(succeededEvent(), { timestamp: NOW_SECONDS + 300 }).type).toBe('succeeded');
  });

  it('checks the signature before looking at the body', () => {
    // A forged delivery with a body we could not parse is still a signature failure.
    const { headers } = signedStripeWebhook({ event: succeededEvent(), secret: 'whsec_attacker' });
    expect(signatureError(() => provider.parseEvent('{not json', headers)).reason).toBe('invalid_signature');
  });
});

describe('stripe parseEvent: normalisation', () => {
  it.each([
    ['payment_intent.processing', 'processing', 'processing'],
    ['payment_intent.payment_failed', 'failed', 'requires_payment_method'],
    ['payment_intent.canceled', 'cancelled', 'canceled'],
  ] as const)('maps %s to %s with the PaymentIntent amount', (stripeType, type, status) => {
    const event = stripeEventFixture({
      id: `evt_${type}`,
      type: stripeType,
      created: NOW_SECONDS,
      object: paymentIntentFixture({ id: 'pi_2', amount: 90_000, status }),
    });
    expect(deliver(event)).toEqual({
      eventId: `evt_${type}`,
      type,
      paymentRef: 'pi_2',
      amountVnd: 90_000,
      currency: 'vnd',
      occurredAt: NOW.toISOString(),
    });
  });

  it('takes the received amount, not the requested one, for succeeded', () => {
    const event = deliver(succeededEvent({ amountReceived: 1_000_000 }));
    expect(event).toMatchObject({ type: 'succeeded', amountVnd: 1_000_000 });
  });

  it('maps charge.refunded to the captured amount and the cumulative refunded total', () => {
    const event = stripeEventFixture({
      id: 'evt_refund',
      type: 'charge.refunded',
      created: NOW_SECONDS,
      object: chargeFixture({ id: 'ch_1', paymentIntentId: 'pi_3', amount: 500_000, amountRefunded: 200_000 }),
    });
    expect(deliver(event)).toEqual({
      eventId: 'evt_refund',
      type: 'refunded',
      paymentRef: 'pi_3',
      amountVnd: 500_000,
      refundedVnd: 200_000,
      currency: 'vnd',
      occurredAt: NOW.toISOString(),
    });
  });

  it('reads an expanded payment_intent on a charge', () => {
    const charge = { ...chargeFixture({ id: 'ch_2', paymentIntentId: null, amount: 1, amountRefunded: 1 }) };
    charge.payment_intent = { id: 'pi_expanded', object: 'payment_intent' };
    const event = normaliseStripeEvent(
      stripeEventFixture({ id: 'evt_x', type: 'charge.refunded', created: NOW_SECONDS, object: charge }),
    );
    expect(event).toMatchObject({ type: 'refunded', paymentRef: 'pi_expanded' });
  });

  it('ignores event types outside the allow-list, and charges nongsan did not create', () => {
    const customer = stripeEventFixture({
      id: 'evt_customer',
      type: 'customer.created',
      created: NOW_SECONDS,
      object: { id: 'cus_1', object: 'customer' },
    });
    expect(deliver(customer)).toEqual({
      eventId: 'evt_customer',
      type: 'ignored',
      providerType: 'customer.created',
      occurredAt: NOW.toISOString(),
    });
    // payment_intent.created is real and signed, but not something the state machine acts on.
    const created = stripeEventFixture({
      id: 'evt_created',
      type: 'payment_intent.created',
      created: NOW_SECONDS,
      object: paymentIntentFixture({ id: 'pi_4', amount: 1, status: 'requires_payment_method' }),
    });
    expect(deliver(created)).toMatchObject({ type: 'ignored', providerType: 'payment_intent.created' });
    const orphanCharge = stripeEventFixture({
      id: 'evt_orphan',
      type: 'charge.refunded',
      created: NOW_SECONDS,
      object: chargeFixture({ id: 'ch_3', paymentIntentId: null, amount: 1, amountRefunded: 1 }),
    });
    expect(deliver(orphanCharge)).toMatchObject({ type: 'ignored', providerType: 'charge.refunded' });
  });

  it('refuses a signed event of a handled type whose object lacks the fields we rely on', () => {
    const broken = stripeEventFixture({
      id: 'evt_broken',
      type: 'payment_intent.succeeded',
      created: NOW_SECONDS,
      object: { ...paymentIntentFixture({ id: 'pi_5', amount: 1, status: 'succeeded' }), amount_received: '1' },
    });
    expect(() => deliver(broken)).toThrow(WebhookPayloadError);
    const fractional = stripeEventFixture({
      id: 'evt_fraction',
      type: 'payment_intent.succeeded',
      created: NOW_SECONDS,
      object: paymentIntentFixture({ id: 'pi_6', amount: 1, amountReceived: 0.5, status: 'succeeded' }),
    });
    expect(() => deliver(fractional)).toThrow(WebhookPayloadError);
  });

  it('refuses a signed body that is not a JSON event', () => {
    // The body itself is signed, so only the JSON step can fail.
    const raw = 'not json at all';
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: raw,
      secret: SECRET,
      timestamp: NOW_SECONDS,
    });
    expect(() => provider.parseEvent(raw, { 'stripe-signature': signature })).toThrow(WebhookPayloadError);
  });
});
