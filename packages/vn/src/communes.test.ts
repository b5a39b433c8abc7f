import { describe, expect, it } from 'vitest';
import data from '../data/communes-2025.json' with { type: 'json' };
import {
  COMMUNE_COUNTS,
  COMMUNES,
  type CommuneMatch,
  findCommuneByCode,
  provinceOfCommune,
  searchCommunes,
} from './communes.ts';
import { PROVINCES } from './provinces.ts';

/** "Xã La Bằng (thai-nguyen)", with "← Xã Tiên Hội" when found by a former name. */
const described = (matches: CommuneMatch[]) =>
  matches.map(
    (m) =>
      `${m.commune.name} (${m.commune.provinceId})${m.former ? ` ← ${m.former.name}${m.former.isWhole ? '' : ' (part)'}` : ''}`,
  );
const codes = (matches: CommuneMatch[]) => matches.map((m) => m.commune.code);

describe('COMMUNES', () => {
  it("matches the data file's counts: 34 provinces, 3,321 units (2,621 xã, 687 phường, 13 đặc khu)", () => {
    expect(data.counts).toEqual({ provinces: 34, communes: 3321, xa: 2621, phuong: 687, dac_khu: 13 });
    expect(COMMUNE_COUNTS).toEqual(data.counts);
    expect(data.provinces).toHaveLength(COMMUNE_COUNTS.provinces);
    expect(COMMUNES).toHaveLength(COMMUNE_COUNTS.communes);
    for (const kind of ['xa', 'phuong', 'dac_khu'] as const) {
      expect(COMMUNES.filter((c) => c.kind === kind)).toHaveLength(COMMUNE_COUNTS[kind]);
    }
  });

  it('gives every one of the 34 provinces its communes, each code once and five digits long', () => {
    expect(new Set(COMMUNES.map((c) => c.provinceId))).toEqual(new Set(PROVINCES.map((p) => p.id)));
    expect(new Set(COMMUNES.map((c) => c.code)).size).toBe(COMMUNES.length);
    for (const commune of COMMUNES) expect(commune.code).toMatch(/^\d{5}$/);
  });

  it('keeps what each unit absorbed, and whether wholly', () => {
    const laBang = findCommuneByCode('05818');
    expect(laBang).toMatchObject({ name: 'Xã La Bằng', kind: 'xa', provinceId: 'thai-nguyen' });
    expect(laBang?.former.map((f) => f.name)).toEqual(['Xã Tiên Hội', 'Xã La Bằng', 'Xã Hoàng Nông']);
    expect(findCommuneByCode('00004')?.former.find((f) => f.code === '00016')).toEqual({
      code: '00016',
      name: 'Phường Ngọc Hà',
      isWhole: false,
    });
    expect(provinceOfCommune(laBang ?? COMMUNES[0]!).name).toBe('Thái Nguyên');
  });

  it('finds a unit by its current code only', () => {
    expect(findCommuneByCode('05443')?.name).toBe('Phường Phan Đình Phùng');
    expect(findCommuneByCode('99999')).toBeNull();
    expect(findCommuneByCode('5443')).toBeNull();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(COMMUNES)).toBe(true);
    expect(Object.isFrozen(COMMUNES[0])).toBe(true);
    expect(Object.isFrozen(COMMUNES[0]?.former)).toBe(true);
  });
});

describe('searchCommunes: folding', () => {
  it('finds a name typed without diacritics, in any case or spacing', () => {
    for (const query of ['phan dinh phung', 'PHAN DINH PHUNG', '  Phan   Đình  Phùng ', 'Phan Đình Phùng']) {
      expect(searchCommunes(query)[0]?.commune.code, query).toBe('05443');
    }
  });

  it('finds a name cut short while typing, from any of its words, or run together', () => {
    expect(searchCommunes('phan dinh ph')[0]?.commune.name).toBe('Phường Phan Đình Phùng');
    expect(codes(searchCommunes('dinh phung'))).toContain('05443');
    expect(searchCommunes('dakmil')[0]?.commune.name).toBe('Xã Đắk Mil');
  });

  it('puts exact names first, then names that start with the words', () => {
    const found = searchCommunes('la bang');
    expect(found[0]?.commune.name).toBe('Xã La Bằng');
    expect(found[0]?.former).toBeNull();
  });

  it('prefers the unit whose diacritics fit what was typed among names that fold alike', () => {
    // "Hòa Bình" and "Hoà Bình" fold alike, as do Hoa/Hòa/Hóa: typed with marks, they lead.
    const typed = searchCommunes('Hóa');
    expect(typed[0]?.commune.name.toLowerCase()).toContain('hóa');
  });

  it('answers nothing to nothing, and limits the answer', () => {
    expect(searchCommunes('')).toEqual([]);
    expect(searchCommunes(' ,. ')).toEqual([]);
    expect(searchCommunes('qqqzzz')).toEqual([]);
    expect(searchCommunes('x')).toHaveLength(10);
    expect(searchCommunes('x', { limit: 3 })).toHaveLength(3);
  });
});

describe('searchCommunes: kind words and abbreviations', () => {
  it.each([
    'p phan đình phùng',
    'P. Phan Đình Phùng',
    'p.phan dinh phung',
    'phường phan đình phùng',
    'Phuong Phan Dinh Phung',
  ])('%s → Phường Phan Đình Phùng', (query) => {
    expect(searchCommunes(query)[0]?.commune.code).toBe('05443');
  });

  it('applies the kind: x/xã finds no phường of that name', () => {
    expect(searchCommunes('x phan dinh phung')).toEqual([]);
    expect(searchCommunes('xã la bằng')[0]?.commune.code).toBe('05818');
    expect(searchCommunes('x la bang')[0]?.commune.code).toBe('05818');
  });

  it('reads đk/đặc khu and tt/thị trấn (a former kind)', () => {
    expect(searchCommunes('đk phú quốc')[0]?.commune.name).toBe('Đặc khu Phú Quốc');
    expect(searchCommunes('dac khu con dao')[0]?.commune.name).toBe('Đặc khu Côn Đảo');
    const townName = described(searchCommunes('tt hung son'));
    expect(townName).toContain('Xã Đại Phúc (thai-nguyen) ← Thị trấn Hùng Sơn');
    expect(searchCommunes('tt hung son').every((m) => m.former?.name.startsWith('Thị trấn'))).toBe(true);
  });

  it('reads a leading kind word as part of the name too: "xa phien" is Xã Xà Phiên', () => {
    expect(searchCommunes('xa phien')[0]?.commune.name).toBe('Xã Xà Phiên');
  });
});

describe('searchCommunes: former names', () => {
  it('finds the unit that absorbed a former commune', () => {
    expect(described(searchCommunes('xã Tiên Hội'))).toEqual(['Xã La Bằng (thai-nguyen) ← Xã Tiên Hội']);
    expect(described(searchCommunes('tien hoi'))).toEqual(['Xã La Bằng (thai-nguyen) ← Xã Tiên Hội']);
  });

  it('ranks a unit found by its own name before one found by a former name', () => {
    const found = searchCommunes('phan dinh phung');
    expect(found[0]?.former).toBeNull();
    expect(described(found).slice(1)).toContain('Phường Mỹ Hào (hung-yen) ← Phường Phan Đình Phùng');
  });

  it('offers each unit a split former commune went into', () => {
    // Phường Kim Mã (Hà Nội) went in parts into Ba Đình, Ngọc Hà and Giảng Võ.
    expect(described(searchCommunes('phuong kim ma'))).toEqual([
      'Phường Ba Đình (ha-noi) ← Phường Kim Mã (part)',
      'Phường Giảng Võ (ha-noi) ← Phường Kim Mã (part)',
      'Phường Ngọc Hà (ha-noi) ← Phường Kim Mã (part)',
    ]);
    // Phường Ngọc Hà was split too: the unit of that name first, then the others it went into.
    const ngocHa = described(searchCommunes('ngoc ha', { provinceId: 'ha-noi' }));
    expect(ngocHa[0]).toBe('Phường Ngọc Hà (ha-noi)');
    expect(ngocHa).toContain('Phường Ba Đình (ha-noi) ← Phường Ngọc Hà (part)');
  });
});

describe('searchCommunes: provinces', () => {
  it('filters by province', () => {
    const all = searchCommunes('hoa binh', { limit: 50 });
    const inCaMau = searchCommunes('hoa binh', { provinceId: 'ca-mau', limit: 50 });
    expect(inCaMau.length).toBeGreaterThan(0);
    expect(inCaMau.length).toBeLessThan(all.length);
    expect(inCaMau.every((m) => m.commune.provinceId === 'ca-mau')).toBe(true);
    expect(searchCommunes('la bang', { provinceId: 'ha-noi' })).toEqual([]);
  });

  it('reads a province, current or former, after a comma or at the end', () => {
    expect(codes(searchCommunes('Tiên Hội, Đại Từ, Thái Nguyên'))).toEqual(['05818']);
    expect(codes(searchCommunes('tien hoi, bac kan'))).toEqual(['05818']);
    expect(codes(searchCommunes('tien hoi thai nguyen'))).toEqual(['05818']);
    const hoaBinhCaMau = searchCommunes('hoa binh ca mau');
    expect(hoaBinhCaMau.length).toBeGreaterThan(0);
    expect(hoaBinhCaMau.every((m) => m.commune.provinceId === 'ca-mau')).toBe(true);
  });
});
