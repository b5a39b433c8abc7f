import type { Member, MemberCreate, Seller, SellerCreate } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import { PROVINCES } from '@nongsan/vn/provinces';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { requireSellerRole, SELLER_MANAGERS, SELLER_WRITERS } from './sellers.access.ts';
import * as repo from './sellers.repo.ts';

type SellerDeps = Pick<Deps, 'db' | 'clock'>;

const provinceName = (provinceId: string) => PROVINCES.find((p) => p.id === provinceId)?.name ?? provinceId;

export function toSeller(row: repo.SellerRow, memberCount: number | null): Seller {
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
    isVerified: row.verifiedAt !== null,
    memberCount,
    createdAt: row.createdAt.toISOString(),
  };
}

function toMember(row: repo.MemberRow): Member {
  return {
    id: row.id,
    cooperativeId: row.cooperativeId,
    name: row.name,
    phone: row.phone,
    role: row.role,
    status: row.status,
    hasAccount: row.userId !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Creates a seller profile for the signed-in user. A person has at most one farm profile; they may
 * found several cooperatives, and the founder becomes the cooperative's first manager.
 */
export async function createSeller(deps: SellerDeps, user: SessionUser, input: SellerCreate): Promise<Seller> {
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
      createdAt: now,
      updatedAt: now,
    });
    if (seller.kind === 'cooperative') {
      await repo.insertMember(tx, {
        id: newId('mem'),
        cooperativeId: seller.id,
        userId: user.userId,
        phone: user.phone,
        name: input.name,
        role: 'manager',
        createdAt: now,
      });
    }
    return toSeller(seller, seller.kind === 'cooperative' ? 1 : null);
  });
}

export async function getSeller(deps: Pick<Deps, 'db'>, sellerId: string): Promise<Seller> {
  const seller = await repo.findSeller(deps.db, sellerId);
  if (!seller) throw new AppError('NOT_FOUND', { message: 'seller not found' });
  const memberCount = seller.kind === 'cooperative' ? await repo.countActiveMembers(deps.db, seller.id) : null;
  return toSeller(seller, memberCount);
}

/** Only a cooperative's managers add members; a member may have no phone (the cooperative acts for them). */
export async function addMember(
  deps: SellerDeps,
  user: SessionUser,
  cooperativeId: string,
  input: MemberCreate,
): Promise<Member> {
  return deps.db.transaction(async (tx) => {
    await requireCooperative(tx, cooperativeId, user, SELLER_MANAGERS);
    if (input.phone && (await repo.findMemberByPhone(tx, cooperativeId, input.phone))) {
      throw new AppError('CONFLICT', {
        message: 'a member with this phone already exists',
        details: { field: 'phone' },
      });
    }
    const userId = input.phone ? await repo.findUserIdByPhone(tx, input.phone) : null;
    const member = await repo.insertMember(tx, {
      id: newId('mem'),
      cooperativeId,
      userId,
      phone: input.phone ?? null,
      name: input.name,
      role: input.role,
      createdAt: deps.clock.now(),
    });
    return toMember(member);
  });
}

export async function listMembers(deps: Pick<Deps, 'db'>, user: SessionUser, cooperativeId: string): Promise<Member[]> {
  await requireCooperative(deps.db, cooperativeId, user, SELLER_WRITERS);
  return (await repo.listMembers(deps.db, cooperativeId)).map(toMember);
}

async function requireCooperative(
  db: Deps['db'] | Parameters<typeof repo.findSeller>[0],
  cooperativeId: string,
  user: SessionUser,
  allowed: typeof SELLER_MANAGERS,
) {
  await requireSellerRole(db, cooperativeId, user, allowed);
  const seller = await repo.findSeller(db, cooperativeId);
  if (seller?.kind !== 'cooperative') throw new AppError('NOT_FOUND', { message: 'cooperative not found' });
}
