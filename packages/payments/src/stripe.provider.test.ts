import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { PaymentProviderError } from './errors.ts';
import type { PaymentOrder } from './payment-provider.ts';
import { createStripeProvider, STRIPE_API_VERSION, type StripeConfig } from './stripe.provider.ts';
import { type FakeStripeServer, startFakeStripeServer } from './testing.ts';

// The real stripe SDK against a local HTTP server: what goes over the wire is what Stripe gets.

let fake: FakeStripeServer;
let config: StripeConfig;

beforeAll(async () => {
  fake = await startFakeStripeServer();
  config = {
    secretKey: 'sk_test_nongsan',
    publishableKey: 'pk_test_nongsan',
    webhookSecret: 'whsec_nongsan',
    api: fake.api,
    maxNetworkRetries: 0,
  };
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const order: PaymentOrder = {
  orderId: 'ord_01J9Z',
  orderCode: 'K7Q2MX',
  amountVnd: 1_250_000,
  description: 'Chè Tân Cương 500 g × 5',
  buyerPhone: '+84912345678',
};

describe('stripe start', () => {
  it('creates a PaymentIntent for the integer đồng total in vnd, keyed by order attempt', async () => {
    const start = await createStripeProvider(config).start(order, 1);

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/v1/payment_intents');
    expect(request!.form).toEqual({
      amount: '1250000',
      currency: 'vnd',
      'automatic_payment_methods[enabled]': 'true',
      description: 'Chè Tân Cương 500 g × 5',
      'metadata[orderId]': 'ord_01J9Z',
      'metadata[orderCode]': 'K7Q2MX',
      'metadata[attempt]': '1',
    });
    expect(request!.headers['idempotency-key']).toBe('order:ord_01J9Z:attempt:1');
    expect(request!.headers['stripe-version']).toBe(STRIPE_API_VERSION);
    expect(request!.headers.authorization).toBe('Bearer sk_test_nongsan');
    // The buyer's phone number is not sent to Stripe.
    expect(JSON.stringify(request!.form)).not.toContain('912345678');

    const intent = fake.paymentIntents.get(start.paymentIntentId)!;
    expect(start).toEqual({
      method: 'stripe',
      paymentRef: start.paymentIntentId,
      paymentIntentId: intent.id,
      clientSecret: intent.client_secret,
      publishableKey: 'pk_test_nongsan',
      amountVnd: 1_250_000,
    });
  });

  it('sends the same idempotency key for a retried attempt and a new one for the next attempt', async () => {
    const provider = createStripeProvider(config);
    const first = await provider.start(order, 2);
    const retried = await createStripeProvider(config).start(order, 2);
    const next = await provider.start(order, 3);

    const keys = fake.requests.map((request) => request.headers['idempotency-key']);
    expect(keys).toEqual(['order:ord_01J9Z:attempt:2', 'order:ord_01J9Z:attempt:2', 'order:ord_01J9Z:attempt:3']);
    // Stripe replays the first answer for a repeated key: one PaymentIntent per attempt.
    expect(retried.paymentIntentId).toBe(first.paymentIntentId);
    expect(next.paymentIntentId).not.toBe(first.paymentIntentId);
  });

  it('is refused when the same attempt comes back with a different amount', async () => {
    const provider = createStripeProvider(config);
    await provider.start({ ...order, orderId: 'ord_changed' }, 1);
    const error = await provider.start({ ...order, orderId: 'ord_changed', amountVnd: 1_300_000 }, 1).catch((e) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', provider: 'stripe', status: 400 });
  });

  it('reports Stripe 5xx answers as PROVIDER_UNAVAILABLE (retry later with the same attempt)', async () => {
    fake.failNext(503, { type: 'api_error', message: 'Stripe is having a moment' });
    const error = await createStripeProvider(config)
      .start(order, 9)
      .catch((e) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 503 });
  });

  it('reports a refused request as PROVIDER_REJECTED with Stripe’s code', async () => {
    fake.failNext(400, { type: 'invalid_request_error', code: 'amount_too_small', message: 'Amount too small' });
    const error = await createStripeProvider(config)
      .start({ ...order, orderId: 'ord_small', amountVnd: 1_000 }, 1)
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: 'amount_too_small', status: 400 });
  });

  it.each([
    ['a fractional amount', { ...order, amountVnd: 1_250_000.5 }, 1],
    ['a zero amount', { ...order, amountVnd: 0 }, 1],
    ['attempt 0', order, 0],
  ])('refuses %s without calling Stripe', async (_, badOrder, attempt) => {
    await expect(createStripeProvider(config).start(badOrder, attempt)).rejects.toThrow(RangeError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('stripe refund', () => {
  it('refunds through the Refund API with one idempotency key per refund', async () => {
    const provider = createStripeProvider(config);
    const { paymentIntentId } = await provider.start({ ...order, orderId: 'ord_refund' }, 1);
    fake.requests.length = 0;

    const payment = { orderId: 'ord_refund', paymentRef: paymentIntentId, refundId: 'rfd_1' };
    const result = await provider.refund(payment, 250_000);
    const retried = await provider.refund(payment, 250_000);
    await provider.refund({ ...payment, refundId: 'rfd_2' }, 100_000);

    expect(fake.requests.map((request) => [request.path, request.headers['idempotency-key']])).toEqual([
      ['/v1/refunds', 'order:ord_refund:refund:rfd_1'],
      ['/v1/refunds', 'order:ord_refund:refund:rfd_1'],
      ['/v1/refunds', 'order:ord_refund:refund:rfd_2'],
    ]);
    expect(fake.requests[0]!.form).toEqual({
      payment_intent: paymentIntentId,
      amount: '250000',
      'metadata[orderId]': 'ord_refund',
      'metadata[refundId]': 'rfd_1',
    });
    expect(result).toEqual({ status: 'succeeded', amountVnd: 250_000, refundRef: expect.stringMatching(/^re_/) });
    expect(retried.refundRef).toBe(result.refundRef);
  });

  it('reports a refund larger than the charge as PROVIDER_REJECTED', async () => {
    const provider = createStripeProvider(config);
    const { paymentIntentId } = await provider.start({ ...order, orderId: 'ord_big_refund' }, 1);
    const error = await provider
      .refund({ orderId: 'ord_big_refund', paymentRef: paymentIntentId, refundId: 'rfd_x' }, 1_250_001)
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: 'amount_too_large' });
  });

  it('refuses a fractional refund without calling Stripe', async () => {
    const provider = createStripeProvider(config);
    await expect(provider.refund({ orderId: 'o', paymentRef: 'pi_1', refundId: 'r' }, 10.5)).rejects.toThrow(
      RangeError,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('stripe config', () => {
  it.each([
    ['a publishable key as the secret key', { ...configBase(), secretKey: 'pk_test_x' }],
    ['a missing webhook secret', { ...configBase(), webhookSecret: '' }],
    ['an unknown field', { ...configBase(), currency: 'usd' }],
  ])('refuses %s', (_, bad) => {
    expect(() => createStripeProvider(bad as StripeConfig)).toThrow(ZodError);
  });
});

function configBase(): StripeConfig {
  return { secretKey: 'sk_test_a', publishableKey: 'pk_test_a', webhookSecret: 'whsec_a' };
}
