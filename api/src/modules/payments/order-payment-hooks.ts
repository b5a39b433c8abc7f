import { findOrderRecord, type OrderPaymentHooks } from '../orders/index.ts';
import { NO_FACTS, type PaymentFacts, toOrderPayment } from './payment-views.ts';
import * as repo from './payments.repo.ts';
import * as refundsRepo from './refunds.repo.ts';
import { ensureRefunds, settleCash } from './settlement.ts';
import { startStripePayment } from './stripe.service.ts';

// The payments module as the orders module sees it (app-deps.ts wires it in as `orderPayments`).

export const orderPaymentHooks: OrderPaymentHooks = {
  initialView(deps, order) {
    return toOrderPayment(deps.env, { order, viewer: 'buyer', fulfilments: [] }, NO_FACTS);
  },

  async views(deps, db, requests) {
    const orderIds = [...new Set(requests.map((r) => r.order.id))];
    const [payments, cash, refunds] = await Promise.all([
      repo.findPaymentsOfOrders(db, orderIds),
      repo.findCashOfOrders(db, orderIds),
      refundsRepo.findRefundsOfOrders(db, orderIds),
    ]);
    const factsOf = (orderId: string): PaymentFacts => ({
      payments: payments.filter((p) => p.orderId === orderId),
      cash: cash.filter((c) => c.orderId === orderId),
      refunds: refunds.filter((r) => r.orderId === orderId),
    });
    return requests.map((request) => toOrderPayment(deps.env, request, factsOf(request.order.id)));
  },

  async afterPlaced(deps, order) {
    if (order.payment.method !== 'stripe' || order.payment.status !== 'pending') return null;
    try {
      await startStripePayment(deps, order.id);
    } catch (error) {
      // The order stands without its card attempt: the buyer's page retries it through
      // POST /orders/:orderId/payment/stripe (same attempt, same idempotency key).
      deps.logger.warn(
        { orderId: order.id, err: error instanceof Error ? error.message : error },
        'card payment not started',
      );
    }
    const found = await findOrderRecord(deps.db, order.id);
    if (!found) return null;
    const [view] = await orderPaymentHooks.views(deps, deps.db, [
      {
        order: found,
        viewer: 'buyer',
        fulfilments: order.fulfilments.map((f) => ({ id: f.id, totalVnd: f.totalVnd })),
      },
    ]);
    return view ?? null;
  },

  async cancelled(deps, tx, change) {
    const order = await findOrderRecord(tx, change.orderId);
    if (!order) return;
    if (order.paymentMethod === 'cod') {
      await settleCash(deps, tx, order.id, change.now);
      return;
    }
    // Money arrived for this order (paidAt is set when it did, also when it came too late).
    if (order.paidAt !== null) {
      await ensureRefunds(deps, tx, {
        orderId: order.id,
        reason: 'cancelled',
        actorUserId: change.actorUserId,
        now: change.now,
      });
    }
  },
};
