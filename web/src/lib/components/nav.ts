import type { MessageKey } from '../i18n/index.ts';

export type IconName = 'home' | 'search' | 'cart' | 'orders' | 'sell' | 'account';

export type NavItem = {
  id: 'home' | 'search' | 'cart' | 'orders' | 'sell';
  label: MessageKey;
  /** null: the page does not exist yet; shown as "coming soon", never as a link. */
  href: string | null;
};

// The five places of the marketplace. A place not built yet is shown (people should know it is
// coming) but disabled, so nothing pretends to work.
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'home', label: 'nav.home', href: '/' },
  { id: 'search', label: 'nav.search', href: '/tim-kiem' },
  { id: 'cart', label: 'nav.cart', href: '/gio-hang' },
  { id: 'orders', label: 'nav.orders', href: '/don-hang' },
  // A seller's own listings; people with no seller profile yet are sent on to create one.
  { id: 'sell', label: 'nav.sell', href: '/ban-hang/san-pham' },
];

/** The item a path belongs to, for aria-current. */
export function activeNav(pathname: string): NavItem['id'] | null {
  if (pathname === '/') return 'home';
  if (pathname === '/tim-kiem') return 'search';
  if (pathname === '/gio-hang' || pathname === '/thanh-toan') return 'cart';
  if (pathname === '/don-hang' || pathname.startsWith('/don-hang/')) return 'orders';
  if (pathname.startsWith('/ban-hang')) return 'sell';
  // The cooperative console is part of selling.
  if (pathname.startsWith('/hop-tac-xa')) return 'sell';
  return null;
}
