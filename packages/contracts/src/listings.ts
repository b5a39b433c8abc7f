import { z } from 'zod';
import { CatalogueEntrySchema, CategoryIdSchema, UnitIdSchema } from './catalogue.ts';
import { CertificationSchema } from './certifications.ts';
import { IdSchema, multilineText, text } from './common.ts';
import { CalendarDateSchema } from './dates.ts';
import { MediaIdSchema, MediaSchema } from './media.ts';
import { hasAtMostThreeDecimals } from './quantity.ts';
import { DeliveryTermsSchema, SellerKindSchema } from './sellers.ts';

export const ListingStatusSchema = z.enum(['draft', 'active', 'sold_out', 'archived']);
export type ListingStatus = z.infer<typeof ListingStatusSchema>;

/** 1 billion đồng per unit: far above any produce, low enough to catch a typo of extra zeros. */
export const MAX_PRICE_VND = 1_000_000_000;
export const MAX_QUANTITY = 1_000_000;
export const MAX_PHOTOS = 10;
export const MAX_CERTIFICATIONS = 10;

const PriceVndSchema = z.number().int('whole đồng only').positive().max(MAX_PRICE_VND);
/**
 * A quantity in the listing's unit: a decimal with at most three places (1.5 kg, 0.3 kg, 2 bunches),
 * exact once converted to thousandths (quantity.ts, decision 0029).
 */
export const QuantitySchema = z
  .number()
  .positive()
  .max(MAX_QUANTITY)
  .refine(hasAtMostThreeDecimals, 'at most 3 decimals');
/** `unit`: whole units; `measure`: a weight or volume (kg, litre) in steps, e.g. from 0.5 kg by 0.1 kg. */
export const SoldBySchema = z.enum(['unit', 'measure']);
export type SoldBy = z.infer<typeof SoldBySchema>;
/** Estimated kg per piece, for a listing priced at packing. */
const PieceWeightSchema = z.number().positive().max(10_000).refine(hasAtMostThreeDecimals, 'at most 3 decimals');
const TolerancePctSchema = z.number().int().min(0).max(100);
const ShelfLifeSchema = z.number().int().min(1).max(3650);
/** What one unit weighs packed, in grams (1 g – 1,000 kg): delivery by weight bands reads it. */
const ShippingWeightSchema = z.number().int('whole grams').min(1).max(1_000_000);
const unique = (values: readonly string[]) => new Set(values).size === values.length;
const MediaIdsSchema = z.array(MediaIdSchema).max(MAX_PHOTOS).refine(unique, 'each photo once');
const CertificationIdsSchema = z.array(IdSchema).max(MAX_CERTIFICATIONS).refine(unique, 'each certification once');

export const ListingCreateSchema = z
  .object({
    sellerId: IdSchema,
    title: text(120),
    description: multilineText(5000).optional(),
    category: CategoryIdSchema,
    unit: UnitIdSchema,
    priceVnd: PriceVndSchema,
    soldBy: SoldBySchema.default('unit'),
    /** Smallest order, in the listing's unit (whole units when sold by unit). */
    minOrder: QuantitySchema.default(1),
    /** Measure only: orders go up in this step (0.1 kg); 1 for whole units. */
    quantityStep: QuantitySchema.default(1),
    /** Sold by the piece, priced per kg, the price known once weighed (`priceVnd` is per kg). */
    pricedAtPacking: z.boolean().default(false),
    /** Priced at packing: the estimated kg per piece. */
    estimatedWeightKg: PieceWeightSchema.optional(),
    /** Priced at packing: how far (%) the weighed weight may be from the estimate either way. */
    weightTolerancePct: TolerancePctSchema.default(10),
    /** `sold_out` is the system's to set (from stock), `archived` is DELETE's. */
    status: z.enum(['draft', 'active']).default('draft'),
    /** Units in stock now: creates the listing's first lot. */
    stock: QuantitySchema.optional(),
    harvestedAt: CalendarDateSchema.optional(),
    /** Pre-order: the day the produce can be delivered from. */
    availableFrom: CalendarDateSchema.optional(),
    shelfLifeDays: ShelfLifeSchema.optional(),
    /** Unset: what the unit itself weighs (1 kg, a 500 g pack), else nothing (decision 30). */
    shippingWeightGrams: ShippingWeightSchema.optional(),
    /** Photos in display order (the first is the cover), from POST /media. */
    mediaIds: MediaIdsSchema.default([]),
    certificationIds: CertificationIdsSchema.default([]),
  })
  .strict();
export type ListingCreate = z.infer<typeof ListingCreateSchema>;

/** A partial edit. `null` clears an optional field; lists replace the whole list. */
export const ListingUpdateSchema = z
  .object({
    title: text(120).optional(),
    description: multilineText(5000).nullable().optional(),
    category: CategoryIdSchema.optional(),
    unit: UnitIdSchema.optional(),
    priceVnd: PriceVndSchema.optional(),
    soldBy: SoldBySchema.optional(),
    minOrder: QuantitySchema.optional(),
    quantityStep: QuantitySchema.optional(),
    pricedAtPacking: z.boolean().optional(),
    estimatedWeightKg: PieceWeightSchema.nullable().optional(),
    weightTolerancePct: TolerancePctSchema.optional(),
    status: z.enum(['draft', 'active', 'archived']).optional(),
    harvestedAt: CalendarDateSchema.nullable().optional(),
    availableFrom: CalendarDateSchema.nullable().optional(),
    shelfLifeDays: ShelfLifeSchema.nullable().optional(),
    shippingWeightGrams: ShippingWeightSchema.nullable().optional(),
    mediaIds: MediaIdsSchema.optional(),
    certificationIds: CertificationIdsSchema.optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((v) => v !== undefined), 'nothing to change');
export type ListingUpdate = z.infer<typeof ListingUpdateSchema>;

export const ListingSellerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: SellerKindSchema,
  province: z.object({ id: z.string(), name: z.string() }),
  /**
   * Pickup is always offered, at this address (free text, may be unset) in the seller's province;
   * the address is completed with the province name unless it names it already (placeWithProvince).
   */
  pickup: z.object({ address: z.string().nullable(), hours: z.string().nullable() }),
  /** Null: pickup only. */
  delivery: DeliveryTermsSchema.nullable(),
});

export const ListingSchema = z.object({
  id: z.string(),
  seller: ListingSellerSchema,
  title: z.string(),
  description: z.string().nullable(),
  category: CatalogueEntrySchema,
  unit: CatalogueEntrySchema,
  /** Per unit, in đồng. */
  priceVnd: z.number().int(),
  soldBy: SoldBySchema,
  /** In the listing's unit, exact to three decimals. */
  minOrder: z.number(),
  quantityStep: z.number(),
  pricedAtPacking: z.boolean(),
  /** Priced at packing: the estimated kg per piece (`priceVnd` is then per kg). */
  estimatedWeightKg: z.number().nullable(),
  weightTolerancePct: z.number().int(),
  status: ListingStatusSchema,
  harvestedAt: z.string().nullable(),
  availableFrom: z.string().nullable(),
  shelfLifeDays: z.number().int().nullable(),
  /** Grams per unit packed, as the seller gave it; null: what the unit weighs. */
  shippingWeightGrams: z.number().int().nullable(),
  /** Units that can be sold today: on-hand stock of lots not past their expiry date (Vietnam time). */
  availableStock: z.number(),
  /** The sellable lots' dates, soonest expiry first; who grew them is not public. */
  lots: z.array(
    z.object({ harvestedAt: z.string().nullable(), expiresAt: z.string().nullable(), available: z.number() }),
  ),
  photos: z.array(MediaSchema),
  /** The public sees verified certifications only; the seller's team also sees the ones awaiting an operator. */
  certifications: z.array(CertificationSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Listing = z.infer<typeof ListingSchema>;

export const ListingListQuerySchema = z
  .object({
    status: ListingStatusSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListingListQuery = z.infer<typeof ListingListQuerySchema>;

export const ListingPageSchema = z.object({
  listings: z.array(ListingSchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});
export type ListingPage = z.infer<typeof ListingPageSchema>;
