import { redirect } from '@sveltejs/kit';
import { coopPath } from '$lib/coop/console.ts';
import { call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import type { PageServerLoad } from './$types';

/** The console's front page: where to go, and what needs attention today. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'member');
  // A member has one page here: their own lots and earnings.
  if (!coop.canWork) redirect(303, coopPath(coop.sellerId, 'cua-toi'));
  const result = await call(() =>
    locals.api.api.v1.cooperatives[':sellerId'].stock.$get({ param: { sellerId: coop.sellerId }, query: {} }),
  );
  if (!result.ok) failLoad(result.failure, url, 'stock');
  const stock = result.data;
  return {
    expiringWithinDays: stock.expiringWithinDays,
    lowStock: stock.listings
      .filter((l) => l.isLowStock)
      .map((l) => ({ id: l.id, title: l.title, availableStock: l.availableStock, unit: l.unit })),
    expiring: stock.expiring.length,
    expired: stock.expiring.filter((l) => l.daysToExpiry < 0).length,
  };
};
