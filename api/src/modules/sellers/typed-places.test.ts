import { describe, expect, it } from 'vitest';
import { pickupPlaceOf, unambiguousCommune } from './typed-places.ts';

describe('sellers’ typed places mapped to 2025 communes', () => {
  it('maps a commune typed with or without its kind word and diacritics, in the seller’s province', () => {
    expect(unambiguousCommune('Xã Tân Cương', 'thai-nguyen')).toBe('05503');
    expect(unambiguousCommune('tan cuong', 'thai-nguyen')).toBe('05503');
    expect(unambiguousCommune('Xã La Bằng', 'thai-nguyen')).toBe('05818');
  });
  it('maps a former commune absorbed whole to the unit that absorbed it', () => {
    // Xã Tiên Hội (Đại Từ) went into Xã La Bằng.
    expect(unambiguousCommune('Xã Tiên Hội', 'thai-nguyen')).toBe('05818');
  });
  it('leaves what is ambiguous, unknown or in another province for the seller to confirm', () => {
    // Phường Kim Mã was split between several units.
    expect(unambiguousCommune('Phường Kim Mã', 'ha-noi')).toBeNull();
    expect(unambiguousCommune('Xã Không Có', 'thai-nguyen')).toBeNull();
    expect(unambiguousCommune('Xã Tân Cương', 'ha-noi')).toBeNull();
    expect(unambiguousCommune('', 'thai-nguyen')).toBeNull();
  });
  it('reads a pickup point typed on one line: the commune part, the street before it', () => {
    expect(pickupPlaceOf('Xóm Hồng Thái 2, xã Tân Cương, Thái Nguyên', 'thai-nguyen')).toEqual({
      communeCode: '05503',
      street: 'Xóm Hồng Thái 2',
    });
    expect(pickupPlaceOf('Chợ đầu mối', 'thai-nguyen')).toBeNull();
  });
});
