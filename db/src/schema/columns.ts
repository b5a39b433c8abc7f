import { timestamp } from 'drizzle-orm/pg-core';

/** Every table records when a row was created; times are stored with their zone. */
export const createdAt = () => timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const timestamptz = () => timestamp({ withTimezone: true, mode: 'date' });
