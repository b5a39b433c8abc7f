import { type DbOrTx, schema, sqlTime } from '@nongsan/db';
import { and, eq, inArray, sql } from 'drizzle-orm';

const { jobs } = schema;

export type JobRow = typeof jobs.$inferSelect;

export type JobInsert = {
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  maxAttempts: number;
  dedupeKey: string | null;
};

export async function insertJob(db: DbOrTx, values: JobInsert): Promise<boolean> {
  return (await insertJobs(db, [values])) === 1;
}

/** Inserts jobs in one statement; returns how many were new. */
export async function insertJobs(db: DbOrTx, values: readonly JobInsert[]): Promise<number> {
  // A pending job with the same dedupe key already exists: keep that one.
  const rows = await db
    .insert(jobs)
    .values([...values])
    .onConflictDoNothing({
      target: jobs.dedupeKey,
      where: sql`${jobs.dedupeKey} IS NOT NULL AND ${jobs.doneAt} IS NULL AND ${jobs.failedAt} IS NULL`,
    })
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Claims due jobs for this worker. SKIP LOCKED lets several instances claim in parallel without
 * waiting on or double-taking each other's rows; the lease makes a crashed worker's job due again.
 */
export async function claimDueJobs(db: DbOrTx, now: Date, leaseMs: number, limit: number): Promise<JobRow[]> {
  const leaseEnd = new Date(now.getTime() + leaseMs);
  const result = await db.execute<Record<string, unknown>>(sql`
    UPDATE ${jobs} SET locked_until = ${sqlTime(leaseEnd)}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM ${jobs}
      WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= ${sqlTime(now)}
        AND (locked_until IS NULL OR locked_until <= ${sqlTime(now)})
      ORDER BY run_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`);
  const ids = rowsOf(result).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const claimed = await db.select().from(jobs).where(inArray(jobs.id, ids));
  return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

/** postgres.js returns an array, PGlite an object with `rows`. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

export async function markJobDone(db: DbOrTx, jobId: number, now: Date) {
  await db.update(jobs).set({ doneAt: now, lockedUntil: null }).where(eq(jobs.id, jobId));
}

export async function markJobFailed(
  db: DbOrTx,
  job: { id: number; attempts: number; maxAttempts: number },
  error: string,
  retryAt: Date,
  now: Date,
) {
  const givingUp = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({ lastError: error.slice(0, 2000), lockedUntil: null, ...(givingUp ? { failedAt: now } : { runAt: retryAt }) })
    .where(and(eq(jobs.id, job.id)));
}

export async function findJobs(db: DbOrTx, kind: string): Promise<JobRow[]> {
  return db.select().from(jobs).where(eq(jobs.kind, kind)).orderBy(jobs.id);
}
