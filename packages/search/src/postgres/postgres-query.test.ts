import { describe, expect, it } from 'vitest';
import {
  aboutQuery,
  anyWordQuery,
  inFields,
  matchQuery,
  plainVector,
  typedQuery,
  weightedVector,
} from './postgres-query.ts';

const none = new Map<string, string[]>();

describe('matchQuery', () => {
  it('requires every word, the last as a prefix only when asked', () => {
    expect(matchQuery({ words: ['xoai', 'ca'], alternatives: [], corrections: none, lastIsPrefix: true })).toBe(
      '(xoai & ca:*)',
    );
    expect(matchQuery({ words: ['gao'], alternatives: [], corrections: none, lastIsPrefix: false })).toBe('(gao)');
  });

  it('accepts a typo correction in place of a word', () => {
    const corrections = new Map([['nguen', ['nguyen', 'nguon']]]);
    expect(matchQuery({ words: ['che', 'nguen'], alternatives: [], corrections, lastIsPrefix: true })).toBe(
      '(che & (nguen:* | nguyen | nguon))',
    );
  });

  it('accepts each synonym alternative whole, never as a prefix', () => {
    expect(
      matchQuery({ words: ['che', 'thai'], alternatives: [['tra', 'thai']], corrections: none, lastIsPrefix: true }),
    ).toBe('(che & thai:*) | (tra & thai)');
  });
});

describe('typedQuery', () => {
  it('is every word exactly as typed', () => {
    expect(typedQuery(['duong', 'phen'])).toBe('duong & phen');
  });
});

describe('anyWordQuery', () => {
  it('is any one word, correction, prefix or synonym word, each once', () => {
    const corrections = new Map([['nguen', ['nguyen']]]);
    expect(
      anyWordQuery({ words: ['che', 'nguen'], alternatives: [['tra', 'nguen']], corrections, lastIsPrefix: true }),
    ).toBe('che | nguen:* | nguyen | tra | nguen');
  });

  it('is null for one word (with one-word synonyms): the title match already tests it', () => {
    expect(
      anyWordQuery({ words: ['che'], alternatives: [['tra']], corrections: none, lastIsPrefix: false }),
    ).toBeNull();
    expect(
      anyWordQuery({ words: ['lac'], alternatives: [['dau', 'phong']], corrections: none, lastIsPrefix: false }),
    ).toBe('lac | dau | phong');
  });
});

describe('weightedVector', () => {
  it('holds each word once, with one position per field it is in, weighted by the field', () => {
    expect(weightedVector({ A: ['mat', 'ong'], B: ['mat', 'ong', 'honey'], C: [], D: ['mat', 'meo'] })).toBe(
      "'mat':1A,2B,4D 'ong':1A,2B 'honey':2B 'meo':4D",
    );
    expect(plainVector(['che', 'tan', 'che'])).toBe("'che' 'tan'");
  });
});

describe('inFields', () => {
  it('restricts every term, prefixes included, to the weights', () => {
    expect(inFields('(mat & ong:*) | (honey)', 'AB')).toBe('(mat:AB & ong:*AB) | (honey:AB)');
  });
});

describe('aboutQuery', () => {
  it('is any typed word in the title or the category', () => {
    expect(aboutQuery(['mat', 'ong', 'mat'])).toBe('mat:AB | ong:AB');
  });
});
