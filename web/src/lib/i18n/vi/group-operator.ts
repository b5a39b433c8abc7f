import { operatorPayments } from './operator-payments.ts';

// The operator's pages' words (/quan-tri/*), loaded by their layout on top of the storefront's.
export const messages = operatorPayments;
