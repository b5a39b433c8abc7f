import { joinGroups } from '../catalogue.ts';
import type { MessageKey } from '../vi/index.ts';
import { messages as coop } from './group-coop.ts';
import { messages as operator } from './group-operator.ts';
import { messages as seller } from './group-seller.ts';
import { messages as storefront } from './group-storefront.ts';

// English, second language. Each area is typed against its Vietnamese file, and the whole against
// every Vietnamese key, so an area left out of a group is a compile error too.
export const en: Readonly<Record<MessageKey, string>> = joinGroups(storefront, seller, coop, operator);
