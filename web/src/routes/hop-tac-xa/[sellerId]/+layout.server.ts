import { requireCoop } from '$lib/server/coop.ts';
import type { LayoutServerLoad } from './$types';

// Every console page needs the person to belong to this cooperative in some role; each page then
// asks for the role it needs (a plain member only opens their own page).
export const load: LayoutServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'member');
  return { coop };
};
