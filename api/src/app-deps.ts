import type { Deps } from './deps.ts';
import type { OrderNeeds } from './modules/orders/index.ts';
import { orderPaymentHooks } from './modules/payments/index.ts';

/**
 * What the whole app is built from: the infrastructure (`Deps`) plus what each module declared it
 * needs from another module (`OrderNeeds`: the payments module as orders sees it). This is the one
 * place modules are wired to each other; server.ts and the test harnesses call `linkModules`.
 */
export type AppDeps = Deps & OrderNeeds;

export function linkModules(deps: Deps): AppDeps {
  return { ...deps, orderPayments: orderPaymentHooks };
}
