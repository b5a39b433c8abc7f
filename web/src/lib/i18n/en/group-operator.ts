import type { Translation } from '../catalogue.ts';
import type { messages as vi } from '../vi/group-operator.ts';
import { operatorPayments } from './operator-payments.ts';

// The operator's pages' words in English (/quan-tri/*), loaded by their layout on top of the storefront's.
export const messages: Translation<typeof vi> = operatorPayments;
