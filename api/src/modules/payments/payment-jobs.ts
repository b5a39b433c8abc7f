import type { Deps } from '../../deps.ts';
import { PAYMENT_JOBS } from './settlement.ts';
import { sendCardRefund } from './stripe.service.ts';

/** Registers the payments module's jobs; each is idempotent (a pending refund is sent once). */
export function registerPaymentJobs(deps: Deps): void {
  deps.jobs.register(PAYMENT_JOBS.refund, async (payload) => {
    const refundId = payload.refundId;
    if (typeof refundId !== 'string' || refundId === '') throw new Error('job payload without refundId');
    await sendCardRefund(deps, refundId);
  });
}
