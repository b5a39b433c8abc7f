import type { Deps } from './deps.ts';
import { cooperativeFounding } from './modules/cooperatives/index.ts';
import { listingStock } from './modules/inventory/index.ts';
import type { ListingNeeds } from './modules/listings/index.ts';
import type { OrderNeeds } from './modules/orders/index.ts';
import { orderPaymentHooks } from './modules/payments/index.ts';
import type { SellerNeeds } from './modules/sellers/index.ts';

/**
 * What the whole app is built from: the infrastructure (`Deps`) plus what each module declared it
 * needs from another module (`OrderNeeds`: the payments module as orders sees it; `SellerNeeds`:
 * the cooperatives module, which owns cooperative_members, as sellers sees it; `ListingNeeds`: the
 * inventory module, which keeps listings' stock, as listings sees it). This is the one
 * place modules are wired to each other; server.ts and the test harnesses call `linkModules`.
 */
export type AppDeps = Deps & OrderNeeds & SellerNeeds & ListingNeeds;

export function linkModules(deps: Deps): AppDeps {
  return { ...deps, orderPayments: orderPaymentHooks, cooperativeFounding, listingStock };
}
