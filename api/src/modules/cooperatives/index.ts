export { feeOf } from './member-sales.ts';
