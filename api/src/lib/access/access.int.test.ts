import { schema } from '@nongsan/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { createCoop, createFarm, createListing } from '../../../test/listing-factories.ts';
import { orderBody, placeOrder } from '../../../test/order-factories.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../context.ts';
import { accessibleIds, hasAccess, PERMISSIONS, type Permission, requireAccess } from './index.ts';

// The access helper on its own, against the real tables: for every permission, who gets through,
// who is told 404 (may not know the thing exists) and who 403 (may see it, may not do this).

let t: TestApp;
let coop: Awaited<ReturnType<typeof createCoop>>;
let farm: Awaited<ReturnType<typeof createFarm>>;
let listingId: string;
let fulfilmentId: string;
const users: Record<string, SessionUser> = {};

const asUser = (userId: string, isOperator = false): SessionUser => ({
  userId,
  phone: '',
  sessionId: '',
  isOperator,
});

beforeAll(async () => {
  t = await createTestApp();
  coop = await createCoop(t);
  farm = await createFarm(t);
  const buyer = await t.signIn();
  const retired = await t.signIn();
  const added = await t.call('POST', `/api/v1/cooperatives/${coop.sellerId}/members`, {
    token: coop.owner.token,
    json: { name: 'Ông Ba', phone: retired.phone, role: 'manager' },
  });
  if (added.status !== 201) throw new Error(`member: ${JSON.stringify(added.body)}`);
  // A manager who left: an inactive membership gives no role at all.
  await t.db
    .update(schema.cooperativeMembers)
    .set({ status: 'inactive' })
    .where(eq(schema.cooperativeMembers.id, added.body.id));
  const listing = await createListing(t, coop.owner.token, coop.sellerId, { status: 'active', stock: 10 });
  listingId = listing.id;
  const order = await placeOrder(t, buyer.token, orderBody([{ listingId, quantity: 1 }]));
  fulfilmentId = order.fulfilments[0]!.id;
  Object.assign(users, {
    owner: asUser(coop.owner.userId),
    manager: asUser(coop.manager.userId),
    staff: asUser(coop.staff.userId),
    member: asUser(coop.member.userId),
    retired: asUser(retired.userId),
    farmer: asUser(farm.owner.userId),
    buyer: asUser(buyer.userId),
    // Operators see orders through their own rules; the helper grants them no seller's role.
    operator: asUser('usr_operator', true),
  });
});

afterAll(async () => {
  await t?.close();
});

type Outcome = 'ok' | 403 | 404;

async function outcome(user: SessionUser, permission: Permission, id: string): Promise<[Outcome, string?]> {
  try {
    await requireAccess(t.db, user, permission, id);
    return ['ok'];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'NOT_FOUND') return [404, error.message];
    if (error.code === 'FORBIDDEN') return [403, error.message];
    throw error;
  }
}

const TEAM_ONLY = { owner: 'ok', manager: 'ok', staff: 'ok', member: 404 } as const;
const MANAGERS_ONLY = { owner: 'ok', manager: 'ok', staff: 404, member: 404 } as const;
const OUTSIDERS = { retired: 404, farmer: 404, buyer: 404, operator: 404 } as const;

/** Per permission: which id it is asked about, and what each cooperative user gets. */
const CASES: Record<Permission, { id: () => string; expect: Record<string, Outcome>; notFound: string }> = {
  'seller.team': { id: () => coop.sellerId, expect: TEAM_ONLY, notFound: 'seller not found' },
  'seller.write': { id: () => coop.sellerId, expect: TEAM_ONLY, notFound: 'seller not found' },
  'seller.manage': { id: () => coop.sellerId, expect: MANAGERS_ONLY, notFound: 'seller not found' },
  'cooperative.write': { id: () => coop.sellerId, expect: TEAM_ONLY, notFound: 'cooperative not found' },
  'cooperative.manage': { id: () => coop.sellerId, expect: MANAGERS_ONLY, notFound: 'cooperative not found' },
  'listing.edit': { id: () => listingId, expect: TEAM_ONLY, notFound: 'listing not found' },
  'listing.stock': { id: () => listingId, expect: TEAM_ONLY, notFound: 'listing not found' },
  'fulfilment.read': { id: () => fulfilmentId, expect: TEAM_ONLY, notFound: 'fulfilment not found' },
  'fulfilment.ship': { id: () => fulfilmentId, expect: TEAM_ONLY, notFound: 'fulfilment not found' },
  'fulfilment.cash': { id: () => fulfilmentId, expect: TEAM_ONLY, notFound: 'fulfilment not found' },
  'fulfilment.refund': {
    id: () => fulfilmentId,
    expect: { owner: 'ok', manager: 'ok', staff: 403, member: 404 },
    notFound: 'fulfilment not found',
  },
};

describe('requireAccess', () => {
  it('has a case here for every permission', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  for (const [permission, c] of Object.entries(CASES) as [Permission, (typeof CASES)[Permission]][]) {
    it(`${permission}: allowed, 404 or 403 by role; outsiders and unknown ids 404`, async () => {
      const expected: Record<string, Outcome> = { ...c.expect, ...OUTSIDERS };
      const got: Record<string, Outcome> = {};
      for (const [name, user] of Object.entries(users)) {
        const [result, message] = await outcome(user, permission, c.id());
        got[name] = result;
        if (result === 404) expect(message).toBe(c.notFound);
      }
      expect(got).toEqual(expected);
      expect(await outcome(users.owner!, permission, 'nope_0000')).toEqual([404, c.notFound]);
      // The non-throwing forms agree with the throwing one.
      for (const [name, user] of Object.entries(users)) {
        expect(await hasAccess(t.db, user, permission, c.id()), `${permission} ${name}`).toBe(expected[name] === 'ok');
      }
    });
  }

  it('says why on 403', async () => {
    expect(await outcome(users.staff!, 'fulfilment.refund', fulfilmentId)).toEqual([
      403,
      "only the seller's owner or a cooperative manager may give money back",
    ]);
  });

  it("a farm is a seller but no cooperative: its owner may act for it, never as a cooperative's", async () => {
    expect(await outcome(users.farmer!, 'seller.manage', farm.sellerId)).toEqual(['ok']);
    expect(await outcome(users.farmer!, 'cooperative.write', farm.sellerId)).toEqual([404, 'cooperative not found']);
  });
});

describe('accessibleIds / hasAccess', () => {
  it('keeps the ids the user may act on, drops the rest and the unknown ones', async () => {
    const ids = [coop.sellerId, farm.sellerId, 'nope_0000', coop.sellerId];
    expect(await accessibleIds(t.db, users.staff!, 'seller.write', ids)).toEqual(new Set([coop.sellerId]));
    expect(await accessibleIds(t.db, users.farmer!, 'seller.write', ids)).toEqual(new Set([farm.sellerId]));
    expect(await accessibleIds(t.db, users.staff!, 'seller.manage', ids)).toEqual(new Set());
    expect(await accessibleIds(t.db, users.owner!, 'seller.write', [])).toEqual(new Set());
  });

  it('anonymous callers have no access, and nothing throws', async () => {
    expect(await hasAccess(t.db, null, 'seller.team', coop.sellerId)).toBe(false);
    expect(await accessibleIds(t.db, null, 'listing.stock', [listingId])).toEqual(new Set());
  });
});
