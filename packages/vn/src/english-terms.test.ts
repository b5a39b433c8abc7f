import { describe, expect, it } from 'vitest';
import { ENGLISH_TERMS, englishForms } from './english-terms.ts';
import { PROVINCES } from './provinces.ts';
import { expandSynonyms, ONE_WAY_SYNONYMS, SYNONYM_GROUPS } from './synonyms.ts';
import { foldVietnamese } from './text.ts';

const words = (text: string) => foldVietnamese(text).match(/[\p{L}\p{N}]+/gu) ?? [];

// The shape of a Vietnamese syllable, folded: an initial consonant (or none), one to three vowels,
// a final consonant (or none). Loose, but it refuses English ("tea", "rice", "pork") and typos.
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;
/** Syllables growers write that are not of that shape: ethnic-minority and loan words. */
const LOAN_SYLLABLES = new Set(['shan', 'basa', 'atiso']);

describe('ENGLISH_TERMS', () => {
  it('has a few hundred entries, each English name once, lower-case English letters', () => {
    expect(ENGLISH_TERMS.length).toBeGreaterThanOrEqual(250);
    const forms = ENGLISH_TERMS.flatMap((entry) => englishForms(entry.en));
    expect(forms.filter((form, i) => forms.indexOf(form) !== i)).toEqual([]);
    for (const { en } of ENGLISH_TERMS) expect(en).toMatch(/^[a-z]+( [a-z]+)*$/);
  });

  it('names every product in Vietnamese, with Vietnamese syllables', () => {
    for (const entry of ENGLISH_TERMS) {
      expect(entry.vi.length, entry.en).toBeGreaterThan(0);
      for (const name of entry.vi) {
        const strays = words(name).filter((w) => !SYLLABLE.test(w) && !LOAN_SYLLABLES.has(w));
        expect(strays, `${entry.en} → ${name}`).toEqual([]);
      }
    }
  });

  it('uses no English word that is a Vietnamese word too (it would turn Vietnamese queries into English)', () => {
    const vietnamese = new Set([
      ...ENGLISH_TERMS.flatMap((entry) => entry.vi.flatMap(words)),
      ...SYNONYM_GROUPS.flat().flatMap(words),
      ...ONE_WAY_SYNONYMS.flatMap((s) => [s.term, ...s.alternatives]).flatMap(words),
      ...PROVINCES.flatMap((p) => words(p.name)),
    ]);
    // One-word names match alone; a phrase only as a whole ("gac fruit" would be fine).
    const clashes = ENGLISH_TERMS.flatMap((entry) => englishForms(entry.en)).filter(
      (form) => !form.includes(' ') && vietnamese.has(form),
    );
    expect(clashes).toEqual([]);
  });
});

describe('englishForms', () => {
  it.each([
    ['lychee', ['lychee', 'lychees']],
    ['strawberry', ['strawberry', 'strawberries']],
    ['potato', ['potato', 'potatoes', 'potatos']],
    ['tea leaf', ['tea leaf', 'tea leaves']],
    ['fish', ['fish', 'fishes']],
    ['chicken egg', ['chicken egg', 'chicken eggs']],
    ['noodles', ['noodles']],
  ])('%s → %j', (en, forms) => {
    expect(englishForms(en)).toEqual(forms);
  });
});

describe('English queries', () => {
  it('expand to the Vietnamese names, plurals and phrases inside a query included', () => {
    expect(expandSynonyms('honey')).toEqual(['mat ong']);
    expect(expandSynonyms('oranges')).toEqual(['cam', 'cam sanh']);
    expect(expandSynonyms('honey meo vac')).toEqual(['mat ong meo vac']);
    expect(expandSynonyms('black sticky rice')).toEqual(['nep cam', 'gao nep cam']);
  });

  it('leave Vietnamese queries alone', () => {
    expect(expandSynonyms('mat ong bac ha')).toEqual([]);
    expect(expandSynonyms('thit trau gac bep')).toEqual([]);
  });
});
