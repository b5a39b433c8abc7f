import type { CertificationType } from '@nongsan/contracts';

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

export function certificationMask(types: readonly CertificationType[]): number {
  return types.reduce((mask, type) => mask | CERTIFICATION_BITS[type], 0);
}
