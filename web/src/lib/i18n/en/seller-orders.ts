import type { Translation } from '../catalogue.ts';
import type { sellerOrders as vi } from '../vi/seller-orders.ts';

// A seller's orders page: the order list, its filters and the actions on an order.
export const sellerOrders: Translation<typeof vi> = {
  'sellerOrders.title': 'Orders to handle',
  'sellerOrders.filter': 'Filter by status',
  'sellerOrders.filter.all': 'All',
  'sellerOrders.empty': 'No orders yet. New orders appear here.',
  'sellerOrders.emptyFilter': 'No orders with this status.',
  'sellerOrders.confirmBy': 'Confirm by {date}',
  'sellerOrders.buyer': 'Buyer',
  'sellerOrders.noName': 'No name given',
  'sellerOrders.call': 'Call {phone}',
  'sellerOrders.pickup': 'Hand-over',
  'sellerOrders.pickupHint': 'The buyer picks it up at your place.',
  'sellerOrders.progress': 'Order steps',
  'sellerOrders.confirm': 'Confirm order',
  'sellerOrders.ship.delivery': 'Sent out',
  'sellerOrders.ship.pickup': 'Ready to pick up',
  'sellerOrders.deliver.delivery': 'Delivered',
  'sellerOrders.deliver.pickup': 'Picked up',
  'sellerOrders.cancel': 'Cancel this order',
  'sellerOrders.cancelLead': 'The stock goes back and the buyer is told.',
  'sellerOrders.cancelConfirm': 'Yes, cancel it',
  'sellerOrders.moved.confirm': 'Order {code} confirmed.',
  'sellerOrders.moved.ship': 'Noted: order {code} sent out.',
  'sellerOrders.moved.deliver': 'Noted: order {code} delivered.',
  'sellerOrders.moved.cancel': 'Order {code} cancelled.',
  'sellerOrders.errTransition': 'This order just changed. The page is up to date; please check it again.',
  'sellerOrders.errGone': 'This order can no longer be found.',
};
