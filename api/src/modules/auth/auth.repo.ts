import { type Db, type DbOrTx, newId, schema, sqlTime } from '@nongsan/db';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { MAX_FAILED_ATTEMPTS } from './auth.crypto.ts';

const { users, signInCodes, sessions, rateLimitWindows } = schema;

/**
 * Counts one hit in a fixed window and returns the count and when the window started. One atomic
 * upsert, so concurrent requests on several API instances can never slip past the limit together.
 */
export async function hitRateLimit(db: DbOrTx, key: string, now: Date, windowMs: number) {
  const windowEdge = sqlTime(new Date(now.getTime() - windowMs));
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, windowStart: now, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimitWindows.key,
      set: {
        hits: sql`CASE WHEN ${rateLimitWindows.windowStart} <= ${windowEdge} THEN 1 ELSE ${rateLimitWindows.hits} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimitWindows.windowStart} <= ${windowEdge} THEN ${sqlTime(now)} ELSE ${rateLimitWindows.windowStart} END`,
      },
    })
    .returning({ hits: rateLimitWindows.hits, windowStart: rateLimitWindows.windowStart });
  if (!row) throw new Error('rate limit upsert returned nothing');
  return row;
}

/**
 * Stores a new code and retires the phone's earlier live codes in the same transaction: only the
 * newest code sent can sign in, so an old SMS arriving late is useless.
 */
export async function replaceSignInCode(
  db: Db,
  values: { id: string; phone: string; codeHash: string; expiresAt: Date; requestIp: string; createdAt: Date },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(signInCodes)
      .set({ expiresAt: values.createdAt })
      .where(
        and(
          eq(signInCodes.phone, values.phone),
          isNull(signInCodes.consumedAt),
          gt(signInCodes.expiresAt, values.createdAt),
        ),
      );
    await tx.insert(signInCodes).values(values);
  });
}

/** The phone's live code, locked: concurrent verifications of one code take turns. */
export async function findLiveCodeForUpdate(tx: DbOrTx, phone: string, now: Date) {
  const [row] = await tx
    .select()
    .from(signInCodes)
    .where(
      and(
        eq(signInCodes.phone, phone),
        isNull(signInCodes.consumedAt),
        gt(signInCodes.expiresAt, now),
        lt(signInCodes.failedAttempts, MAX_FAILED_ATTEMPTS),
      ),
    )
    .orderBy(desc(signInCodes.createdAt))
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function recordFailedAttempt(tx: DbOrTx, codeId: string) {
  const [row] = await tx
    .update(signInCodes)
    .set({ failedAttempts: sql`${signInCodes.failedAttempts} + 1` })
    .where(eq(signInCodes.id, codeId))
    .returning({ failedAttempts: signInCodes.failedAttempts });
  return row?.failedAttempts ?? 0;
}

/** Marks a code used; false when another request used it first (single use under concurrency). */
export async function consumeCode(tx: DbOrTx, codeId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(signInCodes)
    .set({ consumedAt: now })
    .where(and(eq(signInCodes.id, codeId), isNull(signInCodes.consumedAt)))
    .returning({ id: signInCodes.id });
  return rows.length === 1;
}

/** Finds or creates the user of a phone, recording the sign-in. */
export async function upsertUserByPhone(tx: DbOrTx, phone: string, name: string | undefined, now: Date) {
  const [row] = await tx
    .insert(users)
    .values({ id: newId('usr'), phone, name: name ?? null, lastSignInAt: now, createdAt: now })
    .onConflictDoUpdate({
      target: users.phone,
      // A name given at sign-in fills a missing one; it never overwrites the name a person set.
      set: { lastSignInAt: now, name: sql`COALESCE(${users.name}, excluded.name)` },
    })
    .returning();
  if (!row) throw new Error('user upsert returned nothing');
  return row;
}

export async function insertSession(
  tx: DbOrTx,
  values: { id: string; userId: string; tokenHash: string; expiresAt: Date; userAgent: string | null; createdAt: Date },
) {
  await tx.insert(sessions).values(values);
}

export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ sessionId: sessions.id, userId: users.id, phone: users.phone })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

export async function revokeSession(db: DbOrTx, sessionId: string, now: Date) {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

export async function findUserById(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/** Housekeeping: expired codes older than a day and expired sessions carry no information worth keeping. */
export async function deleteExpiredCredentials(db: DbOrTx, now: Date) {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  await db.delete(signInCodes).where(lt(signInCodes.expiresAt, dayAgo));
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
