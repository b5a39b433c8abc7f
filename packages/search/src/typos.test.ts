import { describe, expect, it } from 'vitest';
import {
  addShortCorrections,
  allowedTypos,
  editDistance,
  MAX_CORRECTIONS,
  mayCorrectShort,
  pickCorrections,
  shortTypoCandidates,
} from './typos.ts';

describe('editDistance', () => {
  it.each([
    ['nguyen', 'nguyen', 0],
    ['nguen', 'nguyen', 1],
    ['nguyenn', 'nguyen', 1],
    ['ngyuen', 'nguyen', 1],
    ['xnah', 'xanh', 1],
    ['nguoi', 'nguyen', 3],
    ['', 'abc', 3],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('allowedTypos', () => {
  it('allows none under 5 letters, one from 5, two from 9', () => {
    expect(allowedTypos('chè')).toBe(0);
    expect(allowedTypos('xoai')).toBe(0);
    expect(allowedTypos('nguen')).toBe(1);
    expect(allowedTypos('robustaa')).toBe(1);
    expect(allowedTypos('sapochexx')).toBe(2);
  });
});

describe('pickCorrections', () => {
  it('keeps candidates within the allowed distance, closest first, a few per word', () => {
    const corrections = pickCorrections([
      { word: 'nguen', term: 'nguyen' },
      { word: 'nguen', term: 'nguon' },
      { word: 'nguen', term: 'nguyenlieu' },
      { word: 'rieeng', term: 'rieng' },
      { word: 'xoaii', term: 'xoai' },
    ]);
    expect(corrections.get('nguen')).toEqual(['nguyen', 'nguon']);
    expect(corrections.get('rieeng')).toEqual(['rieng']);
    expect(corrections.get('xoaii')).toEqual(['xoai']);
  });

  it('keeps no more than MAX_CORRECTIONS per word', () => {
    const candidates = ['bcdef', 'acdef', 'abdef', 'abcef', 'abcdf'].map((term) => ({ word: 'abcdef', term }));
    expect(pickCorrections(candidates).get('abcdef')).toHaveLength(MAX_CORRECTIONS);
  });
});

describe('short syllables', () => {
  it('offer one swap of neighbours or one changed letter, swaps first, never the word itself', () => {
    const candidates = shortTypoCandidates('ogn');
    expect(candidates.slice(0, 2)).toEqual(['gon', 'ong']);
    expect(candidates).toContain('ogt');
    expect(candidates).not.toContain('ogn');
    expect(candidates).not.toContain('on');
    expect(new Set(candidates).size).toBe(candidates.length);
    expect(shortTypoCandidates('mta')).toContain('mat');
  });

  it('are corrected only in a query of several words whose other words the index holds', () => {
    const known = new Set(['mat', 'ong', 'bac', 'ha']);
    expect(mayCorrectShort(['mat', 'ogn'], 1, known)).toBe(true);
    expect(mayCorrectShort(['mta', 'ong'], 0, known)).toBe(true);
    expect(mayCorrectShort(['ogn'], 0, known)).toBe(false);
    expect(mayCorrectShort(['mta', 'ogn'], 1, known)).toBe(false);
    expect(mayCorrectShort(['mat', 'ong'], 1, known)).toBe(false);
    expect(mayCorrectShort(['mat', 'og'], 1, known)).toBe(false);
    expect(mayCorrectShort(['mat', 'ongxx'], 1, known)).toBe(false);
  });

  it('keep the held candidates in candidate order, a few at most', () => {
    const known = new Set(['mat']);
    const held = new Set(['ong', 'gon', 'xyz']);
    const corrections = addShortCorrections(new Map(), ['mat', 'ogn'], known, held);
    expect(corrections.get('ogn')).toEqual(['gon', 'ong']);
    expect(addShortCorrections(new Map(), ['ogn'], known, held).size).toBe(0);
    const many = addShortCorrections(new Map(), ['mat', 'abc'], known, new Set(shortTypoCandidates('abc')));
    expect(many.get('abc')).toHaveLength(MAX_CORRECTIONS);
  });
});
