import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';
import { users } from './users.ts';

export const sellerKind = pgEnum('seller_kind', ['farmer', 'cooperative']);
export const memberRole = pgEnum('member_role', ['manager', 'staff', 'member']);
export const memberStatus = pgEnum('member_status', ['active', 'inactive']);
/** How a member's name appears on labels and the public trace page: in full, as initials, or not at all. */
export const memberDisplayPreference = pgEnum('member_display_preference', ['full', 'initials', 'none']);

/** A farm or a cooperative (hợp tác xã) that sells. `ownerUserId` created it and always may act for it. */
export const sellers = pgTable(
  'sellers',
  {
    id: text().primaryKey(),
    kind: sellerKind().notNull(),
    ownerUserId: text()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    /** Slug of one of the 34 provinces since the 2025 reorganisation (packages/vn/provinces). */
    provinceId: text().notNull(),
    /** The farm's commune as first typed, kept as it was: `communeCode` is what is used. */
    commune: text(),
    /** The farm's 2025 commune by official code; null until set or confirmed (decision 30). */
    communeCode: text(),
    /** The farm's house number, street, hamlet (thôn/xóm). */
    street: text(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    bio: text(),
    /** The pickup point as first typed, kept as it was; the three fields below are what is shown. */
    pickupAddress: text(),
    pickupProvinceId: text(),
    pickupCommuneCode: text(),
    pickupStreet: text(),
    pickupHours: text(),
    // A summary of the seller's delivery zones (delivery-zones.ts), written only with them, for the
    // listing page and search ("giao từ 15.000 đ"): fees are always computed from the zones.
    /** Whether the seller has any delivery zone; pickup at the seller's place is always offered. */
    offersDelivery: boolean().notNull().default(false),
    /** The lowest fee a zone starts at, in đồng. */
    deliveryFeeVnd: integer().notNull().default(0),
    /** The lowest free-delivery amount of a zone; null when no zone has one. */
    freeDeliveryOverVnd: integer(),
    verifiedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('sellers_owner_idx').on(t.ownerUserId),
    check('sellers_location_pair', sql`(${t.lat} IS NULL) = (${t.lng} IS NULL)`),
    check('sellers_lat_range', sql`${t.lat} IS NULL OR ${t.lat} BETWEEN -90 AND 90`),
    check('sellers_lng_range', sql`${t.lng} IS NULL OR ${t.lng} BETWEEN -180 AND 180`),
    check('sellers_commune_code_check', sql`${t.communeCode} IS NULL OR ${t.communeCode} ~ '^[0-9]{5}$'`),
    check(
      'sellers_pickup_place',
      sql`(${t.pickupCommuneCode} IS NULL) = (${t.pickupProvinceId} IS NULL) AND (${t.pickupCommuneCode} IS NULL OR ${t.pickupCommuneCode} ~ '^[0-9]{5}$')`,
    ),
    check('sellers_delivery_fee_non_negative', sql`${t.deliveryFeeVnd} >= 0`),
    check('sellers_free_delivery_positive', sql`${t.freeDeliveryOverVnd} IS NULL OR ${t.freeDeliveryOverVnd} > 0`),
  ],
);

/**
 * A person in a cooperative. Members may have no phone and no account: the cooperative acts for
 * them. A member added with a phone is linked to the user of that phone when it signs in.
 */
export const cooperativeMembers = pgTable(
  'cooperative_members',
  {
    id: text().primaryKey(),
    cooperativeId: text()
      .notNull()
      .references(() => sellers.id, { onDelete: 'cascade' }),
    userId: text().references(() => users.id),
    phone: text(),
    name: text().notNull(),
    role: memberRole().notNull(),
    status: memberStatus().notNull().default('active'),
    displayPreference: memberDisplayPreference().notNull().default('initials'),
    /** When a manager last deactivated the member (kept after reactivation, for the record). */
    deactivatedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: timestamptz(),
  },
  (t) => [
    index('cooperative_members_coop_idx').on(t.cooperativeId),
    index('cooperative_members_user_idx').on(t.userId),
    index('cooperative_members_phone_idx').on(t.phone),
    // One membership per phone per cooperative; members without phones are told apart by id.
    uniqueIndex('cooperative_members_coop_phone_key').on(t.cooperativeId, t.phone).where(sql`${t.phone} IS NOT NULL`),
  ],
);
