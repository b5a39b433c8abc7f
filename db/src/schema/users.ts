import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';

/** A person who signed in with a phone number. The phone is the identity (E.164, `+84…`). */
export const users = pgTable(
  'users',
  {
    id: text().primaryKey(),
    phone: text().notNull(),
    name: text(),
    createdAt: createdAt(),
    lastSignInAt: timestamptz(),
  },
  (t) => [uniqueIndex('users_phone_key').on(t.phone)],
);

/**
 * A one-time sign-in code sent by SMS. Only a hash is stored; a code is dead once consumed,
 * expired, or after too many wrong tries. Rows are kept (not deleted) so the per-phone hourly
 * limit can count them.
 */
export const signInCodes = pgTable(
  'sign_in_codes',
  {
    id: text().primaryKey(),
    phone: text().notNull(),
    codeHash: text().notNull(),
    expiresAt: timestamptz().notNull(),
    failedAttempts: integer().notNull().default(0),
    consumedAt: timestamptz(),
    requestIp: text(),
    createdAt: createdAt(),
  },
  (t) => [index('sign_in_codes_phone_created_idx').on(t.phone, t.createdAt)],
);

/** A signed-in device. The bearer token is never stored, only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamptz().notNull(),
    revokedAt: timestamptz(),
    userAgent: text(),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/**
 * Fixed-window counters for rate limits (per IP, per phone). Kept in the database, not in
 * process memory, because the API runs as several stateless instances.
 */
export const rateLimitWindows = pgTable('rate_limit_windows', {
  key: text().primaryKey(),
  windowStart: timestamptz().notNull(),
  hits: integer().notNull(),
});
