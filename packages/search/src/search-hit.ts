import type { SearchDocument, SearchHit } from '@nongsan/contracts';

/** What a hit carries of its document: everything but the description, which cards never show. */
export type HitPayload = Omit<SearchHit, 'distanceKm'>;

/**
 * The hit fields of a document, picked one by one: engines store extra fields next to them (folded
 * text, filter keys) that must not leak into the API's answer.
 */
export function hitPayload(document: SearchDocument | HitPayload): HitPayload {
  const payload: HitPayload = {
    id: document.id,
    title: document.title,
    category: document.category,
    unit: document.unit,
    priceVnd: document.priceVnd,
    sellerId: document.sellerId,
    sellerName: document.sellerName,
    sellerKind: document.sellerKind,
    provinceId: document.provinceId,
    provinceName: document.provinceName,
    certifications: [...document.certifications],
    inStock: document.inStock,
    status: document.status,
    location: document.location ? { lat: document.location.lat, lng: document.location.lng } : null,
    harvestedAt: document.harvestedAt ?? null,
    createdAt: document.createdAt,
    photo: document.photo ?? null,
    delivery: document.delivery
      ? { feeVnd: document.delivery.feeVnd, freeOverVnd: document.delivery.freeOverVnd }
      : null,
  };
  if (document.categoryName !== undefined) payload.categoryName = document.categoryName;
  return payload;
}
