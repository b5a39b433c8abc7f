// The buyer's address book. Checkout will read a chosen address through here (not yet wired).
export { listAddresses, toAddress } from './addresses.service.ts';
