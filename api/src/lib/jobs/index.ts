export {
  DEFAULT_LEASE_MS,
  defineJob,
  type EnqueueOptions,
  idOf,
  type JobKind,
  type JobKindOptions,
  type JobSpec,
  type PayloadOf,
} from './job-definition.ts';
export {
  enqueueJob,
  type JobContext,
  type JobHandler,
  type JobOutcome,
  JobQueue,
  type JobQueueOptions,
  retryDelayMs,
} from './job-queue.ts';
export { countJobsByKind } from './jobs.repo.ts';
