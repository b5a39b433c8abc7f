import { createRoute, z } from '@hono/zod-openapi';
import {
  AfterDeliveryRefundCreateSchema,
  BankTransferListQuerySchema,
  BankTransferPageSchema,
  BankTransferReceivedSchema,
  CashCollectedRequestSchema,
  CashCollectedResultSchema,
  IdSchema,
  MAX_BANK_STATEMENT_BYTES,
  OrderResultSchema,
  PaymentMethodsSchema,
  RefundCompleteSchema,
  RefundCreatedSchema,
  RefundListQuerySchema,
  RefundPageSchema,
  RefundSchema,
  StatementImportQuerySchema,
  StatementImportResultSchema,
  StripeClientSchema,
} from '@nongsan/contracts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, ErrorEnvelopeSchema, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import type { OrderNeeds } from '../orders/index.ts';
import { importBankStatement } from './bank-statement-import.service.ts';
import * as bank from './bank-transfer.service.ts';
import * as cash from './cash.service.ts';
import * as refunds from './refunds.service.ts';
import * as stripe from './stripe.service.ts';

const OrderParams = z.object({ orderId: IdSchema });

const methodsRoute = createRoute({
  method: 'get',
  path: '/payments/methods',
  tags: ['payments'],
  summary: 'The ways to pay this marketplace offers, and the Stripe key the browser uses',
  responses: { 200: json(PaymentMethodsSchema, 'The methods, in the order to offer them') },
});

const startStripeRoute = createRoute({
  method: 'post',
  path: '/orders/{orderId}/payment/stripe',
  tags: ['payments'],
  summary: "Start or resume the card payment of my order (its buyer); answers what Stripe's Payment Element needs",
  description: [
    'Idempotent: while an attempt can still be paid (a declined card may be retried on it), the same',
    'attempt is answered; a new one is made only after the last was cancelled. Stripe not answering is',
    '503 `SERVICE_UNAVAILABLE` (the order stands; try again). An order not paid by card, or no longer',
    'waiting for its money, is 409 `CONFLICT`.',
  ].join(' '),
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: OrderParams },
  responses: {
    200: json(StripeClientSchema, 'The attempt to pay'),
    401: errors[401],
    402: json(ErrorEnvelopeSchema, 'Stripe refused (PAYMENT_FAILED)'),
    ...errorsFor(404, 409),
    503: json(ErrorEnvelopeSchema, 'Stripe is not answering (SERVICE_UNAVAILABLE)'),
  },
});

const webhookRoute = createRoute({
  method: 'post',
  path: '/payments/stripe/webhook',
  tags: ['payments'],
  summary: "Stripe's signed events (set this URL as the webhook endpoint in the Stripe dashboard)",
  description: [
    'The body is the raw event as Stripe sent it, with the `Stripe-Signature` header. The signature and',
    'its age (at most 300 s) are verified before anything in the body is read: a bad signature or an old',
    'timestamp is 400 `BAD_REQUEST` and writes nothing. Handled: payment_intent.processing, succeeded,',
    'payment_failed, canceled and charge.refunded; any other type is recorded and acknowledged. Each',
    'event id is applied once, whatever the number or order of deliveries.',
  ].join(' '),
  responses: {
    200: json(z.object({ received: z.literal(true) }), 'Received (also a repeated delivery)'),
    ...errorsFor(400, 404, 413),
  },
});

const qrRoute = createRoute({
  method: 'get',
  path: '/orders/{orderId}/payment/qr.svg',
  tags: ['payments'],
  summary: 'The VietQR code of a bank-transfer order (its buyer and operators)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: OrderParams },
  responses: {
    200: { description: 'The QR code', content: { 'image/svg+xml': { schema: z.string() } } },
    ...errorsFor(401, 404),
  },
});

const receivedRoute = createRoute({
  method: 'post',
  path: '/orders/{orderId}/payment/received',
  tags: ['payments'],
  summary: 'Record a bank transfer that arrived for an order (operators)',
  description: [
    'Exactly the order total pays it. Any other amount is recorded and the payment is flagged',
    '(`payment.flagged.reason` `amount_mismatch`); the order is not paid. A later transfer of the',
    'rest pays it. An order already paid is 409; one cancelled meanwhile is paid and owed back in full.',
  ].join(' '),
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: OrderParams, body: jsonBody(BankTransferReceivedSchema) },
  responses: {
    200: json(OrderResultSchema, 'The order after recording'),
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

/**
 * What a statement may be sent as: a form with the field `file` (what the storefront sends), or
 * the file itself as `text/csv`. Nothing else: a `text/plain` body needs no CORS preflight, so a
 * foreign page could send one (decision 0021).
 */
const RAW_STATEMENT_TYPES = ['text/csv'];
const StatementFormSchema = z.object({ file: z.file().openapi({ type: 'string', format: 'binary' }) }).strict();

const statementRoute = createRoute({
  method: 'post',
  path: '/payments/bank-statements',
  tags: ['payments'],
  summary: "Import the marketplace account's statement: preview, then apply (operators)",
  description: [
    'The CSV as the bank exports it (UTF-8, UTF-16 or Windows-1258; comma, semicolon or tab; at most',
    '10 MB), as the multipart field `file` or as the body itself. Credits are matched to orders waiting',
    'for a transfer by their reference (`NS` + order code) and amount. `preview` writes nothing. `apply`',
    'records every matched credit in one transaction, or nothing: any mismatched row is 422 with the',
    'rows in `details` (record those by hand first). A transaction recorded by an earlier import is a',
    'duplicate: importing a file twice pays nothing twice.',
  ].join(' '),
  security: bearer,
  middleware: [signedIn] as const,
  request: {
    query: StatementImportQuerySchema,
    body: {
      required: false,
      content: {
        'multipart/form-data': { schema: StatementFormSchema },
        ...Object.fromEntries(RAW_STATEMENT_TYPES.map((type) => [type, { schema: { type: 'string' as const } }])),
      },
    },
  },
  responses: {
    200: json(StatementImportResultSchema, 'What each row matched (preview) or did (apply)'),
    ...errorsFor(401, 403, 409, 413, 415, 422),
  },
});

const transfersRoute = createRoute({
  method: 'get',
  path: '/payments/transfers',
  tags: ['payments'],
  summary: 'Bank-transfer orders: awaiting money, flagged for review, or all (operators)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { query: BankTransferListQuerySchema },
  responses: {
    200: json(BankTransferPageSchema, 'A page of orders, newest first'),
    ...errorsFor(401, 403, 422),
  },
});

const cashRoute = createRoute({
  method: 'post',
  path: '/fulfilments/{fulfilmentId}/cash-collected',
  tags: ['payments'],
  summary: 'Record the cash collected for a fulfilment handed over (cash on delivery; that seller team)',
  description: [
    "The amount must be the fulfilment's total (422 otherwise). The order is paid once every part",
    'still live has its cash recorded. Recording it again changes nothing. Not shipped or delivered yet',
    'is 409 `INVALID_TRANSITION`; an order not paid in cash is 409 `CONFLICT`.',
  ].join(' '),
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: z.object({ fulfilmentId: IdSchema }), body: jsonBody(CashCollectedRequestSchema) },
  responses: {
    200: json(CashCollectedResultSchema, 'The fulfilment and the order'),
    ...errorsFor(400, 401, 404, 409, 413, 415, 422),
  },
});

const refundsRoute = createRoute({
  method: 'get',
  path: '/refunds',
  tags: ['payments'],
  summary: 'Refunds, newest first, by status (operators)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { query: RefundListQuerySchema },
  responses: {
    200: json(RefundPageSchema, 'A page of refunds'),
    ...errorsFor(401, 403, 422),
  },
});

const completeRefundRoute = createRoute({
  method: 'post',
  path: '/refunds/{refundId}/complete',
  tags: ['payments'],
  summary: 'Record a refund transferred back by hand (operators)',
  description:
    'For bank-transfer refunds, and card refunds Stripe refused. A card refund on its way through Stripe, ' +
    'or one already completed, is 409.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: z.object({ refundId: IdSchema }), body: jsonBody(RefundCompleteSchema) },
  responses: {
    200: json(RefundSchema, 'The refund, completed'),
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const afterDeliveryRefundRoute = createRoute({
  method: 'post',
  path: '/fulfilments/{fulfilmentId}/refunds',
  tags: ['payments'],
  summary: 'Give money back for a delivered fulfilment: spoiled, short or damaged goods (its owner, coop managers)',
  description: [
    "At most what is left to refund of the named item's line total (`orderItemId`), or of the part's",
    'goods when no item is named; more is 422 `VALIDATION_FAILED` with `details[0].refundableVnd`. Only',
    'a delivered part (409 `INVALID_TRANSITION` otherwise) whose money arrived: an online order paid, or',
    "cash on delivery with this part's cash recorded (409 `CONFLICT` otherwise). The money goes back",
    'the way it came: card refunds are sent to Stripe by a job, bank refunds are transferred by an',
    'operator (`POST /refunds/{refundId}/complete`), cash was handed back by the seller and is completed',
    'at once. The order is `refund_pending` until the refund is completed, then `paid` again.',
    "Cooperative staff get 403; anyone outside the seller's team 404.",
  ].join(' '),
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: z.object({ fulfilmentId: IdSchema }), body: jsonBody(AfterDeliveryRefundCreateSchema) },
  responses: {
    201: json(RefundCreatedSchema, 'The refund'),
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

async function statementBytes(
  c: { req: { header(name: string): string | undefined; arrayBuffer(): Promise<ArrayBuffer> } },
  form: unknown,
): Promise<Uint8Array> {
  const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === 'multipart/form-data') {
    const { file } = form as z.infer<typeof StatementFormSchema>;
    return new Uint8Array(await file.arrayBuffer());
  }
  if (!RAW_STATEMENT_TYPES.includes(contentType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      message: 'send the statement as the multipart field `file`, or the CSV itself as text/csv',
      details: { accepted: ['multipart/form-data', ...RAW_STATEMENT_TYPES] },
    });
  }
  return new Uint8Array(await c.req.arrayBuffer());
}

export function paymentRoutes(deps: Deps & OrderNeeds) {
  return createRouter()
    .openapi(methodsRoute, (c) => {
      const stripeConfig = deps.env.payments.stripe;
      return c.json(
        {
          methods: [...deps.env.orders.paymentMethods],
          stripe: stripeConfig ? { publishableKey: stripeConfig.publishableKey } : null,
        },
        200,
      );
    })
    .openapi(startStripeRoute, async (c) => {
      const { orderId } = c.req.valid('param');
      return c.json(await stripe.startStripePaymentForBuyer(deps, requireUser(c), orderId), 200);
    })
    .openapi(webhookRoute, async (c) => {
      // The raw text, exactly as Stripe signed it: nothing parses the body before the signature
      // check (this route declares no body schema, so no JSON validator runs ahead of it).
      const rawBody = await c.req.text();
      return c.json(await stripe.receiveStripeWebhook(deps, rawBody, c.req.raw.headers), 200);
    })
    .openapi(qrRoute, async (c) => {
      const svg = await bank.renderOrderQr(deps, requireUser(c), c.req.valid('param').orderId);
      return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'private, no-store' });
    })
    .openapi(receivedRoute, async (c) => {
      const { orderId } = c.req.valid('param');
      return c.json(await bank.markTransferReceived(deps, requireUser(c), orderId, c.req.valid('json')), 200);
    })
    .openapi(statementRoute, async (c) => {
      const user = requireUser(c);
      const bytes = await statementBytes(c, c.req.valid('form'));
      if (bytes.byteLength > MAX_BANK_STATEMENT_BYTES) {
        throw new AppError('PAYLOAD_TOO_LARGE', { message: 'a statement may be at most 10 MB' });
      }
      return c.json(await importBankStatement(deps, user, { bytes, mode: c.req.valid('query').mode }), 200);
    })
    .openapi(transfersRoute, async (c) => {
      return c.json(await bank.listBankTransfers(deps, requireUser(c), c.req.valid('query')), 200);
    })
    .openapi(cashRoute, async (c) => {
      const { fulfilmentId } = c.req.valid('param');
      return c.json(await cash.recordCashCollected(deps, requireUser(c), fulfilmentId, c.req.valid('json')), 200);
    })
    .openapi(refundsRoute, async (c) => {
      return c.json(await refunds.listRefunds(deps, requireUser(c), c.req.valid('query')), 200);
    })
    .openapi(completeRefundRoute, async (c) => {
      const { refundId } = c.req.valid('param');
      return c.json(await refunds.completeRefund(deps, requireUser(c), refundId, c.req.valid('json')), 200);
    })
    .openapi(afterDeliveryRefundRoute, async (c) => {
      const { fulfilmentId } = c.req.valid('param');
      const created = await refunds.refundAfterDelivery(deps, requireUser(c), fulfilmentId, c.req.valid('json'));
      return c.json(created, 201);
    });
}
