import { matchProvince } from '@nongsan/vn/provinces';
import { z } from 'zod';
import { CertificationSchema } from './certifications.ts';
import { LocationSchema, multilineText, PhoneSchema, text } from './common.ts';

/** A 2025 commune's official code (the same rule as addresses.ts's, which imports this file). */
const SellerCommuneCodeSchema = z.string().regex(/^\d{5}$/, 'a commune code is five digits');

/** A province as typed (any case, with or without diacritics, former names); parsed to its id. */
export const ProvinceInputSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .transform((value, ctx) => {
    const province = matchProvince(value);
    if (!province) {
      ctx.addIssue({ code: 'custom', message: 'unknown province' });
      return z.NEVER;
    }
    return province.id;
  });

export const SellerKindSchema = z.enum(['farmer', 'cooperative']);

/** A flat fee per order far above any real one: catches a typo of extra zeros. */
export const MAX_DELIVERY_FEE_VND = 5_000_000;
const DeliveryFeeSchema = z.number().int('whole đồng only').min(0).max(MAX_DELIVERY_FEE_VND);
const FreeDeliveryOverSchema = z.number().int('whole đồng only').positive().max(1_000_000_000);

export const SellerCreateSchema = z
  .object({
    kind: SellerKindSchema,
    name: text(120),
    province: ProvinceInputSchema,
    commune: text(120).optional(),
    location: LocationSchema.optional(),
    bio: multilineText(2000).optional(),
    pickupAddress: text(300).optional(),
    pickupHours: text(200).optional(),
    /** Pickup is always offered; delivery when this is true, for `deliveryFeeVnd` per order. */
    offersDelivery: z.boolean().optional(),
    deliveryFeeVnd: DeliveryFeeSchema.optional(),
    /** Delivery is free from this much (this seller's part of an order, in đồng). */
    freeDeliveryOverVnd: FreeDeliveryOverSchema.optional(),
  })
  .strict();
export type SellerCreate = z.infer<typeof SellerCreateSchema>;

/** A partial edit of a seller's profile by its owner or managers. `null` clears an optional field. */
export const SellerUpdateSchema = z
  .object({
    name: text(120).optional(),
    province: ProvinceInputSchema.optional(),
    commune: text(120).nullable().optional(),
    location: LocationSchema.nullable().optional(),
    bio: multilineText(2000).nullable().optional(),
    pickupAddress: text(300).nullable().optional(),
    pickupHours: text(200).nullable().optional(),
    /** The farm's 2025 commune by code (GET /communes): sets or confirms it. */
    communeCode: SellerCommuneCodeSchema.nullable().optional(),
    /** The pickup point as province (the commune's) + commune by code + street; null clears both. */
    pickupCommuneCode: SellerCommuneCodeSchema.nullable().optional(),
    pickupStreet: text(300).nullable().optional(),
    offersDelivery: z.boolean().optional(),
    deliveryFeeVnd: DeliveryFeeSchema.optional(),
    freeDeliveryOverVnd: FreeDeliveryOverSchema.nullable().optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((v) => v !== undefined), 'nothing to change');
export type SellerUpdate = z.infer<typeof SellerUpdateSchema>;

/**
 * A seller's delivery terms as buyers see them before the cart (listing page, search results): a
 * flat fee per order, free from `freeOverVnd` (null: never free). Pickup is always offered besides.
 */
export const DeliveryTermsSchema = z.object({
  feeVnd: z.number().int().min(0),
  freeOverVnd: z.number().int().positive().nullable(),
});
export type DeliveryTerms = z.infer<typeof DeliveryTermsSchema>;

export const SellerSchema = z.object({
  id: z.string(),
  kind: SellerKindSchema,
  name: z.string(),
  province: z.object({ id: z.string(), name: z.string() }),
  /** As first typed (kept); `communeCode` is the unit. */
  commune: z.string().nullable(),
  communeCode: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  bio: z.string().nullable(),
  pickupAddress: z.string().nullable(),
  pickupHours: z.string().nullable(),
  /** The pickup point by commune code; null until set or confirmed (the typed `pickupAddress` is kept). */
  pickupPlace: z.object({ provinceId: z.string(), communeCode: z.string(), street: z.string().nullable() }).nullable(),
  /**
   * Places typed before commune codes that could not be mapped unambiguously: the seller console
   * shows a task to confirm each (`commune`: the farm's; `pickup`: the pickup point's).
   */
  placesToConfirm: z.array(z.enum(['commune', 'pickup'])),
  offersDelivery: z.boolean(),
  deliveryFeeVnd: z.number().int(),
  freeDeliveryOverVnd: z.number().int().nullable(),
  isVerified: z.boolean(),
  /** Cooperatives only: how many active members pool their harvest here. */
  memberCount: z.number().int().nullable(),
  /** Certifications an operator verified and that are valid today: what the public may rely on. */
  certifications: z.array(CertificationSchema),
  createdAt: z.string(),
});
export type Seller = z.infer<typeof SellerSchema>;

export const MemberRoleSchema = z.enum(['manager', 'staff', 'member']);

/** How a member's name appears on labels and the public trace page (default: initials). */
export const MemberDisplayPreferenceSchema = z.enum(['full', 'initials', 'none']);
export type MemberDisplayPreference = z.infer<typeof MemberDisplayPreferenceSchema>;

export const MemberCreateSchema = z
  .object({
    name: text(120),
    phone: PhoneSchema.optional(),
    role: MemberRoleSchema.default('member'),
    displayPreference: MemberDisplayPreferenceSchema.default('initials'),
  })
  .strict();
export type MemberCreate = z.infer<typeof MemberCreateSchema>;

export const MemberSchema = z.object({
  id: z.string(),
  cooperativeId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: MemberRoleSchema,
  status: z.enum(['active', 'inactive']),
  displayPreference: MemberDisplayPreferenceSchema,
  hasAccount: z.boolean(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;
