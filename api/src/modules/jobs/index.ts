export { type EnqueueOptions, type JobHandler, JobQueue, retryDelayMs } from './job-queue.ts';
