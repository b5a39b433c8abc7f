export { cooperativeRoutes } from './cooperatives.routes.ts';
