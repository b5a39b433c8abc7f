import { readCart } from '$lib/server/cart.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, cookies }) => {
  // Only what the chrome needs (the top bar names the person); pages load their own data.
  // If the API cannot be reached, the page still renders, as signed out.
  const me = await locals.me.catch(() => null);
  return {
    locale: locals.locale,
    viewer: me ? { name: me.user.name } : null,
    /** Listings in the cart cookie, for the badge on the cart in the navigation. */
    cartCount: readCart(cookies).length,
  };
};
