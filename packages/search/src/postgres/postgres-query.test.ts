import { describe, expect, it } from 'vitest';
import { anyWordQuery, matchQuery, typedQuery } from './postgres-query.ts';

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
