export { searchRoutes } from './search.routes.ts';
export {
  buildSearchDocuments,
  recordSearchChange,
  registerSearchRelay,
  reindexSearch,
  relaySearchOutbox,
  SEARCH_RELAY_JOB,
  type SearchChange,
} from './search-relay.service.ts';
