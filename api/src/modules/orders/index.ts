export {
  cancelOrderByBuyer,
  expireUnconfirmedFulfilment,
  expireUnpaidOrder,
  markOrderPaid,
  moveFulfilment,
  type PaymentOutcome,
} from './fulfilments.service.ts';
export { registerOrderJobs } from './order-jobs.ts';
export { createSmsNotifier, type Notifier, type OrderNotice } from './order-notifier.ts';
export { ORDER_JOBS } from './order-schedule.ts';
export { deriveOrderStatus, FULFILMENT_TRANSITIONS, nextFulfilmentStatus } from './order-status.ts';
export { orderRoutes } from './orders.routes.ts';
export { getOrder, type OrderDeps, placeOrder, quoteCart } from './orders.service.ts';
