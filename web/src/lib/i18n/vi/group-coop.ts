import { catalogue } from '../catalogue.ts';
import { coop } from './coop.ts';
import { listingStatus } from './listing-status.ts';

// The cooperative console's words (/hop-tac-xa/*), loaded by its layout on top of the storefront's.
export const messages = catalogue(coop).add(listingStatus).done();
