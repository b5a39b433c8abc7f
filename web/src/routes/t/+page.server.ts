import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** `/t?ma=ABC123`: the lookup form (a plain GET, no JavaScript) goes to the lot's page. */
export const load: PageServerLoad = ({ url }) => {
  const code = url.searchParams.get('ma')?.trim().replace(/\s+/g, '');
  if (code) redirect(303, `/t/${encodeURIComponent(code)}`);
  return {};
};
