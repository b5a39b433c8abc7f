// Orders: the buyer's orders (orders.*) and the order and fulfilment statuses both sides read
// (status.*, timeline.*). The seller's orders page is in seller-orders.ts.
export const orders = {
  'orders.title': 'Đơn hàng của tôi',
  'orders.toHandle': 'Đơn khách đặt của bạn',
  'orders.empty': 'Bạn chưa có đơn hàng nào.',
  'orders.code': 'Đơn {code}',
  'orders.placedAt': 'Đặt lúc {date}',
  'orders.view': 'Xem chi tiết',
  'orders.all': '← Tất cả đơn hàng',
  'orders.pages': 'Các trang đơn hàng',
  'orders.placed': 'Đặt hàng thành công! Mã đơn của bạn là {code}.',
  'orders.placedNextCod': 'Người bán sẽ xác nhận đơn và gọi cho bạn. Bạn trả tiền khi nhận hàng.',
  'orders.placedNextOnline': 'Hãy thanh toán trước hạn để giữ hàng. Người bán xác nhận sau khi nhận được tiền.',
  'orders.confirmBy': 'Người bán xác nhận trước {date}, nếu không đơn sẽ tự huỷ.',
  'orders.cancelReason.buyer': 'Bạn đã huỷ phần này.',
  'orders.cancelReason.seller': 'Người bán đã huỷ phần này.',
  'orders.cancelReason.payment_deadline': 'Đã huỷ vì quá hạn thanh toán.',
  'orders.cancelReason.confirmation_deadline': 'Đã huỷ vì người bán không xác nhận kịp.',
  'orders.deliverTo': 'Giao đến',
  'orders.pickupAt': 'Lấy tại',
  'orders.cancel': 'Huỷ đơn hàng',
  'orders.cancelLead': 'Phần hàng chưa gửi đi sẽ được huỷ và trả về cho người bán.',
  'orders.cancelConfirm': 'Có, huỷ đơn này',
  'orders.cancelled': 'Đã huỷ đơn hàng.',
  'orders.cannotCancel': 'Hàng đã được gửi đi, không huỷ được nữa. Hãy gọi người bán.',

  // A part's progress as the buyer reads it (lib/orders/timeline.ts; the seller's words are in
  // seller-orders.ts). Pickup has its own words once the goods are ready.
  'status.buyer.awaiting_payment': 'Chờ bạn thanh toán',
  'status.buyer.awaiting_confirmation': 'Chờ xác nhận',
  'status.buyer.confirmed': 'Đã xác nhận',
  'status.buyer.shipped': 'Đang giao',
  'status.buyer.delivered': 'Đã giao',
  'status.buyer.cancelled': 'Đã huỷ',
  'status.buyer.shipped.pickup': 'Hàng đã sẵn sàng, mời bạn đến lấy',
  'status.buyer.delivered.pickup': 'Bạn đã lấy hàng',
  'timeline.done': 'xong',
  'timeline.todo': 'bước sau',

  // What the amount on a seller's card means (lib/payments/payment-view.ts).
  'sellerOrders.collect': 'Thu khi giao',
  'sellerOrders.collect.pickup': 'Thu khi khách đến lấy',
  'sellerOrders.paid': 'Đã trả online',
} as const;
