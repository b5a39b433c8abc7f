import type { Deps } from '../../deps.ts';
import { createRouter } from '../../lib/router.ts';
import { memberRoutes } from './members.routes.ts';
import { reportRoutes } from './reports.routes.ts';
import { stockRoutes } from './stock.routes.ts';

/** Everything under /cooperatives/:sellerId: members, stock console and CSV, labels, reports. */
export function cooperativeRoutes(deps: Deps) {
  return createRouter().route('/', memberRoutes(deps)).route('/', stockRoutes(deps)).route('/', reportRoutes(deps));
}
