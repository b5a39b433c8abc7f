import { error } from '@sveltejs/kit';
import { toPhotoView } from '$lib/listings/photo-view.ts';
import { call } from '$lib/server/api.ts';
import { writableSellers } from '$lib/server/sellers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const result = await call(() =>
    locals.api.api.v1.listings[':listingId'].$get({ param: { listingId: params.listingId } }),
  );
  if (!result.ok) {
    const { failure } = result;
    // Drafts and archived listings are 404 for everyone but the seller's team, like missing ones.
    if (failure.code === 'NOT_FOUND' || failure.code === 'VALIDATION_FAILED') {
      error(404, { message: 'listing not found' });
    }
    if (failure.code === 'NETWORK' || failure.code === 'SERVICE_UNAVAILABLE')
      error(503, { message: 'api unavailable' });
    throw new Error(`GET /listings/:id failed: ${failure.code} ${failure.message}`);
  }
  const listing = result.data;
  // The seller's own team sees drafts too, and a way back to managing the listing.
  const me = await locals.me.catch(() => null);
  const isTeam = me ? writableSellers(me).some((s) => s.sellerId === listing.seller.id) : false;
  return {
    listing: {
      id: listing.id,
      title: listing.title,
      description: listing.description,
      category: listing.category,
      unit: listing.unit,
      priceVnd: listing.priceVnd,
      minOrder: listing.minOrder,
      status: listing.status,
      harvestedAt: listing.harvestedAt,
      availableFrom: listing.availableFrom,
      shelfLifeDays: listing.shelfLifeDays,
      availableStock: listing.availableStock,
      lots: listing.lots,
      seller: listing.seller,
      photos: listing.photos.map(toPhotoView),
      // Only what an operator has checked earns a badge; the team also gets the others from the API.
      certifications: listing.certifications
        .filter((c) => c.isVerified)
        .map(({ id, type, stars, certificateNumber, issuer, validTo }) => ({
          id,
          type,
          stars,
          certificateNumber,
          issuer,
          validTo,
        })),
    },
    isTeam,
  };
};
