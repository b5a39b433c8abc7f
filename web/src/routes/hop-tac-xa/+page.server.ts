import { redirect } from '@sveltejs/kit';
import { coopPath } from '$lib/coop/console.ts';
import { requireMe } from '$lib/server/session.ts';
import type { PageServerLoad } from './$types';

/** The cooperatives the person works in or belongs to; with just one, straight to it. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  const coops = me.sellers
    .filter((s) => s.kind === 'cooperative')
    .map(({ sellerId, name, role }) => ({ sellerId, name, role }));
  if (coops.length === 1) redirect(303, coopPath(coops[0]!.sellerId));
  return { coops };
};
