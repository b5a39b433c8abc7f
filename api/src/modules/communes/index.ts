export { findCommune, requireCommune, toCommune, warmCommuneIndex } from './communes.service.ts';
