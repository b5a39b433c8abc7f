export { quoteCart } from './cart-quote.service.ts';
export {
  addOrderRefundDue,
  cancelOrderByBuyer,
  expireUnconfirmedFulfilment,
  expireUnpaidOrder,
  getSellerFulfilment,
  lockOrderWithFulfilments,
  markOrderPaid,
  moveFulfilment,
  type PaymentOutcome,
  settleOrderRefunds,
} from './fulfilments.service.ts';
export { registerOrderJobs } from './order-jobs.ts';
export { createSmsNotifier, type Notifier, type OrderNotice } from './order-notifier.ts';
export type {
  OrderDeps,
  OrderNeeds,
  OrderPaymentHooks,
  PaymentHookDeps,
  PaymentViewRequest,
} from './order-payment-hooks.ts';
export { getOrder } from './order-reads.service.ts';
export {
  findFulfilmentRef,
  findFulfilmentsOfOrder,
  findItemsOfFulfilment,
  findOrderRecord,
} from './order-records.service.ts';
export { ORDER_JOBS } from './order-schedule.ts';
export type { FulfilmentRow, OrderItemRow, OrderRow } from './orders.repo.ts';
export { placeOrder } from './place-order.service.ts';
