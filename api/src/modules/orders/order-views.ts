import {
  deriveOrderStatus,
  type Fulfilment,
  findUnit,
  fromMilli,
  type Order,
  type OrderPayment,
  orderCanCancel,
  type SellerFulfilment,
  sellerActionsFrom,
} from '@nongsan/contracts';
import { PROVINCES } from '@nongsan/vn/provinces';
import type * as repo from './orders.repo.ts';

// Rows to the public contract. A seller's view of an order is built from its own fulfilments only,
// so nothing of another seller's part (items, amounts, progress) reaches it.

export const provinceRef = (provinceId: string) => ({
  id: provinceId,
  name: PROVINCES.find((p) => p.id === provinceId)?.name ?? provinceId,
});

export const unitEntry = (unitId: string) => findUnit(unitId) ?? { id: unitId, vi: unitId, en: unitId };

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toFulfilment(row: repo.FulfilmentWithSeller, items: readonly repo.OrderItemRow[]): Fulfilment {
  const f = row.fulfilment;
  return {
    id: f.id,
    orderId: f.orderId,
    seller: {
      id: row.seller.id,
      name: row.seller.name,
      kind: row.seller.kind,
      province: provinceRef(row.seller.provinceId),
    },
    status: f.status,
    delivery: {
      method: f.deliveryMethod,
      feeVnd: f.deliveryFeeVnd,
      address:
        f.deliveryMethod === 'delivery'
          ? {
              recipientName: f.recipientName ?? '',
              phone: f.recipientPhone ?? '',
              province: provinceRef(f.provinceId ?? ''),
              commune: f.commune,
              communeCode: f.communeCode ?? null,
              street: f.street ?? '',
            }
          : null,
      pickup: f.deliveryMethod === 'pickup' ? { address: f.pickupAddress, hours: f.pickupHours } : null,
    },
    items: items.map((item) => ({
      id: item.id,
      listingId: item.listingId,
      title: item.title,
      unit: unitEntry(item.unit),
      unitPriceVnd: item.unitPriceVnd,
      quantity: fromMilli(item.quantityMilli),
      weight:
        item.estimatedWeightMilli === null
          ? null
          : {
              estimatedKg: fromMilli(item.estimatedWeightMilli),
              tolerancePct: item.weightTolerancePct ?? 0,
              finalKg: item.finalWeightMilli === null ? null : fromMilli(item.finalWeightMilli),
            },
      lineTotalVnd: item.lineTotalVnd,
    })),
    subtotalVnd: f.subtotalVnd,
    totalVnd: f.totalVnd,
    // The deadline means something only while it runs.
    confirmBy: f.status === 'awaiting_confirmation' ? iso(f.confirmBy) : null,
    confirmedAt: iso(f.confirmedAt),
    shippedAt: iso(f.shippedAt),
    deliveredAt: iso(f.deliveredAt),
    cancelledAt: iso(f.cancelledAt),
    cancelReason: f.cancelReason,
  };
}

export function groupItems(items: readonly repo.OrderItemRow[]): Map<string, repo.OrderItemRow[]> {
  const byFulfilment = new Map<string, repo.OrderItemRow[]>();
  for (const item of items) {
    const list = byFulfilment.get(item.fulfilmentId) ?? [];
    list.push(item);
    byFulfilment.set(item.fulfilmentId, list);
  }
  return byFulfilment;
}

/**
 * The order as `fulfilments` show it: the buyer passes all of them, a seller only its own, and
 * status, totals and what the viewer may do are derived from what is passed.
 */
export function toOrder(
  row: repo.OrderWithBuyer,
  fulfilments: readonly repo.FulfilmentWithSeller[],
  itemsByFulfilment: ReadonlyMap<string, readonly repo.OrderItemRow[]>,
  payment: OrderPayment,
  viewer: 'buyer' | 'other',
): Order {
  const views = fulfilments.map((f) => toFulfilment(f, itemsByFulfilment.get(f.fulfilment.id) ?? []));
  const subtotalVnd = views.reduce((sum, f) => sum + f.subtotalVnd, 0);
  const deliveryFeeVnd = views.reduce((sum, f) => sum + f.delivery.feeVnd, 0);
  return {
    id: row.order.id,
    code: row.order.code,
    status: deriveOrderStatus(views.map((f) => f.status)),
    buyer: { name: row.buyerName, phone: row.buyerPhone },
    payment,
    fulfilments: views,
    totals: { subtotalVnd, deliveryFeeVnd, totalVnd: subtotalVnd + deliveryFeeVnd },
    createdAt: row.order.createdAt.toISOString(),
    // Only the buyer cancels a whole order; a seller's team cancels its own part (nextActions).
    canCancel: viewer === 'buyer' && orderCanCancel(views.map((f) => f.status)),
  };
}

export function toSellerFulfilment(
  row: repo.FulfilmentWithSeller & repo.OrderWithBuyer,
  items: readonly repo.OrderItemRow[],
  payment: OrderPayment,
): SellerFulfilment {
  return {
    ...toFulfilment(row, items),
    order: {
      id: row.order.id,
      code: row.order.code,
      buyer: { name: row.buyerName, phone: row.buyerPhone },
      payment,
      createdAt: row.order.createdAt.toISOString(),
    },
    nextActions: sellerActionsFrom(row.fulfilment.status),
  };
}
