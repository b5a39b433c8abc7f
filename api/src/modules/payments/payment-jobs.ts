import type { Deps } from '../../deps.ts';
import { createSmsNotifier, type Notifier, type OrderNeeds } from '../orders/index.ts';
import * as refundsRepo from './refunds.repo.ts';
import { PAYMENT_JOBS } from './settlement.ts';
import { sendCardRefund } from './stripe.service.ts';

/** Registers the payments module's jobs; each is idempotent (a pending refund is sent once). */
export function registerPaymentJobs(deps: Deps & OrderNeeds, notifier: Notifier = createSmsNotifier(deps.sms)): void {
  deps.jobs.register(PAYMENT_JOBS.refund, async ({ refundId }) => {
    await sendCardRefund(deps, refundId);
  });
  // A failing SMS gateway throws and the queue retries; the refund itself is already recorded.
  deps.jobs.register(PAYMENT_JOBS.refundNotice, async ({ refundId }) => {
    const [row] = (await refundsRepo.listRefundsByIds(deps.db, [refundId])).rows;
    if (!row) return;
    await notifier.notify({
      event: 'refunded',
      to: row.buyerPhone,
      orderCode: row.orderCode,
      sellerName: row.sellerName ?? 'Người bán',
      amountVnd: row.refund.amountVnd,
      method: row.refund.method,
    });
  });
}
