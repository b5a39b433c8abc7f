import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { users } from './users.ts';

export type MediaVariantRecord = { width: number; height: number; key: string };

/**
 * An uploaded photo. The id is its content hash (sha256 of the original, 32 hex characters), so the
 * same photo uploaded twice is one row and one set of files. The files themselves live in the media
 * storage (local disk or S3) under `variants[].key`; this row is what listings point at.
 */
export const media = pgTable(
  'media',
  {
    id: text().primaryKey(),
    width: integer().notNull(),
    height: integer().notNull(),
    /** The uploaded format (jpeg, png, webp, avif); every variant is WebP. */
    sourceFormat: text().notNull(),
    /** Ascending by width. */
    variants: jsonb().$type<MediaVariantRecord[]>().notNull(),
    placeholder: text().notNull(),
    uploadedByUserId: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('media_uploaded_by_idx').on(t.uploadedByUserId)],
);
