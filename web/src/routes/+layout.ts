import { loadMessages } from '$lib/i18n/index.ts';
import type { LayoutLoad } from './$types';

// The page's words must be there before anything renders: in the browser that is before the page
// hydrates. Every page gets the storefront's words in its reader's language (the chrome is in
// them); the seller, cooperative and operator layouts add their group's (decision 25).
export const load: LayoutLoad = async ({ data }) => {
  await loadMessages(data.locale, 'storefront');
  return data;
};
