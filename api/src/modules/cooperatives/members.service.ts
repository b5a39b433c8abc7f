import type { Member, MemberCreate, MemberUpdate } from '@nongsan/contracts';
import { type DbOrTx, newId } from '@nongsan/db';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import type { CooperativeFounding } from '../sellers/index.ts';
import { requireCooperative } from './cooperatives.access.ts';
import * as repo from './members.repo.ts';

type MemberDeps = Pick<Deps, 'db' | 'clock'>;

export function toMember(row: repo.MemberRow): Member {
  return {
    id: row.id,
    cooperativeId: row.cooperativeId,
    name: row.name,
    phone: row.phone,
    role: row.role,
    status: row.status,
    displayPreference: row.displayPreference,
    hasAccount: row.userId !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

const phoneTaken = () =>
  new AppError('CONFLICT', { message: 'a member with this phone already exists', details: { field: 'phone' } });

const memberNotFound = () => new AppError('NOT_FOUND', { message: 'member not found' });

/** Only a cooperative's managers add members; a member may have no phone (the cooperative acts for them). */
export async function addMember(
  deps: MemberDeps,
  user: SessionUser,
  cooperativeId: string,
  input: MemberCreate,
): Promise<Member> {
  return deps.db.transaction(async (tx) => {
    await requireCooperative(tx, cooperativeId, user, 'cooperative.manage');
    if (input.phone && (await repo.findMemberByPhone(tx, cooperativeId, input.phone))) throw phoneTaken();
    // A phone that already signed in is linked at once; otherwise at that phone's first sign-in.
    const userId = input.phone ? await repo.findUserIdByPhone(tx, input.phone) : null;
    const now = deps.clock.now();
    const member = await repo.insertMember(tx, {
      id: newId('mem'),
      cooperativeId,
      userId,
      phone: input.phone ?? null,
      name: input.name,
      role: input.role,
      displayPreference: input.displayPreference,
      createdAt: now,
      updatedAt: now,
    });
    if (!member) throw phoneTaken();
    return toMember(member);
  });
}

export async function listMembers(deps: Pick<Deps, 'db'>, user: SessionUser, cooperativeId: string): Promise<Member[]> {
  await requireCooperative(deps.db, cooperativeId, user, 'cooperative.write');
  return (await repo.listMembers(deps.db, cooperativeId)).map(toMember);
}

/**
 * The member record of the person acting, or of the cooperative's owner, keeps its manager role,
 * its phone and its active status: a manager cannot lock themselves (or the founder) out by a
 * slip of the thumb. Another manager can make those changes.
 */
function isProtected(member: repo.MemberRow, user: SessionUser, ownerUserId: string): boolean {
  return member.userId !== null && (member.userId === user.userId || member.userId === ownerUserId);
}

const protectedMember = (what: string) =>
  new AppError('CONFLICT', {
    message: `you cannot change ${what} of your own membership or the owner's; ask another manager`,
    details: { field: what },
  });

/**
 * A manager's edit. A new phone re-links the member to that phone's account (or to none until it
 * signs in); removing the phone unlinks the account, so that phone no longer acts for the
 * cooperative. Lots, sales and history stay with the member either way.
 */
export async function updateMember(
  deps: MemberDeps,
  user: SessionUser,
  cooperativeId: string,
  memberId: string,
  input: MemberUpdate,
): Promise<Member> {
  return deps.db.transaction(async (tx) => {
    const { cooperative } = await requireCooperative(tx, cooperativeId, user, 'cooperative.manage');
    const member = await repo.lockMember(tx, cooperativeId, memberId);
    if (!member) throw memberNotFound();
    const guarded = isProtected(member, user, cooperative.ownerUserId);
    const values: Partial<repo.MemberRow> = { updatedAt: deps.clock.now() };
    if (input.name !== undefined) values.name = input.name;
    if (input.displayPreference !== undefined) values.displayPreference = input.displayPreference;
    if (input.role !== undefined && input.role !== member.role) {
      if (guarded) throw protectedMember('role');
      values.role = input.role;
    }
    if (input.phone !== undefined && input.phone !== member.phone) {
      if (guarded) throw protectedMember('phone');
      if (input.phone !== null && (await repo.findMemberByPhone(tx, cooperativeId, input.phone))) throw phoneTaken();
      values.phone = input.phone;
      values.userId = input.phone === null ? null : await repo.findUserIdByPhone(tx, input.phone);
    }
    const updated = await repo.updateMember(tx, member.id, values);
    if (!updated) throw phoneTaken();
    return toMember(updated);
  });
}

/**
 * Deactivating keeps the member and everything attributed to them (lots, sales, reports) but they
 * can no longer sign in to the cooperative's pages or receive new lots. Reactivating undoes it.
 * Both are idempotent.
 */
export async function setMemberStatus(
  deps: MemberDeps,
  user: SessionUser,
  cooperativeId: string,
  memberId: string,
  status: repo.MemberRow['status'],
): Promise<Member> {
  return deps.db.transaction(async (tx) => {
    const { cooperative } = await requireCooperative(tx, cooperativeId, user, 'cooperative.manage');
    const member = await repo.lockMember(tx, cooperativeId, memberId);
    if (!member) throw memberNotFound();
    if (member.status === status) return toMember(member);
    if (status === 'inactive' && isProtected(member, user, cooperative.ownerUserId)) throw protectedMember('status');
    const now = deps.clock.now();
    const updated = await repo.updateMember(tx, member.id, {
      status,
      updatedAt: now,
      ...(status === 'inactive' ? { deactivatedAt: now } : {}),
    });
    if (!updated) throw new Error('member status update hit a unique index');
    return toMember(updated);
  });
}

/** What the sellers module asks when it creates a cooperative (SellerNeeds, wired in app-deps.ts). */
export const cooperativeFounding: CooperativeFounding = {
  async addFounder(tx, founder) {
    const row = await repo.insertMember(tx, {
      id: newId('mem'),
      cooperativeId: founder.cooperativeId,
      userId: founder.userId,
      phone: founder.phone,
      name: founder.name,
      role: 'manager',
      createdAt: founder.now,
    });
    if (!row) throw new Error('founder membership not written');
  },
};

/** On sign-in: memberships added by the person's phone before they had an account become theirs. */
export async function linkMembershipsByPhone(tx: DbOrTx, userId: string, phone: string): Promise<void> {
  await repo.linkMembershipsByPhone(tx, userId, phone);
}
