import { describe, expect, it } from 'vitest';
import { loadAllMessages, translate } from '../../web/src/lib/i18n/index.ts';
import { handoverCardLine, handoverLines } from '../../web/src/lib/listings/handover-view.ts';

// How a seller hands goods over, in the words cards and the listing page show (issue 21), in both
// languages.

await loadAllMessages();
const vi = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('vi', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);
const nbsp = (text: string) => text.replace(/\u00a0/g, ' ');

describe('handoverCardLine', () => {
  it('delivery with its fee and the free-over threshold, free delivery, or where to pick up', () => {
    const delivering = { provinceName: 'Thái Nguyên', delivery: { feeVnd: 30_000, freeOverVnd: 1_000_000 } };
    expect(nbsp(handoverCardLine(delivering, vi))).toBe('Giao tận nơi 30.000 ₫, miễn phí từ 1.000.000 ₫');
    expect(nbsp(handoverCardLine(delivering, en))).toBe('Delivers 30.000 ₫, free from 1.000.000 ₫');
    const flat = { provinceName: 'Thái Nguyên', delivery: { feeVnd: 15_000, freeOverVnd: null } };
    expect(nbsp(handoverCardLine(flat, vi))).toBe('Giao tận nơi 15.000 ₫');
    const free = { provinceName: 'Thái Nguyên', delivery: { feeVnd: 0, freeOverVnd: null } };
    expect(handoverCardLine(free, vi)).toBe('Giao tận nơi miễn phí');
    const pickup = { provinceName: 'Tuyên Quang', delivery: null };
    expect(handoverCardLine(pickup, vi)).toBe('Tự đến lấy ở Tuyên Quang');
    expect(handoverCardLine(pickup, en)).toBe('Pick up in Tuyên Quang');
  });
});

describe('handoverLines (the listing page)', () => {
  it('says there is no delivery, and where pickup is (the place as the API completed it)', () => {
    expect(
      handoverLines(
        {
          provinceName: 'Thái Nguyên',
          delivery: null,
          pickupAddress: 'Xóm 3, xã Phú Lương, Thái Nguyên',
          pickupHours: '7:00–17:00',
        },
        vi,
      ),
    ).toEqual([
      'Người bán này không giao hàng.',
      'Tự đến lấy tại Xóm 3, xã Phú Lương, Thái Nguyên',
      'Giờ lấy hàng: 7:00–17:00',
    ]);
    expect(handoverLines({ provinceName: 'Bắc Ninh', delivery: null, pickupAddress: null }, en)).toEqual([
      'This seller does not deliver.',
      'Pick up in Bắc Ninh',
    ]);
  });

  it('gives the delivery fee per order and when it becomes free', () => {
    const lines = handoverLines(
      { provinceName: 'Thái Nguyên', delivery: { feeVnd: 30_000, freeOverVnd: 1_000_000 }, pickupAddress: null },
      vi,
    ).map(nbsp);
    expect(lines).toEqual([
      'Giao tận nơi: 30.000 ₫ mỗi đơn',
      'Miễn phí giao khi đơn từ 1.000.000 ₫',
      'Tự đến lấy ở Thái Nguyên',
    ]);
  });
});
