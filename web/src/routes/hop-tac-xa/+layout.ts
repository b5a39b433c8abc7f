import { loadMessages } from '$lib/i18n/index.ts';
import type { LayoutLoad } from './$types';

// The cooperative console read their own words besides the storefront's (decision 25).
export const load: LayoutLoad = async ({ parent }) => {
  const { locale } = await parent();
  await loadMessages(locale, 'coop');
  return {};
};
