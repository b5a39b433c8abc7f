import { catalogue, type Translation } from '../catalogue.ts';
import type { messages as vi } from '../vi/group-coop.ts';
import { coop } from './coop.ts';
import { listingStatus } from './listing-status.ts';

// The cooperative console's words in English (/hop-tac-xa/*), loaded by its layout on top of the storefront's.
export const messages: Translation<typeof vi> = catalogue(coop).add(listingStatus).done();
