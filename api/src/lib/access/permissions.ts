import { SELLER_MANAGERS, SELLER_WRITERS, type SellerRole } from '@nongsan/contracts';
import type { Resource } from './access.repo.ts';

// The role sets live in contracts, so the storefront hides exactly what the API refuses.
/** Roles that act for a seller in its day-to-day work: listings, stock, orders. */
const TEAM = SELLER_WRITERS;
/** Roles that decide for a seller: its profile, money, members and reports. */
const MANAGERS = SELLER_MANAGERS;

/**
 * What one permission asks. `roles` may do it. Outside `visibleTo` (by default `roles`) the thing
 * does not exist for the caller (404), so a private thing never confirms it is there; inside
 * `visibleTo` but outside `roles` the caller is told it is not theirs to do (403, `refusal`).
 */
type Rule =
  | { resource: Resource; roles: readonly SellerRole[] }
  | { resource: Resource; roles: readonly SellerRole[]; visibleTo: readonly SellerRole[]; refusal: string };

/** Every permission a service may ask about: `<resource the id names>.<what is done>`. */
export const PERMISSIONS = {
  /** Sees a seller's private side: drafts, every certificate, its orders. */
  'seller.team': { resource: 'seller', roles: TEAM },
  /** Acts for a seller: creates its listings, handles its orders. */
  'seller.write': { resource: 'seller', roles: TEAM },
  /** Decides for a seller: its profile, certificates, balance and bank account. */
  'seller.manage': { resource: 'seller', roles: MANAGERS },
  /** Works in a cooperative: its stock, lots, sales and CSV imports. */
  'cooperative.write': { resource: 'cooperative', roles: TEAM },
  /** Manages a cooperative: its members and reports. */
  'cooperative.manage': { resource: 'cooperative', roles: MANAGERS },
  /** Edits a listing of the caller's seller. */
  'listing.edit': { resource: 'listing', roles: TEAM },
  /** Receives, adjusts and reads the stock and lots of a listing. */
  'listing.stock': { resource: 'listing', roles: TEAM },
  /** Sees a fulfilment of the caller's seller (and so the order it belongs to). */
  'fulfilment.read': { resource: 'fulfilment', roles: TEAM },
  /** Confirms, ships, delivers or cancels a fulfilment. */
  'fulfilment.ship': { resource: 'fulfilment', roles: TEAM },
  /** Records the cash collected for a fulfilment on delivery. */
  'fulfilment.cash': { resource: 'fulfilment', roles: TEAM },
  /** Gives money back on a delivered fulfilment: staff handle it daily, but money is not theirs. */
  'fulfilment.refund': {
    resource: 'fulfilment',
    roles: MANAGERS,
    visibleTo: TEAM,
    refusal: "only the seller's owner or a cooperative manager may give money back",
  },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export const ruleOf = (permission: Permission): Rule => PERMISSIONS[permission];

/** Who may know the thing exists under this permission. */
export const visibleTo = (rule: Rule): readonly SellerRole[] => ('visibleTo' in rule ? rule.visibleTo : rule.roles);
