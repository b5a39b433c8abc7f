export { balanceRoutes } from './balances.routes.ts';
export { orderPaymentHooks } from './order-payment-hooks.ts';
export { registerPaymentJobs } from './payment-jobs.ts';
export { paymentRoutes } from './payments.routes.ts';
export { PAYMENT_JOBS } from './settlement.ts';
