import { joinGroups } from '../catalogue.ts';
import { messages as coop } from './group-coop.ts';
import { messages as operator } from './group-operator.ts';
import { messages as seller } from './group-seller.ts';
import { messages as storefront } from './group-storefront.ts';

// Every word a person reads, in Vietnamese: the source of truth for the keys. One area per file
// (./<area>.ts), composed into the route group that reads it (group-*.ts: pages download only their
// group's areas, decision 25); a new area is added there, in Vietnamese and English. `{name}`
// marks a parameter. Plain words farmers use; short sentences; say what to do next when something
// fails. Only the server and the tests import this whole catalogue; pages import its type.
export const vi = joinGroups(storefront, seller, coop, operator);

export type MessageKey = keyof typeof vi;
