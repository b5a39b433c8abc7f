export {
  type AllocateFefoManyOptions,
  type AllocateFefoManyResult,
  type AllocateFefoOptions,
  type AllocateFefoResult,
  type Allocation,
  allocateFefo,
  allocateFefoMany,
  type ListingAllocation,
  releaseAllocations,
  releaseAllocationsMany,
  type ShortItem,
} from './fefo-allocator.service.ts';
export { listingStock } from './listing-stock.ts';
export { LOT_EXPIRY_JOB, registerLotExpiryJob, scheduleLotExpiry, unlistExpiredListings } from './lot-expiry.job.ts';
export { receiveLotInTx } from './lots.service.ts';
export {
  type CountLotsOptions,
  countLotsInTx,
  type ReceiveLotsOptions,
  receiveLotsInTx,
} from './receive-many.service.ts';
export { findStockOfListings, type StockState, syncListingStockStatus } from './stock-status.service.ts';
export { publicMember } from './trace.service.ts';
