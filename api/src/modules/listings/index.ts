export type { ListingNeeds, ListingStock, ListingStockKeeper } from './listing-needs.ts';
export type { ListingStatus } from './listings.repo.ts';
export { setListingStatus, setLowStockThreshold } from './listings.service.ts';
