export { findMediaMap, toMedia } from './media.service.ts';
