export { type EnqueueOptions, type JobHandler, JobQueue, retryDelayMs } from './job-queue.ts';
export { insertJob as enqueueJobInTx } from './jobs.repo.ts';
