import { z } from 'zod';
import { CatalogueEntrySchema } from './catalogue.ts';
import { CertificationSchema } from './certifications.ts';
import { IdSchema } from './common.ts';
import { CalendarDateSchema } from './dates.ts';
import { ListingSellerSchema, ListingStatusSchema, MAX_QUANTITY, QuantitySchema } from './listings.ts';
import { hasAtMostThreeDecimals } from './quantity.ts';

/**
 * A trace code as people read it, wherever they do (pages, printed labels, CSV files): upper case.
 * The API stores and answers codes in lower case and accepts them typed in any case.
 */
export function traceCodeForPeople(code: string): string {
  return code.toUpperCase();
}

/** Receiving a harvest lot. A cooperative names the member who grew it (phone or not). */
export const LotCreateSchema = z
  .object({
    quantity: QuantitySchema,
    harvestedAt: CalendarDateSchema.optional(),
    /** Last day it may be sold. Defaults to harvest (or today) + the listing's shelf life, if it has one. */
    expiresAt: CalendarDateSchema.optional(),
    memberId: IdSchema.optional(),
  })
  .strict()
  .refine((v) => !v.harvestedAt || !v.expiresAt || v.expiresAt >= v.harvestedAt, {
    path: ['expiresAt'],
    message: 'expiresAt is before harvestedAt',
  });
export type LotCreate = z.infer<typeof LotCreateSchema>;

/** A lot as its seller's team sees it (trace code and member included). */
export const LotSchema = z.object({
  id: z.string(),
  listingId: z.string(),
  /** Printed on the package; GET /trace/:traceCode tells the lot's story to anyone holding it. */
  traceCode: z.string(),
  quantity: z.number(),
  onHand: z.number(),
  harvestedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  isExpired: z.boolean(),
  member: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type Lot = z.infer<typeof LotSchema>;

export const AdjustmentReasonSchema = z.enum(['spoilage', 'count', 'other']);
export type AdjustmentReason = z.infer<typeof AdjustmentReasonSchema>;

/**
 * A stock correction. Without `lotId` a negative delta takes from the lot expiring first (FEFO),
 * across lots if needed; a positive one must name its lot.
 */
export const AdjustmentCreateSchema = z
  .object({
    lotId: IdSchema.optional(),
    delta: z
      .number()
      .refine(hasAtMostThreeDecimals, 'at most 3 decimals')
      .refine((v) => v >= -MAX_QUANTITY, 'too small')
      .refine((v) => v <= MAX_QUANTITY, 'too big')
      .refine((v) => v !== 0, 'delta must not be zero'),
    reason: AdjustmentReasonSchema,
  })
  .strict();
export type AdjustmentCreate = z.infer<typeof AdjustmentCreateSchema>;

export const AdjustmentResultSchema = z.object({
  listingId: z.string(),
  delta: z.number(),
  reason: AdjustmentReasonSchema,
  /** One movement per lot touched, with the lot's on-hand after it. */
  movements: z.array(z.object({ lotId: z.string(), delta: z.number(), onHand: z.number() })),
  availableStock: z.number(),
  status: ListingStatusSchema,
});
export type AdjustmentResult = z.infer<typeof AdjustmentResultSchema>;

/** What anyone holding a package learns from its trace code. No buyer data and no phone numbers, ever. */
export const TraceSchema = z.object({
  traceCode: z.string(),
  product: z.object({
    listingId: z.string(),
    title: z.string(),
    category: CatalogueEntrySchema,
    unit: CatalogueEntrySchema,
  }),
  seller: ListingSellerSchema.omit({ pickup: true, delivery: true }).extend({ commune: z.string().nullable() }),
  /** The cooperative member who grew it; a display name only. */
  member: z.object({ name: z.string() }).nullable(),
  harvestedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  receivedAt: z.string(),
  certifications: z.array(CertificationSchema),
});
export type Trace = z.infer<typeof TraceSchema>;
