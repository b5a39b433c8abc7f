export {
  type AllocateFefoManyOptions,
  type AllocateFefoManyResult,
  type AllocateFefoOptions,
  type AllocateFefoResult,
  type Allocation,
  allocateFefo,
  allocateFefoMany,
  findStockOfListings,
  type ListingAllocation,
  listingStock,
  publicMember,
  receiveLotInTx,
  releaseAllocations,
  releaseAllocationsMany,
  type ShortItem,
  type StockState,
  syncListingStockStatus,
} from './inventory.service.ts';
export { LOT_EXPIRY_JOB, registerLotExpiryJob, scheduleLotExpiry, unlistExpiredListings } from './lot-expiry.job.ts';
export {
  type CountLotsOptions,
  countLotsInTx,
  type ReceiveLotsOptions,
  receiveLotsInTx,
} from './receive-many.service.ts';
