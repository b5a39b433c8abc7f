import { createHash } from 'node:crypto';
import {
  type CartQuote,
  type CartQuoteRequest,
  type DeliveryChoice,
  type DeliveryOffer,
  deliveryFeeFor,
  lineTotalVnd,
  MAX_ORDER_TOTAL_VND,
  type Order,
  type OrderCreate,
  type OrderListQuery,
  type OrderPage,
  type OrderPlaced,
  type QuotedItem,
  type SellerFulfilmentPage,
  type SellerOrdersQuery,
  sumTotals,
} from '@nongsan/contracts';
import { newId, randomToken, type Tx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { accessibleIds, requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import type { FieldIssue } from '../../lib/router.ts';
import { allocateFefoMany, findStockOfListings } from '../inventory/index.ts';
import type { PaymentHookDeps } from './order-payment-hooks.ts';
import { addHours, addMinutes, confirmationJobs, type JobSpec, paymentDeadlineJob } from './order-schedule.ts';
import { groupItems, provinceRef, toOrder, toSellerFulfilment, unitEntry } from './order-views.ts';
import * as repo from './orders.repo.ts';

export type OrderDeps = PaymentHookDeps;

/** Listings in these states can be bought (sold_out ones when stock came back since). */
const SELLABLE = new Set(['active', 'sold_out']);

/** Attempts at a fresh order code when one collides with an existing order's (a unique index says so). */
const CODE_ATTEMPTS = 3;

const invalid = (issues: FieldIssue[], message = 'request failed validation') =>
  new AppError('VALIDATION_FAILED', { message, details: issues });

/** `NS-` and six letters or digits of the Crockford alphabet: 30 bits, no look-alikes, easy to say. */
export function newOrderCode(): string {
  return `NS-${randomToken(6).toUpperCase()}`;
}

// ---- delivery choices -----------------------------------------------------------------------

type ResolvedChoice = DeliveryChoice & { path: string };

/**
 * Each seller's delivery choice: `deliveries[sellerId]`, else `delivery`. A key of `deliveries`
 * that is not a seller in the cart is refused (it would silently do nothing). Without any choice,
 * a quote assumes pickup; an order is refused.
 */
function resolveChoices(
  input: { delivery?: DeliveryChoice | undefined; deliveries?: Record<string, DeliveryChoice> | undefined },
  sellerIds: readonly string[],
  mode: 'quote' | 'order',
): { choices: Map<string, ResolvedChoice | null>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const inCart = new Set(sellerIds);
  for (const key of Object.keys(input.deliveries ?? {})) {
    if (!inCart.has(key)) {
      issues.push({ path: `deliveries.${key}`, code: 'not_in_cart', message: 'no item of this seller is in the cart' });
    }
  }
  const choices = new Map<string, ResolvedChoice | null>();
  for (const sellerId of sellerIds) {
    const own = input.deliveries?.[sellerId];
    if (own) choices.set(sellerId, { ...own, path: `deliveries.${sellerId}` });
    else if (input.delivery) choices.set(sellerId, { ...input.delivery, path: 'delivery' });
    else {
      choices.set(sellerId, null);
      if (mode === 'order') {
        issues.push({ path: `deliveries.${sellerId}`, code: 'required', message: 'choose pickup or delivery' });
      }
    }
  }
  return { choices, issues };
}

/** The seller's delivery terms as the quote publishes them (and as pricing reads them). */
const deliveryOffer = (seller: repo.CartListingRow['seller']): DeliveryOffer =>
  seller.offersDelivery ? { feeVnd: seller.deliveryFeeVnd, freeOverVnd: seller.freeDeliveryOverVnd } : null;

const deliveryOptions = (seller: repo.CartListingRow['seller']) => ({
  pickup: { feeVnd: 0 as const, address: seller.pickupAddress, hours: seller.pickupHours },
  delivery: deliveryOffer(seller),
});

/** Items grouped by seller, sellers in the order they first appear in the cart. */
function groupBySeller<T extends { row: repo.CartListingRow }>(lines: readonly T[]) {
  const groups = new Map<string, { seller: repo.CartListingRow['seller']; lines: T[] }>();
  for (const line of lines) {
    const group = groups.get(line.row.seller.id) ?? { seller: line.row.seller, lines: [] };
    group.lines.push(line);
    groups.set(line.row.seller.id, group);
  }
  return [...groups.values()];
}

const sellerRef = (seller: repo.CartListingRow['seller']) => ({
  id: seller.id,
  name: seller.name,
  kind: seller.kind,
  province: provinceRef(seller.provinceId),
});

// ---- quote ----------------------------------------------------------------------------------

/**
 * Prices a cart from what the database says now: prices, stock (per item, and what is short),
 * the split by seller with each seller's delivery options and fee, and totals in đồng. Anyone may
 * ask; a signed-in buyer also learns which items are their own seller's (not orderable).
 */
export async function quoteCart(
  deps: OrderDeps,
  viewer: SessionUser | null,
  input: CartQuoteRequest,
): Promise<CartQuote> {
  const ids = input.items.map((i) => i.listingId);
  const today = vnDate(deps.clock.now());
  const [rows, stock] = await Promise.all([
    repo.findCartListings(deps.db, ids, viewer?.userId ?? null),
    findStockOfListings(deps.db, ids, today),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));

  const items: QuotedItem[] = input.items.map((item) => {
    const row = byId.get(item.listingId);
    const available = stock.get(item.listingId)?.availableStock ?? 0;
    if (!row) {
      return { ...item, listing: null, available: 0, shortBy: item.quantity, lineTotalVnd: 0, problem: 'not_found' };
    }
    const forSale = SELLABLE.has(row.status);
    const problem = !forSale
      ? 'not_for_sale'
      : row.isOwn
        ? 'own_listing'
        : item.quantity < row.minOrder
          ? 'below_minimum'
          : available < item.quantity
            ? 'insufficient_stock'
            : null;
    return {
      ...item,
      listing: {
        title: row.title,
        unit: unitEntry(row.unit),
        priceVnd: row.priceVnd,
        minOrder: row.minOrder,
        status: row.status,
        sellerId: row.seller.id,
      },
      available: forSale ? available : 0,
      shortBy: Math.max(0, item.quantity - (forSale ? available : 0)),
      // Something not for sale has no price to pay.
      lineTotalVnd: forSale ? lineTotalVnd(row.priceVnd, item.quantity) : 0,
      problem,
    };
  });

  const lines = items.flatMap((item) => {
    const row = byId.get(item.listingId);
    return row ? [{ item, row }] : [];
  });
  const groups = groupBySeller(lines);
  const { choices, issues } = resolveChoices(
    input,
    groups.map((g) => g.seller.id),
    'quote',
  );
  if (issues.length > 0) throw invalid(issues);
  const sellers = groups.map((group) => {
    const subtotalVnd = group.lines.reduce((sum, l) => sum + l.item.lineTotalVnd, 0);
    const method = choices.get(group.seller.id)?.method ?? 'pickup';
    const deliveryNotOffered = method === 'delivery' && !group.seller.offersDelivery;
    const deliveryFeeVnd = deliveryFeeFor(deliveryOffer(group.seller), method, subtotalVnd);
    return {
      seller: sellerRef(group.seller),
      listingIds: group.lines.map((l) => l.item.listingId),
      subtotalVnd,
      options: deliveryOptions(group.seller),
      method,
      deliveryFeeVnd,
      totalVnd: subtotalVnd + deliveryFeeVnd,
      problem: deliveryNotOffered ? ('delivery_not_offered' as const) : null,
    };
  });
  return {
    items,
    sellers,
    totals: sumTotals(sellers),
    isOrderable: items.every((i) => i.problem === null) && sellers.every((s) => s.problem === null),
    paymentMethods: [...deps.env.orders.paymentMethods],
  };
}

// ---- placing --------------------------------------------------------------------------------

/** JSON with object keys sorted, so the same request always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The validated request (phones and provinces already normalised), hashed with the command's name. */
export function requestHashOf(command: string, input: unknown): string {
  return createHash('sha256')
    .update(`${command}\n${canonicalJson(input)}`)
    .digest('base64url');
}

export type CommandResponse<T> = { status: number; body: T };

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string };
    if (pg.code === '23505') return (pg.constraint_name ?? pg.constraint) === constraint;
  }
  return false;
}

/**
 * Places an order: one transaction that claims the idempotency key, checks the cart, takes the
 * stock from lots FEFO, writes the order split by seller with prices snapshotted, schedules its
 * deadlines and notices, and stores its answer under the key. Anything refused writes nothing.
 * The same key with the same request replays the first answer; with another request, 422.
 */
export async function placeOrder(
  deps: OrderDeps,
  user: SessionUser,
  input: OrderCreate,
  idempotencyKey: string,
): Promise<CommandResponse<OrderPlaced>> {
  if (!deps.env.orders.paymentMethods.includes(input.paymentMethod)) {
    throw invalid([
      {
        path: 'paymentMethod',
        code: 'not_offered',
        message: `offered here: ${deps.env.orders.paymentMethods.join(', ')}`,
      },
    ]);
  }
  const requestHash = requestHashOf('POST /orders', input);
  let placed: CommandResponse<OrderPlaced>;
  for (let attempt = 1; ; attempt++) {
    try {
      placed = await deps.db.transaction((tx) =>
        placeOrderInTx(deps, tx, user, input, { idempotencyKey, requestHash }),
      );
      break;
    } catch (error) {
      // Two orders drew the same 30-bit code: nothing was written; draw again.
      if (attempt < CODE_ATTEMPTS && isUniqueViolation(error, 'orders_code_key')) continue;
      throw error;
    }
  }
  // Only now, committed, may a payment provider be called (never inside the transaction). A card
  // payment's client secret is not in the stored answer: a replay gets the attempt's current one.
  const payment = await deps.orderPayments.afterPlaced(deps, placed.body.order);
  if (!payment) return placed;
  return { status: placed.status, body: { order: { ...placed.body.order, payment }, payment } };
}

async function placeOrderInTx(
  deps: OrderDeps,
  tx: Tx,
  user: SessionUser,
  input: OrderCreate,
  key: { idempotencyKey: string; requestHash: string },
): Promise<CommandResponse<OrderPlaced>> {
  const now = deps.clock.now();
  // First, before any lock on stock: a concurrent request with this key waits here (not on
  // listings it might then be refused for), and replays the answer once the first one commits.
  // The cart's listings are read in the same round trip (the server runs it after the claim).
  const [claimed, cartRows] = await Promise.all([
    repo.claimIdempotencyKey(tx, {
      userId: user.userId,
      key: key.idempotencyKey,
      requestHash: key.requestHash,
      createdAt: now,
    }),
    repo.findCartListings(
      tx,
      input.items.map((i) => i.listingId),
      user.userId,
    ),
  ]);
  if (!claimed) {
    const stored = await repo.findIdempotencyKey(tx, user.userId, key.idempotencyKey);
    if (!stored || stored.responseStatus === null) throw new Error('idempotency key committed without an answer');
    if (stored.requestHash !== key.requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', {
        message: 'this Idempotency-Key was used for a different request; use a new key for a new order',
      });
    }
    return { status: stored.responseStatus, body: stored.responseBody as OrderPlaced };
  }

  const rows = new Map(cartRows.map((r) => [r.id, r]));
  const issues: FieldIssue[] = [];
  input.items.forEach((item, index) => {
    const row = rows.get(item.listingId);
    const at = `items.${index}`;
    if (!row) issues.push({ path: `${at}.listingId`, code: 'not_found', message: 'no such listing' });
    else if (!SELLABLE.has(row.status)) {
      issues.push({ path: `${at}.listingId`, code: 'not_for_sale', message: `the listing is ${row.status}` });
    } else if (row.isOwn) {
      issues.push({ path: `${at}.listingId`, code: 'own_listing', message: 'you cannot buy from your own shop' });
    } else if (item.quantity < row.minOrder) {
      issues.push({ path: `${at}.quantity`, code: 'below_minimum', message: `the minimum order is ${row.minOrder}` });
    }
  });
  if (issues.length > 0) throw invalid(issues, 'some items cannot be ordered');

  const lines = input.items.map((item, position) => {
    const row = rows.get(item.listingId) as repo.CartListingRow;
    return { item, row, position, lineTotalVnd: lineTotalVnd(row.priceVnd, item.quantity) };
  });
  const groups = groupBySeller(lines);
  const { choices, issues: choiceIssues } = resolveChoices(
    input,
    groups.map((g) => g.seller.id),
    'order',
  );
  for (const group of groups) {
    const choice = choices.get(group.seller.id);
    if (choice?.method === 'delivery' && !group.seller.offersDelivery) {
      choiceIssues.push({
        path: `${choice.path}.method`,
        code: 'delivery_not_offered',
        message: `${group.seller.name} does not deliver; choose pickup`,
      });
    }
  }
  if (choiceIssues.length > 0) throw invalid(choiceIssues);

  const orderId = newId('ord');
  const online = input.paymentMethod !== 'cod';
  const paymentDeadlineAt = online ? addMinutes(now, deps.env.orders.paymentDeadlineMinutes) : null;
  const confirmBy = online ? null : addHours(now, deps.env.orders.confirmationDeadlineHours);
  const parts = groups.map((group) => {
    const choice = choices.get(group.seller.id) as ResolvedChoice;
    const subtotalVnd = group.lines.reduce((sum, l) => sum + l.lineTotalVnd, 0);
    const deliveryFeeVnd = deliveryFeeFor(deliveryOffer(group.seller), choice.method, subtotalVnd);
    return { id: newId('ful'), group, choice, subtotalVnd, deliveryFeeVnd, totalVnd: subtotalVnd + deliveryFeeVnd };
  });
  const totals = sumTotals(parts);
  if (totals.totalVnd > MAX_ORDER_TOTAL_VND) {
    throw invalid([{ path: 'items', code: 'too_big', message: 'the order is too large; split it' }]);
  }

  // Listing ids are unique in a cart, so the allocator's per-listing results map to items.
  const allocation = await allocateFefoMany(tx, {
    items: input.items.map((i) => ({ listingId: i.listingId, quantity: i.quantity })),
    kind: 'sale',
    authorUserId: user.userId,
    orderId,
    now,
  });
  if (!allocation.ok) {
    const cartOrder = new Map(input.items.map((i, index) => [i.listingId, index]));
    const short = [...allocation.short].sort(
      (a, b) => (cartOrder.get(a.listingId) ?? 0) - (cartOrder.get(b.listingId) ?? 0),
    );
    throw new AppError('INSUFFICIENT_STOCK', {
      message: 'not enough stock for some items',
      details: short.map((s) => ({ listingId: s.listingId, requested: s.requested, available: s.available })),
    });
  }
  // Read before the lock; re-checked under it (a listing archived in between).
  const unsellable = input.items.findIndex((i) => !SELLABLE.has(allocation.listings.get(i.listingId)?.status ?? ''));
  if (unsellable >= 0) {
    throw invalid([{ path: `items.${unsellable}.listingId`, code: 'not_for_sale', message: 'no longer for sale' }]);
  }

  const order = {
    id: orderId,
    code: newOrderCode(),
    buyerUserId: user.userId,
    paymentMethod: input.paymentMethod,
    paymentStatus: 'pending' as const,
    paymentDeadlineAt,
    paidAt: null,
    ...totals,
    refundDueVnd: 0,
    createdAt: now,
    updatedAt: now,
  };
  const fulfilmentRows = parts.map((part) => {
    const address = part.choice.method === 'delivery' ? part.choice.address : undefined;
    return {
      id: part.id,
      orderId,
      sellerId: part.group.seller.id,
      status: online ? ('awaiting_payment' as const) : ('awaiting_confirmation' as const),
      deliveryMethod: part.choice.method,
      deliveryFeeVnd: part.deliveryFeeVnd,
      subtotalVnd: part.subtotalVnd,
      totalVnd: part.totalVnd,
      recipientName: address?.recipientName ?? null,
      recipientPhone: address?.phone ?? null,
      provinceId: address?.province ?? null,
      commune: address?.commune ?? null,
      street: address?.street ?? null,
      pickupAddress: address ? null : part.group.seller.pickupAddress,
      pickupHours: address ? null : part.group.seller.pickupHours,
      confirmBy,
      confirmedAt: null,
      shippedAt: null,
      deliveredAt: null,
      cancelledAt: null,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    };
  });
  const itemRows = parts.flatMap((part) =>
    part.group.lines.map((line) => ({
      id: newId('oit'),
      orderId,
      fulfilmentId: part.id,
      listingId: line.item.listingId,
      title: line.row.title,
      unit: line.row.unit,
      unitPriceVnd: line.row.priceVnd,
      quantity: line.item.quantity,
      lineTotalVnd: line.lineTotalVnd,
      position: line.position,
    })),
  );
  const allocationRows = itemRows.flatMap((item) =>
    (allocation.listings.get(item.listingId)?.allocations ?? []).map((a) => ({
      orderItemId: item.id,
      lotId: a.lotId,
      quantity: a.quantity,
    })),
  );
  const jobs: JobSpec[] =
    online && paymentDeadlineAt
      ? [paymentDeadlineJob(orderId, paymentDeadlineAt)]
      : fulfilmentRows.flatMap((f) => confirmationJobs(f.id, now, confirmBy as Date));

  const buyer = { order, buyerName: lines[0]?.row.buyerName ?? null, buyerPhone: user.phone };
  const view = toOrder(
    buyer,
    fulfilmentRows.map((f, i) => ({ fulfilment: f, seller: (parts[i] as (typeof parts)[number]).group.seller })),
    groupItems(itemRows),
    deps.orderPayments.initialView(deps, order),
    'buyer',
  );
  const response = { status: 201, body: { order: view, payment: view.payment } };
  // The order with its answer (one statement) and its jobs, sent together: one round trip.
  await Promise.all([
    repo.insertPlacedOrder(
      tx,
      { order, fulfilments: fulfilmentRows, items: itemRows, allocations: allocationRows },
      { userId: user.userId, key: key.idempotencyKey, ...response },
    ),
    deps.jobs.enqueueMany(tx, jobs),
  ]);
  return response;
}

// ---- reading --------------------------------------------------------------------------------

const orderNotFound = () => new AppError('NOT_FOUND', { message: 'order not found' });

/**
 * One order: its buyer sees all of it; a seller's team sees the order with only its own
 * fulfilments; an operator (who records transfers and refunds) sees all of it but never the
 * buyer's card secret; anyone else gets 404, as if it did not exist.
 */
export async function getOrder(deps: OrderDeps, user: SessionUser, orderId: string): Promise<Order> {
  const row = await repo.findOrder(deps.db, orderId);
  if (!row) throw orderNotFound();
  let fulfilments = await repo.findFulfilmentsOfOrders(deps.db, [orderId]);
  const isBuyer = row.order.buyerUserId === user.userId;
  if (!isBuyer && !user.isOperator) {
    const mine = await accessibleIds(
      deps.db,
      user,
      'fulfilment.read',
      fulfilments.map((f) => f.fulfilment.id),
    );
    fulfilments = fulfilments.filter((f) => mine.has(f.fulfilment.id));
    if (fulfilments.length === 0) throw orderNotFound();
  }
  const fulfilmentIds = fulfilments.map((f) => f.fulfilment.id);
  const [items, [payment]] = await Promise.all([
    repo.findItemsOfFulfilments(deps.db, fulfilmentIds),
    deps.orderPayments.views(deps, deps.db, [
      { order: row.order, viewer: isBuyer ? 'buyer' : 'seller', fulfilmentIds },
    ]),
  ]);
  return toOrder(row, fulfilments, groupItems(items), payment!, isBuyer ? 'buyer' : 'other');
}

/** The signed-in buyer's orders, newest first. */
export async function listMyOrders(deps: OrderDeps, user: SessionUser, query: OrderListQuery): Promise<OrderPage> {
  const { rows, total } = await repo.listOrdersOfBuyer(deps.db, user.userId, {
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  const fulfilments = await repo.findFulfilmentsOfOrders(
    deps.db,
    rows.map((r) => r.order.id),
  );
  const items = groupItems(
    await repo.findItemsOfFulfilments(
      deps.db,
      fulfilments.map((f) => f.fulfilment.id),
    ),
  );
  const byOrder = new Map<string, repo.FulfilmentWithSeller[]>();
  for (const f of fulfilments) byOrder.set(f.fulfilment.orderId, [...(byOrder.get(f.fulfilment.orderId) ?? []), f]);
  const payments = await deps.orderPayments.views(
    deps,
    deps.db,
    rows.map((row) => ({
      order: row.order,
      viewer: 'buyer' as const,
      fulfilmentIds: (byOrder.get(row.order.id) ?? []).map((f) => f.fulfilment.id),
    })),
  );
  return {
    orders: rows.map((row, i) => toOrder(row, byOrder.get(row.order.id) ?? [], items, payments[i]!, 'buyer')),
    total,
    page: query.page,
    perPage: query.perPage,
  };
}

/** A seller's fulfilments to handle, newest first; its owner, managers and staff only (others 404). */
export async function listSellerFulfilments(
  deps: OrderDeps,
  user: SessionUser,
  query: SellerOrdersQuery,
): Promise<SellerFulfilmentPage> {
  await requireAccess(deps.db, user, 'seller.team', query.sellerId);
  const { rows, total } = await repo.listFulfilmentsOfSeller(deps.db, {
    sellerId: query.sellerId,
    status: query.status,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  const [itemRows, payments] = await Promise.all([
    repo.findItemsOfFulfilments(
      deps.db,
      rows.map((r) => r.fulfilment.id),
    ),
    deps.orderPayments.views(
      deps,
      deps.db,
      rows.map((row) => ({ order: row.order, viewer: 'seller' as const, fulfilmentIds: [row.fulfilment.id] })),
    ),
  ]);
  const items = groupItems(itemRows);
  return {
    fulfilments: rows.map((row, i) => toSellerFulfilment(row, items.get(row.fulfilment.id) ?? [], payments[i]!)),
    total,
    page: query.page,
    perPage: query.perPage,
  };
}
