import { formatDateVn } from '@nongsan/vn';
import { placeWithProvince } from '@nongsan/vn/provinces';
import { error } from '@sveltejs/kit';
import { toCardView } from '$lib/listings/card-view.ts';
import { call } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

const LISTINGS_PER_PAGE = 24;

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('trang') ?? '1', 10) || 1));
  const [result, listings] = await Promise.all([
    call(() => locals.api.api.v1.sellers[':sellerId'].$get({ param: { sellerId: params.sellerId } })),
    // Listings on sale only: the seller's own drafts stay in their console, even when they look here.
    call(() =>
      locals.api.api.v1.sellers[':sellerId'].listings.$get({
        param: { sellerId: params.sellerId },
        query: { status: 'active', page: String(page), perPage: String(LISTINGS_PER_PAGE) },
      }),
    ),
  ]);
  if (!result.ok) {
    const { failure } = result;
    if (failure.code === 'NOT_FOUND' || failure.code === 'VALIDATION_FAILED') {
      error(404, { message: 'seller not found' });
    }
    if (failure.code === 'NETWORK' || failure.code === 'SERVICE_UNAVAILABLE') {
      error(503, { message: 'api unavailable' });
    }
    throw new Error(`GET /sellers/:id failed: ${failure.code} ${failure.message}`);
  }
  const seller = result.data;
  return {
    seller: {
      id: seller.id,
      kind: seller.kind,
      name: seller.name,
      province: seller.province.name,
      commune: seller.commune,
      bio: seller.bio,
      // Where to come, province included, as the cart and the order say it.
      pickupAddress: seller.pickupAddress && placeWithProvince(seller.pickupAddress, seller.province.id),
      pickupHours: seller.pickupHours,
      isVerified: seller.isVerified,
      memberCount: seller.memberCount,
      since: formatDateVn(seller.createdAt),
    },
    // The profile is worth showing even if its listings could not be fetched this time.
    listings: listings.ok ? listings.data.listings.map(toCardView) : [],
    listingsFailed: !listings.ok,
    page,
    hasMore: listings.ok && page * LISTINGS_PER_PAGE < listings.data.total,
  };
};
