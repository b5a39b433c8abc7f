export { inventoryRoutes } from './inventory.routes.ts';
export {
  type AllocateFefoOptions,
  type AllocateFefoResult,
  type Allocation,
  allocateFefo,
  findStockOfListings,
  type ListingStock,
  receiveLotInTx,
  releaseAllocations,
  syncListingStockStatus,
} from './inventory.service.ts';
