// A part's status as the seller's orders page shows it: the seller's words, not the buyer's (a
// pickup order is never "on the way" to a seller, it waits for the buyer). Imported by the seller
// pages only, so its words stay in the seller catalogue. Pure.
import type { FulfilmentStatus } from '@nongsan/contracts';
import type { MessageKey } from '../i18n/index.ts';
import type { HandOver } from './timeline.ts';

export function sellerStatusKey(status: FulfilmentStatus, handOver: HandOver): MessageKey {
  if (handOver === 'pickup' && (status === 'shipped' || status === 'delivered'))
    return `status.seller.${status}.pickup`;
  return `status.seller.${status}`;
}

/** What the seller is told after moving a part on: in pickup words for a pickup. */
export function movedMessageKey(action: 'confirm' | 'ship' | 'deliver' | 'cancel', handOver: HandOver): MessageKey {
  if (handOver === 'pickup' && (action === 'ship' || action === 'deliver'))
    return `sellerOrders.moved.${action}.pickup`;
  return `sellerOrders.moved.${action}`;
}
