import { type DbOrTx, schema } from '@nongsan/db';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';

const { certifications } = schema;

export type CertificationRow = typeof certifications.$inferSelect;

export async function insertCertification(
  db: DbOrTx,
  values: typeof certifications.$inferInsert,
): Promise<CertificationRow> {
  const [row] = await db.insert(certifications).values(values).returning();
  if (!row) throw new Error('certification insert returned nothing');
  return row;
}

export async function findCertification(db: DbOrTx, certificationId: string): Promise<CertificationRow | null> {
  const [row] = await db.select().from(certifications).where(eq(certifications.id, certificationId)).limit(1);
  return row ?? null;
}

export async function findDuplicate(
  db: DbOrTx,
  key: { sellerId: string; type: CertificationRow['type']; certificateNumber: string },
): Promise<CertificationRow | null> {
  const [row] = await db
    .select()
    .from(certifications)
    .where(
      and(
        eq(certifications.sellerId, key.sellerId),
        eq(certifications.type, key.type),
        eq(certifications.certificateNumber, key.certificateNumber),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function listCertificationsOfSeller(db: DbOrTx, sellerId: string): Promise<CertificationRow[]> {
  return db
    .select()
    .from(certifications)
    .where(eq(certifications.sellerId, sellerId))
    .orderBy(asc(certifications.createdAt), asc(certifications.id));
}

export async function findCertificationsByIds(db: DbOrTx, ids: readonly string[]): Promise<CertificationRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(certifications)
    .where(inArray(certifications.id, [...ids]));
}

/** Sets the verification once; a second verify finds nothing to update and changes nothing. */
export async function markVerified(
  db: DbOrTx,
  certificationId: string,
  verification: { verifiedAt: Date; verifiedByUserId: string },
): Promise<void> {
  await db
    .update(certifications)
    .set(verification)
    .where(and(eq(certifications.id, certificationId), isNull(certifications.verifiedAt)));
}
