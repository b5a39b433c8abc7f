import { describe, expect, it } from 'vitest';
import { findProvinceById, matchProvince, PROVINCES, placeWithProvince } from './provinces.ts';

describe('PROVINCES', () => {
  it('has the 34 units of 2025: 6 cities and 28 provinces', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((p) => p.kind === 'city').map((p) => p.id)).toEqual([
      'ha-noi',
      'hue',
      'hai-phong',
      'da-nang',
      'ho-chi-minh',
      'can-tho',
    ]);
    expect(PROVINCES.filter((p) => p.kind === 'province')).toHaveLength(28);
  });

  it('derives each id from the name as a slug, unique across units', () => {
    expect(PROVINCES.find((p) => p.name === 'Thái Nguyên')?.id).toBe('thai-nguyen');
    expect(PROVINCES.find((p) => p.name === 'Đắk Lắk')?.id).toBe('dak-lak');
    for (const province of PROVINCES) expect(province.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(new Set(PROVINCES.map((p) => p.id)).size).toBe(34);
  });

  it('keeps the former provinces of the data file', () => {
    expect(PROVINCES.find((p) => p.id === 'ho-chi-minh')?.former).toEqual(['Bình Dương', 'Bà Rịa - Vũng Tàu']);
    // 63 units before the merger = 34 now + 29 merged away; Huế adds its pre-2025 name
    // Thừa Thiên Huế, a rename rather than a merger.
    expect(PROVINCES.flatMap((p) => p.former)).toHaveLength(30);
    expect(PROVINCES.find((p) => p.id === 'hue')?.former).toEqual(['Thừa Thiên Huế']);
  });

  it('is frozen, so no caller can change the shared list', () => {
    expect(Object.isFrozen(PROVINCES)).toBe(true);
    expect(Object.isFrozen(PROVINCES[0])).toBe(true);
    expect(Object.isFrozen(PROVINCES[0]?.former)).toBe(true);
  });
});

describe('matchProvince', () => {
  const idOf = (input: string) => matchProvince(input)?.id ?? null;

  it('matches every current name, as written and folded', () => {
    for (const province of PROVINCES) {
      expect(matchProvince(province.name)).toBe(province);
      expect(matchProvince(province.id.replaceAll('-', ' '))).toBe(province);
      expect(matchProvince(province.name.toUpperCase())).toBe(province);
    }
  });

  it('maps every former name to the province it is now part of', () => {
    for (const province of PROVINCES) {
      for (const former of province.former) expect(matchProvince(former)).toBe(province);
    }
  });

  it.each([
    ['Bắc Kạn', 'thai-nguyen'],
    ['bac kan', 'thai-nguyen'],
    ['Bắc Cạn', 'thai-nguyen'],
    ['Hà Giang', 'tuyen-quang'],
    ['Yên Bái', 'lao-cai'],
    ['binh duong', 'ho-chi-minh'],
    ['Bà Rịa - Vũng Tàu', 'ho-chi-minh'],
    ['Ba Ria Vung Tau', 'ho-chi-minh'],
    ['Bà Rịa–Vũng Tàu', 'ho-chi-minh'],
    ['Thừa Thiên Huế', 'hue'],
    ['Thua Thien - Hue', 'hue'],
    ['Quảng Nam', 'da-nang'],
    ['Kon Tum', 'quang-ngai'],
    ['Kontum', 'quang-ngai'],
    ['Hòa Bình', 'phu-tho'],
    ['Hoà Bình', 'phu-tho'],
    ['Đăk Nông', 'lam-dong'],
    ['Dak Lak', 'dak-lak'],
    ['Daklak', 'dak-lak'],
  ])('matches %j to %s', (input, id) => {
    expect(idOf(input)).toBe(id);
  });

  it.each([
    'Hồ Chí Minh',
    'ho chi minh',
    'Thành phố Hồ Chí Minh',
    'thanh pho ho chi minh',
    'TP. Hồ Chí Minh',
    'TP.HCM',
    'Tp HCM',
    'tp hcm',
    'TPHCM',
    'T.P HCM',
    'HCM',
    'hcm',
    'HCMC',
    'Ho Chi Minh City',
    'Sài Gòn',
    'Saigon',
    'SAI GON',
    'ho-chi-minh',
    'BRVT',
  ])('matches %j to Hồ Chí Minh', (input) => {
    expect(idOf(input)).toBe('ho-chi-minh');
  });

  it.each([
    ['Tỉnh Thái Nguyên', 'thai-nguyen'],
    ['tinh thai nguyen', 'thai-nguyen'],
    ['  THÁI   NGUYÊN  ', 'thai-nguyen'],
    ['Thai Nguyen province', 'thai-nguyen'],
    ['Tỉnh Bắc Kạn', 'thai-nguyen'],
    ['Thành phố Hà Nội', 'ha-noi'],
    ['Hanoi', 'ha-noi'],
    ['TP Đà Nẵng', 'da-nang'],
    ['Da Nang City', 'da-nang'],
    ['Thành phố Huế', 'hue'],
    ['Cần Thơ', 'can-tho'],
    ['Thanh Hóa', 'thanh-hoa'],
    ['Tiền Giang', 'dong-thap'],
    ['Tây Ninh', 'tay-ninh'],
  ])('matches %j with its prefix, suffix or spacing to %s', (input, id) => {
    expect(idOf(input)).toBe(id);
  });

  it('matches a prefix or a suffix alone to nothing', () => {
    for (const affix of ['tinh', 'Thành phố', 'tp', 'TP.', 'city', 'province', 'tp city']) {
      expect(matchProvince(affix)).toBeNull();
    }
  });

  it.each(['', '   ', 'Thái', 'Nguyên', 'Hà', 'Paris', 'Vientiane', 'Bắc', 'tỉnh', '---', 'Thái Nguyên Hà Nội'])(
    'returns null for %j',
    (input) => {
      expect(matchProvince(input)).toBeNull();
    },
  );
});

describe('findProvinceById', () => {
  it('finds by exact id only', () => {
    expect(findProvinceById('thai-nguyen')?.name).toBe('Thái Nguyên');
    expect(findProvinceById('ho-chi-minh')?.name).toBe('Hồ Chí Minh');
    expect(findProvinceById('Thái Nguyên')).toBeNull();
    expect(findProvinceById('bac-kan')).toBeNull();
  });
});

describe('placeWithProvince', () => {
  it('adds the province a pickup point leaves out', () => {
    expect(placeWithProvince('Xóm 3, xã Phú Lương', 'thai-nguyen')).toBe('Xóm 3, xã Phú Lương, Thái Nguyên');
    expect(placeWithProvince('Xóm 3, xã Phú Lương.', 'thai-nguyen')).toBe('Xóm 3, xã Phú Lương, Thái Nguyên');
  });

  it('does not repeat a province already named, in any spelling or by its former name', () => {
    expect(placeWithProvince('Thôn Kim Sơn, xã Lục Ngạn, Bắc Ninh', 'bac-ninh')).toBe(
      'Thôn Kim Sơn, xã Lục Ngạn, Bắc Ninh',
    );
    expect(placeWithProvince('Thon Kim Son, Luc Ngan, bac ninh', 'bac-ninh')).toBe('Thon Kim Son, Luc Ngan, bac ninh');
    expect(placeWithProvince('Xã Lục Ngạn, Bắc Giang', 'bac-ninh')).toBe('Xã Lục Ngạn, Bắc Giang');
  });

  it('leaves the words as they are for an unknown province', () => {
    expect(placeWithProvince('Xóm 3', 'atlantis')).toBe('Xóm 3');
  });
});
