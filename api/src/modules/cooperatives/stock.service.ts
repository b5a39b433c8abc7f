import {
  findUnit,
  fromMilli,
  type Label,
  type LowStockThreshold,
  type StockConsole,
  type StockConsoleQuery,
  type StockExportQuery,
  type StockLot,
  toMilli,
} from '@nongsan/contracts';
import { renderQrSvg } from '@nongsan/payments';
import { encodeCsvForExcel } from '@nongsan/vn/csv';
import { PROVINCES } from '@nongsan/vn/provinces';
import { slugify } from '@nongsan/vn/text';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import { findStockOfListings, publicMember } from '../inventory/index.ts';
import { setLowStockThreshold } from '../listings/index.ts';
import { requireCooperative } from './cooperatives.access.ts';
import * as repo from './stock.repo.ts';
import { stockCsvRows } from './stock-csv.ts';

type StockDeps = Pick<Deps, 'db' | 'clock'>;

/** How many adjustments per listing the console shows; the full ledger stays in the database. */
const RECENT_ADJUSTMENTS = 20;

const unitOf = (id: string) => findUnit(id) ?? { id, vi: id, en: id };
const provinceName = (provinceId: string) => PROVINCES.find((p) => p.id === provinceId)?.name ?? provinceId;

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const isLow = (threshold: number | null, available: number) => threshold !== null && available <= threshold;

function toStockLot(lot: repo.CoopLotRow, today: string): StockLot {
  return {
    id: lot.id,
    traceCode: lot.traceCode,
    quantity: fromMilli(lot.quantityMilli),
    onHand: fromMilli(lot.onHandMilli),
    harvestedAt: lot.harvestedAt,
    expiresAt: lot.expiresAt,
    isExpired: lot.expiresAt !== null && lot.expiresAt < today,
    daysToExpiry: lot.expiresAt === null ? null : daysBetween(today, lot.expiresAt),
    member: lot.memberId && lot.memberName !== null ? { id: lot.memberId, name: lot.memberName } : null,
    importRef: lot.importRef,
    receivedAt: lot.createdAt.toISOString(),
  };
}

/**
 * The stock console (managers and staff): every listing but the archived with its lots, recent
 * adjustments and their authors, low-stock flags, and the lots to sell or write off first.
 * A fixed number of queries whatever the size of the cooperative.
 */
export async function getStockConsole(
  deps: StockDeps,
  user: SessionUser,
  cooperativeId: string,
  query: StockConsoleQuery,
): Promise<StockConsole> {
  const { cooperative } = await requireCooperative(deps.db, cooperativeId, user, 'cooperative.write');
  const today = vnDate(deps.clock.now());
  const listings = await repo.listConsoleListings(deps.db, cooperativeId);
  const lots = await repo.listLotsOfCooperative(deps.db, cooperativeId, { includeEmpty: query.includeEmpty });
  const adjustments = await repo.listRecentAdjustments(deps.db, cooperativeId, RECENT_ADJUSTMENTS);

  const consoleListings = listings.map((listing) => {
    const own = lots.filter((l) => l.listingId === listing.id);
    const onHandMilli = own.reduce((sum, l) => sum + l.onHandMilli, 0);
    const availableMilli = own
      .filter((l) => l.expiresAt === null || l.expiresAt >= today)
      .reduce((sum, l) => sum + l.onHandMilli, 0);
    return {
      id: listing.id,
      title: listing.title,
      status: listing.status,
      unit: unitOf(listing.unit),
      priceVnd: listing.priceVnd,
      availableStock: fromMilli(availableMilli),
      onHand: fromMilli(onHandMilli),
      lowStockThreshold: listing.lowStockThresholdMilli === null ? null : fromMilli(listing.lowStockThresholdMilli),
      isLowStock: isLow(listing.lowStockThresholdMilli, availableMilli),
      lots: own.map((l) => toStockLot(l, today)),
      recentAdjustments: adjustments
        .filter((a) => a.listingId === listing.id)
        .map((a) => ({
          id: a.id,
          lotId: a.lotId,
          delta: fromMilli(a.deltaMilli),
          reason: a.reason,
          at: a.createdAt.toISOString(),
          author: a.authorUserId ? { userId: a.authorUserId, name: a.authorName ?? a.authorMemberName } : null,
        })),
    };
  });
  const shown = new Set(listings.map((l) => l.id));
  const expiring = lots
    .filter((l) => shown.has(l.listingId) && l.onHandMilli > 0 && l.expiresAt !== null)
    .map((l) => ({ lot: l, days: daysBetween(today, l.expiresAt!) }))
    // Expired lots still holding stock come first: they need a write-off before anything else.
    .filter(({ days }) => days <= query.expiringWithinDays)
    .sort((a, b) => a.days - b.days || a.lot.id.localeCompare(b.lot.id))
    .map(({ lot, days }) => ({
      lotId: lot.id,
      traceCode: lot.traceCode,
      listingId: lot.listingId,
      listingTitle: lot.listingTitle,
      onHand: fromMilli(lot.onHandMilli),
      expiresAt: lot.expiresAt!,
      daysToExpiry: days,
      member: lot.memberId && lot.memberName !== null ? { id: lot.memberId, name: lot.memberName } : null,
    }));
  return {
    cooperative: { id: cooperative.id, name: cooperative.name },
    today,
    expiringWithinDays: query.expiringWithinDays,
    listings: consoleListings,
    expiring,
    lowStock: consoleListings.filter((l) => l.isLowStock).map((l) => l.id),
  };
}

/** Sets (or clears, with null) a listing's low-stock threshold; managers and staff. */
export async function setListingLowStockThreshold(
  deps: StockDeps,
  user: SessionUser,
  cooperativeId: string,
  listingId: string,
  input: LowStockThreshold,
) {
  await requireCooperative(deps.db, cooperativeId, user, 'cooperative.write');
  const listing = await repo.findListingOfCooperative(deps.db, cooperativeId, listingId);
  if (!listing) throw new AppError('NOT_FOUND', { message: 'listing not found' });
  const now = deps.clock.now();
  const thresholdMilli = input.lowStockThreshold === null ? null : toMilli(input.lowStockThreshold);
  await setLowStockThreshold(deps.db, listingId, thresholdMilli, now);
  const stock = await findStockOfListings(deps.db, [listingId], vnDate(now));
  const availableStock = stock.get(listingId)?.availableStock ?? 0;
  return {
    listingId,
    lowStockThreshold: input.lowStockThreshold,
    availableStock,
    isLowStock: isLow(thresholdMilli, toMilli(availableStock)),
  };
}

export type CsvFile = { filename: string; bytes: Uint8Array<ArrayBuffer> };

/**
 * Every lot holding stock (or every lot, with includeEmpty), archived listings included, as a CSV
 * file Excel opens with Vietnamese intact. Its lot ids make it importable again as a stock count.
 */
export async function exportStockCsv(
  deps: StockDeps,
  user: SessionUser,
  cooperativeId: string,
  query: StockExportQuery,
): Promise<CsvFile> {
  const { cooperative } = await requireCooperative(deps.db, cooperativeId, user, 'cooperative.write');
  const lots = await repo.listLotsOfCooperative(deps.db, cooperativeId, { includeEmpty: query.includeEmpty });
  const units = new Map(
    (await repo.findListingsOfCooperative(deps.db, cooperativeId, [...new Set(lots.map((l) => l.listingId))])).map(
      (l) => [l.id, unitOf(l.unit).vi],
    ),
  );
  const rows = stockCsvRows(
    lots.map((lot) => ({
      id: lot.id,
      traceCode: lot.traceCode,
      listingId: lot.listingId,
      listingTitle: lot.listingTitle,
      unit: units.get(lot.listingId) ?? '',
      memberId: lot.memberId,
      memberName: lot.memberName,
      quantityMilli: lot.quantityMilli,
      onHandMilli: lot.onHandMilli,
      harvestedAt: lot.harvestedAt,
      expiresAt: lot.expiresAt,
      importRef: lot.importRef,
    })),
  );
  const today = vnDate(deps.clock.now());
  return {
    // ASCII only: Content-Disposition filenames outside ASCII need RFC 5987 and still trip some clients.
    // The two separators are two files: named apart, so a second download does not overwrite the first.
    filename: `ton-kho-${slugify(cooperative.name) || 'htx'}-${today}${query.separator === 'semicolon' ? '-cham-phay' : ''}.csv`,
    bytes: encodeCsvForExcel(rows, query.separator === 'semicolon' ? ';' : ','),
  };
}

/**
 * Label data for printing (managers and staff): per lot the product, the cooperative, the member
 * as they allow (full name, initials or nothing), the harvest date, the trace code, and a QR code
 * of the public trace URL. A lot that is not this cooperative's is a 422 naming it, never its data.
 */
export async function getLabels(
  deps: Pick<Deps, 'db' | 'env'>,
  user: SessionUser,
  cooperativeId: string,
  lotIds: readonly string[],
): Promise<Label[]> {
  const { cooperative } = await requireCooperative(deps.db, cooperativeId, user, 'cooperative.write');
  const rows = new Map((await repo.findLabelLots(deps.db, cooperativeId, lotIds)).map((r) => [r.lotId, r]));
  const missing = lotIds.flatMap((id, i) =>
    rows.has(id) ? [] : [{ path: `lotIds.${i}`, code: 'not_found', message: `no lot ${id} in this cooperative` }],
  );
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', { message: missing[0]!.message, details: missing });
  }
  const labels: Label[] = [];
  for (const lotId of lotIds) {
    const row = rows.get(lotId)!;
    const traceUrl = `${deps.env.publicWebUrl}/t/${row.traceCode}`;
    labels.push({
      lotId,
      traceCode: row.traceCode,
      traceUrl,
      qrSvg: await renderQrSvg(traceUrl),
      product: { listingId: row.listingId, title: row.title, unit: unitOf(row.unit) },
      cooperative: {
        id: cooperative.id,
        name: cooperative.name,
        province: { id: cooperative.provinceId, name: provinceName(cooperative.provinceId) },
      },
      member: publicMember(row.memberName, row.memberDisplayPreference),
      harvestedAt: row.harvestedAt,
      expiresAt: row.expiresAt,
    });
  }
  return labels;
}
