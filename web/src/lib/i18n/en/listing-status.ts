import type { Translation } from '../catalogue.ts';
import type { listingStatus as vi } from '../vi/listing-status.ts';

// A listing's status as its seller sees it: the seller's and the cooperative's listing pages.
export const listingStatus: Translation<typeof vi> = {
  'myListings.status.active': 'On sale',
  'myListings.status.sold_out': 'Sold out',
  'myListings.status.draft': 'Hidden',
  'myListings.status.archived': 'Archived',
};
