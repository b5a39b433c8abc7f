export { mediaRoutes } from './media.routes.ts';
export { findMediaMap, toMedia } from './media.service.ts';
