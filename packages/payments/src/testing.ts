import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import jsQR from 'jsqr';
import Stripe from 'stripe';
import { STRIPE_API_VERSION } from './stripe.provider.ts';

// Test helpers: a local stand-in for api.stripe.com that the real SDK talks to, and signed
// webhook deliveries. For tests only (this package's and the API's); nothing here runs in
// production.

export type RecordedStripeRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The form-encoded body decoded to flat keys as Stripe sends them (`metadata[orderId]`). */
  form: Record<string, string>;
};

type JsonObject = Record<string, unknown>;

export type FakeStripeServer = {
  /** Pass as `StripeConfig.api`. */
  readonly api: { host: string; port: number; protocol: 'http' };
  /** Every request received, in order. */
  readonly requests: RecordedStripeRequest[];
  /** PaymentIntents created so far, by id, as last answered. */
  readonly paymentIntents: Map<string, JsonObject>;
  /** The next request is answered with this status and Stripe error body instead of normally. */
  failNext(status: number, error: { type: string; code?: string; message: string }): void;
  close(): Promise<void>;
};

function stripeError(type: string, message: string, code?: string): JsonObject {
  return { error: { type, message, ...(code === undefined ? {} : { code }) } };
}

function metadataOf(form: Record<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const match = /^metadata\[(.+)\]$/.exec(key);
    if (match) metadata[match[1]!] = value;
  }
  return metadata;
}

/**
 * Starts a local HTTP server answering the Stripe endpoints nongsan calls
 * (`POST /v1/payment_intents`, `POST /v1/refunds`) with realistic JSON, and replaying the first
 * answer for a repeated `Idempotency-Key` the way Stripe does (and refusing the key when it comes
 * back with different parameters). `port`: a fixed one (the browser tests' API is configured
 * with it before the server starts); a free one by default.
 */
export async function startFakeStripeServer(options: { port?: number } = {}): Promise<FakeStripeServer> {
  const requests: RecordedStripeRequest[] = [];
  const paymentIntents = new Map<string, JsonObject>();
  const idempotent = new Map<string, { body: string; status: number; response: JsonObject }>();
  let failure: { status: number; body: JsonObject } | null = null;
  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}_fake${String(++sequence).padStart(8, '0')}`;
  const created = () => Math.floor(Date.now() / 1000);

  function handle(method: string, path: string, form: Record<string, string>): { status: number; body: JsonObject } {
    if (method === 'POST' && path === '/v1/payment_intents') {
      const id = nextId('pi');
      const intent: JsonObject = {
        id,
        object: 'payment_intent',
        amount: Number(form.amount),
        amount_capturable: 0,
        amount_received: 0,
        automatic_payment_methods:
          form['automatic_payment_methods[enabled]'] === 'true' ? { allow_redirects: 'always', enabled: true } : null,
        capture_method: 'automatic_async',
        client_secret: `${id}_secret_${'x'.repeat(16)}`,
        confirmation_method: 'automatic',
        created: created(),
        currency: form.currency,
        description: form.description ?? null,
        latest_charge: null,
        livemode: false,
        metadata: metadataOf(form),
        payment_method: null,
        payment_method_types: ['card'],
        status: 'requires_payment_method',
      };
      paymentIntents.set(id, intent);
      return { status: 200, body: intent };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = paymentIntents.get(form.payment_intent ?? '');
      if (intent === undefined) {
        return {
          status: 404,
          body: stripeError(
            'invalid_request_error',
            `No such payment_intent: '${form.payment_intent}'`,
            'resource_missing',
          ),
        };
      }
      const amount = form.amount === undefined ? Number(intent.amount) : Number(form.amount);
      if (amount > Number(intent.amount)) {
        return {
          status: 400,
          body: stripeError(
            'invalid_request_error',
            'Refund amount is greater than the charge amount',
            'amount_too_large',
          ),
        };
      }
      return {
        status: 200,
        body: {
          id: nextId('re'),
          object: 'refund',
          amount,
          charge: `ch_for_${intent.id}`,
          created: created(),
          currency: intent.currency,
          metadata: metadataOf(form),
          payment_intent: intent.id,
          reason: null,
          status: 'succeeded',
        },
      };
    }
    return { status: 404, body: stripeError('invalid_request_error', `Unrecognized request URL (${method}: ${path})`) };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const form = Object.fromEntries(new URLSearchParams(rawBody));
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method, path, headers: req.headers, form });

      let status: number;
      let body: JsonObject;
      const key = req.headers['idempotency-key'];
      const replay = typeof key === 'string' ? idempotent.get(`${path}\u0000${key}`) : undefined;
      if (failure !== null) {
        ({ status, body } = failure);
        failure = null;
      } else if (replay !== undefined && replay.body !== rawBody) {
        status = 400;
        body = stripeError(
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with.`,
        );
      } else if (replay !== undefined) {
        ({ status, response: body } = replay);
      } else {
        ({ status, body } = handle(method, path, form));
        if (typeof key === 'string' && status < 500) {
          idempotent.set(`${path}\u0000${key}`, { body: rawBody, status, response: body });
        }
      }
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_fake${String(requests.length).padStart(6, '0')}`,
        ...(typeof key === 'string' ? { 'idempotency-key': key } : {}),
        'stripe-version': STRIPE_API_VERSION,
      });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    api: { host: '127.0.0.1', port, protocol: 'http' },
    requests,
    paymentIntents,
    failNext(status, error) {
      failure = { status, body: stripeError(error.type, error.message, error.code) };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A Stripe event envelope as Stripe delivers it. `created` is in seconds. */
export function stripeEventFixture(options: {
  id: string;
  type: string;
  object: JsonObject;
  created: number;
}): JsonObject {
  return {
    id: options.id,
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: options.created,
    data: { object: options.object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: options.type,
  };
}

/** A PaymentIntent object as it appears inside an event. */
export function paymentIntentFixture(options: {
  id: string;
  amount: number;
  amountReceived?: number;
  currency?: string;
  status: string;
  orderId?: string;
}): JsonObject {
  return {
    id: options.id,
    object: 'payment_intent',
    amount: options.amount,
    amount_received: options.amountReceived ?? 0,
    currency: options.currency ?? 'vnd',
    metadata: options.orderId === undefined ? {} : { orderId: options.orderId },
    status: options.status,
    livemode: false,
  };
}

/** A Charge object (as in `charge.refunded`). */
export function chargeFixture(options: {
  id: string;
  paymentIntentId: string | null;
  amount: number;
  amountRefunded: number;
  currency?: string;
}): JsonObject {
  return {
    id: options.id,
    object: 'charge',
    amount: options.amount,
    amount_captured: options.amount,
    amount_refunded: options.amountRefunded,
    captured: true,
    currency: options.currency ?? 'vnd',
    payment_intent: options.paymentIntentId,
    refunded: options.amountRefunded >= options.amount,
    status: 'succeeded',
    livemode: false,
  };
}

/**
 * A webhook delivery signed like Stripe signs it. `timestamp` (seconds) defaults to now; pass the
 * test clock's time, or an older one to test the tolerance.
 */
export function signedStripeWebhook(options: { event: JsonObject; secret: string; timestamp?: number }): {
  rawBody: string;
  headers: Record<string, string>;
} {
  const rawBody = JSON.stringify(options.event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: rawBody,
    secret: options.secret,
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  });
  return { rawBody, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
}

/**
 * Rasterises the SVG qrcode draws: a white background and one stroked path of horizontal runs
 * (`M x y.5`, `h n`, `m dx dy`), one unit per module. Enough of SVG to read its own output.
 */
function rasteriseQrSvg(svg: string, scale: number): { rgba: Uint8ClampedArray; width: number } {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg);
  if (!viewBox || !path) throw new Error('not an SVG drawn by qrcode');
  const units = Number(viewBox[1]);
  const width = units * scale;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, command, args] of path[1]!.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const numbers = args!
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (command === 'M') [x, y] = [numbers[0]!, numbers[1]!];
    else if (command === 'm') [x, y] = [x + numbers[0]!, y + numbers[1]!];
    else if (command === 'H' || command === 'h') {
      const to = command === 'H' ? numbers[0]! : x + numbers[0]!;
      const row = Math.floor(y);
      for (let column = x; column < to; column++) {
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const at = ((row * scale + dy) * width + column * scale + dx) * 4;
            rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
          }
        }
      }
      x = to;
    }
  }
  return { rgba, width };
}

/** What a QR code drawn by renderQrSvg says, read back with a real QR reader (jsqr); null if unreadable. */
export function decodeQrSvg(svg: string): string | null {
  const { rgba, width } = rasteriseQrSvg(svg, 4);
  return jsQR(rgba, width, width)?.data ?? null;
}
