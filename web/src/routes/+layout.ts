import { loadLocale } from '$lib/i18n/index.ts';
import type { LayoutLoad } from './$types';

// The page's language must be there before anything renders: in the browser that is before the
// page hydrates, so a page in English fetches its catalogue once, here (decision 19).
export const load: LayoutLoad = async ({ data }) => {
  await loadLocale(data.locale);
  return data;
};
