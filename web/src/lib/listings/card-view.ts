import type { Listing } from '@nongsan/contracts';
import type { Named } from './labels.ts';
import { type PhotoView, toPhotoView } from './photo-view.ts';

/** What a grid card shows: the cover photo, price per unit, title. */
export type ListingCardView = {
  id: string;
  title: string;
  priceVnd: number;
  unit: Named;
  availableStock: number;
  photo: PhotoView | null;
};

export function toCardView(listing: Listing): ListingCardView {
  const cover = listing.photos[0];
  return {
    id: listing.id,
    title: listing.title,
    priceVnd: listing.priceVnd,
    unit: listing.unit,
    availableStock: listing.availableStock,
    photo: cover ? toPhotoView(cover) : null,
  };
}
