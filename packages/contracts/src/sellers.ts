import { matchProvince } from '@nongsan/vn/provinces';
import { z } from 'zod';
import { LocationSchema, PhoneSchema, text } from './common.ts';

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

export const SellerCreateSchema = z
  .object({
    kind: SellerKindSchema,
    name: text(120),
    province: ProvinceInputSchema,
    commune: text(120).optional(),
    location: LocationSchema.optional(),
    bio: text(2000).optional(),
    pickupAddress: text(300).optional(),
    pickupHours: text(200).optional(),
  })
  .strict();
export type SellerCreate = z.infer<typeof SellerCreateSchema>;

export const SellerSchema = z.object({
  id: z.string(),
  kind: SellerKindSchema,
  name: z.string(),
  province: z.object({ id: z.string(), name: z.string() }),
  commune: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  bio: z.string().nullable(),
  pickupAddress: z.string().nullable(),
  pickupHours: z.string().nullable(),
  isVerified: z.boolean(),
  /** Cooperatives only: how many active members pool their harvest here. */
  memberCount: z.number().int().nullable(),
  createdAt: z.string(),
});
export type Seller = z.infer<typeof SellerSchema>;

export const MemberRoleSchema = z.enum(['manager', 'staff', 'member']);

export const MemberCreateSchema = z
  .object({ name: text(120), phone: PhoneSchema.optional(), role: MemberRoleSchema.default('member') })
  .strict();
export type MemberCreate = z.infer<typeof MemberCreateSchema>;

export const MemberSchema = z.object({
  id: z.string(),
  cooperativeId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: MemberRoleSchema,
  status: z.enum(['active', 'inactive']),
  hasAccount: z.boolean(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;
