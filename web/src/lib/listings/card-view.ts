import type { CertificationType, Listing, SearchApiHit } from '@nongsan/contracts';
import type { HandoverView } from './handover-view.ts';
import type { Named } from './labels.ts';
import { type PhotoView, toPhotoView } from './photo-view.ts';

/** A verified certification as a badge: OCOP stars when known (search hits carry the type only). */
export type CardCertification = { type: CertificationType; stars: number | null };

/**
 * What a grid card shows: the cover photo, price per unit, title; where the grid is not one
 * seller's, who sells it and where; verified certifications; the distance when searching near.
 */
export type ListingCardView = {
  id: string;
  title: string;
  priceVnd: number;
  unit: Named;
  isSoldOut: boolean;
  photo: PhotoView | null;
  /** Null on a seller's own page, where every card would repeat it. */
  sellerName: string | null;
  provinceName: string | null;
  certifications: CardCertification[];
  distanceKm: number | null;
  /** How the seller hands it over; null for a search document indexed before sellers' terms were. */
  handover: HandoverView | null;
};

/** A card on a seller's page (GET /sellers/:id/listings). */
export function toCardView(listing: Listing): ListingCardView {
  const cover = listing.photos[0];
  return {
    id: listing.id,
    title: listing.title,
    priceVnd: listing.priceVnd,
    unit: listing.unit,
    isSoldOut: listing.availableStock <= 0,
    photo: cover ? toPhotoView(cover) : null,
    sellerName: null,
    provinceName: null,
    // The seller's own team also receives certificates still waiting for an operator: never a badge.
    certifications: listing.certifications
      .filter((cert) => cert.isVerified)
      .map((cert) => ({ type: cert.type, stars: cert.stars })),
    distanceKm: null,
    handover: { provinceName: listing.seller.province.name, delivery: listing.seller.delivery },
  };
}

/** A card in search results (GET /search): the index holds verified certifications only. */
export function cardFromHit(hit: SearchApiHit): ListingCardView {
  return {
    id: hit.id,
    title: hit.title,
    priceVnd: hit.priceVnd,
    unit: hit.unit,
    isSoldOut: !hit.inStock,
    photo: hit.photo ? toPhotoView(hit.photo) : null,
    sellerName: hit.sellerName,
    provinceName: hit.provinceName,
    certifications: hit.certifications.map((type) => ({ type, stars: null })),
    distanceKm: hit.distanceKm,
    handover: hit.delivery === undefined ? null : { provinceName: hit.provinceName, delivery: hit.delivery },
  };
}
