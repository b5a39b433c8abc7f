import {
  fromMilli,
  MAX_ORDER_TOTAL_VND,
  type OrderCreate,
  type OrderPlaced,
  sumTotals,
  toMilli,
} from '@nongsan/contracts';
import { newId, randomToken, type Tx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import type { FieldIssue } from '../../lib/router.ts';
import { allocateFefoMany } from '../inventory/index.ts';
import { findZonesOfSellers } from '../sellers/index.ts';
import {
  deliveryOption,
  destinationOf,
  groupBySeller,
  invalid,
  parcelOf,
  pickupPlace,
  priceLine,
  quantityIssue,
  type ResolvedChoice,
  resolveChoices,
  SELLABLE,
  unknownCommuneIssues,
} from './cart-lines.ts';
import { type CommandResponse, isUniqueViolation, requestHashOf } from './idempotency.ts';
import type { OrderDeps } from './order-payment-hooks.ts';
import { addHours, addMinutes, confirmationJobs, type JobSpec, paymentDeadlineJob } from './order-schedule.ts';
import { groupItems, toOrder } from './order-views.ts';
import * as repo from './orders.repo.ts';

/** Attempts at a fresh order code when one collides with an existing order's (a unique index says so). */
const CODE_ATTEMPTS = 3;

/** `NS-` and six letters or digits of the Crockford alphabet: 30 bits, no look-alikes, easy to say. */
export function newOrderCode(): string {
  return `NS-${randomToken(6).toUpperCase()}`;
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
  const communeIssues = unknownCommuneIssues(input);
  if (communeIssues.length > 0) throw invalid(communeIssues);
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
    } else {
      const issue = quantityIssue(row, toMilli(item.quantity), `${at}.quantity`);
      if (issue) issues.push(issue);
    }
  });
  if (issues.length > 0) throw invalid(issues, 'some items cannot be ordered');

  const lines = input.items.map((item, position) => {
    const row = rows.get(item.listingId) as repo.CartListingRow;
    const quantityMilli = toMilli(item.quantity);
    return { item, row, position, quantityMilli, ...priceLine(row, quantityMilli) };
  });
  const groups = groupBySeller(lines);
  const { choices, issues: choiceIssues } = resolveChoices(
    input,
    groups.map((g) => g.seller.id),
    'order',
  );
  if (choiceIssues.length > 0) throw invalid(choiceIssues);

  // The fee is computed here from the seller's zones as they are now, never taken from the client;
  // the quote prices through the same deliveryOption, so the two agree to the đồng.
  const zones = await findZonesOfSellers(
    tx,
    groups.map((g) => g.seller.id),
  );
  const priced = groups.map((group) => {
    const choice = choices.get(group.seller.id) as ResolvedChoice;
    const parcel = parcelOf(
      group.lines.map((l) => ({ row: l.row, quantity: l.item.quantity, lineTotalVnd: l.lineTotalVnd })),
    );
    if (choice.method !== 'delivery' || !choice.address)
      return { group, choice, parcel, deliveryFeeVnd: 0, destination: null };
    const destination = destinationOf(choice.address.communeCode);
    const option = deliveryOption(zones.get(group.seller.id) ?? [], destination, parcel, group.seller);
    if (option === null) {
      choiceIssues.push({
        path: `${choice.path}.method`,
        code: 'delivery_not_offered',
        message: `${group.seller.name} does not deliver; choose pickup`,
      });
    } else if (option.unavailable !== null) {
      choiceIssues.push({
        path: `${choice.path}.method`,
        code: option.unavailable,
        message:
          option.unavailable === 'below_minimum'
            ? `${group.seller.name} delivers there from ${option.minOrderVnd} đồng; choose pickup or add items`
            : `${group.seller.name} does not deliver this to that address; choose pickup`,
      });
    }
    return { group, choice, parcel, deliveryFeeVnd: option?.feeVnd ?? 0, destination };
  });
  if (choiceIssues.length > 0) throw invalid(choiceIssues);

  const orderId = newId('ord');
  const online = input.paymentMethod !== 'cod';
  const paymentDeadlineAt = online ? addMinutes(now, deps.env.orders.paymentDeadlineMinutes) : null;
  const confirmBy = online ? null : addHours(now, deps.env.orders.confirmationDeadlineHours);
  const parts = priced.map(({ group, choice, parcel, deliveryFeeVnd, destination }) => ({
    id: newId('ful'),
    group,
    choice,
    destination,
    subtotalVnd: parcel.subtotalVnd,
    deliveryFeeVnd,
    totalVnd: parcel.subtotalVnd + deliveryFeeVnd,
  }));
  const totals = sumTotals(parts);
  if (totals.totalVnd > MAX_ORDER_TOTAL_VND) {
    throw invalid([{ path: 'items', code: 'too_big', message: 'the order is too large; split it' }]);
  }

  // Listing ids are unique in a cart, so the allocator's per-listing results map to items.
  const allocation = await allocateFefoMany(tx, {
    items: lines.map((l) => ({ listingId: l.item.listingId, quantityMilli: l.quantityMilli })),
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
      details: short.map((s) => ({
        listingId: s.listingId,
        requested: fromMilli(s.requested),
        available: fromMilli(s.available),
      })),
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
      provinceId: part.destination?.provinceId ?? null,
      commune: part.destination?.communeName ?? null,
      communeCode: part.destination?.communeCode ?? null,
      street: address?.street ?? null,
      // Kept with the order as the buyer was shown it, province included.
      pickupAddress: address ? null : pickupPlace(part.group.seller),
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
      quantityMilli: line.quantityMilli,
      estimatedWeightMilli: line.estimatedWeightMilli,
      weightTolerancePct: line.weightTolerancePct,
      finalWeightMilli: null,
      lineTotalVnd: line.lineTotalVnd,
      position: line.position,
    })),
  );
  const allocationRows = itemRows.flatMap((item) =>
    (allocation.listings.get(item.listingId)?.allocations ?? []).map((a) => ({
      orderItemId: item.id,
      lotId: a.lotId,
      quantityMilli: a.quantityMilli,
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
