import type { AppDeps } from './app-deps.ts';
import { registerLotExpiryJob, scheduleLotExpiry } from './modules/inventory/index.ts';
import { registerOrderJobs } from './modules/orders/index.ts';
import { registerPaymentJobs } from './modules/payments/index.ts';
import { registerSearchRelay } from './modules/search/index.ts';

/**
 * Every module's background job handlers on the one queue. server.ts calls this before starting
 * the worker; the test harness calls it so tests can run due jobs with `t.jobs.runDue()`.
 */
export function registerJobHandlers(deps: AppDeps): void {
  registerOrderJobs(deps);
  registerPaymentJobs(deps);
  registerLotExpiryJob(deps);
  registerSearchRelay(deps);
}

/**
 * Starts the self-scheduling daily jobs (each run enqueues the next): called once at start-up.
 * Idempotent, so every instance of the API may call it.
 */
export async function scheduleRecurringJobs(deps: AppDeps): Promise<void> {
  await scheduleLotExpiry(deps);
}
