import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
  // Only what the chrome needs (the top bar names the person); pages load their own data.
  // If the API cannot be reached, the page still renders, as signed out.
  const me = await locals.me.catch(() => null);
  return {
    locale: locals.locale,
    viewer: me ? { name: me.user.name } : null,
  };
};
