export {
  buildSearchDocuments,
  RELAY_LEASE_MS,
  recordSearchChange,
  registerSearchRelay,
  reindexSearch,
  relaySearchOutbox,
  SEARCH_RELAY_JOB,
  type SearchChange,
  SearchRelayBusyError,
} from './search-relay.service.ts';
