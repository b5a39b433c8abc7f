import {
  type DeliveryZone,
  type DeliveryZoneInput,
  type DeliveryZonesPut,
  lowestStartingFee,
  type ZoneRate,
} from '@nongsan/contracts';
import { type DbOrTx, newId } from '@nongsan/db';
import { findCommuneByCode } from '@nongsan/vn/communes';
import { PROVINCES } from '@nongsan/vn/provinces';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import type { FieldIssue } from '../../lib/router.ts';
import { recordSearchChange } from '../search/index.ts';
import * as repo from './delivery-zones.repo.ts';
import { findSeller } from './sellers.repo.ts';

type ZoneDeps = Pick<Deps, 'db' | 'clock'>;

export function toDeliveryZone(row: repo.DeliveryZoneRow): DeliveryZone {
  return {
    id: row.id,
    name: row.name,
    communeCodes: row.communeCodes,
    provinceIds: row.provinceIds,
    rate: row.rate,
    freeOverVnd: row.freeOverVnd,
    minOrderVnd: row.minOrderVnd,
  };
}

/** Each seller's zones, in the order the seller listed them (sellers without zones: empty). */
export async function findZonesOfSellers(
  db: DbOrTx,
  sellerIds: readonly string[],
): Promise<Map<string, DeliveryZone[]>> {
  const zones = new Map<string, DeliveryZone[]>(sellerIds.map((id) => [id, []]));
  for (const row of await repo.listZonesOfSellers(db, sellerIds)) zones.get(row.sellerId)?.push(toDeliveryZone(row));
  return zones;
}

/** Public: where a seller delivers and at what rate (what a buyer is charged is computed from these). */
export async function listDeliveryZones(deps: ZoneDeps, sellerId: string): Promise<DeliveryZone[]> {
  const seller = await findSeller(deps.db, sellerId);
  if (!seller) throw new AppError('NOT_FOUND', { message: 'seller not found' });
  return (await findZonesOfSellers(deps.db, [sellerId])).get(sellerId) ?? [];
}

/** Every commune code must name a 2025 unit: the contract checks the shape, only the list knows the codes. */
function unknownCommunes(zones: readonly DeliveryZoneInput[]): FieldIssue[] {
  return zones.flatMap((zone, z) =>
    zone.communeCodes.flatMap((code, c) =>
      findCommuneByCode(code)
        ? []
        : [{ path: `zones.${z}.communeCodes.${c}`, code: 'not_found', message: `no commune with code ${code}` }],
    ),
  );
}

/**
 * What the seller row keeps of its zones for the listing page and search: whether it delivers, the
 * lowest fee a zone starts at, the lowest free-over amount. Never used to price an order.
 */
export function zoneSummary(zones: readonly { rate: ZoneRate; freeOverVnd: number | null }[]) {
  const freeOver = zones.flatMap((z) => (z.freeOverVnd === null ? [] : [z.freeOverVnd]));
  return {
    offersDelivery: zones.length > 0,
    deliveryFeeVnd: lowestStartingFee(zones) ?? 0,
    freeDeliveryOverVnd: freeOver.length === 0 ? null : Math.min(...freeOver),
  };
}

/** Writes the seller's zones in the caller's transaction (also used by the seller profile's flat-fee fields). */
export async function writeZones(
  tx: DbOrTx,
  sellerId: string,
  zones: readonly DeliveryZoneInput[],
  now: Date,
): Promise<DeliveryZone[]> {
  const rows = zones.map((zone, position) => ({
    id: newId('dzn'),
    sellerId,
    position,
    name: zone.name,
    communeCodes: [...zone.communeCodes],
    provinceIds: [...zone.provinces],
    rate: zone.rate,
    freeOverVnd: zone.freeOverVnd,
    minOrderVnd: zone.minOrderVnd,
    createdAt: now,
  }));
  const written = await repo.replaceZones(tx, sellerId, rows, { ...zoneSummary(zones), updatedAt: now });
  // Delivery terms are on every listing's search document ("Giao tận nơi"): fan out.
  await recordSearchChange(tx, { sellerId }, now);
  return written.map(toDeliveryZone);
}

/** The owner or a manager replaces the seller's zones at once; anyone else: 404. Orders placed keep their fee. */
export async function putDeliveryZones(
  deps: ZoneDeps,
  user: SessionUser,
  sellerId: string,
  input: DeliveryZonesPut,
): Promise<DeliveryZone[]> {
  return deps.db.transaction(async (tx) => {
    // Access before the body's communes: another seller's id is 404 whatever is sent.
    await requireAccess(tx, user, 'seller.manage', sellerId);
    const issues = unknownCommunes(input.zones);
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { message: 'unknown commune', details: issues });
    return writeZones(tx, sellerId, input.zones, deps.clock.now());
  });
}

/**
 * The flat terms of the seller profile (offersDelivery, deliveryFeeVnd, freeDeliveryOverVnd) as zones:
 * one zone covering all 34 provinces, as every seller's terms were before zones, or none.
 */
export function flatTermsAsZones(terms: {
  offersDelivery: boolean;
  deliveryFeeVnd: number;
  freeDeliveryOverVnd: number | null;
}): DeliveryZoneInput[] {
  if (!terms.offersDelivery) return [];
  return [
    {
      name: 'Toàn quốc',
      communeCodes: [],
      provinces: PROVINCES.map((p) => p.id),
      rate: { kind: 'flat', feeVnd: terms.deliveryFeeVnd },
      freeOverVnd: terms.freeDeliveryOverVnd,
      minOrderVnd: null,
    },
  ];
}
