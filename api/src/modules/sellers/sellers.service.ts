import type { Certification, Seller, SellerCreate, SellerUpdate } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import { PROVINCES } from '@nongsan/vn/provinces';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import { recordSearchChange } from '../search/index.ts';
import { findPublicCertificationsOfSeller } from './certifications.service.ts';
import { flatTermsAsZones, writeZones } from './delivery-zones.service.ts';
import type { SellerNeeds } from './seller-needs.ts';
import * as repo from './sellers.repo.ts';

type SellerDeps = Pick<Deps, 'db' | 'clock'>;

const provinceName = (provinceId: string) => PROVINCES.find((p) => p.id === provinceId)?.name ?? provinceId;

export function toSeller(
  row: repo.SellerRow,
  memberCount: number | null,
  certifications: readonly Certification[] = [],
): Seller {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    province: { id: row.provinceId, name: provinceName(row.provinceId) },
    commune: row.commune,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    bio: row.bio,
    pickupAddress: row.pickupAddress,
    pickupHours: row.pickupHours,
    offersDelivery: row.offersDelivery,
    deliveryFeeVnd: row.deliveryFeeVnd,
    freeDeliveryOverVnd: row.freeDeliveryOverVnd,
    isVerified: row.verifiedAt !== null,
    memberCount,
    certifications: [...certifications],
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Creates a seller profile for the signed-in user. A person has at most one farm profile; they may
 * found several cooperatives, and the founder becomes the cooperative's first manager.
 */
export async function createSeller(
  deps: SellerDeps & SellerNeeds,
  user: SessionUser,
  input: SellerCreate,
): Promise<Seller> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (input.kind === 'farmer' && (await repo.findFarmerOwnedBy(tx, user.userId))) {
      throw new AppError('CONFLICT', { message: 'you already have a farm profile' });
    }
    const seller = await repo.insertSeller(tx, {
      id: newId('sel'),
      kind: input.kind,
      ownerUserId: user.userId,
      name: input.name,
      provinceId: input.province,
      commune: input.commune ?? null,
      lat: input.location?.lat ?? null,
      lng: input.location?.lng ?? null,
      bio: input.bio ?? null,
      pickupAddress: input.pickupAddress ?? null,
      pickupHours: input.pickupHours ?? null,
      offersDelivery: input.offersDelivery ?? false,
      deliveryFeeVnd: input.deliveryFeeVnd ?? 0,
      freeDeliveryOverVnd: input.freeDeliveryOverVnd ?? null,
      createdAt: now,
      updatedAt: now,
    });
    // Flat terms given at creation are the seller's first zone (the zones are what prices orders).
    if (seller.offersDelivery) await writeZones(tx, seller.id, flatTermsAsZones(seller), now);
    if (seller.kind === 'cooperative') {
      await deps.cooperativeFounding.addFounder(tx, {
        cooperativeId: seller.id,
        userId: user.userId,
        phone: user.phone,
        name: input.name,
        now,
      });
    }
    return toSeller(seller, seller.kind === 'cooperative' ? 1 : null);
  });
}

/** The public profile: with the certifications an operator verified that are valid today (Vietnam date). */
export async function getSeller(deps: Pick<Deps, 'db' | 'clock'>, sellerId: string): Promise<Seller> {
  const seller = await repo.findSeller(deps.db, sellerId);
  if (!seller) throw new AppError('NOT_FOUND', { message: 'seller not found' });
  return publicSeller(deps, seller);
}

async function publicSeller(deps: Pick<Deps, 'db' | 'clock'>, seller: repo.SellerRow): Promise<Seller> {
  const memberCount = seller.kind === 'cooperative' ? await repo.countActiveMembers(deps.db, seller.id) : null;
  const certifications = await findPublicCertificationsOfSeller(deps.db, seller.id, vnDate(deps.clock.now()));
  return toSeller(seller, memberCount, certifications);
}

/**
 * The owner or a manager edits the profile, delivery terms included (they price every later
 * order; orders already placed keep the fee they were placed with). Anyone else: 404.
 */
export async function updateSeller(
  deps: SellerDeps,
  user: SessionUser,
  sellerId: string,
  input: SellerUpdate,
): Promise<Seller> {
  const updated = await deps.db.transaction(async (tx) => {
    await requireAccess(tx, user, 'seller.manage', sellerId);
    const row = await repo.updateSeller(tx, sellerId, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.province === undefined ? {} : { provinceId: input.province }),
      ...(input.commune === undefined ? {} : { commune: input.commune }),
      ...(input.location === undefined ? {} : { lat: input.location?.lat ?? null, lng: input.location?.lng ?? null }),
      ...(input.bio === undefined ? {} : { bio: input.bio }),
      ...(input.pickupAddress === undefined ? {} : { pickupAddress: input.pickupAddress }),
      ...(input.pickupHours === undefined ? {} : { pickupHours: input.pickupHours }),
      ...(input.offersDelivery === undefined ? {} : { offersDelivery: input.offersDelivery }),
      ...(input.deliveryFeeVnd === undefined ? {} : { deliveryFeeVnd: input.deliveryFeeVnd }),
      ...(input.freeDeliveryOverVnd === undefined ? {} : { freeDeliveryOverVnd: input.freeDeliveryOverVnd }),
      updatedAt: deps.clock.now(),
    });
    if (!row) throw new AppError('NOT_FOUND', { message: 'seller not found' });
    // The profile's flat terms are a shortcut for one nationwide zone: changing any of them replaces
    // the seller's zones with that one (or none), and the row's summary with its own.
    const flat = [input.offersDelivery, input.deliveryFeeVnd, input.freeDeliveryOverVnd];
    if (flat.some((value) => value !== undefined)) {
      await writeZones(tx, sellerId, flatTermsAsZones(row), deps.clock.now());
    }
    // Name, province, place and delivery terms are on every listing's search document: fan out to all of them.
    const onDocuments = [
      input.name,
      input.province,
      input.location,
      input.offersDelivery,
      input.deliveryFeeVnd,
      input.freeDeliveryOverVnd,
    ];
    if (onDocuments.some((value) => value !== undefined)) {
      await recordSearchChange(tx, { sellerId }, deps.clock.now());
    }
    return (await repo.findSeller(tx, sellerId)) ?? row;
  });
  return publicSeller(deps, updated);
}
