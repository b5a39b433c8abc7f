import { formatVnd } from '@nongsan/vn/money';
import type { SmsSender } from '../../lib/sms.ts';

/** What happened, and to whom it is told: sellers hear of new and reminded orders, buyers of progress. */
export type OrderNotice =
  | {
      event: 'new_order';
      /** The seller's phone. */
      to: string;
      orderCode: string;
      itemCount: number;
      totalVnd: number;
      deliveryMethod: 'pickup' | 'delivery';
      confirmBy: Date | null;
    }
  | { event: 'confirmation_reminder'; to: string; orderCode: string; confirmBy: Date }
  | { event: 'cancelled_by_buyer'; to: string; orderCode: string }
  | {
      event: 'confirmed' | 'shipped' | 'delivered';
      /** The buyer's phone. */
      to: string;
      orderCode: string;
      sellerName: string;
      deliveryMethod: 'pickup' | 'delivery';
    }
  | {
      /** Money given back after delivery (spoiled, short or damaged goods): told to the buyer. */
      event: 'refunded';
      to: string;
      orderCode: string;
      sellerName: string;
      amountVnd: number;
      method: 'stripe' | 'bank_transfer' | 'cod';
    }
  | {
      event: 'cancelled';
      to: string;
      orderCode: string;
      sellerName: string;
      reason: 'seller' | 'payment_deadline' | 'confirmation_deadline' | 'buyer';
    };

/** Tells people about their orders. SMS today; Zalo or push can implement the same. */
export type Notifier = { notify(notice: OrderNotice): Promise<void> };

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  hourCycle: 'h23',
});

/** `14:30 28/11` in Vietnam time, the way a deadline is written in a text message. */
export function formatDeadlineVn(instant: Date): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of VIETNAM_TIME.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}`;
}

const CANCEL_REASON_VI = {
  seller: 'người bán đã hủy',
  buyer: 'bạn đã hủy',
  payment_deadline: 'chưa thanh toán trước hạn',
  confirmation_deadline: 'người bán không xác nhận kịp',
} as const;

/** How the money comes back, as the buyer needs to know it. */
const REFUND_WAY_VI = {
  stripe: 'Tiền về lại thẻ của bạn trong 5-10 ngày làm việc.',
  bank_transfer: 'nongsan sẽ chuyển khoản lại cho bạn.',
  cod: 'Người bán đã trả lại tiền mặt cho bạn.',
} as const;

/** The message in Vietnamese, with diacritics (SMS senders may strip them; see smsText). */
export function noticeText(notice: OrderNotice): string {
  switch (notice.event) {
    case 'new_order': {
      const how = notice.deliveryMethod === 'delivery' ? 'giao tận nơi' : 'khách đến lấy';
      const until = notice.confirmBy ? ` Vui lòng xác nhận trước ${formatDeadlineVn(notice.confirmBy)}.` : '';
      return `nongsan: Đơn mới ${notice.orderCode}: ${notice.itemCount} sản phẩm, ${formatVnd(notice.totalVnd)}, ${how}.${until}`;
    }
    case 'confirmation_reminder':
      return `nongsan: Đơn ${notice.orderCode} đang chờ bạn xác nhận. Quá ${formatDeadlineVn(notice.confirmBy)} đơn sẽ tự hủy.`;
    case 'cancelled_by_buyer':
      return `nongsan: Khách đã hủy đơn ${notice.orderCode}. Không cần chuẩn bị hàng nữa.`;
    case 'confirmed':
      return `nongsan: ${notice.sellerName} đã xác nhận đơn ${notice.orderCode}.`;
    case 'shipped':
      return notice.deliveryMethod === 'delivery'
        ? `nongsan: Đơn ${notice.orderCode} của ${notice.sellerName} đang được giao đến bạn.`
        : `nongsan: Đơn ${notice.orderCode} của ${notice.sellerName} đã sẵn sàng, mời bạn đến lấy.`;
    case 'delivered':
      // A pickup was not delivered: the buyer came for it.
      return notice.deliveryMethod === 'delivery'
        ? `nongsan: Đơn ${notice.orderCode} của ${notice.sellerName} đã giao xong. Cảm ơn bạn!`
        : `nongsan: Bạn đã lấy đơn ${notice.orderCode} của ${notice.sellerName}. Cảm ơn bạn!`;
    case 'refunded':
      return `nongsan: ${notice.sellerName} hoàn ${formatVnd(notice.amountVnd)} cho đơn ${notice.orderCode}. ${REFUND_WAY_VI[notice.method]}`;
    case 'cancelled':
      return `nongsan: Đơn ${notice.orderCode} của ${notice.sellerName} đã bị hủy (${CANCEL_REASON_VI[notice.reason]}).`;
  }
}

/**
 * Text for an SMS: Vietnamese without diacritics and with `d` for ₫. A single diacritic turns a
 * message into UCS-2 (70 characters a part instead of 160, so two or three times the price), and
 * unaccented Vietnamese is what farmers are used to reading from every SMS gateway.
 */
export function smsText(text: string): string {
  return text
    .replaceAll('\u00a0₫', 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D');
}

/** The SMS notifier (the console provider in development logs instead of sending). */
export function createSmsNotifier(sms: SmsSender): Notifier {
  return {
    async notify(notice) {
      await sms.send({ to: notice.to, text: smsText(noticeText(notice)) });
    },
  };
}
