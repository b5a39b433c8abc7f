import { getContext, setContext } from 'svelte';

// The cart count in the navigation. The layout reads it from the cart cookie on the server; a
// page that changes the cart with JavaScript shows the count it expects at once, and hands back
// to the server's count when its form has answered (success or not).

export type CartBadge = {
  readonly count: number;
  /** Show `count` until told otherwise; null goes back to the server's count. */
  expect(count: number | null): void;
};

const CONTEXT = Symbol('cart-badge');

/** Called once by the root layout (context, not module state: that would be shared by every visitor). */
export function provideCartBadge(badge: CartBadge): void {
  setContext(CONTEXT, badge);
}

export function useCartBadge(): CartBadge {
  return getContext<CartBadge | undefined>(CONTEXT) ?? { count: 0, expect: () => {} };
}
