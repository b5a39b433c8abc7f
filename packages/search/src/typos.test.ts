import { describe, expect, it } from 'vitest';
import { allowedTypos, editDistance, MAX_CORRECTIONS, pickCorrections } from './typos.ts';

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
