export { cooperativeRoutes } from './cooperatives.routes.ts';
export { feeOf } from './member-sales.ts';
