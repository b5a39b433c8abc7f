export { catalogueRoutes } from './catalogue.routes.ts';
export { listingRoutes } from './listings.routes.ts';
