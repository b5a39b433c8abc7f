import type { SearchDocument } from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import { analyseQuery, distanceKm, documentText, foldedWords, markedWords, markKey, roundKm } from './search-text.ts';

const doc: SearchDocument = {
  id: 'lst_1',
  title: 'Đường phèn – loại 1 (500g)',
  description: 'Nấu từ mía Quảng Ngãi.',
  category: 'dried',
  categoryName: 'Đồ khô',
  unit: 'pack_500g',
  priceVnd: 45_000,
  sellerId: 'sel_1',
  sellerName: 'Cơ sở Út Hiền',
  sellerKind: 'farmer',
  provinceId: 'vinh-long',
  provinceName: 'Vĩnh Long',
  certifications: [],
  inStock: true,
  status: 'active',
  location: null,
  createdAt: '2026-10-01T00:00:00.000Z',
};

describe('foldedWords', () => {
  it('splits folded text into runs of letters and digits', () => {
    expect(foldedWords('Chè Thái-Nguyên, 45.000đ/kg')).toEqual(['che', 'thai', 'nguyen', '45', '000d', 'kg']);
    expect(foldedWords('  ')).toEqual([]);
  });
});

describe('markedWords', () => {
  it('keeps the words written with diacritics, lower-cased in NFC, once each', () => {
    expect(markedWords('Đường phèn ĐƯỜNG loại 1 mía')).toEqual(['đường', 'phèn', 'loại', 'mía']);
  });

  it('reads decomposed (NFD) text as its composed form', () => {
    expect(markedWords('Đường'.normalize('NFD'))).toEqual(['đường']);
  });
});

describe('markKey', () => {
  it('tells apart words that fold to the same letters', () => {
    expect(markKey('đường')).not.toBe(markKey('dương'));
    expect(markKey('Đường')).toBe(markKey('đường'.normalize('NFD')));
    expect(markKey('đường')).toMatch(/^[0-9a-f]+$/);
  });
});

describe('documentText', () => {
  it('folds the title, and the body from title, category, description, unit, seller and province', () => {
    const text = documentText(doc);
    expect(text.titleFolded).toBe('duong phen loai 1 500g');
    expect(text.bodyFolded).toBe(
      'duong phen loai 1 500g do kho dried goods nau tu mia quang ngai goi 500 g 500 g pack co so ut hien vinh long',
    );
    expect(text.titleMarks).toEqual(['đường', 'phèn', 'loại']);
    expect(text.terms).toContain('mia');
    expect(new Set(text.terms).size).toBe(text.terms.length);
  });

  it('weighs each word by where it is: title, category names (both languages), own text, seller and place', () => {
    const text = documentText(doc);
    expect(text.weighted.A).toEqual(['duong', 'phen', 'loai', '1', '500g']);
    expect(text.weighted.B).toEqual(['do', 'kho', 'dried', 'goods']);
    expect(text.weighted.C).toEqual(['nau', 'tu', 'mia', 'quang', 'ngai', 'goi', '500', 'g', 'pack']);
    expect(text.weighted.D).toEqual(['co', 'so', 'ut', 'hien', 'vinh', 'long']);
    expect(text.categoryNames).toBe('Đồ khô Dried goods');
    expect(text.unitNames).toBe('gói 500 g 500 g pack');
    expect(text.aboutTerms).toEqual(['duong', 'phen', 'loai', '1', '500g', 'do', 'kho', 'dried', 'goods']);
  });

  it('leaves out the province’s former names ("Trà Vinh" would make every Vĩnh Long listing a hit for "trà")', () => {
    expect(documentText(doc).terms).not.toContain('tra');
  });
});

describe('analyseQuery', () => {
  it('folds the words, keeps the marked ones and expands synonyms', () => {
    expect(analyseQuery('Chè  Thái Nguyên')).toEqual({
      words: ['che', 'thai', 'nguyen'],
      folded: 'che thai nguyen',
      marked: ['chè', 'thái', 'nguyên'],
      alternatives: [['tra', 'thai', 'nguyen']],
    });
  });

  it('has nothing to match for an empty or punctuation-only query', () => {
    expect(analyseQuery(undefined).words).toEqual([]);
    expect(analyseQuery(' ?! ')).toEqual({ words: [], folded: '', marked: [], alternatives: [] });
  });

  it('keeps at most eight words', () => {
    expect(analyseQuery('a b c d e f g h i j').words).toHaveLength(8);
  });
});

describe('distanceKm', () => {
  it('measures Thái Nguyên to Hà Nội as about 63 km', () => {
    const km = distanceKm({ lat: 21.5942, lng: 105.8482 }, { lat: 21.0285, lng: 105.8542 });
    expect(km).toBeGreaterThan(62.5);
    expect(km).toBeLessThan(63.5);
    expect(distanceKm({ lat: 10, lng: 106 }, { lat: 10, lng: 106 })).toBe(0);
  });

  it('rounds to 10 m', () => {
    expect(roundKm(8.41678)).toBe(8.42);
  });
});
