import { type DbOrTx, schema } from '@nongsan/db';
import { searchCommunes } from '@nongsan/vn/communes';
import { slugify } from '@nongsan/vn/text';
import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';

// Sellers' places typed as free text before commune codes (issue 15, decision 30): the farm's commune
// ("Xã Tân Cương", "Tân Cương") and the pickup point ("Xóm Hồng Thái 2, xã Tân Cương, Thái Nguyên").
// SQL cannot fold Vietnamese names the way the commune lookup does, so this is a TypeScript step the
// API runs at start-up, after migrating: it maps what is unambiguous with the lookup's own rules and
// leaves the rest for the seller to confirm (a task in the seller console). The typed text is kept.

const KIND_WORDS = /^(xa|phuong|thi-tran|dac-khu|huyen|x|p|tt|dk)-/;
/** A name without its kind word, folded: "Xã Tân Cương" and "tan cuong" both read "tan-cuong". */
const bare = (name: string) => slugify(name).replace(KIND_WORDS, '');

/**
 * The one 2025 unit of this province whose own name, or the name of a former commune it absorbed
 * whole, is what was typed (kind word or not); null when none is, or when several are.
 */
export function unambiguousCommune(typed: string, provinceId: string): string | null {
  const wanted = bare(typed);
  if (wanted === '') return null;
  const codes = new Set(
    searchCommunes(typed, { provinceId, limit: 20 })
      .filter((m) => (m.former ? m.former.isWhole && bare(m.former.name) === wanted : bare(m.commune.name) === wanted))
      .map((m) => m.commune.code),
  );
  return codes.size === 1 ? ([...codes][0] ?? null) : null;
}

/**
 * A pickup point typed as one line: the one comma-separated part that names a commune unambiguously
 * (the province's own name is skipped), the parts before it as the street. Null when no part, or
 * more than one, does.
 */
export function pickupPlaceOf(typed: string, provinceId: string): { communeCode: string; street: string } | null {
  const parts = typed.split(',').map((p) => p.trim());
  const found = parts.flatMap((part, index) => {
    const code = index === 0 && parts.length > 1 ? null : unambiguousCommune(part, provinceId);
    return code ? [{ code, index }] : [];
  });
  const [only] = found;
  if (found.length !== 1 || !only) return null;
  return { communeCode: only.code, street: parts.slice(0, only.index).join(', ') || typed };
}

/** Maps every seller's typed places that can be mapped; returns how many sellers changed. Idempotent. */
export async function resolveTypedPlaces(db: DbOrTx, now: Date): Promise<number> {
  const { sellers } = schema;
  const pending = await db
    .select({
      id: sellers.id,
      provinceId: sellers.provinceId,
      commune: sellers.commune,
      communeCode: sellers.communeCode,
      pickupAddress: sellers.pickupAddress,
      pickupCommuneCode: sellers.pickupCommuneCode,
    })
    .from(sellers)
    .where(
      or(
        and(isNotNull(sellers.commune), isNull(sellers.communeCode)),
        and(isNotNull(sellers.pickupAddress), isNull(sellers.pickupCommuneCode)),
      ),
    );
  let changed = 0;
  for (const seller of pending) {
    const communeCode =
      seller.commune !== null && seller.communeCode === null
        ? unambiguousCommune(seller.commune, seller.provinceId)
        : null;
    const pickup =
      seller.pickupAddress !== null && seller.pickupCommuneCode === null
        ? pickupPlaceOf(seller.pickupAddress, seller.provinceId)
        : null;
    if (!communeCode && !pickup) continue;
    await db
      .update(sellers)
      .set({
        ...(communeCode ? { communeCode } : {}),
        ...(pickup
          ? { pickupProvinceId: seller.provinceId, pickupCommuneCode: pickup.communeCode, pickupStreet: pickup.street }
          : {}),
        updatedAt: now,
      })
      .where(eq(sellers.id, seller.id));
    changed++;
  }
  return changed;
}
