import { z } from 'zod';
import { IdSchema, PhoneSchema, queryText, text } from './common.ts';
import { ProvinceInputSchema } from './sellers.ts';

// Communes (the 2025 commune-level units) and the buyer's address book. An address is a province
// and a commune by code, plus the street or hamlet as typed (decision 26). Whether a code names a
// unit is the API's answer (GET /communes/{code}); pages never load the commune list.

export const CommuneKindSchema = z.enum(['xa', 'phuong', 'dac_khu']);
export type CommuneKind = z.infer<typeof CommuneKindSchema>;

/** The official five-digit code of a 2025 commune-level unit (`05818`). */
export const CommuneCodeSchema = z.string().regex(/^\d{5}$/, 'a commune code is five digits');

export const MAX_COMMUNE_RESULTS = 20;

export const CommuneSearchQuerySchema = z
  .object({
    /** The name as typed: "phan dinh phung", "p phan đình phùng", a former commune's name. */
    q: queryText(120),
    /** Only this province: id or name as typed, former names included ("Bắc Kạn"). */
    province: ProvinceInputSchema.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_COMMUNE_RESULTS).optional(),
  })
  .strict();
export type CommuneSearchQuery = z.infer<typeof CommuneSearchQuerySchema>;

export const CommuneSchema = z.object({
  code: CommuneCodeSchema,
  /** Official name with its kind: `Xã La Bằng`. */
  name: z.string(),
  kind: CommuneKindSchema,
  province: z.object({ id: z.string(), name: z.string() }),
});
export type Commune = z.infer<typeof CommuneSchema>;

export const CommuneHitSchema = CommuneSchema.extend({
  /**
   * Set when the unit was found by the name of a former commune it absorbed (`Xã Tiên Hội`);
   * `isWhole` false when that commune was split and only part of it went into this unit.
   */
  matchedFormer: z.object({ name: z.string(), isWhole: z.boolean() }).nullable(),
});
export type CommuneHit = z.infer<typeof CommuneHitSchema>;

export const CommuneSearchResponseSchema = z.object({ communes: z.array(CommuneHitSchema) });
export type CommuneSearchResponse = z.infer<typeof CommuneSearchResponseSchema>;

/** An address book holds a household's places, a shop or two: bounded so a script cannot fill a table. */
export const MAX_ADDRESSES = 20;

const addressFields = {
  /** What the buyer calls it: "Nhà", "Cửa hàng". */
  label: text(60).nullable().optional(),
  recipientName: text(120),
  phone: PhoneSchema,
  communeCode: CommuneCodeSchema,
  /** House number, street, hamlet (thôn/xóm). */
  street: text(300),
};

export const AddressCreateSchema = z
  .object({
    ...addressFields,
    /** Make it the default; the first address is the default anyway. */
    isDefault: z.boolean().optional(),
  })
  .strict();
export type AddressCreate = z.infer<typeof AddressCreateSchema>;

/** Any of the fields, at least one. The default is changed through set-default only. */
export const AddressUpdateSchema = z
  .object({
    label: addressFields.label,
    recipientName: addressFields.recipientName.optional(),
    phone: addressFields.phone.optional(),
    communeCode: addressFields.communeCode.optional(),
    street: addressFields.street.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');
export type AddressUpdate = z.infer<typeof AddressUpdateSchema>;

export const AddressSchema = z.object({
  id: IdSchema,
  label: z.string().nullable(),
  recipientName: z.string(),
  /** E.164 (`+84912345678`). */
  phone: z.string(),
  commune: CommuneSchema,
  street: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Address = z.infer<typeof AddressSchema>;

export const AddressListSchema = z.object({ addresses: z.array(AddressSchema) });
export type AddressList = z.infer<typeof AddressListSchema>;
