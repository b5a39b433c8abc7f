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
export type { OrderNeeds, OrderPaymentHooks, PaymentHookDeps, PaymentViewRequest } from './order-payment-hooks.ts';
export {
  findFulfilmentRef,
  findFulfilmentsOfOrder,
  findItemsOfFulfilment,
  findOrderRecord,
} from './order-records.service.ts';
export { ORDER_JOBS } from './order-schedule.ts';
export type { FulfilmentRow, OrderItemRow, OrderRow } from './orders.repo.ts';
export { getOrder, type OrderDeps, placeOrder, quoteCart } from './orders.service.ts';
