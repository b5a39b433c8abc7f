import { CATEGORY_IDS } from '@nongsan/contracts';
import { ENGLISH_TERMS, englishForms, foldVietnamese } from '@nongsan/vn';
import { describe, expect, it } from 'vitest';
import { DEMO_LISTINGS } from '../../db/src/seed-catalogue.data.ts';

// packages/vn's English term list against the catalogue (packages/contracts) and the listings real
// growers wrote (the demo catalogue, db/src/seed-catalogue.data.ts).
const words = (text: string) => foldVietnamese(text).match(/[\p{L}\p{N}]+/gu) ?? [];
const hasPhrase = (text: string, phrase: string) =>
  ` ${words(text).join(' ')} `.includes(` ${words(phrase).join(' ')} `);

describe('ENGLISH_TERMS and the catalogue', () => {
  it('files every product under a category of the catalogue', () => {
    const strays = ENGLISH_TERMS.filter((entry) => !(CATEGORY_IDS as readonly string[]).includes(entry.category));
    expect(strays.map((entry) => `${entry.en}: ${entry.category}`)).toEqual([]);
  });

  it('reaches every demo listing from English: some Vietnamese name of the list is in its title', () => {
    const unreached = DEMO_LISTINGS.filter(
      (listing) => !ENGLISH_TERMS.some((entry) => entry.vi.some((name) => hasPhrase(listing.title, name))),
    );
    expect(unreached.map((listing) => listing.title)).toEqual([]);
  });

  it('names each demo listing under the category the listing is sold in, for at least one entry', () => {
    const misfiled = DEMO_LISTINGS.filter(
      (listing) =>
        !ENGLISH_TERMS.some(
          (entry) => entry.category === listing.category && entry.vi.some((name) => hasPhrase(listing.title, name)),
        ),
    );
    expect(misfiled.map((listing) => `${listing.title} (${listing.category})`)).toEqual([]);
  });

  it('has no one-word English name that growers write as a Vietnamese word', () => {
    const vocabulary = new Set(DEMO_LISTINGS.flatMap((l) => [...words(l.title), ...words(l.description)]));
    const clashes = ENGLISH_TERMS.flatMap((entry) => englishForms(entry.en)).filter(
      (form) => !form.includes(' ') && vocabulary.has(form),
    );
    expect(clashes).toEqual([]);
  });
});
