import { MAX_LABELS } from '@nongsan/contracts';
import { call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import type { PageServerLoad } from './$types';

/** Lot ids look like `lot_…`; anything else in the address is dropped rather than sent on. */
const LOT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'worker');
  // `?lo=a&lo=b` from the stock console's checkboxes, or `?lo=a,b` typed or shared.
  const asked = url.searchParams.getAll('lo').flatMap((v) => v.split(','));
  const lotIds = [...new Set(asked.map((v) => v.trim()).filter((v) => LOT_ID.test(v)))];
  const tooMany = lotIds.length > MAX_LABELS;
  if (lotIds.length === 0) return { labels: [], tooMany: false };
  const result = await call(() =>
    locals.api.api.v1.cooperatives[':sellerId'].labels.$get({
      param: { sellerId: coop.sellerId },
      query: { lotIds: lotIds.slice(0, MAX_LABELS).join(',') },
    }),
  );
  // A lot of another cooperative (or none at all) among them: the sheet is not found, as the API says.
  if (!result.ok) failLoad(result.failure, url, 'labels');
  return { labels: result.data.labels, tooMany };
};
