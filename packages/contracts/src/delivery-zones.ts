import { z } from 'zod';
import { CommuneCodeSchema } from './addresses.ts';
import { text } from './common.ts';
import { MAX_DELIVERY_FEE_VND, ProvinceInputSchema } from './sellers.ts';

// A seller's delivery zones (issue 15, decision 30): where it delivers, and what a parcel costs
// there. `evaluateDelivery` is the one place a delivery fee is computed, by the API for quotes and
// orders alike; `lineWeightGrams` is the one place a cart line's weight is computed.

/** More zones than a farm or a cooperative needs; bounded so a script cannot fill a table. */
export const MAX_DELIVERY_ZONES = 20;
export const MAX_ZONE_COMMUNES = 300;
export const MAX_RATE_BANDS = 10;
/** 1,000 kg: no produce parcel is heavier; catches a typo of extra zeros. */
export const MAX_SHIPPING_WEIGHT_GRAMS = 1_000_000;

const FeeSchema = z.number().int('whole đồng only').min(0).max(MAX_DELIVERY_FEE_VND);
const AmountSchema = z.number().int('whole đồng only').positive().max(1_000_000_000);

/** Bands go up; only the last may be open-ended (null). A bound is inclusive: 2,000 g is in "0–2 kg". */
function bandsGoUp(bounds: readonly (number | null)[], key: string, ctx: z.RefinementCtx) {
  bounds.forEach((upTo, index) => {
    const previous = index > 0 ? bounds[index - 1] : 0;
    if (upTo === null && index !== bounds.length - 1) {
      ctx.addIssue({ code: 'custom', path: [index, key], message: 'only the last band may be open-ended' });
    } else if (upTo !== null && typeof previous === 'number' && upTo <= previous) {
      ctx.addIssue({ code: 'custom', path: [index, key], message: 'bands go up: each bound above the one before' });
    }
  });
}

const WeightBandsSchema = z
  .array(
    z
      .object({ upToGrams: z.number().int().positive().max(MAX_SHIPPING_WEIGHT_GRAMS).nullable(), feeVnd: FeeSchema })
      .strict(),
  )
  .min(1)
  .max(MAX_RATE_BANDS)
  .superRefine((list, ctx) =>
    bandsGoUp(
      list.map((b) => b.upToGrams),
      'upToGrams',
      ctx,
    ),
  );

const ValueBandsSchema = z
  .array(z.object({ upToVnd: AmountSchema.nullable(), feeVnd: FeeSchema }).strict())
  .min(1)
  .max(MAX_RATE_BANDS)
  .superRefine((list, ctx) =>
    bandsGoUp(
      list.map((b) => b.upToVnd),
      'upToVnd',
      ctx,
    ),
  );

export const ZoneRateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flat'), feeVnd: FeeSchema }).strict(),
  /** By the parcel's shipping weight: 0–2 kg, 2–5 kg… (`upToGrams` 2000, 5000…). */
  z.object({ kind: z.literal('weight'), bands: WeightBandsSchema }).strict(),
  /** By the seller's part of the order, in đồng: under 200,000 đ, 30,000 đ; … */
  z.object({ kind: z.literal('value'), bands: ValueBandsSchema }).strict(),
]);
export type ZoneRate = z.infer<typeof ZoneRateSchema>;

const unique = (values: readonly string[]) => new Set(values).size === values.length;

export const DeliveryZoneInputSchema = z
  .object({
    /** What the seller calls it: "Trong xã", "Cả tỉnh", "Hà Nội và Bắc Ninh". */
    name: text(80),
    /** Communes by code (the seller's own commune, or a list). */
    communeCodes: z.array(CommuneCodeSchema).max(MAX_ZONE_COMMUNES).refine(unique, 'each commune once').default([]),
    /** Whole provinces (id or name as typed). */
    provinces: z.array(ProvinceInputSchema).max(34).refine(unique, 'each province once').default([]),
    rate: ZoneRateSchema,
    /** Delivery is free when the seller's part of the order reaches this; null never. */
    freeOverVnd: AmountSchema.nullable().default(null),
    /** Below this (the seller's part of the order), the zone does not deliver. */
    minOrderVnd: AmountSchema.nullable().default(null),
  })
  .strict()
  .refine((zone) => zone.communeCodes.length + zone.provinces.length > 0, {
    path: ['communeCodes'],
    message: 'a zone covers at least one commune or province',
  });
export type DeliveryZoneInput = z.infer<typeof DeliveryZoneInputSchema>;

/** PUT /sellers/{sellerId}/delivery-zones: the whole set, replaced at once (an empty list: pickup only). */
export const DeliveryZonesPutSchema = z
  .object({ zones: z.array(DeliveryZoneInputSchema).max(MAX_DELIVERY_ZONES) })
  .strict();
export type DeliveryZonesPut = z.infer<typeof DeliveryZonesPutSchema>;

export const DeliveryZoneSchema = z.object({
  id: z.string(),
  name: z.string(),
  communeCodes: z.array(z.string()),
  provinceIds: z.array(z.string()),
  rate: ZoneRateSchema,
  freeOverVnd: z.number().int().nullable(),
  minOrderVnd: z.number().int().nullable(),
});
export type DeliveryZone = z.infer<typeof DeliveryZoneSchema>;

export const DeliveryZonesSchema = z.object({ zones: z.array(DeliveryZoneSchema) });

// ---- evaluation -----------------------------------------------------------------------------

/** Where a parcel goes: a 2025 commune and its province. */
export type Destination = { provinceId: string; communeCode: string };
/** One seller's part of an order: its value in đồng and its shipping weight in grams. */
export type Parcel = { subtotalVnd: number; weightGrams: number };

export type DeliveryVerdict =
  | { ok: true; zoneId: string; zoneName: string; feeVnd: number; freeOverVnd: number | null }
  | {
      ok: false;
      /** No zone covers the address; or one does, but the order is below its minimum, or too heavy for its bands. */
      reason: 'outside_area' | 'below_minimum' | 'too_heavy';
      /** For below_minimum: the smallest minimum among the zones covering the address. */
      minOrderVnd: number | null;
    };

type ZoneTerms = Pick<
  DeliveryZone,
  'id' | 'name' | 'communeCodes' | 'provinceIds' | 'rate' | 'freeOverVnd' | 'minOrderVnd'
>;

/** Whether the zone covers the address: its commune is listed, or its whole province is. */
export function zoneCovers(zone: Pick<ZoneTerms, 'communeCodes' | 'provinceIds'>, to: Destination): boolean {
  return zone.communeCodes.includes(to.communeCode) || zone.provinceIds.includes(to.provinceId);
}

/** The fee of the first band whose bound reaches `amount` (inclusive); null when none does. */
function bandFee(list: readonly { upTo: number | null; feeVnd: number }[], amount: number): number | null {
  return list.find((band) => band.upTo === null || amount <= band.upTo)?.feeVnd ?? null;
}

/** The rate's fee for the parcel before free-over; null when the parcel is heavier than every band. */
export function rateFee(rate: ZoneRate, parcel: Parcel): number | null {
  switch (rate.kind) {
    case 'flat':
      return rate.feeVnd;
    case 'weight':
      return bandFee(
        rate.bands.map((b) => ({ upTo: b.upToGrams, feeVnd: b.feeVnd })),
        parcel.weightGrams,
      );
    case 'value':
      // A value band past the last bound has no fee: the last band should be open-ended, and when it
      // is not, an order above it is charged the last band's fee rather than refused.
      return (
        bandFee(
          rate.bands.map((b) => ({ upTo: b.upToVnd, feeVnd: b.feeVnd })),
          parcel.subtotalVnd,
        ) ??
        rate.bands.at(-1)?.feeVnd ??
        0
      );
  }
}

/**
 * What delivery of this parcel to this address costs with these zones. Of the zones that cover the
 * address and take the parcel (minimum order met, weight within the bands), the cheapest wins, so the
 * order zones are listed in never matters; on a tie, a zone naming the commune before a province, then
 * the first listed. Free-over applies to the zone's own fee.
 */
export function evaluateDelivery(zones: readonly ZoneTerms[], to: Destination, parcel: Parcel): DeliveryVerdict {
  const covering = zones.filter((zone) => zoneCovers(zone, to));
  if (covering.length === 0) return { ok: false, reason: 'outside_area', minOrderVnd: null };
  let best: { zone: ZoneTerms; feeVnd: number; byCommune: boolean } | null = null;
  let belowMinimum: number | null = null;
  for (const zone of covering) {
    if (zone.minOrderVnd !== null && parcel.subtotalVnd < zone.minOrderVnd) {
      belowMinimum = belowMinimum === null ? zone.minOrderVnd : Math.min(belowMinimum, zone.minOrderVnd);
      continue;
    }
    const fee = rateFee(zone.rate, parcel);
    if (fee === null) continue;
    const feeVnd = zone.freeOverVnd !== null && parcel.subtotalVnd >= zone.freeOverVnd ? 0 : fee;
    const byCommune = zone.communeCodes.includes(to.communeCode);
    if (!best || feeVnd < best.feeVnd || (feeVnd === best.feeVnd && byCommune && !best.byCommune)) {
      best = { zone, feeVnd, byCommune };
    }
  }
  if (best) {
    return {
      ok: true,
      zoneId: best.zone.id,
      zoneName: best.zone.name,
      feeVnd: best.feeVnd,
      freeOverVnd: best.zone.freeOverVnd,
    };
  }
  return belowMinimum !== null
    ? { ok: false, reason: 'below_minimum', minOrderVnd: belowMinimum }
    : { ok: false, reason: 'too_heavy', minOrderVnd: null };
}

/** The lowest fee any zone starts at (its flat fee, or its first band): the "from" shown before an address is known. */
export function lowestStartingFee(zones: readonly Pick<ZoneTerms, 'rate'>[]): number | null {
  const fees = zones.map(({ rate }) =>
    rate.kind === 'flat' ? rate.feeVnd : Math.min(...rate.bands.map((b) => b.feeVnd)),
  );
  return fees.length === 0 ? null : Math.min(...fees);
}

// ---- weight ---------------------------------------------------------------------------------

/** Grams in one unit when the unit says so and the listing gives no shipping weight. */
const UNIT_GRAMS: Partial<Record<string, number>> = {
  kg: 1000,
  pack_500g: 500,
  pack_200g: 200,
  pack_100g: 100,
  litre: 1000,
};

/**
 * A cart line's shipping weight in grams: the listing's shipping weight per unit times the quantity;
 * without one, what the unit itself weighs (1 kg, a 500 g pack), else 0 (a bunch, a jar: the seller
 * should say). The only place a line's weight is computed: quantities become decimals here too.
 */
export function lineWeightGrams(
  listing: { shippingWeightGrams: number | null; unit: string },
  quantity: number,
): number {
  const perUnit = listing.shippingWeightGrams ?? UNIT_GRAMS[listing.unit] ?? 0;
  return Math.round(perUnit * quantity);
}
