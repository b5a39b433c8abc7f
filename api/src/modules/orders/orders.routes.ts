import { createRoute } from '@hono/zod-openapi';
import {
  CartQuoteRequestSchema,
  CartQuoteSchema,
  FinalWeightsSchema,
  IdempotencyKeySchema,
  IdSchema,
  OrderCreateSchema,
  OrderListQuerySchema,
  OrderPageSchema,
  OrderPlacedSchema,
  OrderSchema,
  type SellerAction,
  SellerFulfilmentPageSchema,
  SellerFulfilmentSchema,
  SellerOrdersQuerySchema,
} from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import { quoteCart } from './cart-quote.service.ts';
import { recordFinalWeights } from './final-weight.service.ts';
import * as fulfilments from './fulfilments.service.ts';
import type { OrderNeeds } from './order-payment-hooks.ts';
import { getOrder, listMyOrders, listSellerFulfilments } from './order-reads.service.ts';
import { placeOrder } from './place-order.service.ts';

const OrderParams = z.object({ orderId: IdSchema });
const FulfilmentParams = z.object({ fulfilmentId: IdSchema });

const quoteRoute = createRoute({
  method: 'post',
  path: '/cart/quote',
  tags: ['orders'],
  summary: 'Price a cart: current prices, stock, split by seller, delivery options and fees, totals',
  description:
    'The cart lives in the browser; prices and fees come from here, never from it. Each item says what ' +
    'stops it from being ordered (`problem`). Sellers without a delivery choice are quoted for pickup. Anyone may ask.',
  request: { body: jsonBody(CartQuoteRequestSchema) },
  responses: {
    200: json(CartQuoteSchema, 'The quote'),
    ...errorsFor(400, 413, 415, 422),
  },
});

const placeOrderRoute = createRoute({
  method: 'post',
  path: '/orders',
  tags: ['orders'],
  summary: 'Place an order (split into one fulfilment per seller)',
  description: [
    'Delivery is chosen per seller: `delivery` applies to every seller in the cart, and',
    '`deliveries: { [sellerId]: { method, address? } }` sets it for one seller (and wins over `delivery`).',
    'Every seller must end up with a choice; `address` is required for `delivery` and refused for `pickup`.',
    '',
    'Send an `Idempotency-Key` header (e.g. a UUID made when the buyer pressed "Đặt hàng"): retrying with',
    'the same key and body returns the first answer, the same key with another body is 422',
    '`IDEMPOTENCY_KEY_REUSED`. Keys are per user.',
    '',
    'Stock is taken from lots first-expiring first in the same transaction that checks it: not enough',
    'stock is 409 `INSUFFICIENT_STOCK` with `details: [{ listingId, requested, available }]` for each short',
    'item, and nothing is written. Items that cannot be bought (draft or archived, below the minimum order,',
    'your own shop) and a payment method this deployment does not offer are 422 with the failing fields.',
    '',
    'Cash on delivery waits for the sellers at once; an online payment holds the stock until its deadline.',
  ].join('\n'),
  security: bearer,
  middleware: [signedIn] as const,
  request: {
    headers: z.object({ 'idempotency-key': IdempotencyKeySchema }),
    body: jsonBody(OrderCreateSchema),
  },
  responses: {
    201: json(OrderPlacedSchema, 'Placed (or the replayed first answer for this key)'),
    ...errorsFor(400, 401, 409, 413, 415, 422),
  },
});

const listOrdersRoute = createRoute({
  method: 'get',
  path: '/orders',
  tags: ['orders'],
  summary: 'My orders, newest first',
  security: bearer,
  middleware: [signedIn] as const,
  request: { query: OrderListQuerySchema },
  responses: { 200: json(OrderPageSchema, 'A page of orders'), 401: errors[401], 422: errors[422] },
});

const getOrderRoute = createRoute({
  method: 'get',
  path: '/orders/{orderId}',
  tags: ['orders'],
  summary: 'One order: its buyer sees all of it, a seller team only its own fulfilments',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: OrderParams },
  responses: { 200: json(OrderSchema, 'The order'), 401: errors[401], 404: errors[404] },
});

const cancelOrderRoute = createRoute({
  method: 'post',
  path: '/orders/{orderId}/cancel',
  tags: ['orders'],
  summary: 'Cancel my order: every part not yet shipped; its stock returns',
  description: 'Nothing left to cancel is 409 `INVALID_TRANSITION`. A paid order owes a refund (`payment.status`).',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: OrderParams },
  responses: {
    200: json(OrderSchema, 'The order after cancelling'),
    ...errorsFor(401, 404, 409),
  },
});

const sellerOrdersRoute = createRoute({
  method: 'get',
  path: '/seller/orders',
  tags: ['orders'],
  summary: "A seller's fulfilments to handle, newest first; its owner, managers and staff",
  security: bearer,
  middleware: [signedIn] as const,
  request: { query: SellerOrdersQuerySchema },
  responses: {
    200: json(SellerFulfilmentPageSchema, 'A page of fulfilments'),
    ...errorsFor(401, 404, 422),
  },
});

const ACTION_SUMMARY: Record<SellerAction, string> = {
  confirm: 'Confirm a fulfilment awaiting confirmation',
  ship: 'Mark a confirmed fulfilment shipped (or ready for pickup)',
  deliver: 'Mark a shipped fulfilment delivered (or picked up)',
  cancel: 'Cancel a fulfilment before it ships; its stock returns and the buyer is told',
};

const fulfilmentActionRoute = <A extends SellerAction>(action: A) =>
  createRoute({
    method: 'post',
    path: `/fulfilments/{fulfilmentId}/${action}` as `/fulfilments/{fulfilmentId}/${A}`,
    tags: ['orders'],
    summary: `${ACTION_SUMMARY[action]}; that seller's team`,
    description: 'A move not allowed from the current status is 409 `INVALID_TRANSITION`.',
    security: bearer,
    middleware: [signedIn] as const,
    request: { params: FulfilmentParams },
    responses: {
      200: json(SellerFulfilmentSchema, 'The fulfilment after the move'),
      ...errorsFor(401, 404, 409),
    },
  });

const confirmRoute = fulfilmentActionRoute('confirm');
const shipRoute = fulfilmentActionRoute('ship');
const deliverRoute = fulfilmentActionRoute('deliver');
const cancelFulfilmentRoute = fulfilmentActionRoute('cancel');

const finalWeightsRoute = createRoute({
  method: 'post',
  path: '/fulfilments/{fulfilmentId}/weights',
  tags: ['orders'],
  summary: "Record what lines priced at packing weigh; that seller's team",
  description:
    'Each line is re-priced on its weight and the totals follow (decision 0029). A weight beyond the ' +
    "line's tolerance without `buyerAccepted` is 422 naming `items.N.finalWeight`; after the handover, 409.",
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: FulfilmentParams, body: jsonBody(FinalWeightsSchema) },
  responses: {
    200: json(SellerFulfilmentSchema, 'The fulfilment with its weighed lines'),
    ...errorsFor(401, 404, 409, 422),
  },
});

export function orderRoutes(deps: Deps & OrderNeeds) {
  return createRouter()
    .openapi(quoteRoute, async (c) => {
      return c.json(await quoteCart(deps, c.get('user'), c.req.valid('json')), 200);
    })
    .openapi(placeOrderRoute, async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const placed = await placeOrder(deps, requireUser(c), c.req.valid('json'), key);
      // A replay answers with the stored status; only successes are stored, so it is 201.
      return c.json(placed.body, placed.status as 201);
    })
    .openapi(listOrdersRoute, async (c) => {
      return c.json(await listMyOrders(deps, requireUser(c), c.req.valid('query')), 200);
    })
    .openapi(getOrderRoute, async (c) => {
      return c.json(await getOrder(deps, requireUser(c), c.req.valid('param').orderId), 200);
    })
    .openapi(cancelOrderRoute, async (c) => {
      return c.json(await fulfilments.cancelOrderByBuyer(deps, requireUser(c), c.req.valid('param').orderId), 200);
    })
    .openapi(sellerOrdersRoute, async (c) => {
      return c.json(await listSellerFulfilments(deps, requireUser(c), c.req.valid('query')), 200);
    })
    .openapi(confirmRoute, async (c) => {
      const { fulfilmentId } = c.req.valid('param');
      return c.json(await fulfilments.moveFulfilment(deps, requireUser(c), fulfilmentId, 'confirm'), 200);
    })
    .openapi(shipRoute, async (c) => {
      const { fulfilmentId } = c.req.valid('param');
      return c.json(await fulfilments.moveFulfilment(deps, requireUser(c), fulfilmentId, 'ship'), 200);
    })
    .openapi(deliverRoute, async (c) => {
      const { fulfilmentId } = c.req.valid('param');
      return c.json(await fulfilments.moveFulfilment(deps, requireUser(c), fulfilmentId, 'deliver'), 200);
    })
    .openapi(cancelFulfilmentRoute, async (c) => {
      const { fulfilmentId } = c.req.valid('param');
      return c.json(await fulfilments.moveFulfilment(deps, requireUser(c), fulfilmentId, 'cancel'), 200);
    })
    .openapi(finalWeightsRoute, async (c) => {
      const { fulfilmentId } = c.req.valid('param');
      return c.json(await recordFinalWeights(deps, requireUser(c), fulfilmentId, c.req.valid('json')), 200);
    });
}
