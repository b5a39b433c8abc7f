import type { Certification, CertificationCreate } from '@nongsan/contracts';
import { type DbOrTx, newId } from '@nongsan/db';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { hasAccess, requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import { recordSearchChange } from '../search/index.ts';
import * as repo from './certifications.repo.ts';
import { findSeller } from './sellers.repo.ts';

type CertDeps = Pick<Deps, 'db' | 'clock'>;

export function toCertification(row: repo.CertificationRow): Certification {
  return {
    id: row.id,
    sellerId: row.sellerId,
    type: row.type,
    stars: row.stars,
    certificateNumber: row.certificateNumber,
    issuer: row.issuer,
    validFrom: row.validFrom,
    validTo: row.validTo,
    isVerified: row.verifiedAt !== null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * What the public may see as a badge: verified by an operator AND valid today (Vietnam date). An
 * expired certificate stays in the seller's list but stops claiming anything to buyers.
 */
export function isPubliclyShown(certification: Certification, today: string): boolean {
  return certification.isVerified && certification.validFrom <= today && today <= certification.validTo;
}

/** A seller's owner or managers record a certificate; it waits for an operator before it shows. */
export async function createCertification(
  deps: CertDeps,
  user: SessionUser,
  sellerId: string,
  input: CertificationCreate,
): Promise<Certification> {
  return deps.db.transaction(async (tx) => {
    await requireAccess(tx, user, 'seller.manage', sellerId);
    const key = { sellerId, type: input.type, certificateNumber: input.certificateNumber };
    if (await repo.findDuplicate(tx, key)) {
      throw new AppError('CONFLICT', {
        message: 'this certificate is already recorded',
        details: { field: 'certificateNumber' },
      });
    }
    const row = await repo.insertCertification(tx, {
      id: newId('crt'),
      sellerId,
      type: input.type,
      stars: input.stars ?? null,
      certificateNumber: input.certificateNumber,
      issuer: input.issuer,
      validFrom: input.validFrom,
      validTo: input.validTo,
      createdByUserId: user.userId,
      createdAt: deps.clock.now(),
    });
    return toCertification(row);
  });
}

/**
 * Operators only. Anyone else gets 404 exactly as for an unknown id: the verify endpoint must not
 * confirm that a certification exists. Verifying twice keeps the first verification.
 */
export async function verifyCertification(
  deps: CertDeps,
  user: SessionUser,
  certificationId: string,
): Promise<Certification> {
  if (!user.isOperator) throw new AppError('NOT_FOUND', { message: 'certification not found' });
  return deps.db.transaction(async (tx) => {
    const existing = await repo.findCertification(tx, certificationId);
    if (!existing) throw new AppError('NOT_FOUND', { message: 'certification not found' });
    await repo.markVerified(tx, certificationId, { verifiedAt: deps.clock.now(), verifiedByUserId: user.userId });
    // A verified certification becomes a badge and a facet on the seller's listings that carry it.
    await recordSearchChange(tx, { sellerId: existing.sellerId }, deps.clock.now());
    const row = await repo.findCertification(tx, certificationId);
    if (!row) throw new AppError('NOT_FOUND', { message: 'certification not found' });
    return toCertification(row);
  });
}

/** The public sees what isPubliclyShown allows; the seller's team sees every certificate with its state. */
export async function listSellerCertifications(
  deps: CertDeps,
  viewer: SessionUser | null,
  sellerId: string,
): Promise<Certification[]> {
  if (!(await findSeller(deps.db, sellerId))) throw new AppError('NOT_FOUND', { message: 'seller not found' });
  const isTeam = await hasAccess(deps.db, viewer, 'seller.team', sellerId);
  const today = vnDate(deps.clock.now());
  const all = (await repo.listCertificationsOfSeller(deps.db, sellerId)).map(toCertification);
  return isTeam ? all : all.filter((c) => isPubliclyShown(c, today));
}

/** What a seller's public profile shows: its certifications verified by an operator and valid today. */
export async function findPublicCertificationsOfSeller(
  db: DbOrTx,
  sellerId: string,
  today: string,
): Promise<Certification[]> {
  return (await repo.listCertificationsOfSeller(db, sellerId))
    .map(toCertification)
    .filter((c) => isPubliclyShown(c, today));
}

/**
 * The certifications `ids` names, all of which must belong to `sellerId`; otherwise 422 on
 * `field`. Unverified ones may be attached: they show once an operator verifies them.
 */
export async function requireSellerCertifications(
  db: DbOrTx,
  sellerId: string,
  ids: readonly string[],
  field = 'certificationIds',
): Promise<Certification[]> {
  const rows = await repo.findCertificationsByIds(db, ids);
  const byId = new Map(rows.filter((r) => r.sellerId === sellerId).map((r) => [r.id, r]));
  const missing = ids.flatMap((id, i) =>
    byId.has(id)
      ? []
      : [{ path: `${field}.${i}`, code: 'not_found', message: `no certification ${id} of this seller` }],
  );
  if (missing.length > 0)
    throw new AppError('VALIDATION_FAILED', { message: 'unknown certification', details: missing });
  return ids.map((id) => toCertification(byId.get(id) as repo.CertificationRow));
}
