export { orderPaymentHooks } from './order-payment-hooks.ts';
export { registerPaymentJobs } from './payment-jobs.ts';
export { PAYMENT_JOBS } from './settlement.ts';
