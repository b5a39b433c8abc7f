import { error } from '@sveltejs/kit';
import { call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import { todayInVietnam } from '$lib/server/form-values.ts';
import { reportRange } from '$lib/server/report-range.ts';
import type { PageServerLoad } from './$types';

/** A member's own page: their lots, what sold, and what the cooperative owes them. Nothing of others. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'member');
  if (!coop.memberId) error(404, { message: 'no membership' });
  const range = reportRange(url, todayInVietnam());
  const query = range.isValid ? { from: range.from, to: range.to } : {};
  const result = await call(() =>
    locals.api.api.v1.cooperatives[':sellerId'].me.$get({ param: { sellerId: coop.sellerId }, query }),
  );
  if (!result.ok) failLoad(result.failure, url, 'my lots');
  return { mine: result.data, rangeRefused: !range.isValid };
};
