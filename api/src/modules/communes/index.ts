export { requireCommune, toCommune, warmCommuneIndex } from './communes.service.ts';
