import type { Db, DbOrTx } from '@nongsan/db';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { JobKind, JobSpec, PayloadSchema } from './job-definition.ts';
import * as repo from './jobs.repo.ts';

export type JobContext = { now: Date; attempt: number };
export type JobHandler<S extends PayloadSchema = PayloadSchema> = (
  payload: z.output<S>,
  context: JobContext,
) => Promise<void>;

/** How one run of a job ended, for metrics: done, failed and retried later, or failed for good. */
export type JobOutcome = 'done' | 'retry' | 'failed' | 'lease_lost';

export type JobQueueOptions = {
  /** Jobs this process runs at once; it never claims more than it has free slots for (default 1). */
  concurrency?: number;
  /** Done rows older than this are deleted by the worker loop (default 7 days; failed rows are kept). */
  retainDoneDays?: number;
  /** Called after every run of a job. */
  onOutcome?: (kind: string, outcome: JobOutcome, ms: number) => void;
};

const PRUNE_EVERY_MS = 60 * 60_000;

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … up to 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 10 * 60_000);
}

type Registered = { kind: JobKind; handler: JobHandler };

/** Inserts one job with the caller's transaction (for code that has no queue at hand). */
export async function enqueueJob(db: DbOrTx, spec: JobSpec, now: Date): Promise<boolean> {
  return (await repo.insertJobs(db, [insertOf(spec, now)])) === 1;
}

const insertOf = (spec: JobSpec, now: Date): repo.JobInsert => ({
  kind: spec.kind,
  payload: spec.payload,
  runAt: spec.runAt ?? now,
  maxAttempts: spec.maxAttempts ?? 10,
  dedupeKey: spec.dedupeKey ?? null,
});

/**
 * A small job queue on PostgreSQL (docs/decisions/0004-job-queue.md, 0020-jobs-run-once.md).
 * `enqueue` takes the caller's transaction, so a job exists only if the work that asked for it
 * committed. A job runs once however many processes share the table: a process claims only as
 * many due jobs as it has free slots, holds each by a lease it renews while the handler runs,
 * and marks it done or failed only while it still holds that claim (the claim is fenced by the
 * row's attempt number, which every claim increments). `runDue` is the test seam: tests call it
 * with their own clock instead of sleeping; `start` is the worker loop.
 */
export class JobQueue {
  private readonly registered = new Map<string, Registered>();
  private readonly concurrency: number;
  private readonly retainDoneMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private filling: Promise<void> | undefined;
  private lastPrune = 0;

  constructor(
    private readonly deps: { db: Db; clock: Clock; logger: Logger },
    private readonly options: JobQueueOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.retainDoneMs = (options.retainDoneDays ?? 7) * 86_400_000;
  }

  /** Registers the handler of a job kind; the handler gets the payload parsed by the kind's schema. */
  register<S extends PayloadSchema>(kind: JobKind<S>, handler: JobHandler<S>): void {
    this.registered.set(kind.kind, { kind, handler: handler as JobHandler });
  }

  /** The kinds this process runs (only these are claimed: a process never takes a job it cannot run). */
  kinds(): JobKind[] {
    return [...this.registered.values()].map((r) => r.kind);
  }

  /** Enqueues one job inside `db` (the caller's transaction); false when its dedupe key is pending. */
  async enqueue(db: DbOrTx, spec: JobSpec): Promise<boolean> {
    return enqueueJob(db, spec, this.deps.clock.now());
  }

  /**
   * Several jobs in one INSERT (an order schedules a few per seller): one round trip however many.
   * Returns how many were enqueued (a pending job with the same dedupe key keeps its place).
   */
  async enqueueMany(db: DbOrTx, specs: readonly JobSpec[]): Promise<number> {
    if (specs.length === 0) return 0;
    const now = this.deps.clock.now();
    return repo.insertJobs(
      db,
      specs.map((spec) => insertOf(spec, now)),
    );
  }

  /**
   * Runs the jobs due now, at most `concurrency` at a time, until none is left or `max` have run;
   * returns how many ran (succeeded or failed). Jobs that those jobs enqueue wait for the next call.
   */
  async runDue(max = 50): Promise<number> {
    const newest = await repo.newestJobId(this.deps.db);
    let ran = 0;
    while (ran < max) {
      const claimed = await this.claim(Math.min(this.concurrency, max - ran), newest);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((job) => this.run(job)));
      ran += claimed.length;
    }
    return ran;
  }

  /** Deletes done jobs older than the retention; returns how many. Failed jobs stay for an operator. */
  async pruneDone(): Promise<number> {
    const before = new Date(this.deps.clock.now().getTime() - this.retainDoneMs);
    return repo.deleteDoneJobs(this.deps.db, before);
  }

  private async claim(limit: number, newestId?: number): Promise<repo.JobRow[]> {
    if (limit <= 0 || this.registered.size === 0) return [];
    const leases = new Map([...this.registered.values()].map((r) => [r.kind.kind, r.kind.leaseMs]));
    return repo.claimDueJobs(this.deps.db, this.deps.clock.now(), leases, limit, newestId);
  }

  private async run(job: repo.JobRow): Promise<void> {
    const started = performance.now();
    const registered = this.registered.get(job.kind);
    const claim = { id: job.id, attempts: job.attempts };
    const now = this.deps.clock.now();
    if (!registered) return; // claimDueJobs only claims registered kinds
    const leaseMs = registered.kind.leaseMs;
    // Renew the lease while the handler runs, so a slow job is never taken over while alive.
    let held = true;
    const renewal = setInterval(
      () => {
        repo
          .renewJobLease(this.deps.db, claim, new Date(this.deps.clock.now().getTime() + leaseMs))
          .then((renewed) => {
            if (!renewed && held) {
              held = false;
              this.deps.logger.warn({ jobId: job.id, kind: job.kind }, 'job lease lost while running');
            }
          })
          .catch((error: unknown) =>
            this.deps.logger.warn({ jobId: job.id, err: messageOf(error) }, 'lease renewal failed'),
          );
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    let outcome: JobOutcome;
    try {
      const parsed = registered.kind.schema.safeParse(job.payload);
      if (!parsed.success) {
        // A payload that does not fit its kind never will: fail it for good, no retries.
        outcome = await this.fail(job, claim, `invalid payload: ${parsed.error.message}`, true);
      } else {
        try {
          await registered.handler(parsed.data, { now, attempt: job.attempts });
          const done = await repo.markJobDone(this.deps.db, claim, this.deps.clock.now());
          outcome = done ? 'done' : 'lease_lost';
          if (!done) this.deps.logger.warn({ jobId: job.id, kind: job.kind }, 'job finished after its claim was taken');
        } catch (error) {
          outcome = await this.fail(job, claim, messageOf(error), false);
        }
      }
    } finally {
      clearInterval(renewal);
    }
    this.options.onOutcome?.(job.kind, outcome, performance.now() - started);
  }

  private async fail(job: repo.JobRow, claim: repo.JobClaim, message: string, forGood: boolean): Promise<JobOutcome> {
    const givingUp = forGood || job.attempts >= job.maxAttempts;
    this.deps.logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: message }, 'job failed');
    const now = this.deps.clock.now();
    const retryAt = new Date(now.getTime() + retryDelayMs(job.attempts));
    const marked = await repo.markJobFailed(this.deps.db, claim, { error: message, retryAt, givingUp, now });
    if (!marked) return 'lease_lost';
    return givingUp ? 'failed' : 'retry';
  }

  /**
   * The worker loop: keeps up to `concurrency` jobs running, claiming more as slots free, and
   * polls every `intervalMs` when idle. Prunes old done rows once an hour.
   */
  start(intervalMs = 1000): void {
    this.stopped = false;
    const tick = async () => {
      this.timer = undefined;
      if (this.stopped) return;
      try {
        await this.fill();
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
          this.lastPrune = Date.now();
          const pruned = await this.pruneDone();
          if (pruned > 0) this.deps.logger.info({ pruned }, 'old done jobs pruned');
        }
      } catch (error) {
        this.deps.logger.error({ err: messageOf(error) }, 'job worker tick failed');
      }
      this.schedule(intervalMs);
    };
    this.tick = tick;
    this.schedule(intervalMs);
  }

  private tick: (() => Promise<void>) | undefined;

  private schedule(ms: number): void {
    if (this.stopped || this.timer || !this.tick) return;
    this.timer = setTimeout(() => void this.tick?.(), ms);
  }

  /** Claims as many jobs as there are free slots and starts them; each finished job fills its slot again. */
  private fill(): Promise<void> {
    this.filling ??= (async () => {
      try {
        while (!this.stopped) {
          const free = this.concurrency - this.inFlight.size;
          const claimed = await this.claim(free);
          if (claimed.length === 0) return;
          for (const job of claimed) {
            const running: Promise<void> = this.run(job)
              .catch((error: unknown) => this.deps.logger.error({ err: messageOf(error) }, 'job run failed'))
              .finally(() => {
                this.inFlight.delete(running);
                if (!this.stopped) void this.fill();
              });
            this.inFlight.add(running);
          }
          if (this.inFlight.size >= this.concurrency) return;
        }
      } finally {
        this.filling = undefined;
      }
    })();
    return this.filling;
  }

  /** Jobs running in this process now. */
  get running(): number {
    return this.inFlight.size;
  }

  /**
   * Stops claiming and waits for the jobs in hand to finish (their results are recorded). Jobs
   * not claimed stay for the other processes; a job still running when the process exits is
   * taken over by another once its lease (no longer renewed) passes.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.filling?.catch(() => {});
    await Promise.allSettled([...this.inFlight]);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
