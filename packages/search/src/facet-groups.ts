import type { CertificationType, SearchFacets } from '@nongsan/contracts';

/**
 * Each verified certification type as one bit of `search_documents.certification_mask`. Stored
 * values: a bit never changes meaning (a new type takes a new bit; reusing one would need a reindex).
 * The Record type makes a new CertificationType a compile error here until it has a bit.
 */
export const CERTIFICATION_BITS: Readonly<Record<CertificationType, number>> = {
  vietgap: 1,
  globalgap: 2,
  organic: 4,
  ocop: 8,
};

const BIT_ENTRIES = Object.entries(CERTIFICATION_BITS) as [CertificationType, number][];

export function certificationMask(types: readonly CertificationType[]): number {
  return types.reduce((mask, type) => mask | CERTIFICATION_BITS[type], 0);
}

/** Documents sharing one combination of facet values; facet counts and totals are sums of these. */
export type FacetGroup = { category: string; provinceId: string; certificationMask: number; documents: number };

export function facetsFromGroups(groups: readonly FacetGroup[]): { total: number; facets: SearchFacets } {
  const facets: SearchFacets = { category: {}, province: {}, certification: {} };
  let total = 0;
  for (const { category, provinceId, certificationMask: mask, documents } of groups) {
    if (documents <= 0) continue;
    total += documents;
    facets.category[category] = (facets.category[category] ?? 0) + documents;
    facets.province[provinceId] = (facets.province[provinceId] ?? 0) + documents;
    for (const [type, bit] of BIT_ENTRIES) {
      if ((mask & bit) !== 0) facets.certification[type] = (facets.certification[type] ?? 0) + documents;
    }
  }
  return { total, facets };
}
