import type { DbOrTx } from '@nongsan/db';
import type { Deps } from '../../deps.ts';
import * as repo from './jobs.repo.ts';

export type JobHandler = (payload: Record<string, unknown>, context: { now: Date; attempt: number }) => Promise<void>;

export type EnqueueOptions = {
  /** When the job becomes due (default: now). */
  runAt?: Date;
  /** At most one pending job per key. */
  dedupeKey?: string;
  maxAttempts?: number;
};

const LEASE_MS = 60_000;

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … up to 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 10 * 60_000);
}

/**
 * A small job queue on PostgreSQL (docs/decisions/0004-job-queue.md). `enqueue` takes the caller's
 * transaction, so a job exists only if the work that asked for it committed. `runDue` is what the
 * worker loop calls; tests call it directly with their own clock instead of sleeping.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly deps: Pick<Deps, 'db' | 'clock' | 'logger'>) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(
    db: DbOrTx,
    kind: string,
    payload: Record<string, unknown>,
    options: EnqueueOptions = {},
  ): Promise<boolean> {
    return repo.insertJob(db, {
      kind,
      payload,
      runAt: options.runAt ?? this.deps.clock.now(),
      maxAttempts: options.maxAttempts ?? 10,
      dedupeKey: options.dedupeKey ?? null,
    });
  }

  /**
   * Several jobs in one INSERT (an order schedules a few per seller): one round trip however many.
   * Returns how many were enqueued (a pending job with the same dedupe key keeps its place).
   */
  async enqueueMany(
    db: DbOrTx,
    jobs: readonly ({ kind: string; payload: Record<string, unknown> } & EnqueueOptions)[],
  ): Promise<number> {
    if (jobs.length === 0) return 0;
    const now = this.deps.clock.now();
    return repo.insertJobs(
      db,
      jobs.map((job) => ({
        kind: job.kind,
        payload: job.payload,
        runAt: job.runAt ?? now,
        maxAttempts: job.maxAttempts ?? 10,
        dedupeKey: job.dedupeKey ?? null,
      })),
    );
  }

  /** Runs every job due now, one at a time, and returns how many ran (succeeded or failed). */
  async runDue(limit = 50): Promise<number> {
    const now = this.deps.clock.now();
    const claimed = await repo.claimDueJobs(this.deps.db, now, LEASE_MS, limit);
    for (const job of claimed) {
      const handler = this.handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(job.payload, { now, attempt: job.attempts });
        await repo.markJobDone(this.deps.db, job.id, this.deps.clock.now());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.deps.logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: message }, 'job failed');
        const retryAt = new Date(this.deps.clock.now().getTime() + retryDelayMs(job.attempts));
        await repo.markJobFailed(this.deps.db, job, message, retryAt, this.deps.clock.now());
      }
    }
    return claimed.length;
  }

  /** Polls for due jobs until `stop()`. */
  start(intervalMs = 1000): void {
    const tick = async () => {
      try {
        this.running = this.runDue();
        const ran = await this.running;
        // Keep draining while there is work; otherwise wait for the next tick.
        this.timer = setTimeout(tick, ran > 0 ? 0 : intervalMs);
      } catch (error) {
        this.deps.logger.error({ err: error }, 'job worker tick failed');
        this.timer = setTimeout(tick, intervalMs);
      }
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }
}
