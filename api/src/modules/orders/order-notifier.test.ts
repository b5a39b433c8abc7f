import { describe, expect, it } from 'vitest';
import { createSmsNotifier, formatDeadlineVn, noticeText, smsText } from './order-notifier.ts';

describe('order notices', () => {
  it('writes Vietnamese, with deadlines in Vietnam time', () => {
    const text = noticeText({
      event: 'new_order',
      to: '+84912345678',
      orderCode: 'NS-7K3M9Q',
      itemCount: 2,
      totalVnd: 1_250_000,
      deliveryMethod: 'delivery',
      confirmBy: new Date('2026-11-27T18:30:00Z'),
    });
    expect(text).toBe(
      'nongsan: Đơn mới NS-7K3M9Q: 2 sản phẩm, 1.250.000\u00a0₫, giao tận nơi. Vui lòng xác nhận trước 01:30 28/11.',
    );
    expect(formatDeadlineVn(new Date('2026-11-27T03:00:00Z'))).toBe('10:00 27/11');
  });

  it('tells the buyer of a refund after delivery, and how the money comes back', () => {
    const refunded = (method: 'stripe' | 'bank_transfer' | 'cod') =>
      noticeText({
        event: 'refunded',
        to: '+84912345678',
        orderCode: 'NS-7K3M9Q',
        sellerName: 'HTX Chè Tân Cương',
        amountVnd: 45_000,
        method,
      });
    expect(refunded('stripe')).toBe(
      'nongsan: HTX Chè Tân Cương hoàn 45.000\u00a0₫ cho đơn NS-7K3M9Q. Tiền về lại thẻ của bạn trong 5-10 ngày làm việc.',
    );
    expect(refunded('bank_transfer')).toMatch(/chuyển khoản lại cho bạn\.$/);
    expect(refunded('cod')).toMatch(/trả lại tiền mặt cho bạn\.$/);
  });

  it('sends SMS without diacritics (one GSM-7 part instead of UCS-2)', async () => {
    expect(smsText('Đơn của Chè Tân Cương đã bị hủy, 45.000\u00a0₫')).toBe('Don cua Che Tan Cuong da bi huy, 45.000d');
    const sent: { to: string; text: string }[] = [];
    const notifier = createSmsNotifier({ name: 'console', send: async (m) => void sent.push(m) });
    await notifier.notify({
      event: 'cancelled',
      to: '+84912345678',
      orderCode: 'NS-1',
      sellerName: 'HTX Chè Tân Cương',
      reason: 'confirmation_deadline',
    });
    expect(sent).toEqual([
      {
        to: '+84912345678',
        text: 'nongsan: Don NS-1 cua HTX Che Tan Cuong da bi huy (nguoi ban khong xac nhan kip).',
      },
    ]);
    expect(sent[0]?.text).toMatch(/^[\x20-\x7e]+$/);
  });
});
