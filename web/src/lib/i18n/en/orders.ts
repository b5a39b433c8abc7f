import type { Translation } from '../catalogue.ts';
import type { orders as vi } from '../vi/orders.ts';

// Orders: the buyer's orders (orders.*) and the order and fulfilment statuses both sides read
// (status.*, timeline.*). The seller's orders page is in seller-orders.ts.
export const orders: Translation<typeof vi> = {
  'orders.title': 'My orders',
  'orders.toHandle': 'Orders from your customers',
  'orders.empty': 'You have no orders yet.',
  'orders.code': 'Order {code}',
  'orders.placedAt': 'Placed {date}',
  'orders.view': 'See details',
  'orders.all': '← All orders',
  'orders.pages': 'Order pages',
  'orders.placed': 'Order placed! Your order number is {code}.',
  'orders.placedNextCod': 'The sellers will confirm your order and call you. You pay when you receive it.',
  'orders.placedNextOnline': 'Pay before the deadline to keep the stock. The sellers confirm once paid.',
  'orders.confirmBy': 'The seller confirms by {date}, or the order is cancelled.',
  'orders.cancelReason.buyer': 'You cancelled this part.',
  'orders.cancelReason.seller': 'The seller cancelled this part.',
  'orders.cancelReason.payment_deadline': 'Cancelled: not paid in time.',
  'orders.cancelReason.confirmation_deadline': 'Cancelled: the seller did not confirm in time.',
  'orders.deliverTo': 'Deliver to',
  'orders.pickupAt': 'Pick up at',
  'orders.cancel': 'Cancel order',
  'orders.cancelLead': 'Everything not yet sent is cancelled and goes back to the sellers.',
  'orders.cancelConfirm': 'Yes, cancel this order',
  'orders.cancelled': 'Your order is cancelled.',
  'orders.cannotCancel': 'It has already been sent and can no longer be cancelled. Please call the seller.',

  'status.buyer.awaiting_payment': 'Waiting for your payment',
  'status.buyer.awaiting_confirmation': 'Awaiting confirmation',
  'status.buyer.confirmed': 'Confirmed',
  'status.buyer.shipped': 'On the way',
  'status.buyer.delivered': 'Delivered',
  'status.buyer.cancelled': 'Cancelled',
  'status.buyer.shipped.pickup': 'Ready: come and pick it up',
  'status.buyer.delivered.pickup': 'You picked it up',
  'timeline.done': 'done',
  'timeline.todo': 'next',

  'sellerOrders.collect': 'Collect on delivery',
  'sellerOrders.collect.pickup': 'Collect when the buyer picks it up',
  'sellerOrders.paid': 'Paid online',
};
