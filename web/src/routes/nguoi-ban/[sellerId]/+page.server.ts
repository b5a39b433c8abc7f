import { formatDateVn } from '@nongsan/vn';
import { error } from '@sveltejs/kit';
import { call } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const result = await call(() =>
    locals.api.api.v1.sellers[':sellerId'].$get({ param: { sellerId: params.sellerId } }),
  );
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
      pickupAddress: seller.pickupAddress,
      pickupHours: seller.pickupHours,
      isVerified: seller.isVerified,
      memberCount: seller.memberCount,
      since: formatDateVn(seller.createdAt),
    },
  };
};
