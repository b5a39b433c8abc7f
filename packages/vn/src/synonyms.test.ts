import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNONYM_LIMIT, expandSynonyms, ONE_WAY_SYNONYMS, SYNONYM_GROUPS, synonymsFor } from './synonyms.ts';
import { foldVietnamese } from './text.ts';

const fold = foldVietnamese;

describe('SYNONYM_GROUPS', () => {
  it('has at least 15 groups of two or more names', () => {
    expect(SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(15);
    for (const group of SYNONYM_GROUPS) expect(group.length).toBeGreaterThanOrEqual(2);
  });

  it('lists every folded name once across groups and one-way entries', () => {
    const names = [...SYNONYM_GROUPS.flat(), ...ONE_WAY_SYNONYMS.map((s) => s.term)].map(fold);
    const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
    expect(duplicates).toEqual([]);
  });

  it('contains the regional pairs the product asks for', () => {
    const pairs = [
      ['chè', 'trà'],
      ['ngô', 'bắp'],
      ['lạc', 'đậu phộng'],
      ['dứa', 'khóm'],
      ['na', 'mãng cầu'],
      ['mướp đắng', 'khổ qua'],
      ['vừng', 'mè'],
      ['hoa quả', 'trái cây'],
      ['quả', 'trái'],
      ['bí đỏ', 'bí rợ'],
      ['rau mùi', 'ngò rí'],
      ['hành lá', 'hành hoa'],
      ['thóc', 'lúa'],
      ['thịt lợn', 'thịt heo'],
      ['mì chính', 'bột ngọt'],
      ['đỗ xanh', 'đậu xanh'],
    ];
    for (const [a, b] of pairs) {
      expect(SYNONYM_GROUPS.some((g) => g.includes(a ?? '') && g.includes(b ?? ''))).toBe(true);
    }
  });
});

describe.each(SYNONYM_GROUPS.map((group) => [group.join(' / '), group] as const))('group %s', (_, group) => {
  it('maps each name to every other name of the group, folded', () => {
    for (const term of group) {
      const others = group.filter((other) => other !== term).map(fold);
      expect(synonymsFor(fold(term)).sort()).toEqual([...others].sort());
    }
  });

  it('expands a query made of one name into each other name', () => {
    for (const term of group) {
      const others = group.filter((other) => other !== term).map(fold);
      expect(expandSynonyms(fold(term)).sort()).toEqual([...others].sort());
    }
  });

  it('replaces a name inside a longer query', () => {
    const [first, second] = group;
    expect(expandSynonyms(`mua ${fold(first ?? '')} sach`)).toContain(`mua ${fold(second ?? '')} sach`);
  });
});

describe('ONE_WAY_SYNONYMS', () => {
  it.each(ONE_WAY_SYNONYMS.map((s) => [s.term, s] as const))('%s expands only as listed', (_, entry) => {
    expect(entry.why.length).toBeGreaterThan(0);
    expect(synonymsFor(fold(entry.term))).toEqual(entry.alternatives.map(fold));
    expect(expandSynonyms(fold(entry.term))).toEqual(entry.alternatives.map(fold));
  });

  it('does not expand back: roi does not bring the northern plum, heo not every "lớn"', () => {
    expect(synonymsFor('man')).toEqual(['roi']);
    expect(synonymsFor('roi')).toEqual([]);
    expect(synonymsFor('lon')).toEqual(['heo']);
    expect(synonymsFor('heo')).toEqual([]);
    expect(synonymsFor('khoai mi')).toEqual([]);
  });

  it('keeps the words of other products as they are', () => {
    expect(expandSynonyms('bap cai')).toEqual([]);
    expect(expandSynonyms('bap cai tim da lat')).toEqual([]);
    expect(expandSynonyms('bot san day')).toEqual([]);
    expect(expandSynonyms('mang cau xiem')).toEqual([]);
    expect(expandSynonyms('ca tra fillet')).toEqual([]);
    expect(expandSynonyms('mat ong trang trai')).toEqual([]);
  });
});

describe('synonymsFor', () => {
  it('folds and normalises its input', () => {
    expect(synonymsFor('Lạc')).toEqual(['dau phong', 'dau phung']);
    expect(synonymsFor('  DAU   phong ')).toEqual(['lac', 'dau phung']);
  });

  it('returns nothing for a name it does not know or a name inside a longer phrase', () => {
    expect(synonymsFor('xoai')).toEqual([]);
    expect(synonymsFor('hat lac')).toEqual([]);
    expect(synonymsFor('')).toEqual([]);
  });

  it('returns a copy the caller may change', () => {
    synonymsFor('che').push('coffee');
    expect(synonymsFor('che')).toEqual(['tra']);
  });
});

describe('expandSynonyms', () => {
  it('swaps a regional name and keeps the rest of the query', () => {
    expect(expandSynonyms('che thai nguyen')).toEqual(['tra thai nguyen']);
    expect(expandSynonyms('dau phong rang muoi')).toEqual(['lac rang muoi', 'dau phung rang muoi']);
  });

  it('folds a query given with diacritics', () => {
    expect(expandSynonyms('Chè Thái Nguyên')).toEqual(['tra thai nguyen']);
  });

  it('matches whole words only', () => {
    expect(expandSynonyms('ngon')).toEqual([]);
    expect(expandSynonyms('chen')).toEqual([]);
    expect(expandSynonyms('nhanh')).toEqual([]);
    expect(expandSynonyms('qua')).toEqual(['trai']);
  });

  it('prefers the longest name: a phrase is not split into its words', () => {
    expect(expandSynonyms('hoa qua sach')).toEqual(['trai cay sach']);
    expect(expandSynonyms('kho qua rung')).toEqual(['muop dang rung']);
    expect(expandSynonyms('bi ngo ho lo')).toEqual(['bi do ho lo', 'bi ro ho lo']);
    expect(expandSynonyms('ca qua dong')).toEqual(['ca chuoi dong', 'ca loc dong']);
    expect(expandSynonyms('trai thom')).toEqual(['dua', 'khom']);
    expect(expandSynonyms('trung vit lon')).toEqual(['hot vit lon']);
  });

  it('keeps punctuation and separators around the names', () => {
    expect(expandSynonyms('ngo, lac')).toEqual([
      'bap, lac',
      'ngo, dau phong',
      'ngo, dau phung',
      'bap, dau phong',
      'bap, dau phung',
    ]);
    expect(expandSynonyms('sa-po-che')).toEqual(['hong xiem', 'sapoche']);
  });

  it('lists alternatives with one name swapped before those with more', () => {
    const alternatives = expandSynonyms('qua na va che');
    expect(alternatives.slice(0, 5)).toEqual([
      'trai na va che',
      'qua mang cau va che',
      'qua mang cau ta va che',
      'qua na va tra',
      'trai mang cau va che',
    ]);
    expect(alternatives).toHaveLength(DEFAULT_SYNONYM_LIMIT);
  });

  it('returns at most `limit` alternatives', () => {
    expect(expandSynonyms('qua na va che', 3)).toHaveLength(3);
    expect(expandSynonyms('qua na va che', 0)).toEqual([]);
    // 2 × 3 × 2 combinations, minus the query itself.
    expect(expandSynonyms('qua na va che', 100)).toHaveLength(11);
  });

  it('returns nothing for a query without regional names', () => {
    expect(expandSynonyms('xoai cat hoa loc')).toEqual([]);
    expect(expandSynonyms('')).toEqual([]);
  });
});
