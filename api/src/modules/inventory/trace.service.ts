import { findCategory, findUnit, type Trace } from '@nongsan/contracts';
import { displayedName, type NameDisplay } from '@nongsan/vn/names';
import { PROVINCES } from '@nongsan/vn/provinces';
import { AppError } from '../../errors.ts';
import { vnDate } from '../../lib/dates.ts';
import { isPubliclyShown, toCertification } from '../sellers/index.ts';
import * as repo from './inventory.repo.ts';
import type { InventoryDeps } from './stock-checks.ts';

// The public trace page: the story of the lot behind a code printed on a label.

/** Codes are typed from labels: case does not matter, and Crockford's look-alikes (I, L, O) are read as 1 and 0. */
/** A trace code as typed from a label (any case, with dashes); anything else names no lot. */
export const TYPED_TRACE_CODE = /^[0-9A-Za-z-]{1,32}$/;

export function normaliseTraceCode(typed: string): string | null {
  const code = typed.trim().toLowerCase().replaceAll(/[il]/g, '1').replaceAll('o', '0').replaceAll('-', '');
  return /^[0-9a-hjkmnp-tv-z]{10}$/.test(code) ? code : null;
}

const provinceName = (provinceId: string) => PROVINCES.find((p) => p.id === provinceId)?.name ?? provinceId;

/**
 * A cooperative member as the public may see them (trace page, printed labels): full name,
 * initials or nothing, as the member chose (default initials). Never a phone or an id.
 */
export function publicMember(name: string | null, display: NameDisplay | null): { name: string } | null {
  const shown = name === null ? null : displayedName(name, display ?? 'initials');
  return shown === null ? null : { name: shown };
}

/** Public: the story of the lot behind a trace code. Buyers and phone numbers are never part of it. */
export async function getTrace(deps: InventoryDeps, typedCode: string): Promise<Trace> {
  const traceCode = normaliseTraceCode(typedCode);
  const row = traceCode ? await repo.findTrace(deps.db, traceCode) : null;
  if (!row) throw new AppError('NOT_FOUND', { message: 'no lot with this trace code' });
  const today = vnDate(deps.clock.now());
  const certifications = (await repo.findListingCertificationRows(deps.db, row.listingId))
    .map((r) => toCertification(r.certification))
    .filter((c) => isPubliclyShown(c, today));
  const category = findCategory(row.category);
  const unit = findUnit(row.unit);
  return {
    traceCode: row.traceCode,
    product: {
      listingId: row.listingId,
      title: row.title,
      category: category ?? { id: row.category, vi: row.category, en: row.category },
      unit: unit ?? { id: row.unit, vi: row.unit, en: row.unit },
    },
    seller: {
      id: row.sellerId,
      name: row.sellerName,
      kind: row.sellerKind,
      province: { id: row.provinceId, name: provinceName(row.provinceId) },
      commune: row.commune,
    },
    member: publicMember(row.memberName, row.memberDisplayPreference),
    harvestedAt: row.harvestedAt,
    expiresAt: row.expiresAt,
    receivedAt: row.receivedAt.toISOString(),
    certifications,
  };
}
