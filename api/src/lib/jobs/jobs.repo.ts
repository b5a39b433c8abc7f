import { type DbOrTx, schema, sqlTime } from '@nongsan/db';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';

const { jobs } = schema;

export type JobRow = typeof jobs.$inferSelect;

export type JobInsert = {
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  maxAttempts: number;
  dedupeKey: string | null;
};

/**
 * Who holds a job: every claim increments `attempts`, so (id, attempts) names one claim. A write
 * fenced by it does nothing once another worker has claimed the job since.
 */
export type JobClaim = { id: number; attempts: number };

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
 * Claims up to `limit` due jobs of the given kinds, each leased for its kind's time. SKIP LOCKED
 * lets several instances claim in parallel without waiting on or double-taking each other's rows;
 * the lease makes a crashed worker's job due again.
 */
export async function claimDueJobs(
  db: DbOrTx,
  now: Date,
  leaseMsByKind: ReadonlyMap<string, number>,
  limit: number,
  /** Only jobs up to this id (runDue: the jobs that existed when it was called). */
  newestId?: number,
): Promise<JobRow[]> {
  const kinds = [...leaseMsByKind.keys()];
  if (kinds.length === 0 || limit <= 0) return [];
  const lease = sql.join(
    [...leaseMsByKind].map(([kind, ms]) => sql`WHEN ${kind} THEN ${ms}::int`),
    sql` `,
  );
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const result = await db.execute<Record<string, unknown>>(sql`
    UPDATE ${jobs}
    SET locked_until = ${sqlTime(now)} + (CASE kind ${lease} END) * interval '1 millisecond',
        attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM ${jobs}
      WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= ${sqlTime(now)}
        AND (locked_until IS NULL OR locked_until <= ${sqlTime(now)})
        AND kind IN (${kindList})${newestId === undefined ? sql`` : sql` AND id <= ${newestId}`}
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

export async function newestJobId(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ id: sql<number | null>`max(${jobs.id})` }).from(jobs);
  return Number(row?.id ?? 0);
}

/** postgres.js returns an array, PGlite an object with `rows`. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

const held = (claim: JobClaim) =>
  and(eq(jobs.id, claim.id), eq(jobs.attempts, claim.attempts), isNull(jobs.doneAt), isNull(jobs.failedAt));

/** Extends the lease of a job still held by `claim`; false when another worker has claimed it since. */
export async function renewJobLease(db: DbOrTx, claim: JobClaim, until: Date): Promise<boolean> {
  const rows = await db.update(jobs).set({ lockedUntil: until }).where(held(claim)).returning({ id: jobs.id });
  return rows.length === 1;
}

/** Marks the job done if `claim` still holds it; false (nothing written) when it does not. */
export async function markJobDone(db: DbOrTx, claim: JobClaim, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ doneAt: now, lockedUntil: null })
    .where(held(claim))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Records a failed try (retry at `retryAt`, or failed for good) if `claim` still holds the job. */
export async function markJobFailed(
  db: DbOrTx,
  claim: JobClaim,
  failure: { error: string; retryAt: Date; givingUp: boolean; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      lastError: failure.error.slice(0, 2000),
      lockedUntil: null,
      ...(failure.givingUp ? { failedAt: failure.now } : { runAt: failure.retryAt }),
    })
    .where(held(claim))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Deletes up to 5000 done jobs finished before `before` (one short statement; the loop calls again). */
export async function deleteDoneJobs(db: DbOrTx, before: Date): Promise<number> {
  const result = await db.execute<Record<string, unknown>>(sql`
    DELETE FROM ${jobs} WHERE id IN (
      SELECT id FROM ${jobs} WHERE done_at IS NOT NULL AND done_at < ${sqlTime(before)} LIMIT 5000
    ) RETURNING id`);
  return rowsOf(result).length;
}

export async function findJobs(db: DbOrTx, kind: string): Promise<JobRow[]> {
  return db.select().from(jobs).where(eq(jobs.kind, kind)).orderBy(jobs.id);
}

/** Pending jobs per kind, and those failed for good, for metrics. */
export async function countJobsByKind(
  db: DbOrTx,
): Promise<{ kind: string; pending: number; running: number; failed: number }[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT kind,
      count(*) FILTER (WHERE done_at IS NULL AND failed_at IS NULL)::int AS pending,
      count(*) FILTER (WHERE done_at IS NULL AND failed_at IS NULL AND locked_until > now())::int AS running,
      count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed
    FROM ${jobs} WHERE done_at IS NULL GROUP BY kind ORDER BY kind`);
  return rowsOf(result).map((r) => ({
    kind: String(r.kind),
    pending: Number(r.pending),
    running: Number(r.running),
    failed: Number(r.failed),
  }));
}
