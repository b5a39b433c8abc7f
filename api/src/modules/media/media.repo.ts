import { type DbOrTx, schema } from '@nongsan/db';
import { inArray } from 'drizzle-orm';

const { media } = schema;

export type MediaRow = typeof media.$inferSelect;

/** Inserts the photo unless the same content is already recorded (the id is its hash); returns the row. */
export async function upsertMedia(db: DbOrTx, values: typeof media.$inferInsert): Promise<MediaRow> {
  await db.insert(media).values(values).onConflictDoNothing({ target: media.id });
  const [row] = await db
    .select()
    .from(media)
    .where(inArray(media.id, [values.id]));
  if (!row) throw new Error('media upsert returned nothing');
  return row;
}

export async function findMediaByIds(db: DbOrTx, mediaIds: readonly string[]): Promise<MediaRow[]> {
  if (mediaIds.length === 0) return [];
  return db
    .select()
    .from(media)
    .where(inArray(media.id, [...mediaIds]));
}
