import type { Translation } from '../catalogue.ts';
import type { seller as vi } from '../vi/seller.ts';

// The public seller page (seller.*). Becoming a seller is in sell-signup.ts.
export const seller: Translation<typeof vi> = {
  'seller.bio': 'About',
  'seller.pickup': 'Pickup',
  'seller.pickupAddress': 'Pickup point',
  'seller.pickupHours': 'Pickup hours',
  'seller.verified': 'Verified',
  'seller.members': '{n} members',
  'seller.since': 'On nongsan since {date}',
  'seller.listings': 'On sale',
  'seller.noListings': 'This seller has nothing on sale right now.',
  'seller.listingsFailed': 'This seller’s listings could not be loaded. Please try again in a few minutes.',
  'seller.listingPages': 'Listing pages',
};
