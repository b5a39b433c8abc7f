import type { MessageKey } from '$lib/i18n/index.ts';

export type IconName = 'home' | 'search' | 'cart' | 'orders' | 'sell' | 'account';

export type NavItem = {
  id: 'home' | 'search' | 'cart' | 'orders' | 'sell';
  label: MessageKey;
  /** null: the page does not exist yet; shown as "coming soon", never as a link. */
  href: string | null;
};

// The five places of the marketplace. Search, cart and orders are not built yet: they are shown
// (people should know they are coming) but disabled, so nothing pretends to work.
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'home', label: 'nav.home', href: '/' },
  { id: 'search', label: 'nav.search', href: null },
  { id: 'cart', label: 'nav.cart', href: null },
  { id: 'orders', label: 'nav.orders', href: null },
  // A seller's own listings; people with no seller profile yet are sent on to create one.
  { id: 'sell', label: 'nav.sell', href: '/ban-hang/san-pham' },
];

/** The item a path belongs to, for aria-current. */
export function activeNav(pathname: string): NavItem['id'] | null {
  if (pathname === '/') return 'home';
  if (pathname.startsWith('/ban-hang')) return 'sell';
  return null;
}
